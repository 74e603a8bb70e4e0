"""Secure intake of civil-society submissions."""
