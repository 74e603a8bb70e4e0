"""Alerts: one engine and one alert model for every warning signal."""
