"""Several civil-society submissions about one first-level unit (or one country) in a
short window.

Counts submissions received in the ``window_days`` up to ``as_of`` (rejected and
duplicate ones excluded), grouped by resolved country and by resolved admin-1 unit
(``Submission.admin1``, matched at intake against the units named in the event data);
a group with at least ``min_place`` (unit) or ``min_country`` (country) submissions is a
candidate. How unusual: :func:`tocsin.analysis.baseline.tail_probability` of the count
against the counts of the same group in the previous windows of ``baseline_days``.

Nothing a reporter typed reaches an alert: the title names only the country (from the
reference table) and the unit (from reference data); evidence is submission references.
Alerts from submissions are for analysts until a reviewer confirms them
(:func:`confirm`); :func:`publicly_visible` is the test every public channel (pages,
API, digest, e-mail) applies.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from pydantic import Field
from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal, EvidenceRef
from tocsin.analysis.baseline import tail_probability
from tocsin.plugins import PluginSettings
from tocsin.reference.countries import UnknownCountryError, lookup
from tocsin.store import audit
from tocsin.store.accounts import require_role
from tocsin.store.models import Alert, AlertEvent
from tocsin.store.models.intake import Submission

EXCLUDED = ("rejected", "duplicate")
REVIEW_FLAG = "review_required"
CONFIRMED = "confirmed"


class ClusterSettings(PluginSettings):
    """Thresholds of the submission-cluster signal."""

    window_days: int = Field(7, ge=1, description="Days up to the run date counted.")
    baseline_days: int = Field(91, ge=1, description="Days before the window giving the rate.")
    min_place: int = Field(3, ge=1, description="Fewest submissions about one place.")
    min_country: int = Field(5, ge=1, description="Fewest submissions about one country.")


class ReviewError(PermissionError):
    """Only a reviewer may confirm an alert from submissions."""


def _country_name(code: str) -> str:
    try:
        return lookup(code).name
    except (UnknownCountryError, LookupError, ValueError):
        return code


@SIGNALS.register
class SubmissionCluster(AlertSignal):
    """A burst of reports from the ground about one unit or country."""

    name = "submission-cluster"
    summary = "3+ submissions about one admin-1 unit (5+ about one country) within a week"
    Settings = ClusterSettings
    settings: ClusterSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Clusters of submissions received in the window ending on ``as_of``."""
        s = self.settings
        end = datetime.combine(as_of + timedelta(days=1), time(), tzinfo=UTC)
        start = end - timedelta(days=s.window_days)
        periods = max(1, s.baseline_days // s.window_days)
        base_start = start - timedelta(days=periods * s.window_days)
        rows = session.execute(
            select(
                Submission.ref,
                Submission.country_text,
                Submission.admin1,
                Submission.received_hour,
                Submission.how_known,
            ).where(
                Submission.received_hour >= base_start,
                Submission.received_hour < end,
                Submission.status.not_in(EXCLUDED),
                Submission.country_id.is_not(None),
            )
        ).all()
        recent: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        history: dict[tuple[str, str], np.ndarray] = defaultdict(lambda: np.zeros(periods))
        for ref, country, admin1, hour, how in rows:
            hour = hour if hour.tzinfo else hour.replace(tzinfo=UTC)
            for key in [(country, ""), *([(country, admin1)] if admin1 else [])]:
                if hour >= start:
                    recent[key].append((ref, how))
                else:
                    history[key][int((hour - base_start).days // s.window_days)] += 1
        out = []
        for (country, admin1), items in sorted(recent.items()):
            minimum = s.min_place if admin1 else s.min_country
            if len(items) < minimum:
                continue
            baseline, tail = tail_probability(history[(country, admin1)], len(items))
            where = f"{admin1}, {_country_name(country)}" if admin1 else _country_name(country)
            eyewitness = sum(1 for _ref, how in items if how == "saw")
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{country}:{admin1.lower()}",
                    title=f"Civil-society reports about {where} in {s.window_days} days",
                    summary=(
                        f"{len(items)} submissions received between {start.date()} and "
                        f"{as_of} ({eyewitness} by eyewitnesses); about {baseline:.1f} per "
                        f"{s.window_days} days in the previous {periods * s.window_days} days. "
                        "Unverified reports: for analysts until a reviewer confirms."
                    ),
                    severity="high" if len(items) >= 2 * minimum and eyewitness else "medium",
                    country_code=country,
                    place=admin1 or None,
                    since=start.date(),
                    period_end=as_of,
                    observed=float(len(items)),
                    baseline=baseline,
                    unusualness=tail,
                    details={
                        "window_days": s.window_days,
                        "eyewitness": eyewitness,
                        REVIEW_FLAG: True,
                    },
                    evidence=[
                        EvidenceRef("submission", ref, f"submission {ref}") for ref, _h in items
                    ],
                )
            )
        return out


def is_confirmed(alert: Alert) -> bool:
    """True once a reviewer confirmed the alert (kept in its history across merges)."""
    return any(event.action == CONFIRMED for event in alert.history)


def publicly_visible(alert: Alert) -> bool:
    """May anonymous visitors, the public API, the digest and e-mails show this alert?
    Alerts that need review (from submissions) only after a reviewer confirmed them."""
    return not (alert.details or {}).get(REVIEW_FLAG) or is_confirmed(alert)


def public_clause() -> ColumnElement[bool]:
    """:func:`publicly_visible` as a SQL condition on ``Alert`` (for paged queries):
    not raised from submissions, or confirmed by a reviewer."""
    confirmed = select(AlertEvent.id).where(
        AlertEvent.alert_id == Alert.id, AlertEvent.action == CONFIRMED
    )
    return or_(Alert.signal != SubmissionCluster.name, exists(confirmed))


def confirm(session: Session, alert: Alert, actor: str, actor_role: str, note: str = "") -> None:
    """A reviewer confirms an alert from submissions, making it public; audited."""
    try:
        require_role(actor_role, "reviewer", "confirming an alert from submissions")
    except PermissionError as exc:
        raise ReviewError(f"{actor}: {exc}") from None
    if is_confirmed(alert):
        return
    alert.history.append(
        AlertEvent(actor=actor, action=CONFIRMED, status=alert.status, note=note[:500])
    )
    audit.record(session, actor, "alert.confirm", "alert", alert.id)
    session.flush()
