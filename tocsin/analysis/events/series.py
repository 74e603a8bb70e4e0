"""Monthly series of events and fatalities per country or first-level admin unit,
with violence against civilians counted separately."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Literal, TypeVar, get_args

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.store.models import Country, Event

Measure = Literal["events", "fatalities", "civilian_events", "civilian_fatalities"]
COLUMNS: tuple[Measure, ...] = get_args(Measure)
_FROZEN = "tocsin.events_frame"
_CACHE = "tocsin.frozen_cache"
T = TypeVar("T")


@contextmanager
def frozen_events(session: Session) -> Iterator[None]:
    """Within this block, :func:`events_frame` of all countries is read once and reused,
    as is whatever :func:`frozen_cached` computes (for replaying signals over many dates
    while nothing is written)."""
    session.info[_FROZEN] = None
    try:
        yield
    finally:
        session.info.pop(_FROZEN, None)
        session.info.pop(_CACHE, None)


def frozen_cached(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, reused within a :func:`frozen_events` block (the stored data cannot
    change there); computed afresh outside one."""
    if _FROZEN not in session.info:
        return compute()
    cache = session.info.setdefault(_CACHE, {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


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
    summed = (
        frame.assign(
            events=1,
            civilian_events=civ.astype(int),
            civilian_fatalities=frame["fatalities"].where(civ, 0.0),
        )
        .groupby([*by, "month"])[list(COLUMNS)]
        .sum()
    )
    # Every month from each series' first to its last, built for all series at once (a
    # loop over series costs seconds when signals are replayed over thousands of them).
    spans = summed.reset_index().groupby(list(by))["month"].agg(["min", "max"])
    first, last = spans["min"].array.asi8, spans["max"].array.asi8
    lengths = last - first + 1
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    ordinals = np.repeat(first, lengths) + np.arange(lengths.sum()) - starts
    keys = spans.index.repeat(lengths)
    levels = [keys.get_level_values(i) for i in range(keys.nlevels)]
    months = pd.PeriodIndex.from_ordinals(ordinals, freq="M")
    full = pd.MultiIndex.from_arrays([*levels, months], names=[*by, "month"])
    filled = summed.reindex(full, fill_value=0).reset_index()
    return filled[[*by, "month", *COLUMNS]]
