"""Framework of Analysis workbench: taxonomy versions, documents and their sources,
excerpts, analysts' tags, model suggestions, feeds and country assessments.

Countries are referenced by their reference ``code`` (ISO alpha-3 or a documented
Tocsin code, see tocsin.reference.countries) so documents can name countries that
are not in the loaded panel. The full-text index (SQLite FTS5 table or PostgreSQL
GIN index) is created by migration ``0002_framework``, not by these models.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tocsin.store.db import Base
from tocsin.store.models.types import JSONType, utcnow


class TaxonomyVersion(Base):
    """One imported version of the risk-factor taxonomy (the active one is used)."""

    __tablename__ = "framework_taxonomies"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(40))
    document: Mapped[dict[str, Any]] = mapped_column(JSONType)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    imported_by: Mapped[str] = mapped_column(String(80))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Document(Base):
    """A report, article or statement, stored once however many places published it."""

    __tablename__ = "framework_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(200), index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(8))
    media_type: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    minhash: Mapped[list[int]] = mapped_column(JSONType)
    ingested_by: Mapped[str] = mapped_column(String(80))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    excerpts: Mapped[list[Excerpt]] = relationship(
        back_populates="document", order_by="Excerpt.position", cascade="all, delete-orphan"
    )
    sources: Mapped[list[DocumentSource]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class DocumentSource(Base):
    """Where a document was seen: the first copy, exact re-sends and near-duplicates.

    ``relation`` is ``original``, ``exact`` (same hash) or ``near`` (same story,
    ``similarity`` is the estimated Jaccard similarity); the text is kept only once.
    """

    __tablename__ = "framework_document_sources"
    __table_args__ = (UniqueConstraint("document_id", "content_hash", "location"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("framework_documents.id"), index=True)
    relation: Mapped[str] = mapped_column(String(10))
    content_hash: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(String(500))
    similarity: Mapped[float | None] = mapped_column(Float)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    document: Mapped[Document] = relationship(back_populates="sources")


class Excerpt(Base):
    """A paragraph of a document. ``key`` is stable: derived from the document's hash,
    the paragraph's position and its text, so re-ingesting yields the same ids."""

    __tablename__ = "framework_excerpts"
    __table_args__ = (UniqueConstraint("document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(24), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("framework_documents.id"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    countries: Mapped[list[str]] = mapped_column(JSONType, default=list)

    document: Mapped[Document] = relationship(back_populates="excerpts")


class Tag(Base):
    """An analyst's judgement that an excerpt is (``accepted``) or is not (``rejected``)
    evidence of an indicator; rejected tags are negative labels for the learned tagger."""

    __tablename__ = "framework_tags"
    __table_args__ = (
        UniqueConstraint("excerpt_id", "indicator"),
        Index("ix_framework_tags_indicator_country", "indicator", "country_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    excerpt_id: Mapped[int] = mapped_column(ForeignKey("framework_excerpts.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))  # accepted | rejected
    country_code: Mapped[str | None] = mapped_column(String(8))
    observed_on: Mapped[date | None] = mapped_column(Date)
    confidence: Mapped[str] = mapped_column(String(10))  # low | medium | high
    note: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(20))  # manual | suggestion
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Suggestion(Base):
    """A tagger's proposed indicator for an excerpt, with its score."""

    __tablename__ = "framework_suggestions"
    __table_args__ = (UniqueConstraint("excerpt_id", "indicator"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    excerpt_id: Mapped[int] = mapped_column(ForeignKey("framework_excerpts.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer)
    tagger: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Feed(Base):
    """An RSS or Atom feed polled every ``interval_minutes``."""

    __tablename__ = "framework_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    interval_minutes: Mapped[int] = mapped_column(Integer, default=60)
    etag: Mapped[str | None] = mapped_column(String(300))
    modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[str] = mapped_column(String(20), default="never")
    last_message: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[str] = mapped_column(String(80))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Assessment(Base):
    """One dated version of a country's rating on one risk factor.

    Versions are never edited: a change is a new version. ``evidence`` lists excerpt
    ids; ``status`` is ``draft`` or ``published``.
    """

    __tablename__ = "framework_assessments"
    __table_args__ = (
        UniqueConstraint("country_code", "factor", "version"),
        Index("ix_framework_assessments_country", "country_code", "factor"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country_code: Mapped[str] = mapped_column(String(8))
    factor: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(12))
    confidence: Mapped[str] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[int]] = mapped_column(JSONType, default=list)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str | None] = mapped_column(String(80))
