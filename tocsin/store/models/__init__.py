"""All table definitions, one module per domain (each capability adds its own module here
and its own Alembic migration under ``tocsin/store/migrations/versions``).

A class loads with its module on first use: ``from tocsin.store.models import Document``
imports only ``framework``, so a command that reads one domain does not declare all the
tables (about 0.4 s of a list command's start-up). A module imports the modules its
foreign keys point to (``countries`` lives in ``core``), so a table's references are always
registered with it. :func:`load_all` registers every table on ``Base.metadata``, for
Alembic and for anything else that walks the whole schema.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers; at run time a name loads on first use
    from tocsin.store.models.accounts import ApiToken, AuditEntry, FailedLoginName, User
    from tocsin.store.models.alerts import Alert, AlertEvent, AlertEvidence, Delivery, Subscription
    from tocsin.store.models.core import Country, Episode, Indicator, PanelValue, Provenance
    from tocsin.store.models.events import Event, YearlyDeath
    from tocsin.store.models.evidence import (
        CustodyEntry,
        CustodyHead,
        EvidenceCaseItem,
        EvidenceItem,
    )
    from tocsin.store.models.forecast import (
        BacktestForecast,
        BacktestRun,
        Forecast,
        ForecastDriver,
        ForecastRun,
    )
    from tocsin.store.models.framework import (
        Assessment,
        Document,
        DocumentSource,
        Excerpt,
        Feed,
        Suggestion,
        Tag,
        TaxonomyVersion,
    )
    from tocsin.store.models.intake import (
        IntakeAttachment,
        IntakeLink,
        IntakeMessage,
        IntakeNote,
        Submission,
    )
    from tocsin.store.models.reports import Report
    from tocsin.store.models.speech import (
        LexiconTerm,
        RabatWorksheet,
        SpeechCorrection,
        SpeechImport,
        SpeechPost,
    )

HOMES: dict[str, str] = {
    "ApiToken": "accounts",
    "AuditEntry": "accounts",
    "FailedLoginName": "accounts",
    "User": "accounts",
    "Alert": "alerts",
    "AlertEvent": "alerts",
    "AlertEvidence": "alerts",
    "Delivery": "alerts",
    "Subscription": "alerts",
    "Country": "core",
    "Episode": "core",
    "Indicator": "core",
    "PanelValue": "core",
    "Provenance": "core",
    "Event": "events",
    "YearlyDeath": "events",
    "CustodyEntry": "evidence",
    "CustodyHead": "evidence",
    "EvidenceCaseItem": "evidence",
    "EvidenceItem": "evidence",
    "BacktestForecast": "forecast",
    "BacktestRun": "forecast",
    "Forecast": "forecast",
    "ForecastDriver": "forecast",
    "ForecastRun": "forecast",
    "Assessment": "framework",
    "Document": "framework",
    "DocumentSource": "framework",
    "Excerpt": "framework",
    "Feed": "framework",
    "Suggestion": "framework",
    "Tag": "framework",
    "TaxonomyVersion": "framework",
    "IntakeAttachment": "intake",
    "IntakeLink": "intake",
    "IntakeMessage": "intake",
    "IntakeNote": "intake",
    "Submission": "intake",
    "Report": "reports",
    "LexiconTerm": "speech",
    "RabatWorksheet": "speech",
    "SpeechCorrection": "speech",
    "SpeechImport": "speech",
    "SpeechPost": "speech",
}
"""Each class's module under ``tocsin.store.models``."""

__all__ = [
    "Alert",
    "AlertEvent",
    "AlertEvidence",
    "ApiToken",
    "Assessment",
    "AuditEntry",
    "BacktestForecast",
    "BacktestRun",
    "Country",
    "CustodyEntry",
    "CustodyHead",
    "Delivery",
    "Document",
    "DocumentSource",
    "Episode",
    "Event",
    "EvidenceCaseItem",
    "EvidenceItem",
    "Excerpt",
    "FailedLoginName",
    "Feed",
    "Forecast",
    "ForecastDriver",
    "ForecastRun",
    "Indicator",
    "IntakeAttachment",
    "IntakeLink",
    "IntakeMessage",
    "IntakeNote",
    "LexiconTerm",
    "PanelValue",
    "Provenance",
    "RabatWorksheet",
    "Report",
    "SpeechCorrection",
    "SpeechImport",
    "SpeechPost",
    "Submission",
    "Subscription",
    "Suggestion",
    "Tag",
    "TaxonomyVersion",
    "User",
    "YearlyDeath",
]


def __getattr__(name: str) -> Any:
    """Load the module of class NAME on first use (PEP 562)."""
    home = HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def load_all() -> None:
    """Import every model module, registering every table on ``Base.metadata``."""
    for home in sorted(set(HOMES.values())):
        importlib.import_module(f"{__name__}.{home}")
