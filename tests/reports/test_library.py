"""Stored report versions on SQLite and PostgreSQL: numbering, listing, reading, diffs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tocsin.reports import library
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry


def _produced(content: bytes, facts: dict[str, object]) -> library.Produced:
    return library.Produced(
        "country", "SDN", "en", "pdf", "Sudan", "tocsin-enet 2.0", {"x": "0" * 64}, facts, content
    )


def test_versions_listing_reading_and_diff(database: Database, tmp_path: Path) -> None:
    first = _produced(b"%PDF-one", {"forecast.rank": 3, "factor.RF1.level": "high"})
    second = _produced(b"%PDF-two", {"forecast.rank": 2, "factor.RF1.level": "high", "alerts": 1})
    ids = []
    for produced in (first, second):
        with database.session() as session:
            version = library.next_version(session, "country", "SDN", "en", "pdf")
            path = library.file_path(tmp_path, produced, version)
            ids.append(library.store(session, path, produced, version, "analyst1").id)
    with database.session() as session:
        listed = library.list_reports(session, "country", "sdn")
        assert [(r.version, r.created_by) for r in listed] == [(2, "analyst1"), (1, "analyst1")]
        assert library.read(listed[0]) == b"%PDF-two"
        before, changes = library.diff(session, ids[1])
        assert before is not None and before.version == 1
        assert changes == [("alerts", None, 1), ("forecast.rank", 3, 2)]
        assert library.diff(session, ids[0]) == (
            None,
            [("factor.RF1.level", None, "high"), ("forecast.rank", None, 3)],
        )
        audited = session.scalars(select(AuditEntry).where(AuditEntry.action == "generate")).all()
        assert len(audited) == 2
        with pytest.raises(library.ReportNotFoundError, match="999"):
            library.get(session, 999)


def test_a_tampered_file_is_refused(database: Database, tmp_path: Path) -> None:
    produced = _produced(b"%PDF-original", {})
    with database.session() as session:
        row = library.store(session, library.file_path(tmp_path, produced, 1), produced, 1, "a")
        Path(row.path).write_bytes(b"%PDF-changed")
        with pytest.raises(ValueError, match="does not match its recorded SHA-256"):
            library.read(row)
