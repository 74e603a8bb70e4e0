"""Streams of posts and messages: importer plug-ins and the ingest service.

An importer reads one export format into :class:`PostRecord` objects (author, channel,
time, country, reach) and the rows it rejected with their line numbers. Built in:

- ``csv``: a CSV with a header; column names are settings (``text``, ``id``, ``author``,
  ``channel``, ``time``, ``country``, ``lang``, ``url``, ``followers``, ``views``,
  ``shares`` by default).
- ``jsonl``: JSON Lines with the same field names.
- ``telegram``: a Telegram Desktop channel export (``result.json``): the channel name
  becomes the channel and author, ``text`` may be a string or a list of strings and
  entities, service messages are skipped; the "line" of a rejected message is its
  position in ``messages`` (and the message id is named).

Every importer passes ``tests/conformance/test_post_importers.py``. :func:`ingest`
stores the posts (re-importing updates them in place), scores them with the current
model and lexicon, deposits the exported file in the evidence locker, and audits it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from abc import abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.analysis.speech.batch import BadRow, score_texts
from tocsin.analysis.speech.classifier import SpeechClassifier
from tocsin.analysis.speech.lexicon import LexiconMatcher
from tocsin.plugins import Plugin, PluginSettings, Registry
from tocsin.reference.countries import UnknownCountryError, lookup
from tocsin.store import audit
from tocsin.store.models import Country, SpeechImport, SpeechPost


class PostFormatError(ValueError):
    """The file is not in the importer's format at all."""


@dataclass
class PostRecord:
    """One post in Tocsin's layout."""

    source_id: str
    text: str
    posted_at: datetime
    channel: str = ""
    author: str = ""
    country: str | None = None  # country code
    lang: str = ""
    url: str = ""
    followers: int | None = None
    views: int | None = None
    shares: int | None = None


@dataclass
class PostBatch:
    """Records read from one file and the rows rejected."""

    posts: list[PostRecord] = field(default_factory=list)
    rejected: list[BadRow] = field(default_factory=list)


def _count(value: object) -> int | None:
    if value is None or value == "":
        return None
    number = float(str(value).replace(",", ""))
    if math.isnan(number) or number < 0:
        raise ValueError(f"reach {value!r} is not a non-negative number")
    return int(number)


def _time(value: object, now: datetime) -> datetime:
    if value is None or value == "":
        raise ValueError("missing time")
    if isinstance(value, int | float) and not isinstance(value, bool):
        stamp = pd.Timestamp(value, unit="s", tz="UTC")
    else:
        stamp = pd.Timestamp(str(value))
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    when = stamp.to_pydatetime()
    if when > now:
        raise ValueError(f"time {value!r} is in the future")
    return when


def _country(value: object, default: str | None) -> str | None:
    if value is None or str(value).strip() == "":
        return default
    try:
        return lookup(str(value)).code
    except UnknownCountryError:
        raise ValueError(f"unknown country {value!r}") from None


def _fallback_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:24]


class TableSettings(PluginSettings):
    """Column (or field) names of a CSV or JSON Lines export."""

    text: str = Field("text", description="Column of the post text.")
    id: str = Field("id", description="Column of the platform's post id.")
    author: str = Field("author", description="Column of the author handle.")
    channel: str = Field("channel", description="Column of the channel or group.")
    time: str = Field("time", description="Column of the posting time (ISO 8601).")
    country: str = Field("country", description="Column of the country name or code.")
    lang: str = Field("lang", description="Column of the language code.")
    url: str = Field("url", description="Column of the post address.")
    followers: str = Field("followers", description="Column of the author's followers.")
    views: str = Field("views", description="Column of the view count.")
    shares: str = Field("shares", description="Column of the share count.")


class PostImporter(Plugin):
    """Base class of post importers."""

    @abstractmethod
    def read(
        self, path: Path, country: str | None = None, now: datetime | None = None
    ) -> PostBatch:
        """Read ``path``; ``country`` (a code) applies to posts that name none."""


POST_IMPORTERS: Registry[PostImporter] = Registry("post importer")


class _TableImporter(PostImporter):
    Settings = TableSettings
    settings: TableSettings

    @abstractmethod
    def rows(self, path: Path, rejected: list[BadRow]) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line, fields) of each readable row."""

    def read(
        self, path: Path, country: str | None = None, now: datetime | None = None
    ) -> PostBatch:
        """Rows become posts; bad rows are rejected with their line and reason."""
        s = self.settings
        assert isinstance(s, TableSettings)
        now = now or datetime.now(UTC)
        batch = PostBatch()
        for line, row in self.rows(path, batch.rejected):
            try:
                text = row.get(s.text)
                if not isinstance(text, str) or not text.strip():
                    raise ValueError("empty or non-text message")
                when = _time(row.get(s.time), now)
                author, channel = str(row.get(s.author) or ""), str(row.get(s.channel) or "")
                batch.posts.append(
                    PostRecord(
                        source_id=str(row.get(s.id) or _fallback_id(author, channel, when, text)),
                        text=text,
                        posted_at=when,
                        channel=channel[:200],
                        author=author[:200],
                        country=_country(row.get(s.country), country),
                        lang=str(row.get(s.lang) or "")[:8],
                        url=str(row.get(s.url) or "")[:500],
                        followers=_count(row.get(s.followers)),
                        views=_count(row.get(s.views)),
                        shares=_count(row.get(s.shares)),
                    )
                )
            except ValueError as exc:
                batch.rejected.append(BadRow(line, str(exc)))
        return batch


@POST_IMPORTERS.register
class CsvPosts(_TableImporter):
    """A CSV export of posts with a header row."""

    name = "csv"
    summary = "CSV with text, id, author, channel, time, country, lang, url and reach columns"

    def rows(self, path: Path, rejected: list[BadRow]) -> Iterator[tuple[int, dict[str, Any]]]:
        """Rows of the CSV; undecodable ones are rejected."""
        try:
            text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
        except OSError as exc:
            raise PostFormatError(f"{path}: cannot be read: {exc}") from exc
        reader = csv.DictReader(io.StringIO(text, newline=""))
        s = self.settings
        assert isinstance(s, TableSettings)
        if reader.fieldnames is None or s.text not in reader.fieldnames:
            raise PostFormatError(f"{path}: not a posts CSV, missing column {s.text!r}")
        start = 2
        for row in reader:
            line, start = start, reader.line_num + 1
            if None in row or any(v is None for v in row.values()):
                rejected.append(BadRow(line, "wrong number of fields"))
            elif any("\udc80" <= c <= "\udcff" for v in row.values() for c in v):
                rejected.append(BadRow(line, "not valid UTF-8 (wrong encoding?)"))
            else:
                yield line, row


@POST_IMPORTERS.register
class JsonLinesPosts(_TableImporter):
    """JSON Lines: one post object per line."""

    name = "jsonl"
    summary = "JSON Lines with the same field names as the CSV importer"

    def rows(self, path: Path, rejected: list[BadRow]) -> Iterator[tuple[int, dict[str, Any]]]:
        """Objects of the file; malformed lines are rejected."""
        try:
            lines = path.read_bytes().splitlines()
        except OSError as exc:
            raise PostFormatError(f"{path}: cannot be read: {exc}") from exc
        good = 0
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                rejected.append(BadRow(number, "not valid UTF-8 (wrong encoding?)"))
                continue
            except json.JSONDecodeError as exc:
                rejected.append(BadRow(number, f"malformed JSON: {exc.msg}"))
                continue
            if not isinstance(data, dict):
                rejected.append(BadRow(number, "not a JSON object"))
                continue
            good += 1
            yield number, data
        if not good:
            first = f" ({rejected[0]})" if rejected else ""
            raise PostFormatError(f"{path}: not JSON Lines: no line is a JSON object{first}")


def telegram_text(value: object) -> str:
    """The plain text of a Telegram ``text`` field (string, or list of strings and
    entity objects with a ``text``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in value
            if isinstance(part, str | dict)
        )
    return ""


class TelegramSettings(PluginSettings):
    """Settings of the Telegram importer."""

    followers: int | None = Field(None, ge=0, description="Subscribers of the channel, if known.")


@POST_IMPORTERS.register
class TelegramExport(PostImporter):
    """A Telegram Desktop export of a channel or chat (``result.json``)."""

    name = "telegram"
    summary = "Telegram Desktop export (result.json): channel messages, views, forwards"
    Settings = TelegramSettings
    settings: TelegramSettings

    def read(
        self, path: Path, country: str | None = None, now: datetime | None = None
    ) -> PostBatch:
        """Messages of the export; service messages are skipped, bad ones rejected."""
        now = now or datetime.now(UTC)
        try:
            data = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PostFormatError(f"{path}: not a Telegram export (result.json): {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
            raise PostFormatError(f"{path}: not a Telegram export: no 'messages' list")
        channel = str(data.get("name") or data.get("id") or path.stem)
        s = self.settings
        assert isinstance(s, TelegramSettings)
        batch = PostBatch()
        for index, message in enumerate(data["messages"], start=1):
            if not isinstance(message, dict):
                batch.rejected.append(BadRow(index, "message is not an object"))
                continue
            if message.get("type", "message") != "message":
                continue
            mid = message.get("id", index)
            try:
                text = telegram_text(message.get("text"))
                if not text.strip():
                    raise ValueError("no text (media only or empty)")
                stamp = message.get("date_unixtime")
                when = _time(int(stamp) if stamp else message.get("date"), now)
                batch.posts.append(
                    PostRecord(
                        source_id=str(mid),
                        text=text,
                        posted_at=when,
                        channel=channel[:200],
                        author=str(message.get("from") or message.get("author") or channel)[:200],
                        country=country,
                        views=_count(message.get("views")),
                        shares=_count(message.get("forwards")),
                        followers=s.followers,
                    )
                )
            except ValueError as exc:
                batch.rejected.append(BadRow(index, f"message {mid}: {exc}"))
        return batch


@dataclass
class IngestReport:
    """What one import did."""

    import_id: int
    inserted: int = 0
    updated: int = 0
    flagged: int = 0
    rejected: list[BadRow] = field(default_factory=list)
    locker_ref: str | None = None


def ingest(
    session: Session,
    path: Path,
    importer: str,
    actor: str,
    model: SpeechClassifier | None = None,
    matcher: LexiconMatcher | None = None,
    country: str | None = None,
    locker_root: Path | None = None,
) -> IngestReport:
    """Import a file of posts, score them, keep the file as evidence, audit the import."""
    reader = POST_IMPORTERS.create(importer)
    assert isinstance(reader, PostImporter)
    code = lookup(country).code if country else None
    batch = reader.read(path, code)
    for post in batch.posts:  # PostgreSQL text cannot hold NUL characters
        for name in ("source_id", "text", "channel", "author", "lang", "url"):
            setattr(post, name, getattr(post, name).replace("\x00", ""))
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    record = SpeechImport(
        filename=path.name[:300],
        sha256=digest,
        importer=importer,
        posts=len(batch.posts),
        rejected=len(batch.rejected),
        actor=actor,
    )
    session.add(record)
    session.flush()
    report = IngestReport(record.id, rejected=batch.rejected)
    if locker_root is not None:
        from tocsin.store import locker

        item = locker.deposit(
            session,
            locker_root,
            data,
            actor=actor,
            source="speech-export",
            filename=path.name,
            media_type="application/json" if importer != "csv" else "text/csv",
            note=f"posts export imported as speech import {record.id}",
        )
        record.locker_ref = item.sha256
        report.locker_ref = item.sha256
    ids = dict(session.execute(select(Country.code, Country.id)).all())
    results: list[dict[str, Any]] = (
        score_texts(
            model, [p.text for p in batch.posts], matcher, None, [p.country for p in batch.posts]
        )
        if model is not None and batch.posts
        else [{} for _ in batch.posts]
    )
    model_name = f"{model.name}-{model.version}" if model is not None else ""
    channels = sorted({p.channel for p in batch.posts})
    known = {
        (r.channel, r.source_id): r
        for r in session.scalars(
            select(SpeechPost).where(
                SpeechPost.source == importer, SpeechPost.channel.in_(channels)
            )
        )
    }
    for post, result in zip(batch.posts, results, strict=True):
        existing = known.get((post.channel, post.source_id[:120]))
        row = existing or SpeechPost(
            source=importer, channel=post.channel, source_id=post.source_id[:120]
        )
        row.import_id = record.id
        row.author, row.posted_at, row.text = post.author, post.posted_at, post.text
        row.country_id = ids.get(post.country) if post.country else None
        row.lang, row.url = post.lang, post.url
        row.followers, row.views, row.shares = post.followers, post.views, post.shares
        if result:
            row.score = float(result["score"])
            row.label, row.category = str(result["label"]), str(result["category"])
            row.target = str(result["target"])
            terms = str(result["lexicon_terms"])
            row.lexicon_terms = terms.split("; ") if terms else []
            fired = str(result.get("cues", ""))
            row.cues = fired.split("; ") if fired else []
            row.model = model_name
            row.lang = row.lang or str(result.get("lang", ""))[:8]
            report.flagged += row.label == "hateful"
        if existing is None:
            session.add(row)
            known[(row.channel, row.source_id)] = row
            report.inserted += 1
        else:
            report.updated += 1
    audit.record(
        session,
        actor,
        "speech.import",
        "speech_import",
        record.id,
        None,
        {
            "file": path.name,
            "sha256": digest,
            "importer": importer,
            "inserted": report.inserted,
            "updated": report.updated,
            "rejected": len(batch.rejected),
            "locker": report.locker_ref,
        },
    )
    session.flush()
    return report


SUFFIX_IMPORTERS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "telegram"}


def importer_for(filename: str, chosen: str = "auto") -> str:
    """The importer of an uploaded file: ``chosen``, or for ``auto`` the one its suffix
    names (``.csv``, ``.jsonl``/``.ndjson``, ``.json`` = a Telegram ``result.json``)."""
    if chosen != "auto":
        POST_IMPORTERS.get(chosen)
        return chosen
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIX_IMPORTERS:
        known = ", ".join(SUFFIX_IMPORTERS)
        raise PostFormatError(
            f"{filename}: cannot tell the format from {suffix or 'no suffix'}"
            f" (expected {known}); choose the format"
        )
    return SUFFIX_IMPORTERS[suffix]


def ingest_upload(
    session: Session,
    filename: str,
    data: bytes,
    importer: str,
    actor: str,
    model: SpeechClassifier | None = None,
    matcher: LexiconMatcher | None = None,
    country: str | None = None,
    locker_root: Path | None = None,
) -> IngestReport:
    """:func:`ingest` for the bytes of an uploaded file named ``filename`` (the name is
    kept for the import record and the locker; errors name the file, not a temporary
    path)."""
    import tempfile

    name = Path(filename).name or "upload"
    with tempfile.TemporaryDirectory(prefix="tocsin-posts-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            return ingest(session, path, importer, actor, model, matcher, country, locker_root)
        except PostFormatError as exc:
            raise PostFormatError(str(exc).replace(str(path), name)) from None
