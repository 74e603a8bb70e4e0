"""Read-side services for alerts: the alert objects the API, the CLI and the pages share,
filtered and ranked; one alert's timeline and accountability record.

Ranking: alerts on violence against civilians ("atrocity") come before conflict context;
then by severity, then most recently updated.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from tocsin.alerts.severity import ATROCITY
from tocsin.store.models import Alert, Country, Delivery, Subscription
from tocsin.store.models.alerts import ALERT_STATUSES, SEVERITIES
from tocsin.store.pagination import paginate
from tocsin.store.panel import find_country

ALERT_FIELDS = (
    "id",
    "signal",
    "status",
    "severity",
    "category",
    "country_code",
    "country",
    "place",
    "title",
    "summary",
    "since",
    "period_end",
    "last_active",
    "observed",
    "baseline",
    "peak",
    "unusualness",
    "previous_id",
    "replayed",
    "updated_at",
)


class AlertQueryError(ValueError):
    """A filter value that is not one of the allowed ones."""


def alert_object(alert: Alert, country: Country | None) -> dict[str, Any]:
    """An alert as the API, the CLI (``--format json|csv``) and the pages show it."""
    return {
        "id": alert.id,
        "signal": alert.signal,
        "status": alert.status,
        "severity": alert.severity,
        "category": alert.category,
        "country_code": country.code if country else None,
        "country": country.name if country else None,
        "place": alert.place,
        "title": alert.title,
        "summary": alert.summary,
        "since": _iso(alert.since),
        "period_end": _iso(alert.period_end),
        "last_active": _iso(alert.last_active),
        "observed": alert.observed,
        "baseline": alert.baseline,
        "peak": alert.peak,
        "unusualness": alert.unusualness,
        "previous_id": alert.previous_id,
        "replayed": bool(alert.replayed),
        "updated_at": alert.updated_at.isoformat() if alert.updated_at else None,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def ranking():  # noqa: ANN201 - SQLAlchemy order-by clauses
    """Order: atrocity before conflict context, most severe first, most recent first."""
    severity_rank = case({s: i for i, s in enumerate(SEVERITIES)}, value=Alert.severity, else_=0)
    category_rank = case((Alert.category == ATROCITY, 0), else_=1)
    return (category_rank, severity_rank.desc(), Alert.updated_at.desc(), Alert.id.desc())


def query_alerts(
    session: Session,
    status: str | None = None,
    country: str | None = None,
    severity: str | None = None,
    signal: str | None = None,
    limit: int = 50,
    offset: int = 0,
    min_severity: bool = False,
    public_only: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """Alerts matching the filters, ranked, with the total count.

    ``country`` is a name or code (an unknown one raises ``UnknownCountryError`` listing
    close names); ``severity`` is one level, or the lowest level when ``min_severity``;
    ``public_only`` leaves out alerts awaiting a reviewer's confirmation."""
    query = select(Alert, Country).outerjoin(Country, Country.id == Alert.country_id)
    if public_only:  # imported here: the signal module loads SciPy, which lists do not need
        from tocsin.alerts.submission_cluster import public_clause

        query = query.where(public_clause())
    if status:
        if status not in ALERT_STATUSES:
            raise AlertQueryError(f"status must be one of {', '.join(ALERT_STATUSES)}")
        query = query.where(Alert.status == status)
    if severity:
        if severity not in SEVERITIES:
            raise AlertQueryError(f"severity must be one of {', '.join(SEVERITIES)}")
        levels = SEVERITIES[SEVERITIES.index(severity) :] if min_severity else (severity,)
        query = query.where(Alert.severity.in_(levels))
    if country:
        query = query.where(Alert.country_id == find_country(session, country).id)
    if signal:
        query = query.where(Alert.signal == signal)
    total, rows = paginate(session, query.order_by(*ranking()), limit, offset)
    return total, [alert_object(a, c) for a, c in rows]


def timeline(alert: Alert) -> list[dict[str, Any]]:
    """An alert's history, oldest first: activity per month, escalations, resolution, and
    every step people took (who, when, what note)."""
    return [
        {
            "at": step.at.isoformat(),
            "month": _iso(step.month),
            "actor": step.actor,
            "action": step.action,
            "status": step.status,
            "note": step.note,
        }
        for step in alert.history
    ]


def notifications(session: Session, alert_id: int) -> list[dict[str, Any]]:
    """Who was told about an alert: subscription, channel, target, when, why, result."""
    query = (
        select(Delivery, Subscription)
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(Delivery.alert_id == alert_id)
        .order_by(Delivery.at, Delivery.id)
    )
    return [
        {
            "subscription_id": sub.id,
            "channel": sub.channel,
            "target": sub.target,
            "at": delivery.at.isoformat(),
            "reason": delivery.reason or "new",
            "status": delivery.status,
            "attempts": delivery.attempts,
            "error": delivery.error,
        }
        for delivery, sub in session.execute(query)
    ]


def responses(alert: Alert) -> list[dict[str, Any]]:
    """Who acknowledged, escalated or closed the alert, when, and with what note."""
    return [
        {"at": s.at.isoformat(), "actor": s.actor, "action": s.action, "note": s.note}
        for s in alert.history
        if s.action in ("acknowledge", "escalate", "close")
    ]


def alert_record(session: Session, alert_id: int) -> dict[str, Any] | None:
    """One alert with its timeline, evidence and accountability record (who was
    notified, who responded); None when there is no such alert."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        return None
    country = session.get(Country, alert.country_id) if alert.country_id else None
    return {
        **alert_object(alert, country),
        "evidence": [{"kind": e.kind, "ref": e.ref, "label": e.label} for e in alert.evidence],
        "timeline": timeline(alert),
        "notified": notifications(session, alert_id),
        "responses": responses(alert),
        "episodes": episode_chain(session, alert),
    }


def episode_chain(session: Session, alert: Alert) -> list[int]:
    """Ids of the earlier episodes this alert follows, most recent first."""
    chain, previous = [], alert.previous_id
    while previous is not None and previous not in chain:
        chain.append(previous)
        previous = session.scalar(select(Alert.previous_id).where(Alert.id == previous))
    return chain


def open_alert_codes(session: Session) -> set[str]:
    """Codes of countries with an alert that is not closed (for the map)."""
    query = (
        select(Country.code)
        .join(Alert, Alert.country_id == Country.id)
        .where(Alert.status != "closed")
    )
    return set(session.scalars(query))


def next_episode(session: Session, alert_id: int) -> int | None:
    """Id of the episode that followed this alert (opened after it resolved), if any."""
    return session.scalar(select(Alert.id).where(Alert.previous_id == alert_id).limit(1))
