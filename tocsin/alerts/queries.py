"""Read-only queries over stored alerts, for the API, the dashboard and reports."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from tocsin.store.models import Alert, Country
from tocsin.store.pagination import paginate


def open_alert_codes(session: Session) -> set[str]:
    """Codes of countries with an alert that is not closed (for the map)."""
    query = (
        select(Country.code)
        .join(Alert, Alert.country_id == Country.id)
        .where(Alert.status != "closed")
    )
    return set(session.scalars(query))


def alerts(
    session: Session,
    status: str | None = None,
    country: Country | None = None,
    signal: str | None = None,
    limit: int = 50,
    offset: int = 0,
    public_only: bool = False,
) -> tuple[int, Sequence[Row[Alert, Country | None]]]:
    """(alert, country) rows matching the filters, most recently updated first, with the
    total count; ``public_only`` leaves out alerts awaiting a reviewer's confirmation."""
    from tocsin.alerts.submission_cluster import public_clause

    query = select(Alert, Country).outerjoin(Country, Country.id == Alert.country_id)
    if public_only:
        query = query.where(public_clause())
    if status:
        query = query.where(Alert.status == status)
    if country is not None:
        query = query.where(Alert.country_id == country.id)
    if signal:
        query = query.where(Alert.signal == signal)
    order = (Alert.updated_at.desc(), Alert.id.desc())
    return paginate(session, query.order_by(*order), limit, offset)
