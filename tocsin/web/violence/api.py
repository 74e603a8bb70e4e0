"""Conflict events and each country's organised violence (yearly deaths, monthly event
series) under /api/v1."""

from __future__ import annotations

from datetime import date

import pandas as pd
from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from tocsin.analysis.events import queries
from tocsin.analysis.events.freshness import events_freshness
from tocsin.analysis.events.series import events_frame, monthly
from tocsin.analysis.events.yearly import country_yearly
from tocsin.store.models import Country, Event
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader
from tocsin.web.deps import CountryInPath, CountryInQuery, get_session
from tocsin.web.errors import Invalid, NotFound
from tocsin.web.violence.schemas import (
    Admin1Month,
    Admin1Series,
    EventId,
    EventOut,
    EventPage,
    MonthPoint,
    Violence,
    YearlyDeaths,
    YearPoint,
)

router = APIRouter()
# UCDP's three kinds of organised violence, violence against civilians first.
YEARLY_MEASURES = ("one-sided", "state-based", "non-state")


def _event_out(event: Event, country: Country) -> EventOut:
    return EventOut(
        id=event.id,
        source=event.source,
        source_id=event.source_id,
        event_date=event.event_date,
        date_precision=event.date_precision,
        country_code=country.code,
        country=country.name,
        admin1=event.admin1,
        latitude=event.latitude,
        longitude=event.longitude,
        category=event.category,
        sub_type=event.sub_type,
        against_civilians=event.against_civilians,
        actor1=event.actor1,
        actor2=event.actor2,
        fatalities_best=event.fatalities_best,
        fatalities_low=event.fatalities_low,
        fatalities_high=event.fatalities_high,
        notes=event.notes,
    )


def _event_or_404(session: Session, event_id: int) -> EventOut:
    row = queries.event(session, event_id)
    if row is None:
        raise NotFound(f"no event {event_id}")
    return _event_out(*row)


@router.get("/api/v1/events", response_model=EventPage, tags=["events"])
def list_events_api(
    place: CountryInQuery,
    start: date | None = Query(None, description="First day (inclusive)."),
    end: date | None = Query(None, description="Last day (inclusive)."),
    against_civilians: bool | None = Query(None),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> EventPage:
    """Conflict events, newest first, filterable by country, dates and violence against
    civilians."""
    total, rows = queries.events(session, place, start, end, against_civilians, limit, offset)
    fresh = events_freshness(session, place)
    return EventPage(
        total=total,
        limit=limit,
        offset=offset,
        items=[_event_out(e, c) for e, c in rows],
        freshness=fresh.text,
        stale=fresh.stale,
    )


@router.get("/api/v1/events/{event_id}", response_model=EventOut, tags=["events"])
def event_api(
    event_id: EventId, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> EventOut:
    """One conflict event."""
    return _event_or_404(session, event_id)


MeasureQuery = Query(
    None,
    max_length=40,
    description=f"Yearly measure(s) to return, any of {', '.join(YEARLY_MEASURES)} "
    "(repeatable; all when omitted).",
)
KindQuery = Query(None, max_length=40, description="Same as ``measure``.")


def _measures(measure: list[str] | None, kind: list[str] | None) -> set[str] | None:
    """The yearly measures asked for (``None``: all); an unknown one is refused, naming
    the allowed values."""
    asked = [*(measure or []), *(kind or [])]
    unknown = sorted(set(asked) - set(YEARLY_MEASURES))
    if unknown:
        raise Invalid(
            f"unknown measure {', '.join(map(repr, unknown))}; allowed: "
            f"{', '.join(YEARLY_MEASURES)}"
        )
    return set(asked) or None


def _yearly(
    session: Session, country: Country, measures: set[str] | None
) -> dict[str, list[YearPoint]]:
    return {
        kind: [YearPoint(year=y, deaths=d) for y, d in points]
        for kind, points in country_yearly(session, country.id).items()
        if measures is None or kind in measures
    }


def _violence(session: Session, country: Country, measures: set[str] | None) -> Violence:
    series = monthly(events_frame(session, country))
    fresh = events_freshness(session, country)
    return Violence(
        country_code=country.code,
        freshness=fresh.text,
        stale=fresh.stale,
        yearly=_yearly(session, country, measures),
        monthly=[MonthPoint.model_validate(r) for r in _month_records(series)],
    )


def _month_records(series: pd.DataFrame) -> list[dict[str, object]]:
    """Rows of a :func:`monthly` frame as plain records, the month as ``YYYY-MM``."""
    return series.assign(month=series["month"].astype(str)).to_dict("records")


@router.get("/api/v1/countries/{code}/violence", response_model=Violence, tags=["countries"])
def violence_api(
    country: CountryInPath,
    measure: list[str] | None = MeasureQuery,
    kind: list[str] | None = KindQuery,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> Violence:
    """UCDP deaths per year by measure (only those asked for), and monthly events (all and
    against civilians) with their freshness."""
    return _violence(session, country, _measures(measure, kind))


@router.get(
    "/api/v1/countries/{code}/violence/yearly", response_model=YearlyDeaths, tags=["countries"]
)
def violence_yearly_api(
    country: CountryInPath,
    measure: list[str] | None = MeasureQuery,
    kind: list[str] | None = KindQuery,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> YearlyDeaths:
    """UCDP deaths per year for the measures asked for (all when none is given); an
    unknown measure is refused (422) with the allowed values."""
    measures = _measures(measure, kind)
    return YearlyDeaths(country_code=country.code, yearly=_yearly(session, country, measures))


@router.get(
    "/api/v1/countries/{code}/violence/admin1",
    response_model=Admin1Series,
    tags=["countries"],
)
def violence_admin1_api(
    country: CountryInPath,
    start: str | None = Query(None, pattern=r"^\d{4}-\d{2}$", description="First month, YYYY-MM."),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> Admin1Series:
    """Monthly events and fatalities per first-level admin unit (violence against
    civilians apart), every month between each unit's first and last event, with the
    events' freshness."""
    frame = events_frame(session, country)
    frame = frame.assign(admin1=frame["admin1"].fillna("(unknown)"))
    series = monthly(frame, by=("admin1",))
    if start:
        series = series[series["month"] >= pd.Period(start, freq="M")]
    fresh = events_freshness(session, country)
    return Admin1Series(
        country_code=country.code,
        freshness=fresh.text,
        stale=fresh.stale,
        items=[Admin1Month.model_validate(r) for r in _month_records(series)],
    )
