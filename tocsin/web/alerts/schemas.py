"""Request and response models of the alerts API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import (
    Path,
)
from pydantic import BaseModel, Field

from tocsin.store.models.alerts import AlertStatus, Severity
from tocsin.web.pagination import Page

Status = AlertStatus
SeverityLevel = Severity

Action = Literal["acknowledge", "escalate", "close"]
AlertId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Alert id.")]


class EvidenceOut(BaseModel):
    """What an alert rests on, and the page that shows it (when there is one)."""

    kind: str
    ref: str
    label: str
    url: str | None = None


class AlertStep(BaseModel):
    """A lifecycle step."""

    at: str
    actor: str
    action: str
    status: str
    note: str


class TimelineStep(AlertStep):
    """A step of an alert's timeline: a month of activity (``month`` set), an escalation,
    the resolution after quiet months, or what a person did."""

    month: date | None = None


class NotifiedOut(BaseModel):
    """One delivery of the alert to a subscription (the address itself is not shown)."""

    subscription_id: int
    channel: str
    at: str
    reason: str
    status: str
    attempts: int
    error: str | None = None


class ResponseOut(BaseModel):
    """Who acknowledged, escalated or closed the alert, and with what note."""

    at: str
    actor: str
    action: str
    note: str


class AlertOut(BaseModel):
    """An alert: what happened, where, since when, how unusual.

    ``category`` is ``atrocity`` (violence against civilians) or ``conflict-context``;
    ``replayed`` marks alerts raised while replaying history; ``previous_id`` is the
    earlier episode of the same alert this one follows."""

    id: int
    signal: str
    status: str
    severity: str
    category: str
    country_code: str | None
    country: str | None
    place: str | None
    title: str
    summary: str
    since: date | None
    period_end: date | None
    last_active: date | None = None
    observed: float | None
    baseline: float | None
    peak: float | None = None
    unusualness: float | None
    previous_id: int | None = None
    replayed: bool = False
    updated_at: str | None


class AlertDetail(AlertOut):
    """An alert with its evidence, history, timeline and accountability record.

    ``episodes`` are the earlier episodes, most recent first; ``next_id`` the episode
    that followed this one, if any."""

    awaiting_review: bool = Field(
        False, description="Raised from submissions, not yet confirmed by a reviewer."
    )
    evidence: list[EvidenceOut]
    history: list[AlertStep]
    timeline: list[TimelineStep]
    notified: list[NotifiedOut]
    responses: list[ResponseOut]
    episodes: list[int]
    next_id: int | None = None
    freshness: str = Field(description='How fresh the stored events are, e.g. "events up to ..."')


class AlertPage(Page[AlertOut]):
    """A page of alerts, with how fresh the events behind them are (``freshness``, e.g.
    "events up to 2022-02-28, UCDP Candidate 22.0.2") and whether they are ``stale``."""

    freshness: str
    stale: bool


class ActionIn(BaseModel):
    """A lifecycle action and why."""

    action: Action
    note: str = Field("", max_length=2000)


class SignalRecordOut(BaseModel):
    """How one signal did against one kind of outcome."""

    signal: str
    outcome: str
    outcomes: int
    warned: int
    missed: int
    median_lead: float | None
    alerts: int
    hits: int
    false_alarms: int
    country_years: int
    share_warned: float | None
    precision: float | None
    alerts_per_country_year: float | None


class TrackRecord(BaseModel):
    """The track record with the settings it was scored with and the events' freshness."""

    spike_deaths: float
    window_months: int
    freshness: str
    signals: list[SignalRecordOut]
