"""Tell subscribers: e-mail (SMTP) and webhooks (JSON POST), filtered by country and
minimum severity. A failed delivery is retried, then recorded; it never stops a run."""

from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Callable
from email.message import EmailMessage
from functools import partial
from typing import Literal, get_args

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.severity import fmt_count, fmt_probability
from tocsin.config import Settings
from tocsin.reference.countries import lookup
from tocsin.store import audit
from tocsin.store.models import Alert, Country, Delivery, Subscription
from tocsin.store.models.alerts import SEVERITIES

Channel = Literal["email", "webhook"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)

log = logging.getLogger(__name__)
ATTEMPTS = 3


class SubscriptionError(ValueError):
    """A subscription request is invalid."""


def subscribe(
    session: Session,
    channel: str,
    target: str,
    actor: str,
    countries: list[str] | None = None,
    min_severity: str = "medium",
    digest: bool = True,
) -> Subscription:
    """Add a subscriber (audited). ``countries`` are names or codes; none means all."""
    if channel not in CHANNELS:
        raise SubscriptionError(f"channel must be {' or '.join(CHANNELS)}, not {channel!r}")
    if channel == "email" and "@" not in target:
        raise SubscriptionError(f"{target!r} is not an e-mail address")
    if channel == "webhook" and not target.startswith(("http://", "https://")):
        raise SubscriptionError(f"{target!r} is not an http(s) URL")
    if min_severity not in SEVERITIES:
        raise SubscriptionError(f"min severity must be one of {', '.join(SEVERITIES)}")
    codes = sorted({lookup(country).code for country in countries or []})
    sub = Subscription(
        channel=channel,
        target=target,
        countries=codes,
        min_severity=min_severity,
        digest=digest,
        created_by=actor,
    )
    session.add(sub)
    session.flush()
    audit.record(
        session,
        actor,
        "subscription.create",
        "subscription",
        sub.id,
        after={
            "channel": channel,
            "target": target,
            "countries": sub.countries,
            "min_severity": min_severity,
        },
    )
    return sub


def list_subscriptions(session: Session, include_inactive: bool = False) -> list[Subscription]:
    """Subscriptions, oldest first (active ones only unless asked)."""
    query = select(Subscription).order_by(Subscription.id)
    if not include_inactive:
        query = query.where(Subscription.active.is_(True))
    return list(session.scalars(query))


def unsubscribe(session: Session, subscription_id: int, actor: str) -> Subscription:
    """Stop a subscription (kept, inactive, for the delivery record; audited)."""
    sub = session.get(Subscription, subscription_id)
    if sub is None:
        raise SubscriptionError(f"no subscription {subscription_id}")
    if sub.active:
        sub.active = False
        audit.record(
            session,
            actor,
            "subscription.cancel",
            "subscription",
            sub.id,
            before={"active": True},
            after={"active": False},
        )
        session.flush()
    return sub


def _matches(sub: Subscription, alert: Alert, code: str | None) -> bool:
    if SEVERITIES.index(alert.severity) < SEVERITIES.index(sub.min_severity):
        return False
    return not sub.countries or code in sub.countries


def send_email(settings: Settings, to: str, subject: str, text: str, html: str | None) -> None:
    """Send one e-mail (plain text, optional HTML alternative) through the SMTP server."""
    if not settings.smtp_host:
        raise RuntimeError("no SMTP server configured (TOCSIN_SMTP_HOST)")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.smtp_sender, to, subject
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        if settings.smtp_user and settings.smtp_password:
            smtp.starttls()
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)


def send_webhook(url: str, payload: dict) -> None:
    """POST ``payload`` as JSON; any non-2xx answer is an error."""
    httpx.post(url, json=payload, timeout=10).raise_for_status()


def deliver(
    session: Session,
    sub: Subscription,
    kind: str,
    alert_id: int | None,
    send: Callable[[], None],
    reason: str | None = None,
) -> Delivery:
    """Call ``send`` up to three times; record the outcome as a Delivery (with ``reason``:
    new or escalated, for alerts)."""
    error = ""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            send()
            delivery = Delivery(
                subscription_id=sub.id,
                alert_id=alert_id,
                kind=kind,
                reason=reason,
                status="sent",
                attempts=attempt,
            )
            break
        except Exception as exc:  # noqa: BLE001 - any failure is recorded, never raised
            error = f"{type(exc).__name__}: {exc}"
            time.sleep(0.2 * attempt)
    else:
        log.warning("delivery of %s to subscription %s failed: %s", kind, sub.id, error)
        delivery = Delivery(
            subscription_id=sub.id,
            alert_id=alert_id,
            kind=kind,
            reason=reason,
            status="failed",
            attempts=ATTEMPTS,
            error=error[:2000],
        )
    session.add(delivery)
    return delivery


def alert_payload(alert: Alert, code: str | None, base_url: str, reason: str = "new") -> dict:
    """The JSON a webhook receives for an alert."""
    return {
        "reason": reason,
        "id": alert.id,
        "signal": alert.signal,
        "severity": alert.severity,
        "status": alert.status,
        "country": code,
        "place": alert.place,
        "title": alert.title,
        "summary": alert.summary,
        "since": alert.since.isoformat() if alert.since else None,
        "period_end": alert.period_end.isoformat() if alert.period_end else None,
        "category": alert.category,
        "previous_id": alert.previous_id,
        "observed": alert.observed,
        "baseline": alert.baseline,
        "unusualness": alert.unusualness,
        "url": f"{base_url}/alerts/{alert.id}",
        "evidence": [{"kind": e.kind, "ref": e.ref, "label": e.label} for e in alert.evidence],
    }


def alert_text(payload: dict) -> str:
    """The plain-text e-mail body for an alert: what, where, since when, how unusual, evidence."""
    lines = [payload["title"], "", payload["summary"], ""]
    where = ", ".join(p for p in (payload["place"], payload["country"]) if p)
    if where:
        lines.append(f"Where: {where}")
    if payload["since"]:
        lines.append(f"Since: {payload['since']}")
    if payload["observed"] is not None:
        baseline = payload["baseline"]
        expected = f"{baseline:,.1f}" if baseline is not None else "n/a"
        lines.append(f"Observed {fmt_count(payload['observed'])} against a baseline of {expected}")
    if payload["unusualness"] is not None:
        lines.append(f"Chance under the baseline: {fmt_probability(payload['unusualness'])}")
    lines.append(f"Severity: {payload['severity']} ({payload['reason']}, {payload['status']})")
    for ev in payload["evidence"][:10]:
        lines.append(f"Evidence: {ev['kind']} {ev['ref']} {ev['label']}".rstrip())
    lines += ["", payload["url"], ""]
    return "\n".join(lines)


def notify_alerts(
    session: Session, settings: Settings, alert_ids: list[int], reason: str = "new"
) -> list[Delivery]:
    """Send each alert (``reason``: new or escalated) to every active subscriber it matches.

    Alerts raised while replaying past data are history, not news: they are not announced
    as new; alerts from submissions wait for a reviewer's confirmation."""
    from tocsin.alerts.submission_cluster import publicly_visible

    subs = list(session.scalars(select(Subscription).where(Subscription.active.is_(True))))
    out = []
    for alert_id in alert_ids:
        alert = session.get(Alert, alert_id)
        if alert is None or (alert.replayed and reason == "new") or not publicly_visible(alert):
            continue
        code = (
            session.scalar(select(Country.code).where(Country.id == alert.country_id))
            if alert.country_id
            else None
        )
        payload = alert_payload(alert, code, settings.base_url, reason)
        subject = f"[Tocsin {alert.severity}{' escalated' if reason == 'escalated' else ''}] " + (
            alert.title
        )
        text = alert_text(payload)
        for sub in (s for s in subs if _matches(s, alert, code)):
            if sub.channel == "email":
                send = partial(send_email, settings, sub.target, subject, text, None)
            else:
                send = partial(send_webhook, sub.target, payload)
            out.append(deliver(session, sub, "alert", alert_id, send, reason))
    session.flush()
    return out
