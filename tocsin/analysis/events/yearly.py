"""The yearly view of organised violence: UCDP deaths per country-year, stored from the
registered yearly datasets, so that trends and yearly surge alerts work with real data
even where monthly event files are absent.

Loading a dataset replaces that dataset's rows in one transaction and records its
checksum in ``provenance``; loading the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from tocsin.config import Settings
from tocsin.sources import fetch
from tocsin.sources.datasets import get as get_dataset
from tocsin.sources.ucdp_yearly import YearlyDeaths, read_battle_deaths, read_deaths_by_type
from tocsin.store import audit
from tocsin.store.models import Country, Provenance, YearlyDeath

# Bumped when a reader's mapping changes, so stores loaded by an older reader are reloaded.
READER_REVISION = 2
READERS = {
    "ucdp-battledeaths": read_battle_deaths,
    "ucdp-country-year-deaths": read_deaths_by_type,
}


@dataclass
class YearlyLoadReport:
    """Rows stored per dataset (0 when its checksum was already loaded), and what was not
    mapped to a country (regions, world totals)."""

    rows: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    unmapped: dict[str, dict[str, int]] = field(default_factory=dict)


def store_yearly(session: Session, dataset: str, data: YearlyDeaths, actor: str) -> int:
    """Replace the stored rows of ``dataset`` with ``data`` (audited); returns the row count."""
    ids = dict(session.execute(select(Country.code, Country.id)).all())
    missing = sorted(set(data.frame["code"]) - set(ids))
    if missing:
        raise ValueError(f"countries {missing} are not in the database; run `tocsin load` first")
    session.execute(delete(YearlyDeath).where(YearlyDeath.source == dataset))
    records = [
        {
            "source": dataset,
            "country_id": ids[r["code"]],
            "year": int(r["year"]),
            "kind": r["kind"],
            "best": float(r["best"]),
            "low": float(r["low"]),
            "high": float(r["high"]),
        }
        for r in data.frame.to_dict("records")
    ]
    if records:
        session.execute(insert(YearlyDeath), records)
    audit.record(
        session,
        actor,
        "yearly_deaths.load",
        "dataset",
        dataset,
        after={"rows": len(records), "unmapped": sorted(data.unmapped)},
    )
    return len(records)


def load_yearly(
    session: Session, settings: Settings, actor: str = "system:load"
) -> YearlyLoadReport:
    """Pull (mirror-aware), verify and store every registered yearly deaths dataset."""
    report = YearlyLoadReport()
    for name, reader in READERS.items():
        path = fetch.ensure(settings, name, settings.mirror)
        checksum = fetch.sha256_of(path)
        version = f"{get_dataset(name).version} (reader {READER_REVISION})"
        loaded = session.scalar(
            select(Provenance.id).where(
                Provenance.dataset == name,
                Provenance.sha256 == checksum,
                Provenance.version == version,
            )
        )
        if loaded is not None:
            report.skipped[name] = 1
            continue
        data = reader(path)
        report.rows[name] = store_yearly(session, name, data, actor)
        report.unmapped[name] = data.unmapped
        session.add(
            Provenance(dataset=name, version=version, sha256=checksum, rows=report.rows[name])
        )
    session.flush()
    return report


def yearly_series(session: Session, kind: str, country_id: int | None = None) -> pd.DataFrame:
    """Deaths of ``kind`` per (country_id, year), zero-filled between the dataset's first
    and last year for every country that appears in it."""
    query = select(YearlyDeath.country_id, YearlyDeath.year, YearlyDeath.best).where(
        YearlyDeath.kind == kind
    )
    if country_id is not None:
        query = query.where(YearlyDeath.country_id == country_id)
    frame = pd.DataFrame(session.execute(query).all(), columns=["country_id", "year", "best"])
    if frame.empty:
        return frame
    first, last = session.execute(
        select(func.min(YearlyDeath.year), func.max(YearlyDeath.year)).where(
            YearlyDeath.kind == kind
        )
    ).one()
    return zero_filled(frame, first, last)


def zero_filled(frame: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """``country_id, year, best`` summed per country-year, with a zero for every year from
    ``first`` to ``last`` in which a country that appears has no row (also used by the bench)."""
    full = pd.MultiIndex.from_product(
        [sorted(frame["country_id"].unique()), range(first, last + 1)], names=["country_id", "year"]
    )
    return (
        frame.groupby(["country_id", "year"])["best"].sum().reindex(full, fill_value=0.0)
    ).reset_index()


def country_yearly(session: Session, country_id: int) -> dict[str, list[tuple[int, float]]]:
    """Every kind of yearly deaths for one country, zero-filled over each dataset's span:
    kind -> [(year, deaths)]."""
    kinds = session.scalars(
        select(YearlyDeath.kind).where(YearlyDeath.country_id == country_id).distinct()
    )
    out = {}
    for kind in sorted(kinds):
        series = yearly_series(session, kind, country_id)
        out[kind] = [
            (int(y), float(d)) for y, d in zip(series["year"], series["best"], strict=True)
        ]
    return out
