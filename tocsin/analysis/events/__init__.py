"""Conflict events: import into the store, and monthly series for the alert signals."""
