"""Plausibility checks on the stored yearly series, run before the signals (``tocsin data
check``); signals skip the values flagged here and say so.

A value is **implausible** (the signals skip it) when a series jumps from ``quiet_years``
years of zero to at least ``min_jump`` deaths while the stored event record of that
country covers that year and holds no event with deaths there: the mark of a
mis-attributed total, such as a multi-country war divided among every country listed.

Two findings are reported without blocking (``blocking=False``): the same jump in a
country with no stored event record for that year (it cannot be corroborated here; the
real onsets of 2001 in the United States or 2022 in Ukraine look like this), and a best
estimate outside its own low-high range as published.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from tocsin.store.models import Country, Event, YearlyDeath


@dataclass(frozen=True)
class Flag:
    """One implausible stored value, and why."""

    country_code: str
    year: int
    kind: str
    deaths: float
    reason: str
    blocking: bool = True

    @property
    def key(self) -> tuple[str, int, str]:
        """(country code, year, kind), as the signals look values up."""
        return (self.country_code, self.year, self.kind)


def _located_events(session: Session) -> tuple[set[tuple[str, int]], dict[str, tuple[int, int]]]:
    """Country-years with at least one stored event carrying deaths, and the span of years
    each country's stored event record covers."""
    year = extract("year", Event.event_date)
    query = (
        select(Country.code, year, func.sum(Event.fatalities_best))
        .join(Country, Country.id == Event.country_id)
        .group_by(Country.code, year)
    )
    located: set[tuple[str, int]] = set()
    spans: dict[str, tuple[int, int]] = {}
    for code, y, deaths in session.execute(query):
        y = int(y)
        if deaths:
            located.add((code, y))
        first, last = spans.get(code, (y, y))
        spans[code] = (min(first, y), max(last, y))
    return located, spans


def check_yearly(session: Session, quiet_years: int = 10, min_jump: float = 1000) -> list[Flag]:
    """Every implausible value in the stored yearly series, by country, kind and year."""
    query = select(
        Country.code,
        YearlyDeath.year,
        YearlyDeath.kind,
        YearlyDeath.best,
        YearlyDeath.low,
        YearlyDeath.high,
    ).join(Country, Country.id == YearlyDeath.country_id)
    frame = pd.DataFrame(
        session.execute(query).all(), columns=["code", "year", "kind", "best", "low", "high"]
    )
    if frame.empty:
        return []
    located, spans = _located_events(session)
    flags = []
    for (code, kind), part in frame.groupby(["code", "kind"]):
        values = part.groupby("year")["best"].sum()
        values = values.reindex(range(values.index.min(), values.index.max() + 1), fill_value=0)
        quiet = values.shift(1).rolling(quiet_years).max() == 0  # NaN (too short) is False
        for year, deaths in values[quiet & (values >= min_jump)].items():
            if (code, year) in located:
                continue
            first, last = spans.get(code, (0, -1))
            covered = first <= year <= last
            why = (
                "the stored event record of the country covers that year and holds no deaths"
                if covered
                else "not corroborated: no stored event record of the country for that year"
            )
            flags.append(
                Flag(
                    code,
                    int(year),
                    kind,
                    float(deaths),
                    f"{deaths:,.0f} after {quiet_years} years of zero; {why}",
                    blocking=covered,
                )
            )
    bounds = frame[
        frame["low"].notna()
        & frame["high"].notna()
        & ((frame["best"] < frame["low"] - 0.5) | (frame["best"] > frame["high"] + 0.5))
    ]
    for row in bounds.itertuples():
        flags.append(
            Flag(
                row.code,
                int(row.year),
                row.kind,
                float(row.best),
                f"best estimate {row.best:,.0f} outside its range {row.low:,.0f}-{row.high:,.0f}",
                blocking=False,
            )
        )
    return sorted(flags, key=lambda f: (f.country_code, f.kind, f.year))


def stored_values(session: Session) -> int:
    """How many yearly values are stored (what ``tocsin data check`` looked at)."""
    return int(session.scalar(select(func.count()).select_from(YearlyDeath)) or 0)
