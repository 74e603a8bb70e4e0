"""Request and response models of the alerts API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import (
    Path,
)
from pydantic import BaseModel, Field

from tocsin.web.pagination import Page

Status = Literal["new", "acknowledged", "escalated", "closed"]
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


class AlertOut(BaseModel):
    """An alert: what happened, where, since when, how unusual."""

    id: int
    signal: str
    status: str
    severity: str
    country_code: str | None
    country: str | None
    place: str | None
    title: str
    summary: str
    since: date | None
    period_end: date | None
    observed: float | None
    baseline: float | None
    unusualness: float | None
    updated_at: str


class AlertDetail(AlertOut):
    awaiting_review: bool = Field(
        False, description="Raised from submissions, not yet confirmed by a reviewer."
    )
    """An alert with its evidence and history."""

    evidence: list[EvidenceOut]
    history: list[AlertStep]


class AlertPage(Page[AlertOut]):
    """A page of alerts."""


class ActionIn(BaseModel):
    """A lifecycle action and why."""

    action: Action
    note: str = Field("", max_length=2000)
