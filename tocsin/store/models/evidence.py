"""Evidence locker: content-addressed files, the cases they belong to, and the
hash-chained custody log."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tocsin.store.db import Base
from tocsin.store.models.types import JSONType, utcnow

CustodyEvent = Literal["received", "accessed", "exported", "annotated", "transferred"]
CUSTODY_EVENTS: tuple[CustodyEvent, ...] = get_args(CustodyEvent)


class EvidenceItem(Base):
    """One file in the locker, named by the SHA-256 of its stored bytes.

    ``sealed`` items hold ciphertext (a sealed box to the organisation's public key);
    their hash is that of the ciphertext, which is what the locker can check.
    """

    __tablename__ = "evidence_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    filename: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(120))  # e.g. intake, framework-document, speech
    sealed: Mapped[bool] = mapped_column(default=False)
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    received_by: Mapped[str] = mapped_column(String(80))


class EvidenceCaseItem(Base):
    """Membership of an item in a named case (an investigation, a request from a court)."""

    __tablename__ = "evidence_case_items"
    __table_args__ = (UniqueConstraint("case", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case: Mapped[str] = mapped_column(String(120), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    added_by: Mapped[str] = mapped_column(String(80))


class CustodyEntry(Base):
    """One custody event. ``entry_hash`` covers every field and ``prev_hash`` (the hash
    of the entry before it), so an edit, deletion or reordering breaks the chain.

    The order of the chain is ``seq``; entries are never updated or deleted.
    """

    __tablename__ = "custody_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    case: Mapped[str | None] = mapped_column(String(120), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class CustodyHead(Base):
    """A single row naming the newest entry: locked while appending (so concurrent
    writers cannot fork the chain) and checked so a truncated tail is detected."""

    __tablename__ = "custody_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    entry_hash: Mapped[str] = mapped_column(String(64))
