"""The speech monitor: imported posts with their scores, import batches, the analysts'
lexicon of coded terms, and Rabat threshold worksheets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tocsin.store.db import Base
from tocsin.store.models import core  # noqa: F401  (foreign-key target)
from tocsin.store.models.types import JSONType, utcnow


class SpeechImport(Base):
    """One imported file of posts: what, by whom, with which checksum."""

    __tablename__ = "speech_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    importer: Mapped[str] = mapped_column(String(40))
    posts: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    locker_ref: Mapped[str | None] = mapped_column(String(200))  # evidence-locker id
    actor: Mapped[str] = mapped_column(String(80))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SpeechPost(Base):
    """A post or message, where it appeared, how far it reached, and its current score."""

    __tablename__ = "speech_posts"
    __table_args__ = (
        UniqueConstraint("source", "channel", "source_id"),
        Index("ix_speech_posts_country_time", "country_id", "posted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("speech_imports.id"))
    source: Mapped[str] = mapped_column(String(40))  # importer name
    source_id: Mapped[str] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(200), default="")
    author: Mapped[str] = mapped_column(String(200), default="", index=True)
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    country_id: Mapped[int | None] = mapped_column(ForeignKey("countries.id"))
    lang: Mapped[str] = mapped_column(String(8), default="")
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(500), default="")
    followers: Mapped[int | None] = mapped_column(Integer)
    views: Mapped[int | None] = mapped_column(Integer)
    shares: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(20), default="", index=True)
    category: Mapped[str] = mapped_column(String(30), default="")
    target: Mapped[str] = mapped_column(String(40), default="")
    lexicon_terms: Mapped[list[str]] = mapped_column(JSONType, default=list)
    cues: Mapped[list[str]] = mapped_column(JSONType, default=list)  # why it was flagged
    model: Mapped[str] = mapped_column(String(80), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LexiconTerm(Base):
    """A coded or context-specific term curated by analysts."""

    __tablename__ = "speech_lexicon"
    __table_args__ = (UniqueConstraint("term", "country"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(8), default="")
    country: Mapped[str] = mapped_column(String(8), default="")  # country code or ""
    meaning: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(String(40), default="other")
    severity: Mapped[str] = mapped_column(String(10), default="medium")
    category: Mapped[str] = mapped_column(String(30), default="derogation")
    source: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RabatWorksheet(Base):
    """The Rabat Plan of Action six-part threshold test for one post."""

    __tablename__ = "rabat_worksheets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("speech_posts.id"), index=True)
    country_id: Mapped[int | None] = mapped_column(ForeignKey("countries.id"), index=True)
    analyst: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | complete
    # per factor (context, speaker, intent, content, extent, likelihood): notes + rating 0-3
    factors: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    prefill: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    conclusion: Mapped[str] = mapped_column(String(40), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SpeechCorrection(Base):
    """An analyst's correction of the model on one post: the right label, category and
    target, with what the model said before. Corrections are training data for the next
    model (``tocsin speech train``); the text is kept as it was when corrected."""

    __tablename__ = "speech_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("speech_posts.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8), default="")
    label: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(30), default="")
    target: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    previous: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    actor: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
