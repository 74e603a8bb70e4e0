"""The weekly digest links the reports generated that week, newest first (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from tocsin.reports import library
from tocsin.reports.digest import build_digest, render_html, render_text
from tocsin.store.db import Database
from tocsin.store.models import Report


def _store(db: Database, data_dir: Path, subject: str, created: datetime) -> int:
    produced = library.Produced(
        "country",
        subject,
        "en",
        "pdf",
        f"{subject}: country risk assessment",
        "m 1",
        {},
        {},
        b"%PDF",
    )
    with db.session() as session:
        row = library.store(session, library.file_path(data_dir, produced, 1), produced, 1, "a")
        row.created_at = created
        return row.id


def test_digest_links_new_reports_newest_first(database: Database, tmp_path: Path) -> None:
    old = _store(database, tmp_path, "MLI", datetime(2026, 11, 1, 9, tzinfo=UTC))
    earlier = _store(database, tmp_path, "SDN", datetime(2026, 11, 24, 9, tzinfo=UTC))
    later = _store(database, tmp_path, "MMR", datetime(2026, 11, 28, 9, tzinfo=UTC))
    with database.session() as session:
        digest = build_digest(session, date(2026, 11, 29), base_url="https://tocsin.example")
        assert session.get(Report, old) is not None
    assert [r.id for r in digest.reports] == [later, earlier]
    html, text = render_html(digest), render_text(digest)
    assert html.index(f"https://tocsin.example/reports/{later}") < html.index(
        f"https://tocsin.example/reports/{earlier}"
    )
    assert f"/reports/{old}" not in html
    assert "MMR: country risk assessment, version 1 (en, PDF)" in text
    assert f"https://tocsin.example/reports/{earlier}" in text
