"""The alert engine: run signals, turn candidates into alerts, and move alerts through
their lifecycle.

**Episodes.** An alert is one episode of activity of one signal for one key (a country
and measure, an admin-1 unit, ...). Each period of activity (a month, or a year for the
yearly signal) adds one history entry; a signal whose settings have ``quiet_periods``
resolves its open alerts (audited, by ``system:alerts``) after that many periods without
activity. Activity after that opens a new alert linked to the previous one
(``previous_id``). A period whose activity is already recorded changes nothing, so
replaying the same history twice leaves the store as it was.

**Escalation.** Within an open alert, a period at least ``escalation_factor`` times the
alert's previous peak, or of a higher severity, is an escalation: recorded in the
timeline and reported so that subscribers are told again.

**History.** Alerts raised while replaying past data are marked ``replayed``: they are
the record, not news, so they are neither announced in the digest nor sent to subscribers.

Lifecycle: new -> acknowledged -> escalated -> closed (acknowledged may also close,
new may escalate). Every step records who and when in ``alert_events``; steps taken
by people are also written to the audit log.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal
from tocsin.analysis.events.series import frozen_events
from tocsin.store import audit
from tocsin.store.models import Alert, AlertEvent, AlertEvidence, Country
from tocsin.store.models.alerts import SEVERITIES
from tocsin.store.models.types import utcnow

TRANSITIONS = {
    "acknowledge": ({"new"}, "acknowledged"),
    "escalate": ({"new", "acknowledged"}, "escalated"),
    "close": ({"new", "acknowledged", "escalated"}, "closed"),
}
ESCALATION_FACTOR = 2.0  # a period this many times the previous peak is an escalation
SYSTEM_ACTOR = "system:alerts"
REPLAY_ACTOR = "system:replay"  # history written while replaying past data
_PERIOD_MONTHS = {"month": 1, "year": 12}


class AlertError(ValueError):
    """An alert action that cannot be done (unknown alert, wrong state)."""


@dataclass
class RunReport:
    """What one run of the signals did."""

    created: list[int] = field(default_factory=list)
    merged: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    resolved: list[int] = field(default_factory=list)
    by_signal: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """What recording one candidate did: ``action`` is created, activity, escalation or
    recorded (the period was already in the alert's history: only new evidence is added).
    Unpacks as ``(alert, created)``."""

    alert: Alert
    action: str

    @property
    def created(self) -> bool:
        """Whether a new alert was opened."""
        return self.action == "created"

    def __iter__(self) -> Iterator[Any]:
        return iter((self.alert, self.created))

    def __getitem__(self, index: int) -> Any:
        return (self.alert, self.created)[index]


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def period_start(candidate: AlertCandidate) -> date:
    """The first day of the candidate's period of activity (its last period)."""
    day = candidate.period_end or candidate.since or date.today()
    return date(day.year, 1, 1) if candidate.period == "year" else day.replace(day=1)


def period_label(day: date, period: str) -> str:
    """How a title names a period: "March 2022", or "2022"."""
    return f"{day:%Y}" if period == "year" else f"{day:%B %Y}"


def _open_alert(session: Session, candidate: AlertCandidate) -> Alert | None:
    return session.scalars(
        select(Alert)
        .where(
            Alert.signal == candidate.signal,
            Alert.dedup_key == candidate.dedup_key,
            Alert.status != "closed",
        )
        .order_by(Alert.id.desc())
    ).first()


def _latest_alert(session: Session, candidate: AlertCandidate) -> Alert | None:
    return session.scalars(
        select(Alert)
        .where(Alert.signal == candidate.signal, Alert.dedup_key == candidate.dedup_key)
        .order_by(Alert.id.desc())
    ).first()


def _already_recorded(session: Session, candidate: AlertCandidate, month: date) -> bool:
    """Whether an alert of this signal and key already holds this period's activity."""
    found = session.scalar(
        select(AlertEvent.id)
        .join(Alert, Alert.id == AlertEvent.alert_id)
        .where(
            Alert.signal == candidate.signal,
            Alert.dedup_key == candidate.dedup_key,
            AlertEvent.month == month,
        )
        .limit(1)
    )
    return found is not None


def _add_evidence(alert: Alert, candidate: AlertCandidate) -> None:
    have = {(e.kind, e.ref) for e in alert.evidence}
    for ref in candidate.evidence:
        if (ref.kind, ref.ref) not in have:
            alert.evidence.append(AlertEvidence(kind=ref.kind, ref=ref.ref, label=ref.label[:300]))
            have.add((ref.kind, ref.ref))


def _title(alert: Alert, candidate: AlertCandidate, month: date) -> str:
    if candidate.headline is None or alert.since is None:
        return candidate.title
    first = period_label(alert.since, candidate.period)
    last = period_label(month, candidate.period)
    if first == last:
        return f"{candidate.headline} in {first}"
    return f"{candidate.headline}, {first} to {last}"


def _is_escalation(alert: Alert, candidate: AlertCandidate, factor: float) -> bool:
    if SEVERITIES.index(candidate.severity) > SEVERITIES.index(alert.severity):
        return True
    peak, observed = alert.peak, candidate.observed
    return peak is not None and observed is not None and peak > 0 and observed >= factor * peak


def record_candidate(
    session: Session,
    candidate: AlertCandidate,
    actor: str = SYSTEM_ACTOR,
    replaying: bool = False,
    quiet_periods: int | None = None,
    escalation_factor: float = ESCALATION_FACTOR,
) -> Outcome:
    """Record one period of activity: open an alert, add to the open one (escalating it
    when the period is far larger), or change nothing when the period is already recorded.

    With ``quiet_periods``, an open alert whose last activity is that many periods or more
    before this one is resolved first, and a new alert linked to it is opened."""
    if candidate.severity not in SEVERITIES:
        raise AlertError(f"severity {candidate.severity!r} is not one of {SEVERITIES}")
    month = period_start(candidate)
    alert = _open_alert(session, candidate)
    if _already_recorded(session, candidate, month) or (
        alert is not None and alert.last_active is not None and month < alert.last_active
    ):
        existing = alert or _latest_alert(session, candidate)
        assert existing is not None
        if existing.status != "closed":
            _add_evidence(existing, candidate)
            if SEVERITIES.index(candidate.severity) > SEVERITIES.index(existing.severity):
                existing.severity = candidate.severity
            session.flush()
        return Outcome(existing, "recorded")
    if alert is not None and quiet_periods is not None and alert.last_active is not None:
        gap = _month_index(month) - _month_index(alert.last_active)
        if gap > quiet_periods * _PERIOD_MONTHS[candidate.period]:
            resolve(session, alert, month, candidate.period)
            alert = None
    country_id = None
    if candidate.country_code:
        country_id = session.scalars(
            select(Country.id).where(Country.code == candidate.country_code)
        ).first()
    if alert is None:
        previous = _latest_alert(session, candidate)
        alert = Alert(
            signal=candidate.signal,
            dedup_key=candidate.dedup_key,
            status="new",
            since=candidate.since or month,
            previous_id=previous.id if previous is not None else None,
            replayed=replaying,
        )
        session.add(alert)
        action = "created"
    else:
        action = "escalation" if _is_escalation(alert, candidate, escalation_factor) else "activity"
        if SEVERITIES.index(candidate.severity) < SEVERITIES.index(alert.severity):
            candidate.severity = alert.severity  # activity never lowers severity
    alert.country_id = country_id
    alert.place = candidate.place
    alert.title = _title(alert, candidate, month)[:300]
    alert.summary = candidate.summary
    alert.severity = candidate.severity
    alert.category = candidate.category
    alert.period_end = candidate.period_end
    alert.observed, alert.baseline = candidate.observed, candidate.baseline
    alert.unusualness = candidate.unusualness
    alert.details = candidate.details
    alert.last_active = month
    if candidate.observed is not None:
        alert.peak = max(alert.peak or 0.0, candidate.observed)
    alert.updated_at = utcnow()
    _add_evidence(alert, candidate)
    alert.history.append(
        AlertEvent(
            actor=actor,
            action=action,
            status=alert.status,
            note=candidate.summary[:500],
            month=month,
        )
    )
    session.flush()
    return Outcome(alert, action)


def resolve(session: Session, alert: Alert, month: date, period: str = "month") -> None:
    """Close an alert whose activity has stopped (audited, by the system)."""
    last = period_label(alert.last_active or month, period)
    note = f"resolved: no activity since {last}"
    before = {"status": alert.status}
    alert.status = "closed"
    alert.updated_at = utcnow()
    alert.history.append(
        AlertEvent(actor=SYSTEM_ACTOR, action="resolved", status="closed", note=note)
    )
    audit.record(
        session, SYSTEM_ACTOR, "alert.resolve", "alert", alert.id, before, {"status": "closed"}
    )
    session.flush()


def resolve_quiet(
    session: Session, signal: str, examined: date, quiet_periods: int, period: str = "month"
) -> list[int]:
    """Resolve the open alerts of ``signal`` with no activity in the ``quiet_periods``
    periods up to ``examined`` (the start of the latest period the signal looked at)."""
    resolved = []
    open_alerts = session.scalars(
        select(Alert).where(
            Alert.signal == signal, Alert.status != "closed", Alert.last_active.is_not(None)
        )
    )
    for alert in list(open_alerts):
        assert alert.last_active is not None
        gap = _month_index(examined) - _month_index(alert.last_active)
        if gap >= quiet_periods * _PERIOD_MONTHS[period]:
            resolve(session, alert, examined, period)
            resolved.append(alert.id)
    return resolved


def run_signals(
    session: Session,
    as_of: date,
    names: list[str] | None = None,
    actor: str = SYSTEM_ACTOR,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    replaying: bool = False,
) -> RunReport:
    """Run the named signals (all registered ones by default) and record their alerts.

    ``config`` maps a signal's name to its settings (the ``signals`` table of the config
    file); unknown signals or settings are refused. ``replaying`` marks the alerts this
    run opens as history."""
    load_signal_plugins()
    config = config or {}
    for name in config:
        SIGNALS.get(name)
    report = RunReport()
    for name in names or SIGNALS.names():
        signal = SIGNALS.create(name, **config.get(name, {}))
        assert isinstance(signal, AlertSignal)
        signal.notes, signal.examined = [], None
        candidates = signal.detect(session, as_of)
        report.by_signal[name] = len(candidates)
        report.notes += signal.notes
        quiet = getattr(signal.settings, "quiet_periods", None)
        factor = getattr(signal.settings, "escalation_factor", ESCALATION_FACTOR)
        period = candidates[0].period if candidates else getattr(signal, "period", "month")
        for candidate in candidates:
            outcome = record_candidate(session, candidate, actor, replaying, quiet, factor)
            if outcome.created:
                report.created.append(outcome.alert.id)
            elif outcome.action == "escalation":
                report.escalated.append(outcome.alert.id)
            elif outcome.action == "activity":
                report.merged.append(outcome.alert.id)
        if quiet is not None and signal.examined is not None:
            report.resolved += resolve_quiet(session, name, signal.examined, quiet, period)
    return report


def replay(
    session: Session,
    start: date,
    end: date,
    names: list[str] | None = None,
    actor: str = REPLAY_ACTOR,
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> RunReport:
    """Run the signals as they would have run on the first day of each month from ``start``
    to ``end`` (then on ``end``), so the alert history builds up from past data. Alerts
    opened here are marked as history (``replayed``)."""
    total = RunReport()
    days = [d.date() for d in pd.date_range(start, end, freq="MS")]
    with frozen_events(session):
        for day in [*days, end] if end not in days else days:
            report = run_signals(session, day, names, actor, config, replaying=True)
            total.created += report.created
            total.merged += report.merged
            total.escalated += report.escalated
            total.resolved += report.resolved
            total.notes += report.notes
            for name, count in report.by_signal.items():
                total.by_signal[name] = total.by_signal.get(name, 0) + count
    total.created = list(dict.fromkeys(total.created))
    total.escalated = list(dict.fromkeys(total.escalated))
    total.resolved = list(dict.fromkeys(total.resolved))
    total.notes = list(dict.fromkeys(total.notes))
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
    """Import the modules that register Tocsin's built-in signals."""
    from tocsin.alerts import (  # noqa: F401
        assessment_raised,
        rank_jump,
        speech_surge,
        submission_cluster,
        surge,
        yearly,
    )
