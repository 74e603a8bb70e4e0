"""Intake: submissions from civil society, their sealed attachments, messages with the
reporter, analysts' notes and links. Nothing here identifies the reporter in clear:
contact details and attachments are sealed to the organisation's public key, replies
to the reporter are sealed to a key only the receipt code derives."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, get_args

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tocsin.store.db import Base
from tocsin.store.models import core, evidence  # noqa: F401  (foreign-key targets)
from tocsin.store.models.types import JSONType

SubmissionStatus = Literal["new", "in_review", "corroborated", "verified", "rejected", "duplicate"]
SUBMISSION_STATUSES: tuple[SubmissionStatus, ...] = get_args(SubmissionStatus)
HowKnown = Literal["saw", "heard", "told"]
HOW_KNOWN: tuple[HowKnown, ...] = get_args(HowKnown)


class Submission(Base):
    """One report. ``received_hour`` is truncated to the hour, so the stored time cannot
    be matched to the second against network logs. Everything the reporter wrote is in
    ``report_sealed`` (sealed to the organisation's key); in clear stay only the resolved
    country and first-level unit, the hour, and the reporter's choices from fixed lists.
    The clear text columns (``what``, ``place``...) are empty for sealed reports and hold
    text only in rows written before sealing existed."""

    __tablename__ = "intake_submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(16), unique=True)  # public reference, e.g. R-7F3K2Q
    received_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    what: Mapped[str] = mapped_column(Text)
    country_id: Mapped[int | None] = mapped_column(ForeignKey("countries.id"), index=True)
    country_text: Mapped[str] = mapped_column(String(120), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    when_text: Mapped[str] = mapped_column(String(120), default="")
    when_date: Mapped[date | None] = mapped_column(Date)
    affected: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(Text, default="")
    how_known: Mapped[str] = mapped_column(String(10))
    contact_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    receipt_lookup: Mapped[str] = mapped_column(String(64), unique=True)
    reporter_key: Mapped[str] = mapped_column(String(64))  # hex X25519 public key
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    assigned_to: Mapped[str | None] = mapped_column(String(80))
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("intake_submissions.id"))
    checklist: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    report_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    admin1: Mapped[str | None] = mapped_column(String(120))


class IntakeAttachment(Base):
    """A file sent with a submission: the sealed original and the sealed working copy
    (identifying metadata stripped) are both in the evidence locker."""

    __tablename__ = "intake_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("intake_submissions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # image, video, audio, document
    media_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    original_item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"))
    working_item_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"))
    filename_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    stripped: Mapped[list[str]] = mapped_column(JSONType, default=list)  # field names only


class IntakeMessage(Base):
    """A message in a submission's thread, from the reporter or from an analyst. Each is
    sealed twice: ``body_sealed`` to the reporter's receipt key (the reporter reads the
    thread) and ``org_sealed`` to the organisation's key (analysts read it). ``body`` is
    empty except in rows written before sealing existed."""

    __tablename__ = "intake_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("intake_submissions.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[str] = mapped_column(String(16))  # from_reporter, to_reporter
    author: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text, default="")  # from the reporter
    body_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # to the reporter
    org_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # to the organisation
    at_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IntakeNote(Base):
    """An analyst's working note on a submission (not shown to the reporter)."""

    __tablename__ = "intake_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("intake_submissions.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class IntakeLink(Base):
    """A link from a submission to something else: another submission, a country, a
    Framework document or indicator, an alert (generic ``kind`` + ``ref``)."""

    __tablename__ = "intake_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("intake_submissions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    ref: Mapped[str] = mapped_column(String(120))
    label: Mapped[str] = mapped_column(String(300), default="")
    author: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
