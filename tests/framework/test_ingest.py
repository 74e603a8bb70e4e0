"""Ingestion: every format, bad files reported per item, duplicates, stable excerpt ids,
country detection, URLs and feeds from a real local HTTP server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.framework.conftest import HTML, STORY, encrypted_pdf, minimal_pdf
from tocsin.analysis.framework import extract
from tocsin.analysis.framework.excerpts import detect_countries, split_paragraphs
from tocsin.analysis.framework.feeds import add_feed, due_feeds, poll_due
from tocsin.analysis.framework.ingest import expand_paths, ingest_items
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry, Document, DocumentSource, Excerpt, Feed


def _ingest(db: Database, items: list[str]) -> dict[str, str]:
    return {Path(r.location).name: r.status for r in ingest_items(db, items, "tester")}


def test_every_format_is_ingested_with_its_text(database: Database, formats_dir: Path) -> None:
    reports = ingest_items(database, expand_paths([str(formats_dir)]), "tester")
    assert {Path(r.location).name: r.status for r in reports} == {
        "brief.md": "new",
        "note.txt": "new",
        "page.html": "new",
        "report.pdf": "new",
        "testimony.docx": "new",
    }
    with database.session() as s:
        docs = {d.media_type: d for d in s.scalars(select(Document))}
        assert "Rohingya families fled" in docs["pdf"].text
        assert "lists of names" in docs["docx"].text
        assert docs["docx"].title == "Testimony from the Central African Republic"
        assert "food convoys" in docs["html"].text and "cookie banner" not in docs["html"].text
        assert docs["html"].title == "Displacement in Darfur"
        assert docs["markdown"].title == "Weekly brief"
        assert all(d.language == "en" for d in docs.values())
        pdf_countries = {c for e in docs["pdf"].excerpts for c in e.countries}
        assert "MMR" in pdf_countries
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 5


def test_bad_files_are_reported_and_the_batch_continues(
    sqlite_database: Database, formats_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _ingest(sqlite_database, [str(formats_dir / "note.txt")])
    assert first == {"note.txt": "new"}
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "locked.pdf").write_bytes(encrypted_pdf())
    (bad / "empty.txt").write_bytes(b"")
    (bad / "fake.docx").write_bytes(b"this is not a zip package at all")
    (bad / "fake.pdf").write_bytes(b"GIF89a not a pdf")
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    (bad / "huge.txt").write_text("word " * 400, encoding="utf-8")
    (bad / "run.exe").write_bytes(b"MZ")
    monkeypatch.setattr(extract, "MAX_BYTES", 1000)
    items = [str(p) for p in sorted(bad.iterdir())] + [str(formats_dir / "brief.md")]
    reports = {Path(r.location).name: r for r in ingest_items(sqlite_database, items, "tester")}
    assert reports["brief.md"].status == "new"
    reasons = {name: r.message for name, r in reports.items() if r.status == "refused"}
    assert "encrypted" in reasons["locked.pdf"]
    assert "empty" in reasons["empty.txt"]
    assert "not a .docx" in reasons["fake.docx"]
    assert "not a PDF" in reasons["fake.pdf"]
    assert "PDF" in reasons["broken.pdf"]
    assert "too large" in reasons["huge.txt"]
    assert "unsupported type" in reasons["run.exe"]
    assert all(name in message for name, message in reasons.items())
    with sqlite_database.session() as s:
        titles = set(s.scalars(select(Document.title)))
    assert titles == {"Field note", "Weekly brief"}  # nothing earlier was lost


def test_exact_and_near_duplicates_are_linked_not_stored_twice(
    database: Database, tmp_path: Path
) -> None:
    wire = f"{STORY} The United Nations called for restraint.\n\nMore paragraphs follow here."
    (tmp_path / "a.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "b.md").write_text("  " + wire.replace(". ", ".  ") + "\n", encoding="utf-8")
    near = wire.replace("called for restraint", "urged restraint on all sides")
    (tmp_path / "c.txt").write_text(near, encoding="utf-8")
    (tmp_path / "d.txt").write_text(
        "An unrelated story about the harvest and rainfall in the northern provinces.",
        encoding="utf-8",
    )
    statuses = _ingest(database, [str(tmp_path / n) for n in ("a.txt", "b.md", "c.txt", "d.txt")])
    assert statuses == {"a.txt": "new", "b.md": "exact", "c.txt": "near", "d.txt": "new"}
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 2
        original = s.scalars(select(Document).where(Document.text.like("%restraint.%"))).one()
        relations = sorted(src.relation for src in original.sources)
        assert relations == ["exact", "near", "original"]
        near_row = s.scalars(select(DocumentSource).where(DocumentSource.relation == "near")).one()
        assert 0.7 <= near_row.similarity < 1.0
        assert s.scalar(select(func.count()).select_from(Excerpt)) == len(original.excerpts) + 1
    again = _ingest(database, [str(tmp_path / "a.txt")])
    assert again == {"a.txt": "exact"}
    with database.session() as s:  # re-sending the same file adds no new link
        assert s.scalar(select(func.count()).select_from(DocumentSource)) == 4


def test_excerpt_ids_are_stable_across_stores(tmp_path: Path, formats_dir: Path) -> None:
    keys = []
    for name in ("one", "two"):
        db = Database(f"sqlite:///{tmp_path / name}.sqlite")
        from tocsin.store.migrate import upgrade

        upgrade(db)
        ingest_items(db, expand_paths([str(formats_dir)]), "tester")
        with db.session() as s:
            keys.append(sorted(s.scalars(select(Excerpt.key))))
        db.dispose()
    assert keys[0] == keys[1] and len(set(keys[0])) == len(keys[0]) >= 5
    paragraphs = split_paragraphs("Short\n\nA paragraph that is long enough to stand alone.", "h")
    assert [p.text for p in paragraphs] == ["A paragraph that is long enough to stand alone."]
    changed = split_paragraphs("Short\n\nA paragraph that is long enough to stand alone!", "h")
    assert changed[0].key != paragraphs[0].key


def test_countries_are_detected_by_name_demonym_and_capital() -> None:
    assert detect_countries("Fighting in Sudan and in South Sudan") == ["SDN", "SSD"]
    assert detect_countries("Syrian refugees reached Kabul and Damascus") == ["SYR", "AFG"]
    assert detect_countries("Officials in Naypyidaw denied that Rohingya were targeted") == ["MMR"]
    assert detect_countries("the Democratic Republic of the Congo") == ["COD"]
    assert detect_countries("Guinea worms and a chad of paper; the UN and the US") == []
    assert detect_countries("Nigeria, not Niger") == ["NGA"]


def test_urls_and_feeds_are_ingested_and_failures_recorded(
    sqlite_database: Database, web_server: tuple[str, dict[str, tuple[int, str, bytes]]]
) -> None:
    base, pages = web_server
    pages["/story.html"] = (200, "text/html; charset=utf-8", HTML.encode())
    pages["/report.pdf"] = (
        200,
        "application/pdf",
        minimal_pdf(["Attacks on aid workers in Mali."]),
    )
    statuses = _ingest(
        sqlite_database, [f"{base}/story.html", f"{base}/report.pdf", f"{base}/gone.html"]
    )
    assert statuses == {"story.html": "new", "report.pdf": "new", "gone.html": "refused"}
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Relief news</title>
    <item><title>Darfur</title><link>{base}/story.html</link>
      <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
    <item><title>Convoys</title><link>{base}/convoys.html</link>
      <description>&lt;p&gt;Humanitarian convoys were attacked near Goma and two drivers
      were killed, the aid agency said in a statement on Monday.&lt;/p&gt;</description>
    </item></channel></rss>"""
    pages["/feed.xml"] = (200, "application/rss+xml", rss.encode())
    with sqlite_database.session() as s:
        add_feed(s, f"{base}/feed.xml", "tester", interval_minutes=60)
        add_feed(s, f"{base}/broken.xml", "tester", interval_minutes=60)
    reports = {r.url.rsplit("/", 1)[-1]: r for r in poll_due(sqlite_database, "tester")}
    assert reports["broken.xml"].status == "failed" and "404" in reports["broken.xml"].message
    feed = reports["feed.xml"]
    assert feed.status == "ok"
    assert [i.status for i in feed.items] == ["exact", "new"]  # story seen before, summary new
    with sqlite_database.session() as s:
        convoy = s.scalars(select(Document).where(Document.text.like("%Goma%"))).one()
        assert convoy.source == "Relief news"
        assert due_feeds(s) == []  # both polled just now
        later = datetime.now(UTC) + timedelta(minutes=61)
        assert len(due_feeds(s, later)) == 2
        broken = s.scalars(select(Feed).where(Feed.url.like("%broken%"))).one()
        assert broken.last_status == "failed"
    assert poll_due(sqlite_database, "tester") == []
