"""Read-only queries over stored conflict events, for the API and the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from tocsin.store.models import Country, Event
from tocsin.store.pagination import paginate


def events(
    session: Session,
    country: Country | None = None,
    start: date | None = None,
    end: date | None = None,
    against_civilians: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, Sequence[Row[Event, Country]]]:
    """(event, country) rows, newest first, filtered by country, dates (inclusive) and
    violence against civilians; with the total count."""
    query = select(Event, Country).join(Country, Country.id == Event.country_id)
    if country is not None:
        query = query.where(Event.country_id == country.id)
    if start:
        query = query.where(Event.event_date >= start)
    if end:
        query = query.where(Event.event_date <= end)
    if against_civilians is not None:
        query = query.where(Event.against_civilians.is_(against_civilians))
    return paginate(
        session, query.order_by(Event.event_date.desc(), Event.id.desc()), limit, offset
    )


def event(session: Session, event_id: int) -> Row[Event, Country] | None:
    """One (event, country) row by id, or None."""
    query = (
        select(Event, Country)
        .join(Country, Country.id == Event.country_id)
        .where(Event.id == event_id)
    )
    return session.execute(query).first()
