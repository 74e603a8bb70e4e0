"""The alert-signal plug-in interface.

A signal looks at stored data and proposes :class:`AlertCandidate` objects; the
engine (``tocsin.alerts.engine``) turns candidates into alerts, merges duplicates
of an open alert by ``dedup_key``, records lifecycle events and notifies
subscribers. Capabilities register their own signals with :data:`SIGNALS`.
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from tocsin.plugins import Plugin, Registry
from tocsin.store.models.alerts import Severity


@dataclass(frozen=True)
class EvidenceRef:
    """A pointer to what an alert rests on: kind (event, excerpt, post, submission,
    forecast, assessment), its id, and a short human label."""

    kind: str
    ref: str
    label: str = ""


@dataclass
class AlertCandidate:
    """A proposed alert: what happened, where, since when, how unusual."""

    signal: str
    dedup_key: str
    title: str
    summary: str
    severity: Severity
    country_code: str | None = None
    place: str | None = None
    since: date | None = None
    period_end: date | None = None
    observed: float | None = None
    baseline: float | None = None
    unusualness: float | None = None  # e.g. upper-tail probability under the baseline
    details: dict[str, Any] = field(default_factory=dict)
    evidence: list[EvidenceRef] = field(default_factory=list)
    # "atrocity" (violence against civilians) or "conflict-context" (battles only)
    category: str = "atrocity"
    # The title without its period ("Nigeria: surge in civilian fatalities"); when an
    # episode spans several periods the engine titles it "<headline>, <first> to <last>".
    headline: str | None = None
    period: str = "month"  # the length of one period of activity: month or year


class AlertSignal(Plugin):
    """A kind of warning signal. Subclasses set ``name``, ``summary`` and ``Settings``.

    A signal whose settings have ``quiet_periods`` takes part in episodes: the engine
    resolves its open alerts after that many periods without activity (see
    ``tocsin.alerts.engine``). ``detect`` may append to ``notes`` (values it skipped, and
    why) and set ``examined`` (the start of the latest period it looked at).
    """

    notes: list[str]
    examined: date | None = None

    @abstractmethod
    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Return the alerts this signal raises from data known on ``as_of``."""


SIGNALS: Registry[AlertSignal] = Registry("alert signal")
