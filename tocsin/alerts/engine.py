"""The alert engine: run signals, turn candidates into alerts, merge duplicates into
the open alert with the same key, and move alerts through their lifecycle.

Lifecycle: new -> acknowledged -> escalated -> closed (acknowledged may also close,
new may escalate). Every step records who and when in ``alert_events``; steps taken
by people are also written to the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal
from tocsin.analysis.events.series import frozen_events
from tocsin.plugins import load_builtin_plugins
from tocsin.store import audit
from tocsin.store.models import Alert, AlertEvent, AlertEvidence, Country
from tocsin.store.models.alerts import SEVERITIES
from tocsin.store.models.types import utcnow

TRANSITIONS = {
    "acknowledge": ({"new"}, "acknowledged"),
    "escalate": ({"new", "acknowledged"}, "escalated"),
    "close": ({"new", "acknowledged", "escalated"}, "closed"),
}


class AlertError(ValueError):
    """An alert action that cannot be done (unknown alert, wrong state)."""


@dataclass
class RunReport:
    """What one run of the signals did."""

    created: list[int] = field(default_factory=list)
    merged: list[int] = field(default_factory=list)
    by_signal: dict[str, int] = field(default_factory=dict)


def _open_alert(session: Session, candidate: AlertCandidate) -> Alert | None:
    return session.scalars(
        select(Alert).where(
            Alert.signal == candidate.signal,
            Alert.dedup_key == candidate.dedup_key,
            Alert.status != "closed",
        )
    ).first()


def _add_evidence(alert: Alert, candidate: AlertCandidate) -> None:
    have = {(e.kind, e.ref) for e in alert.evidence}
    for ref in candidate.evidence:
        if (ref.kind, ref.ref) not in have:
            alert.evidence.append(AlertEvidence(kind=ref.kind, ref=ref.ref, label=ref.label[:300]))
            have.add((ref.kind, ref.ref))


def record_candidate(session: Session, candidate: AlertCandidate, actor: str) -> tuple[Alert, bool]:
    """Create an alert, or merge into the open one with the same key. Returns (alert, created)."""
    if candidate.severity not in SEVERITIES:
        raise AlertError(f"severity {candidate.severity!r} is not one of {SEVERITIES}")
    country_id = None
    if candidate.country_code:
        country_id = session.scalars(
            select(Country.id).where(Country.code == candidate.country_code)
        ).first()
    open_alert = _open_alert(session, candidate)
    created = open_alert is None
    if open_alert is None:
        alert = Alert(signal=candidate.signal, dedup_key=candidate.dedup_key, status="new")
        session.add(alert)
    else:
        alert = open_alert
        if SEVERITIES.index(candidate.severity) < SEVERITIES.index(alert.severity):
            candidate.severity = alert.severity  # a merge never lowers severity
    alert.country_id = country_id
    alert.place = candidate.place
    alert.title = candidate.title[:300]
    alert.summary = candidate.summary
    alert.severity = candidate.severity
    alert.since = alert.since if not created and alert.since else candidate.since
    alert.period_end = candidate.period_end
    alert.observed, alert.baseline = candidate.observed, candidate.baseline
    alert.unusualness = candidate.unusualness
    alert.details = candidate.details
    alert.updated_at = utcnow()
    _add_evidence(alert, candidate)
    alert.history.append(
        AlertEvent(
            actor=actor,
            action="created" if created else "merged",
            status=alert.status,
            note=candidate.summary[:500],
        )
    )
    session.flush()
    return alert, created


def run_signals(
    session: Session,
    as_of: date,
    names: list[str] | None = None,
    actor: str = "system:alerts",
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> RunReport:
    """Run the named signals (all registered ones by default) and record their alerts.

    ``config`` maps a signal's name to its settings (the ``signals`` table of the config
    file); unknown signals or settings are refused."""
    load_signal_plugins()
    config = config or {}
    for name in config:
        SIGNALS.get(name)
    report = RunReport()
    for name in names or SIGNALS.names():
        signal = SIGNALS.create(name, **config.get(name, {}))
        assert isinstance(signal, AlertSignal)
        candidates = signal.detect(session, as_of)
        report.by_signal[name] = len(candidates)
        for candidate in candidates:
            alert, created = record_candidate(session, candidate, actor)
            (report.created if created else report.merged).append(alert.id)
    return report


def replay(
    session: Session,
    start: date,
    end: date,
    names: list[str] | None = None,
    actor: str = "system:alerts",
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> RunReport:
    """Run the signals as they would have run on the first day of each month from ``start``
    to ``end`` (then on ``end``), so the alert history builds up from past data."""
    total = RunReport()
    days = [d.date() for d in pd.date_range(start, end, freq="MS")]
    with frozen_events(session):
        for day in [*days, end] if end not in days else days:
            report = run_signals(session, day, names, actor, config)
            total.created += report.created
            total.merged += report.merged
            for name, count in report.by_signal.items():
                total.by_signal[name] = total.by_signal.get(name, 0) + count
    total.created = list(dict.fromkeys(total.created))
    total.merged = [i for i in dict.fromkeys(total.merged) if i not in total.created]
    return total


def transition(session: Session, alert_id: int, action: str, actor: str, note: str = "") -> Alert:
    """Acknowledge, escalate or close an alert (audited)."""
    if action not in TRANSITIONS:
        raise AlertError(f"unknown action {action!r}; choose {', '.join(TRANSITIONS)}")
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise AlertError(f"no alert {alert_id}")
    allowed, target = TRANSITIONS[action]
    if alert.status not in allowed:
        raise AlertError(f"alert {alert_id} is {alert.status}; it cannot be {target}")
    before = {"status": alert.status}
    alert.status = target
    alert.updated_at = utcnow()
    alert.history.append(AlertEvent(actor=actor, action=action, status=target, note=note))
    audit.record(
        session,
        actor,
        f"alert.{action}",
        "alert",
        alert_id,
        before,
        {"status": target, "note": note},
    )
    session.flush()
    return alert


def load_signal_plugins() -> None:
    """Import the modules that register Tocsin's built-in plug-ins, signals among them."""
    load_builtin_plugins()
