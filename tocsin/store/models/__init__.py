"""All table definitions. Importing this package registers every table on ``Base.metadata``.

One module per domain; each capability adds its own module here and its own
Alembic migration under ``tocsin/store/migrations/versions``.
"""

from tocsin.store.models.accounts import ApiToken, AuditEntry, FailedLoginName, User
from tocsin.store.models.alerts import Alert, AlertEvent, AlertEvidence, Delivery, Subscription
from tocsin.store.models.core import Country, Episode, Indicator, PanelValue, Provenance
from tocsin.store.models.events import Event, YearlyDeath
from tocsin.store.models.evidence import CustodyEntry, CustodyHead, EvidenceCaseItem, EvidenceItem
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

__all__ = [
    "BacktestForecast",
    "IntakeAttachment",
    "CustodyEntry",
    "CustodyHead",
    "EvidenceCaseItem",
    "EvidenceItem",
    "IntakeLink",
    "IntakeMessage",
    "IntakeNote",
    "Submission",
    "Assessment",
    "Document",
    "DocumentSource",
    "Excerpt",
    "Feed",
    "Suggestion",
    "Tag",
    "TaxonomyVersion",
    "Alert",
    "AlertEvent",
    "AlertEvidence",
    "ApiToken",
    "AuditEntry",
    "BacktestRun",
    "Country",
    "Delivery",
    "Episode",
    "Event",
    "Forecast",
    "ForecastDriver",
    "ForecastRun",
    "Indicator",
    "LexiconTerm",
    "PanelValue",
    "Provenance",
    "RabatWorksheet",
    "Report",
    "SpeechImport",
    "SpeechPost",
    "SpeechCorrection",
    "Subscription",
    "User",
    "FailedLoginName",
    "YearlyDeath",
]
