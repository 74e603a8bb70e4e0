"""All table definitions. Importing this package registers every table on ``Base.metadata``.

One module per domain; each capability adds its own module here and its own
Alembic migration under ``tocsin/store/migrations/versions``.
"""

from tocsin.store.models.accounts import ApiToken, AuditEntry, User
from tocsin.store.models.alerts import Alert, AlertEvent, AlertEvidence, Delivery, Subscription
from tocsin.store.models.core import Country, Episode, Indicator, PanelValue, Provenance
from tocsin.store.models.events import Event
from tocsin.store.models.forecast import BacktestRun, Forecast, ForecastDriver, ForecastRun

__all__ = [
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
    "PanelValue",
    "Provenance",
    "Subscription",
    "User",
]
