"""Read-only queries over stored alerts, for the API, the dashboard and reports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.store.models import Alert, Country


def open_alert_codes(session: Session) -> set[str]:
    """Codes of countries with an alert that is not closed (for the map)."""
    query = (
        select(Country.code)
        .join(Alert, Alert.country_id == Country.id)
        .where(Alert.status != "closed")
    )
    return set(session.scalars(query))
