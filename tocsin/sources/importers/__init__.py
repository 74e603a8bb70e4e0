"""Conflict event importers (one plug-in per published format) and their registry."""

from tocsin.sources.importers.base import IMPORTERS, EventImporter, ImportResult, RowError
from tocsin.sources.importers.formats import AcledImporter, UcdpGedImporter

__all__ = [
    "IMPORTERS",
    "AcledImporter",
    "EventImporter",
    "ImportResult",
    "RowError",
    "UcdpGedImporter",
]
