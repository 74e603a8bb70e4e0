"""Monthly series of events and fatalities per country or first-level admin unit,
with violence against civilians counted separately."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal, get_args

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.store.models import Country, Event

Measure = Literal["events", "fatalities", "civilian_events", "civilian_fatalities"]
COLUMNS: tuple[Measure, ...] = get_args(Measure)
_FROZEN = "tocsin.events_frame"


@contextmanager
def frozen_events(session: Session) -> Iterator[None]:
    """Within this block, :func:`events_frame` of all countries is read once and reused
    (for replaying signals over many dates while no events are written)."""
    session.info[_FROZEN] = None
    try:
        yield
    finally:
        session.info.pop(_FROZEN, None)


def events_frame(session: Session, country: Country | None = None) -> pd.DataFrame:
    """Stored events as a frame (one country, or all)."""
    if country is None and _FROZEN in session.info:
        if session.info[_FROZEN] is None:
            session.info[_FROZEN] = _read_events(session, None)
        return session.info[_FROZEN].copy()
    return _read_events(session, country)


def _read_events(session: Session, country: Country | None) -> pd.DataFrame:
    query = select(
        Event.id,
        Event.country_id,
        Event.event_date,
        Event.admin1,
        Event.category,
        Event.against_civilians,
        Event.actor1,
        Event.fatalities_best,
    )
    if country is not None:
        query = query.where(Event.country_id == country.id)
    rows = [tuple(row) for row in session.execute(query)]  # plain tuples: much faster in pandas
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "country_id",
            "event_date",
            "admin1",
            "category",
            "against_civilians",
            "actor1",
            "fatalities",
        ],
    )
    frame["month"] = pd.to_datetime(frame["event_date"]).dt.to_period("M")
    frame["fatalities"] = frame["fatalities"].fillna(0.0)
    return frame


def monthly(frame: pd.DataFrame, by: tuple[str, ...] = ("country_id",)) -> pd.DataFrame:
    """Counts per (by..., month), every month present between each series' first and last."""
    if frame.empty:
        return pd.DataFrame(columns=[*by, "month", *COLUMNS])
    civ = frame["against_civilians"].astype(bool)
    grouped = (
        frame.assign(
            events=1,
            civilian_events=civ.astype(int),
            civilian_fatalities=frame["fatalities"].where(civ, 0.0),
        )
        .groupby([*by, "month"])[list(COLUMNS)]
        .sum()
        .reset_index()
    )
    filled = []
    for key, part in grouped.groupby(list(by)):
        months = pd.period_range(part["month"].min(), part["month"].max(), freq="M")
        part = part.set_index("month")[list(COLUMNS)].reindex(months, fill_value=0)
        for column, value in zip(by, key if isinstance(key, tuple) else (key,), strict=True):
            part[column] = value
        filled.append(part.rename_axis("month").reset_index())
    return pd.concat(filled, ignore_index=True)[[*by, "month", *COLUMNS]]
