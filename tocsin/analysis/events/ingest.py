"""Import normalised events into the store: insert new ones, update changed ones in
place by (source, source_id), never duplicate; all in one transaction."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tocsin.config import Settings
from tocsin.sources import fetch
from tocsin.sources.datasets import get as get_dataset
from tocsin.sources.importers import IMPORTERS, EventImporter, RowError
from tocsin.sources.importers.base import EventFormatError
from tocsin.store import audit
from tocsin.store.db import Database
from tocsin.store.models import Country, Event, Provenance

FIELDS = (
    "event_date",
    "date_precision",
    "admin1",
    "latitude",
    "longitude",
    "category",
    "sub_type",
    "against_civilians",
    "actor1",
    "actor2",
    "fatalities_best",
    "fatalities_low",
    "fatalities_high",
    "notes",
)


@dataclass
class EventImportReport:
    """What an import did."""

    source: str
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowError] = field(default_factory=list)


def _clean(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value


CHUNK = 5000  # ids per lookup query (SQLite allows 32,766 bound values)


def _existing(session: Session, source: str, ids: list[str]) -> dict[str, Event]:
    """The stored events of ``source`` with these ids, by id."""
    found: dict[str, Event] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(Event).where(
            Event.source == source, Event.source_id.in_(ids[start : start + CHUNK])
        )
        found.update((e.source_id, e) for e in session.scalars(query))
    return found


def upsert_events(session: Session, events: pd.DataFrame) -> tuple[int, int, int]:
    """Insert or update events; returns (inserted, updated, unchanged). New events are
    inserted in bulk (one statement for many rows: large files load in seconds)."""
    if events.empty:
        return 0, 0, 0
    ids = dict(session.execute(select(Country.code, Country.id)).all())
    missing = sorted(set(events["country_code"]) - set(ids))
    if missing:
        raise ValueError(f"countries {missing} are not in the database; run `tocsin load` first")
    new: list[dict[str, Any]] = []
    updated = unchanged = 0
    for source, group in events.groupby("source"):
        existing = _existing(session, str(source), list(group["source_id"]))
        for row in group.to_dict("records"):
            values: dict[str, Any] = {k: _clean(row[k]) for k in FIELDS}
            values["date_precision"] = (
                None if values["date_precision"] is None else int(values["date_precision"])
            )
            values["notes"] = values["notes"] or ""
            values["against_civilians"] = bool(values["against_civilians"])
            values["country_id"] = ids[row["country_code"]]
            event = existing.get(row["source_id"])
            if event is None:
                new.append({"source": source, "source_id": row["source_id"], **values})
            elif any(getattr(event, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(event, k, v)
                updated += 1
            else:
                unchanged += 1
    if new:
        session.execute(insert(Event), new)
    session.flush()
    return len(new), updated, unchanged


def _refuse(where: str, rejected: list[RowError]) -> None:
    shown = "; ".join(str(e) for e in rejected[:5])
    more = f" (and {len(rejected) - 5} more)" if len(rejected) > 5 else ""
    raise EventFormatError(f"{where}: {len(rejected)} bad row(s), nothing imported: {shown}{more}")


def import_file(
    session: Session,
    path: Path,
    importer: str,
    actor: str,
    today: date | None = None,
    skip_bad_rows: bool = False,
) -> EventImportReport:
    """Read a file with the named importer and upsert its events (audited).

    A file with bad rows (unknown country, impossible date, ...) is refused whole, with
    an error naming file, line and column, unless ``skip_bad_rows`` (then they are
    reported and the good rows imported)."""
    plugin = IMPORTERS.create(importer)
    assert isinstance(plugin, EventImporter)
    result = plugin.read(path, today)
    if result.rejected and not skip_bad_rows:
        _refuse(str(path), result.rejected)
    report = EventImportReport(source=importer, rejected=result.rejected)
    report.inserted, report.updated, report.unchanged = upsert_events(session, result.events)
    audit.record(
        session,
        actor,
        "events.import",
        "events",
        importer,
        after={
            "file": path.name,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": len(report.rejected),
        },
    )
    return report


def import_datasets(
    db: Database,
    settings: Settings,
    names: Iterable[str],
    actor: str,
    on_file: Callable[[str], None] | None = None,
) -> dict[str, EventImportReport | None]:
    """Import registered GED-layout datasets (pulled mirror-aware and verified), one
    transaction each; a file whose checksum is in ``provenance`` is skipped (None).
    ``on_file`` is called with each dataset's name once it is done (progress bars)."""
    reports: dict[str, EventImportReport | None] = {}
    for name in names:
        reports[name] = _import_dataset(db, settings, name, actor)
        if on_file is not None:
            on_file(name)
    return reports


def _import_dataset(
    db: Database, settings: Settings, name: str, actor: str
) -> EventImportReport | None:
    path = fetch.ensure(settings, name, settings.mirror)
    checksum = fetch.sha256_of(path)
    with db.session() as session:
        done = session.scalar(
            select(Provenance.id).where(Provenance.dataset == name, Provenance.sha256 == checksum)
        )
        if done is not None:
            return None
        report = import_file(session, path, "ucdp-ged", actor)
        rows = report.inserted + report.updated + report.unchanged
        session.add(
            Provenance(dataset=name, version=get_dataset(name).version, sha256=checksum, rows=rows)
        )
        return report


def import_acled_api(
    session: Session,
    settings: Settings,
    actor: str,
    country: str | None = None,
    since: str | None = None,
    url: str | None = None,
) -> EventImportReport:
    """Read ACLED's API with the user's key (all pages) and upsert the events (audited);
    bad rows refuse the whole import, as for files."""
    from tocsin.sources.acled_api import ACLED_API, read_acled

    raw = read_acled(settings, country, since, url or ACLED_API)
    plugin = IMPORTERS.create("acled")
    assert isinstance(plugin, EventImporter)
    missing = [c for c in plugin.required_columns if c not in raw.columns]
    if raw.empty:
        return EventImportReport(source="acled")
    if missing:
        raise EventFormatError(f"ACLED API answer: missing field(s): {', '.join(missing)}")
    result = plugin.normalise(raw, date.today())
    if result.rejected:
        _refuse("ACLED API answer (line = record + 1)", result.rejected)
    report = EventImportReport(source="acled")
    report.inserted, report.updated, report.unchanged = upsert_events(session, result.events)
    audit.record(
        session,
        actor,
        "events.import",
        "events",
        "acled-api",
        after={
            "country": country,
            "since": since,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    return report
