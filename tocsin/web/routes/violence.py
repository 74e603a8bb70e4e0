"""Organised violence per country: UCDP deaths per year (every kind) and, where event
files are loaded, monthly events and fatalities with violence against civilians apart.
A country-page section with charts, and the same series in the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import pandas as pd
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.alerts.yearly import KIND_LABELS
from tocsin.analysis.events.series import events_frame, monthly
from tocsin.analysis.events.yearly import country_yearly
from tocsin.store.models import Country, Event
from tocsin.store.models.accounts import User
from tocsin.web import charts
from tocsin.web.auth import reader
from tocsin.web.deps import get_session, templates
from tocsin.web.extensions import CountrySection, add_country_section, add_evidence_link
from tocsin.web.routes.dashboard import country_or_404

router = APIRouter()
MONTHS_SHOWN = 24
EventId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="Event id.")]
add_evidence_link("event", "/events/{ref}")


class EventOut(BaseModel):
    """One conflict event in Tocsin's normalised layout."""

    id: int
    source: str
    source_id: str
    event_date: date
    date_precision: int | None
    country_code: str
    country: str
    admin1: str | None
    latitude: float | None
    longitude: float | None
    category: str
    sub_type: str | None
    against_civilians: bool
    actor1: str | None
    actor2: str | None
    fatalities_best: float | None
    fatalities_low: float | None
    fatalities_high: float | None
    notes: str


class EventPage(BaseModel):
    """A page of events."""

    total: int
    limit: int
    offset: int
    items: list[EventOut]


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
    row = session.execute(
        select(Event, Country)
        .join(Country, Country.id == Event.country_id)
        .where(Event.id == event_id)
    ).first()
    if row is None:
        raise HTTPException(404, f"no event {event_id}")
    return _event_out(*row)


@router.get("/api/v1/events", response_model=EventPage, tags=["events"])
def list_events_api(
    country: str | None = Query(None, max_length=100, description="Name or code."),
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
    query = select(Event, Country).join(Country, Country.id == Event.country_id)
    if country:
        query = query.where(Event.country_id == country_or_404(session, country).id)
    if start:
        query = query.where(Event.event_date >= start)
    if end:
        query = query.where(Event.event_date <= end)
    if against_civilians is not None:
        query = query.where(Event.against_civilians.is_(against_civilians))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(Event.event_date.desc(), Event.id.desc()).limit(limit).offset(offset)
    )
    return EventPage(
        total=total, limit=limit, offset=offset, items=[_event_out(e, c) for e, c in rows]
    )


@router.get("/api/v1/events/{event_id}", response_model=EventOut, tags=["events"])
def event_api(
    event_id: EventId, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> EventOut:
    """One conflict event."""
    return _event_or_404(session, event_id)


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(
    event_id: EventId,
    request: Request,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """One conflict event: when, where, who, how many died, and its source."""
    return templates.TemplateResponse(
        request, "alerts/event.html", {"event": _event_or_404(session, event_id)}
    )


class YearPoint(BaseModel):
    """Deaths in one year."""

    year: int
    deaths: float


class MonthPoint(BaseModel):
    """Events and fatalities in one month."""

    month: str
    events: int
    fatalities: float
    civilian_events: int
    civilian_fatalities: float


class Violence(BaseModel):
    """A country's yearly deaths by kind and its monthly event series."""

    country_code: str
    yearly: dict[str, list[YearPoint]]
    monthly: list[MonthPoint]


def _violence(session: Session, country: Country) -> Violence:
    series = monthly(events_frame(session, country))
    return Violence(
        country_code=country.code,
        yearly={
            kind: [YearPoint(year=y, deaths=d) for y, d in points]
            for kind, points in country_yearly(session, country.id).items()
        },
        monthly=[MonthPoint(**r) for r in _month_records(series)],
    )


def _month_records(series: pd.DataFrame) -> list[dict[str, object]]:
    """Rows of a :func:`monthly` frame as plain records, the month as ``YYYY-MM``."""
    return series.assign(month=series["month"].astype(str)).to_dict("records")


@router.get("/api/v1/countries/{code}/violence", response_model=Violence, tags=["countries"])
def violence_api(
    code: str, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> Violence:
    """UCDP deaths per year by kind, and monthly events (all and against civilians)."""
    return _violence(session, country_or_404(session, code))


class Admin1Month(MonthPoint):
    """Events and fatalities in one first-level admin unit and month."""

    admin1: str


@router.get(
    "/api/v1/countries/{code}/violence/admin1",
    response_model=list[Admin1Month],
    tags=["countries"],
)
def violence_admin1_api(
    code: str,
    start: str | None = Query(None, pattern=r"^\d{4}-\d{2}$", description="First month, YYYY-MM."),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[Admin1Month]:
    """Monthly events and fatalities per first-level admin unit (violence against
    civilians apart), every month between each unit's first and last event."""
    frame = events_frame(session, country_or_404(session, code))
    frame = frame.assign(admin1=frame["admin1"].fillna("(unknown)"))
    series = monthly(frame, by=("admin1",))
    if start:
        series = series[series["month"] >= pd.Period(start, freq="M")]
    return [Admin1Month(**r) for r in _month_records(series)]


def _section(session: Session, country: Country) -> dict[str, object]:
    data = _violence(session, country)
    yearly = [
        (
            KIND_LABELS.get(kind, kind),
            charts.line_chart([(p.year, p.deaths) for p in points], y_format="{:,.0f}"),
        )
        for kind, points in sorted(data.yearly.items())
        if any(p.deaths for p in points)
    ]
    return {"yearly": yearly, "months": data.monthly[-MONTHS_SHOWN:]}


add_country_section(
    CountrySection("violence", "Organised violence", "alerts/_violence.html", _section, order=25)
)
