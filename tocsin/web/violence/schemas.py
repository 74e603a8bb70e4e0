"""Response models of the events and organised-violence API."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path as PathParam
from pydantic import BaseModel

from tocsin.web.pagination import Page

EventId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="Event id.")]


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


class EventPage(Page[EventOut]):
    """A page of events, with how fresh the stored events are."""

    freshness: str
    stale: bool


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
    """A country's yearly deaths by kind and its monthly event series, with how fresh the
    events are (``freshness``, e.g. "events up to 2022-02-28, UCDP Candidate 22.0.2") and
    whether the record is ``stale``."""

    country_code: str
    freshness: str
    stale: bool
    yearly: dict[str, list[YearPoint]]
    monthly: list[MonthPoint]


class Admin1Month(MonthPoint):
    """Events and fatalities in one first-level admin unit and month."""

    admin1: str


class Admin1Series(BaseModel):
    """A country's monthly series per first-level admin unit, with how fresh its events
    are and whether the record is ``stale``."""

    country_code: str
    freshness: str
    stale: bool
    items: list[Admin1Month]


class YearlyDeaths(BaseModel):
    """A country's UCDP yearly deaths for the measures asked for."""

    country_code: str
    yearly: dict[str, list[YearPoint]]
