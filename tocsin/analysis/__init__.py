"""Analysis services: forecast, events, framework, speech."""
