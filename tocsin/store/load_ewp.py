"""Load the Early Warning Project data into the store: countries, indicators, the
country-year panel, mass-killing episodes, and provenance.

Everything happens in one transaction, so a failure anywhere leaves the database as
it was. Loading is idempotent: a dataset whose checksum was already loaded is skipped;
a new version replaces the old rows of that dataset.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from tocsin.config import Settings
from tocsin.reference.countries import UnknownCountryError, all_countries, lookup
from tocsin.sources import fetch
from tocsin.sources.ewp import INDICATOR_LABELS, OUTCOMES, read_predictors
from tocsin.store.db import Database
from tocsin.store.models import Country, Episode, Indicator, PanelValue, Provenance

Progress = Callable[[str], None]


class EpisodeFormatError(ValueError):
    """The episode workbook's layout or contents are not as expected."""


@dataclass(frozen=True)
class SourceFile:
    """A verified dataset file: registry name, path, checksum and version."""

    dataset: str
    path: Path
    sha256: str
    version: str


@dataclass
class LoadReport:
    """What a load did, per part."""

    countries_added: int = 0
    countries_updated: int = 0
    loaded: dict[str, int] = field(default_factory=dict)  # dataset -> rows written
    unchanged: list[str] = field(default_factory=list)  # datasets already loaded


def _already_loaded(session: Session, source: SourceFile) -> bool:
    latest = session.scalars(
        select(Provenance)
        .where(Provenance.dataset == source.dataset)
        .order_by(Provenance.id.desc())
        .limit(1)
    ).first()
    return latest is not None and latest.sha256 == source.sha256


def _sync_countries(session: Session, report: LoadReport) -> dict[str, int]:
    existing = {c.code: c for c in session.scalars(select(Country))}
    for ref in all_countries():
        values = {
            "name": ref.name,
            "iso3": ref.iso3,
            "iso_numeric": ref.iso_numeric,
            "gwcode": ref.gwcode,
            "ewp_name": ref.ewp_name,
            "region": ref.region,
        }
        row = existing.get(ref.code)
        if row is None:
            row = Country(code=ref.code, **values)
            session.add(row)
            existing[ref.code] = row
            report.countries_added += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            report.countries_updated += 1
    session.flush()
    return {code: row.id for code, row in existing.items()}


def _sync_indicators(session: Session) -> None:
    existing = {i.name: i for i in session.scalars(select(Indicator))}
    for name, (label, source) in INDICATOR_LABELS.items():
        kind = "outcome" if name in OUTCOMES else "predictor"
        row = existing.get(name)
        if row is None:
            session.add(Indicator(name=name, label=label, kind=kind, source=source))
        else:
            row.label, row.kind, row.source = label, kind, source
    session.flush()


def _load_panel(session: Session, source: SourceFile, country_ids: dict[str, int]) -> int:
    frame = read_predictors(source.path)
    codes = {name: lookup(name).code for name in frame["ewp_name"].unique()}
    frame["country_id"] = frame["ewp_name"].map(lambda n: country_ids[codes[n]])
    long = frame.melt(
        id_vars=["country_id", "year"],
        value_vars=list(INDICATOR_LABELS),
        var_name="indicator",
        value_name="value",
    ).dropna(subset=["value"])
    session.execute(delete(PanelValue))
    rows = [
        {"country_id": int(c), "year": int(y), "indicator": i, "value": float(v)}
        for c, y, i, v in long.itertuples(index=False, name=None)
    ]
    for start in range(0, len(rows), 20_000):
        session.execute(insert(PanelValue), rows[start : start + 20_000])
    return len(rows)


def _int(value: object, where: str) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return int(float(str(value)))
    except ValueError:
        raise EpisodeFormatError(f"{where}: {value!r} is not a year or number") from None


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _read_sheets(path: Path) -> dict[str, pd.DataFrame]:
    try:
        sheets = pd.read_excel(path, sheet_name=None)
    except (OSError, ValueError) as exc:
        raise EpisodeFormatError(f"{path}: cannot be read as an Excel workbook: {exc}") from exc
    for sheet, columns in {
        "mk_events": ["country", "mk_event_name", "startyear", "endyear", "mk_event_code"],
        "Ongoing": ["Country", "Start Year", "Perpetrator", "Target"],
        "Ended": ["Country", "Start Year ", "End Year", "Perpetrator", "Target"],
    }.items():
        if sheet not in sheets:
            raise EpisodeFormatError(f"{path}: missing sheet {sheet!r}")
        missing = [c for c in columns if c not in sheets[sheet].columns]
        if missing:
            raise EpisodeFormatError(f"{path}: sheet {sheet!r} lacks column(s) {missing}")
    return sheets


def _details_index(sheets: dict[str, pd.DataFrame], path: Path) -> dict[tuple, list[dict]]:
    """Perpetrator, target and fatality ranges keyed by (country code, start[, end])."""
    index: dict[tuple, list[dict]] = {}
    for sheet, start_col, end_col in (
        ("Ongoing", "Start Year", None),
        ("Ended", "Start Year ", "End Year"),
    ):
        for i, row in sheets[sheet].iterrows():
            where = f"{path}: sheet {sheet!r}, row {i + 2}"
            name = _text(row["Country"])
            if name is None:
                continue
            try:
                code = lookup(name).code
            except UnknownCountryError as exc:
                raise EpisodeFormatError(f"{where}: {exc}") from exc
            key = (
                code,
                _int(row[start_col], where),
                _int(row[end_col], where) if end_col else None,
            )
            index.setdefault(key, []).append(
                {
                    "perpetrator": _text(row.get("Perpetrator")),
                    "target": _text(row.get("Target")),
                    "fatalities_low": _int(row.get("Civilian Fatalities (Low)"), where),
                    "fatalities_high": _int(row.get("Civilian Fatalities (High)"), where),
                }
            )
    return index


def _load_episodes(session: Session, source: SourceFile, country_ids: dict[str, int]) -> int:
    sheets = _read_sheets(source.path)
    details = _details_index(sheets, source.path)
    session.execute(delete(Episode))
    count = 0
    for i, row in sheets["mk_events"].iterrows():
        where = f"{source.path}: sheet 'mk_events', row {i + 2}"
        code_text = _text(row["mk_event_code"])
        if code_text is None:
            raise EpisodeFormatError(f"{where}: empty mk_event_code")
        location = _int(row.get("mk_location_cow"), where)
        try:
            country = lookup(location if location is not None else str(row["country"]))
        except UnknownCountryError as exc:
            raise EpisodeFormatError(f"{where}: {exc}") from exc
        start = _int(row["startyear"], where)
        if start is None:
            raise EpisodeFormatError(f"{where}: missing startyear")
        end = _int(row["endyear"], where)
        # Only an unambiguous match gets the extra details; never guess between episodes.
        matches = details.get((country.code, start, end), [])
        extra = matches[0] if len(matches) == 1 else {}
        low, high = extra.get("fatalities_low"), extra.get("fatalities_high")
        led = _text(row.get("State-Led or Non-State-Led")) or ""
        session.add(
            Episode(
                source_id=code_text,
                country_id=country_ids[country.code],
                name=_text(row["mk_event_name"]) or code_text,
                summary=_text(row.get("mk_event_summary")) or "",
                start_year=start,
                end_year=end,
                ongoing=end is None,
                perpetrator_type="non-state" if led.lower().startswith("non") else "state",
                perpetrator=extra.get("perpetrator"),
                target=extra.get("target"),
                fatalities_low=low,
                fatalities_high=high,
                fatalities_text=(
                    f"{low:,}–{high:,}" if low is not None and high is not None else None
                ),
            )
        )
        count += 1
    session.flush()
    return count


LOADERS: dict[str, Callable[[Session, SourceFile, dict[str, int]], int]] = {
    "ewp-predictors": _load_panel,
    "ewp-episodes": _load_episodes,
}


def load_ewp(
    db: Database, sources: list[SourceFile], progress: Progress | None = None
) -> LoadReport:
    """Load countries, indicators and the given EWP datasets in one transaction."""
    unknown = [s.dataset for s in sources if s.dataset not in LOADERS]
    if unknown:
        raise ValueError(f"no loader for dataset(s) {unknown}; known: {sorted(LOADERS)}")
    report = LoadReport()
    with db.session() as session:
        if progress:
            progress("countries and indicators")
        country_ids = _sync_countries(session, report)
        _sync_indicators(session)
        for source in sources:
            if _already_loaded(session, source):
                report.unchanged.append(source.dataset)
                continue
            if progress:
                progress(source.dataset)
            rows = LOADERS[source.dataset](session, source, country_ids)
            session.add(
                Provenance(
                    dataset=source.dataset, version=source.version, sha256=source.sha256, rows=rows
                )
            )
            report.loaded[source.dataset] = rows
    return report


EWP_DATASETS = ("ewp-predictors", "ewp-episodes")


def pull_and_load(
    settings: Settings, db: Database, mirror: Path | None = None, progress: Progress | None = None
) -> LoadReport:
    """Provide the EWP datasets (verified; mirror-aware) and load them."""
    sources = []
    for name in EWP_DATASETS:
        pulled = fetch.pull_one(settings, name, mirror)
        sources.append(SourceFile(name, pulled.path, pulled.sha256, pulled.dataset.version))
    return load_ewp(db, sources, progress)
