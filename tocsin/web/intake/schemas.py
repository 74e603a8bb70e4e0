"""Request and response models of the intake review API."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from tocsin.store.models.intake import SubmissionStatus
from tocsin.web.pagination import Page

Status = SubmissionStatus


class SubmissionOut(BaseModel):
    """A submission as the queue lists it (no sealed data)."""

    id: int
    ref: str
    received_hour: str
    status: str
    assigned_to: str | None
    country_code: str
    place: str
    when: str
    how_known: str
    attachments: int


class SubmissionPage(Page[SubmissionOut]):
    """A page of the queue."""


class SubmissionDetail(SubmissionOut):
    """A submission with its texts and review state."""

    language: str
    what: str
    affected: str
    responsible: str
    latitude: float | None
    longitude: float | None
    duplicate_of: int | None
    has_contact: bool
    checklist: dict[str, Any]
    notes: list[dict[str, Any]]
    links: list[dict[str, Any]]
    messages: list[dict[str, Any]]
    files: list[dict[str, Any]]


class ReviewIn(BaseModel):
    """A review action on a submission."""

    op: Literal["status", "assign", "note", "link", "check", "reply", "copy"]
    status: Status | None = None
    duplicate_of: str | None = Field(None, max_length=20)
    assignee: str | None = Field(None, max_length=80)
    body: str | None = Field(None, max_length=20000)
    kind: str | None = Field(None, max_length=30)
    ref: str | None = Field(None, max_length=120)
    label: str | None = Field(None, max_length=300)
    item: str | None = Field(None, max_length=60)
    done: bool = False
    note: str | None = Field(None, max_length=2000)
    passage: str | None = Field(None, max_length=20000)
    title: str | None = Field(None, max_length=300)
