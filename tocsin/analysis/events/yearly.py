"""The yearly view of organised violence: UCDP deaths per country-year as UCDP attributes
them (its country-year dataset on organised violence), stored so that trends and yearly
surge alerts work with real data even where monthly event files are absent.

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
from tocsin.sources.ucdp_yearly import YearlyDeaths, read_country_year
from tocsin.store import audit
from tocsin.store.models import Country, Provenance, YearlyDeath

# Bumped when a reader's mapping changes, so stores loaded by an older reader are reloaded.
READER_REVISION = 3
READERS = {"ucdp-organizedviolence-cy-25.1": read_country_year}
# Datasets earlier versions stored (an even split of multi-country battle deaths; Our World
# in Data's attribution): their rows are removed when the current datasets are loaded.
RETIRED = ("ucdp-battledeaths", "ucdp-country-year-deaths")


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
            "gwno": None if pd.isna(r.get("gwno")) else int(r["gwno"]),
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
    retired = session.scalar(
        select(func.count()).select_from(YearlyDeath).where(YearlyDeath.source.in_(RETIRED))
    )
    if retired:
        session.execute(delete(YearlyDeath).where(YearlyDeath.source.in_(RETIRED)))
        audit.record(session, actor, "yearly_deaths.retire", "dataset", ",".join(RETIRED))
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


EXPORT_COLUMNS = ["iso3", "gwno", "year", "measure", "deaths"]


def export_yearly(session: Session) -> pd.DataFrame:
    """The stored yearly series as ``iso3, gwno, year, measure, deaths`` (best estimates),
    one row per country-year-measure, ordered by country, year and measure."""
    query = (
        select(Country.code, YearlyDeath.gwno, YearlyDeath.year, YearlyDeath.kind, YearlyDeath.best)
        .join(Country, Country.id == YearlyDeath.country_id)
        .order_by(Country.code, YearlyDeath.year, YearlyDeath.kind)
    )
    frame = pd.DataFrame(session.execute(query).all(), columns=EXPORT_COLUMNS)
    frame["gwno"] = frame["gwno"].astype("Int64")
    return frame


@dataclass
class Agreement:
    """How an exported yearly series compares with UCDP's country-year file."""

    compared: int
    equal: int
    differences: pd.DataFrame  # gwno, year, measure, deaths, ucdp

    @property
    def share(self) -> float:
        """Share of the publisher's country-year-measures the export matches exactly."""
        return self.equal / self.compared if self.compared else 0.0


def agreement(export: pd.DataFrame, country_year: YearlyDeaths) -> Agreement:
    """Compare an export with UCDP's figures on every (gwno, year, measure) UCDP publishes;
    a missing row in the export counts as a disagreement."""
    ucdp = country_year.frame.rename(columns={"kind": "measure", "best": "ucdp"})
    merged = ucdp[["gwno", "year", "measure", "ucdp"]].merge(
        export.astype({"gwno": "float"}).astype({"gwno": "Int64"}),
        on=["gwno", "year", "measure"],
        how="left",
    )
    equal = (merged["deaths"] - merged["ucdp"]).abs() < 0.5
    return Agreement(
        len(merged),
        int(equal.sum()),
        merged.loc[~equal, ["gwno", "year", "measure", "deaths", "ucdp"]],
    )
