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
    severity: str  # low | medium | high | critical
    country_code: str | None = None
    place: str | None = None
    since: date | None = None
    period_end: date | None = None
    observed: float | None = None
    baseline: float | None = None
    unusualness: float | None = None  # e.g. upper-tail probability under the baseline
    details: dict[str, Any] = field(default_factory=dict)
    evidence: list[EvidenceRef] = field(default_factory=list)


class AlertSignal(Plugin):
    """A kind of warning signal. Subclasses set ``name``, ``summary`` and ``Settings``."""

    @abstractmethod
    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Return the alerts this signal raises from data known on ``as_of``."""


SIGNALS: Registry[AlertSignal] = Registry("alert signal")
