"""Event files as real users hold them are read; broken ones are refused whole, with file,
line and column; the freshness of what is stored is stated."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.foundation.test_sources import GED_HEADER, _ged_row
from tocsin.analysis.events.freshness import events_freshness, monthly_table
from tocsin.analysis.events.ingest import import_file
from tocsin.sources.importers.base import EventFormatError
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Country, Event, Provenance


@pytest.fixture
def events_db(database: Database) -> Database:
    load_ewp(database, [])
    return database


def test_real_world_cells_are_read(events_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    body = _ged_row("48528.0", "2024-03-02", 7, headline="Attack on a market\nin Nyala")
    body += _ged_row("48529", "2024-03-09 00:00:00.000", 3, headline="n/a")
    path.write_text(GED_HEADER + body)
    with events_db.session() as s:
        report = import_file(s, path, "ucdp-ged", actor="alice")
        assert report.inserted == 2
        ids = set(s.scalars(select(Event.source_id)))
        assert ids == {"48528", "48529"}  # a float-written id is the same event
        notes = set(s.scalars(select(Event.notes)))
        assert "Attack on a market\nin Nyala" in notes and "n/a" in notes


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (_ged_row("9", "2024-02-30", 3), r"line 3, column 'date_start': missing or impossible"),
        (
            _ged_row("9", "2024-02-03", 3).replace(",Sudan,625,", ",Atlantis,999,"),
            r"line 3, column 'country_id': unknown country",
        ),
        (
            _ged_row("9", "2024-02-03", 3).replace(",0,3,3,3,625,", ",0,many,3,3,625,"),
            r"line 3, column 'best': deaths are not a number 'many'",
        ),
        (
            _ged_row("9", "2024-02-03", 3).replace(",Clear,3,", ",Clear,7,"),
            r"line 3, column 'type_of_violence': unknown kind of violence",
        ),
        (_ged_row("8", "2024-02-03", 3), r"line 3, column 'id': event id repeated"),
        (_ged_row("8.0", "2024-02-03", 3), r"line 3, column 'id': event id repeated"),
        (  # the line an editor shows, after a cell with line breaks
            _ged_row("9", "2024-02-03", 3, headline="one\ntwo\nthree")
            + _ged_row("10", "2024-13-03", 3),
            r"line 6, column 'date_start': missing or impossible",
        ),
    ],
)
def test_bad_rows_refuse_the_whole_file(
    events_db: Database, tmp_path: Path, row: str, message: str
) -> None:
    path = tmp_path / "ged.csv"
    path.write_text(GED_HEADER + _ged_row("8", "2024-02-01", 3) + row)
    with events_db.session() as s, pytest.raises(EventFormatError, match=message) as info:
        import_file(s, path, "ucdp-ged", actor="alice")
    assert str(path) in str(info.value) and "nothing imported" in str(info.value)
    with events_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 0  # nothing half-imported
    path.write_text("id,year\n1,2024\n")
    with events_db.session() as s, pytest.raises(EventFormatError, match="missing column"):
        import_file(s, path, "ucdp-ged", actor="alice")
    path.write_text("")
    with events_db.session() as s, pytest.raises(EventFormatError, match="empty file"):
        import_file(s, path, "ucdp-ged", actor="alice")


def test_compressed_file_errors_name_the_line(events_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ged.csv.gz"
    body = _ged_row("1", "2024-02-01", 3, headline="a\nb") + _ged_row("2", "2024-02-31", 3)
    path.write_bytes(gzip.compress((GED_HEADER + body).encode()))
    with events_db.session() as s, pytest.raises(EventFormatError, match=r"line 4, column 'date"):
        import_file(s, path, "ucdp-ged", actor="alice")


def test_freshness_and_monthly_table(events_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    path.write_text(GED_HEADER + _ged_row("1", "2022-01-10", 5) + _ged_row("2", "2022-02-28", 9))
    with events_db.session() as s:
        import_file(s, path, "ucdp-ged", actor="alice")
        s.add(Provenance(dataset="ucdp-candidate-2022-02", version="x", sha256="0" * 64, rows=2))
    with events_db.session() as s:
        fresh = events_freshness(s, today=date(2022, 3, 15))
        assert fresh.text == "events up to 2022-02-28, UCDP Candidate 22.0.2"
        assert not fresh.stale and events_freshness(s, today=date(2023, 1, 1)).stale
        sudan = s.scalar(select(Country).where(Country.code == "SDN"))
        table = monthly_table(s, sudan, today=date(2023, 1, 1))
        assert table["stale"] and table["freshness"].startswith("events up to 2022-02-28")
        assert [(r["month"], r["civilian_deaths"]) for r in table["rows"]] == [
            ("2022-02", 9.0),
            ("2022-01", 5.0),
        ]
