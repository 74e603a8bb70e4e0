"""Tocsin: an open-source atrocity early-warning system."""

__version__ = "0.1.0"
