"""The weekly digest: new and escalated alerts, and the biggest forecast risk changes,
as HTML and plain text (for e-mail and the /digest page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.engine import REPLAY_ACTOR
from tocsin.alerts.notify import deliver, send_email, send_webhook
from tocsin.analysis.events.freshness import events_freshness
from tocsin.analysis.forecast import queries
from tocsin.analysis.forecast.service import DEFAULT_MODEL
from tocsin.analysis.framework import taxonomy
from tocsin.config import Settings
from tocsin.reports import library
from tocsin.store.models import Alert, AlertEvent, Assessment, Country, Delivery, Subscription

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class DigestAlert:
    """An alert as the digest lists it."""

    id: int
    title: str
    severity: str
    status: str
    country: str | None
    summary: str


@dataclass(frozen=True)
class DigestAssessment:
    """A Framework assessment version published in the period."""

    country: str
    code: str
    factor: str
    level: str
    previous: str | None
    by: str


@dataclass(frozen=True)
class DigestReport:
    """A report version generated in the period."""

    id: int
    title: str
    version: int
    fmt: str
    lang: str


@dataclass
class Digest:
    """What happened between ``start`` and ``end``."""

    start: date
    end: date
    new: list[DigestAlert] = field(default_factory=list)
    escalated: list[DigestAlert] = field(default_factory=list)
    risers: list[queries.RankingRow] = field(default_factory=list)
    fallers: list[queries.RankingRow] = field(default_factory=list)
    assessments: list[DigestAssessment] = field(default_factory=list)
    reports: list[DigestReport] = field(default_factory=list)
    base_url: str = "http://127.0.0.1:8000"
    freshness: str = "no events loaded"  # e.g. "events up to 2022-02-28, UCDP Candidate 22.0.2"
    stale: bool = True

    @property
    def subject(self) -> str:
        """E-mail subject line."""
        return (
            f"Tocsin weekly digest {self.start:%d %b} - {self.end:%d %b %Y}: "
            f"{len(self.new)} new, {len(self.escalated)} escalated alerts"
        )


def _as_digest(alert: Alert, names: dict[int, str]) -> DigestAlert:
    return DigestAlert(
        alert.id,
        alert.title,
        alert.severity,
        alert.status,
        names.get(alert.country_id) if alert.country_id else None,
        alert.summary,
    )


def build_digest(session: Session, end: date, days: int = 7, base_url: str | None = None) -> Digest:
    """The digest of the ``days`` days up to and including ``end`` (alerts awaiting a
    reviewer's confirmation left out)."""
    from tocsin.alerts.submission_cluster import public_clause

    start = end - timedelta(days=days - 1)
    t0 = datetime.combine(start, time.min, UTC)
    t1 = datetime.combine(end + timedelta(days=1), time.min, UTC)
    names = dict(session.execute(select(Country.id, Country.name)).all())
    fresh = events_freshness(session, today=end)
    digest = Digest(
        start,
        end,
        base_url=base_url or Digest.base_url,
        freshness=fresh.text,
        stale=fresh.stale and fresh.events_up_to is not None,
    )
    # Alerts raised while replaying past data are history, not news: left out; so are alerts
    # awaiting a reviewer's confirmation.
    public = public_clause()
    created = select(Alert).where(
        Alert.created_at >= t0, Alert.created_at < t1, Alert.replayed.is_(False), public
    )
    newest_first = (Alert.period_end.desc().nulls_last(), Alert.created_at.desc(), Alert.id.desc())
    digest.new = [_as_digest(a, names) for a in session.scalars(created.order_by(*newest_first))]
    escalated_ids = select(AlertEvent.alert_id).where(
        AlertEvent.action.in_(("escalate", "escalation")),
        AlertEvent.actor != REPLAY_ACTOR,
        AlertEvent.at >= t0,
        AlertEvent.at < t1,
    )
    digest.escalated = [
        _as_digest(a, names)
        for a in session.scalars(
            select(Alert).where(Alert.id.in_(escalated_ids), public).order_by(*newest_first)
        )
    ]
    changes = [r for r in queries.rankings(session, DEFAULT_MODEL) if r.rank_change]
    digest.risers = sorted(
        (r for r in changes if (r.rank_change or 0) > 0), key=lambda r: -(r.rank_change or 0)
    )[:5]
    digest.fallers = sorted(
        (r for r in changes if (r.rank_change or 0) < 0), key=lambda r: r.rank_change or 0
    )[:5]
    digest.assessments = _published_assessments(session, t0, t1, _names_by_code(session))
    digest.reports = [
        DigestReport(r.id, r.title, r.version, r.fmt, r.lang)
        for r in library.list_reports(session, since=t0, until=t1)
    ]
    return digest


def _names_by_code(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Country.code, Country.name)).all())


def _published_assessments(
    session: Session, t0: datetime, t1: datetime, names: dict[str, str]
) -> list[DigestAssessment]:
    factors = {f.code: f.name for f in taxonomy.active(session).factors}
    published = session.scalars(
        select(Assessment)
        .where(
            Assessment.status == "published",
            Assessment.published_at >= t0,
            Assessment.published_at < t1,
        )
        .order_by(Assessment.published_at)
    )
    out = []
    for row in published:
        previous = session.scalar(
            select(Assessment.level)
            .where(
                Assessment.country_code == row.country_code,
                Assessment.factor == row.factor,
                Assessment.status == "published",
                Assessment.version < row.version,
            )
            .order_by(Assessment.version.desc())
            .limit(1)
        )
        out.append(
            DigestAssessment(
                names.get(row.country_code, row.country_code),
                row.country_code,
                factors.get(row.factor, row.factor),
                row.level,
                previous,
                row.published_by or "",
            )
        )
    return out


def render_html(digest: Digest) -> str:
    """The digest as an HTML e-mail body or page fragment."""
    return _env.get_template("digest.html").render(d=digest)


def render_text(digest: Digest) -> str:
    """The digest as plain text."""
    return _env.get_template("digest.txt").render(d=digest)


def send_digest(session: Session, settings: Settings, digest: Digest) -> list[Delivery]:
    """E-mail the digest (HTML and text) to digest subscribers; webhooks get its text."""
    query = select(Subscription).where(Subscription.active.is_(True), Subscription.digest.is_(True))
    html, text = render_html(digest), render_text(digest)
    out = []
    for sub in session.scalars(query):
        if sub.channel == "email":
            send = partial(send_email, settings, sub.target, digest.subject, text, html)
        else:
            send = partial(send_webhook, sub.target, {"subject": digest.subject, "text": text})
        out.append(deliver(session, sub, "digest", None, send))
    session.flush()
    return out
