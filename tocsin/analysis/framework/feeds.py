"""RSS and Atom feeds (feedparser): register feeds with an interval, and poll the ones
that are due; each entry's page is fetched and ingested like any URL (deduplicated).
A failing feed is recorded with its reason and the others are polled all the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import feedparser
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.analysis.framework.extract import (
    MAX_BYTES,
    Extracted,
    ExtractError,
    extract_bytes,
    fetch_url,
)
from tocsin.analysis.framework.ingest import ItemReport, store_extracted
from tocsin.sources import safe_http
from tocsin.store import audit
from tocsin.store.db import Database
from tocsin.store.models import Feed
from tocsin.store.models.types import utcnow

MAX_ENTRIES = 50  # per poll, newest first


class FeedError(ValueError):
    """A feed that cannot be added or read; the message says why."""


@dataclass
class PollReport:
    """One feed's poll: ``ok``, ``unchanged`` or ``failed``, and each entry's report."""

    url: str
    status: str
    message: str = ""
    items: list[ItemReport] = field(default_factory=list)


def add_feed(session: Session, url: str, actor: str, interval_minutes: int = 60) -> Feed:
    """Register a feed (audited); adding a known URL updates its interval."""
    if not url.startswith(("http://", "https://")):
        raise FeedError(f"{url}: a feed URL must start with http:// or https://")
    if not 5 <= interval_minutes <= 7 * 24 * 60:
        raise FeedError("the interval must be between 5 minutes and one week")
    feed = session.scalars(select(Feed).where(Feed.url == url)).one_or_none()
    if feed is None:
        feed = Feed(url=url, interval_minutes=interval_minutes, added_by=actor)
        session.add(feed)
    feed.interval_minutes = interval_minutes
    session.flush()
    audit.record(
        session,
        actor,
        "add-feed",
        "feed",
        feed.id,
        after={"url": url, "interval_minutes": interval_minutes},
    )
    return feed


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def due_feeds(session: Session, now: datetime | None = None) -> list[Feed]:
    """Feeds never polled or whose interval has passed since their last poll."""
    now = now or utcnow()
    return [
        f
        for f in session.scalars(select(Feed).order_by(Feed.id))
        if f.last_polled_at is None
        or _aware(f.last_polled_at) + timedelta(minutes=f.interval_minutes) <= now
    ]


def _entry_item(entry: feedparser.FeedParserDict) -> Extracted | None:
    link = entry.get("link")
    summary = entry.get("summary", "") or ""
    title = entry.get("title", "") or (link or "untitled")
    if link:
        try:
            page = fetch_url(link)
            return Extracted(link, title or page.title, page.text, page.media_type, page.raw)
        except ExtractError:
            pass  # fall back to the feed's own summary
    if len(summary) < 20:
        return None
    import lxml.html

    try:
        text = lxml.html.fromstring(summary).text_content()
        item = extract_bytes(text.encode("utf-8"), "text", link or title)
    except (ExtractError, ValueError):
        return None
    return Extracted(item.location, title, item.text, "html", summary.encode("utf-8"))


def _published(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def poll_feed(db: Database, feed_id: int, actor: str) -> PollReport:
    """Fetch one feed and ingest its new entries; the outcome is stored on the feed."""
    with db.session() as session:
        feed = session.get_one(Feed, feed_id)
        url, etag, modified = feed.url, feed.etag, feed.modified
    report = PollReport(url, "ok")
    try:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            response = safe_http.fetch(url, max_bytes=MAX_BYTES, timeout=30, headers=headers)
        except safe_http.FetchRefused as exc:
            raise FeedError(str(exc)) from None
        if response.status == 304:
            report.status, report.message = "unchanged", "not modified since the last poll"
        elif response.status >= 400:
            raise FeedError(f"the server answered HTTP {response.status}")
        else:
            parsed = feedparser.parse(response.content)
            if parsed.bozo and not parsed.entries:
                raise FeedError(f"not a readable RSS or Atom feed ({parsed.bozo_exception})")
            etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
            title = parsed.feed.get("title", "")
            for entry in parsed.entries[:MAX_ENTRIES]:
                item = _entry_item(entry)
                if item is None:
                    report.items.append(
                        ItemReport(entry.get("link", "?"), "refused", message="no text")
                    )
                    continue
                with db.session() as session:
                    report.items.append(
                        store_extracted(
                            session, item, title or url.split("/")[2], actor, _published(entry)
                        )
                    )
            new = sum(1 for i in report.items if i.status == "new")
            report.message = f"{len(report.items)} entries, {new} new documents"
    except FeedError as exc:
        report.status, report.message = "failed", str(exc)
    with db.session() as session:
        feed = session.get_one(Feed, feed_id)
        feed.last_polled_at, feed.last_status, feed.last_message = (
            utcnow(),
            report.status,
            report.message[:2000],
        )
        if report.status == "ok":
            feed.etag, feed.modified = etag, modified
            feed.title = feed.title or title[:300]
    return report


def poll_due(db: Database, actor: str, force: bool = False) -> list[PollReport]:
    """Poll every feed that is due (every feed with ``force``)."""
    with db.session() as session:
        ids = [f.id for f in (session.scalars(select(Feed)) if force else due_feeds(session))]
    return [poll_feed(db, feed_id, actor) for feed_id in ids]
