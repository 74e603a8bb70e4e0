"""Posts from CSV, JSON Lines and Telegram exports: stored, scored, kept in the evidence
locker, audited; bad rows rejected by line; re-imports update in place. Both databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tocsin.analysis.speech.classifier import NgramClassifier
from tocsin.analysis.speech.language import UNSUPPORTED
from tocsin.analysis.speech.lexicon import LexiconMatcher, Term
from tocsin.analysis.speech.posts import POST_IMPORTERS, PostFormatError, ingest, telegram_text
from tocsin.analysis.speech.queries import post_status
from tocsin.analysis.speech.queries import posts as listed_posts
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import AuditEntry, Country, EvidenceItem, SpeechImport, SpeechPost

MATCHER = LexiconMatcher(
    [Term("madoadoa", country="KEN", target="ethnicity", severity="high", category="threat")]
)

TELEGRAM = {
    "name": "Daily Patriot",
    "type": "public_channel",
    "id": 1234567,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-03-01T08:00:00", "action": "create_channel"},
        {
            "id": 2,
            "type": "message",
            "date": "2024-03-02T09:15:00",
            "date_unixtime": "1709370900",
            "from": "Daily Patriot",
            "text": "Good morning to all our readers",
            "views": 1200,
            "forwards": 3,
        },
        {
            "id": 3,
            "type": "message",
            "date": "2024-03-03T10:00:00",
            "from": "Daily Patriot",
            "text": [
                "Time to ",
                {"type": "bold", "text": "clean out"},
                " the madoadoa from our town",
            ],
            "views": 5400,
            "forwards": 120,
        },
        {
            "id": 4,
            "type": "message",
            "date": "2024-03-03T11:00:00",
            "from": "Daily Patriot",
            "text": "",
            "photo": "photos/1.jpg",
        },
        {"id": 5, "type": "message", "date": "not a date", "text": "hello"},
    ],
}


def test_telegram_text_joins_entities() -> None:
    assert telegram_text(["a ", {"type": "link", "text": "b"}, " c"]) == "a b c"
    assert telegram_text("plain") == "plain" and telegram_text(None) == ""


def _files(tmp_path: Path) -> dict[str, Path]:
    csv_path = tmp_path / "posts.csv"
    csv_path.write_text(
        "id,author,channel,time,country,text,followers,views,shares\n"
        "a1,ann,@ann,2024-03-04T10:00:00Z,Kenya,Lovely market day in Nakuru,100,50,1\n"
        "a2,bob,@bob,2024-03-05 12:00,KEN,Get the madoadoa out before the vote,2000,9000,300\n"
        "a3,cy,@cy,2099-01-01,KEN,From the future,1,1,1\n"
        "a4,dee,@dee,2024-03-05,Atlantis,Nowhere,1,1,1\n"
        "a5,eve,@eve,2024-03-05,KEN,,1,1,1\n"
        "a6,fay,@fay,2024-03-05,KEN,Negative reach,-5,1,1\n"
    )
    jsonl = tmp_path / "posts.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "id": "j1",
                "author": "gus",
                "time": 1709550000,
                "text": "Peace to everyone",
                "country": "KEN",
                "views": 10,
            }
        )
        + "\n"
        + '{"id": "j2", broken\n'
        + json.dumps({"id": "j3", "author": "hal", "time": "2024-03-06", "text": 7})
        + "\n"
    )
    telegram = tmp_path / "result.json"
    telegram.write_text(json.dumps(TELEGRAM))
    return {"csv": csv_path, "jsonl": jsonl, "telegram": telegram}


@pytest.mark.parametrize(
    ("fmt", "inserted", "rejected"),
    [
        ("csv", 2, [(4, "time"), (5, "unknown country"), (6, "empty"), (7, "reach")]),
        ("jsonl", 1, [(2, "malformed JSON"), (3, "empty or non-text")]),
        ("telegram", 2, [(4, "message 4: no text"), (5, "message 5")]),
    ],
)
def test_import_scores_stores_and_keeps_the_file(
    database: Database,
    tmp_path: Path,
    small_model: NgramClassifier,
    fmt: str,
    inserted: int,
    rejected: list[tuple[int, str]],
) -> None:
    load_ewp(database, [])
    path = _files(tmp_path)[fmt]
    root = tmp_path / "locker"
    with database.session() as session:
        report = ingest(session, path, fmt, "analyst1", small_model, MATCHER, "Kenya", root)
    assert report.inserted == inserted and report.updated == 0
    assert [
        (b.line, b.reason[: len(why)])
        for b, (_, why) in zip(report.rejected, rejected, strict=True)
    ] == rejected
    with database.session() as session:
        posts = session.scalars(select(SpeechPost).order_by(SpeechPost.posted_at)).all()
        assert len(posts) == inserted
        kenya = session.scalar(select(Country.id).where(Country.code == "KEN"))
        assert all(p.country_id == kenya and p.score is not None and p.model for p in posts)
        flagged = [p for p in posts if "madoadoa" in p.text]
        # the csv and telegram samples hold one post with the coded term, the jsonl none;
        # the term flags that post whatever the model says
        assert len(flagged) == (0 if fmt == "jsonl" else 1)
        for post in flagged:
            assert post.label == "hateful" and post.lexicon_terms == ["madoadoa"]
            assert post.category == "threat" and post.target == "ethnicity"
        if fmt == "telegram":
            assert posts[1].channel == "Daily Patriot" and posts[1].views == 5400
            assert posts[1].shares == 120 and posts[1].text.startswith("Time to clean out")
            assert posts[0].posted_at.replace(tzinfo=UTC) == datetime(2024, 3, 2, 9, 15, tzinfo=UTC)
        record = session.scalars(select(SpeechImport)).one()
        item = session.scalars(select(EvidenceItem)).one()
        assert record.locker_ref == item.sha256 and item.source == "speech-export"
        assert locker.file_path(root, item.sha256).read_bytes() == path.read_bytes()
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "speech.import")
        ).one()
        assert audit.actor == "analyst1" and audit.after["inserted"] == inserted
    # importing the same file again updates in place
    with database.session() as session:
        again = ingest(session, path, fmt, "analyst1", small_model, MATCHER, "Kenya", root)
    assert again.inserted == 0 and again.updated == inserted
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(SpeechPost)) == inserted


@pytest.mark.parametrize("fmt", POST_IMPORTERS.names())
def test_a_file_of_another_format_is_refused(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "other.txt"
    path.write_text("just some words\n")
    with pytest.raises(PostFormatError):
        POST_IMPORTERS.create(fmt).read(path)


def test_a_post_the_model_cannot_read_is_flagged_by_a_high_severity_term(
    database: Database, tmp_path: Path, small_model: NgramClassifier
) -> None:
    load_ewp(database, [])
    path = tmp_path / "posts.csv"
    path.write_text(
        "id,time,text\n"
        "e1,2024-03-04,እነዚህ ሻንቅላ ከዚህ ይውጡ\n"  # Amharic, with a listed slur
        "e2,2024-03-04,ዛሬ ገበያ ሄድን\n",
        encoding="utf-8",
    )
    matcher = LexiconMatcher(
        [Term("ሻንቅላ", country="ETH", target="ethnicity", severity="high", category="slur")]
    )
    with database.session() as session:
        report = ingest(session, path, "csv", "analyst1", small_model, matcher, "Ethiopia")
        assert report.flagged == 1
        slur, plain = session.scalars(select(SpeechPost).order_by(SpeechPost.source_id)).all()
        assert slur.label == "hateful" and slur.lexicon_terms == ["ሻንቅላ"]
        assert plain.label == UNSUPPORTED
        # the model read neither post, and the stored post says so
        assert post_status(slur) == post_status(plain) == UNSUPPORTED
        assert [p.id for p in listed_posts(session)[1]] == [slur.id]  # in the flagged list
