"""Conflict events in one normalised layout (UCDP GED, ACLED, ...)."""

from __future__ import annotations

from datetime import date, datetime

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
from sqlalchemy.orm import Mapped, mapped_column

from tocsin.store.db import Base
from tocsin.store.models import core  # noqa: F401  (foreign-key target)
from tocsin.store.models.types import utcnow


class Event(Base):
    """One event; (source, source_id) identifies it across re-imports."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        Index("ix_events_country_date", "country_id", "event_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(30))
    source_id: Mapped[str] = mapped_column(String(60))
    event_date: Mapped[date] = mapped_column(Date)
    date_precision: Mapped[int | None] = mapped_column(Integer)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"))
    admin1: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    category: Mapped[str] = mapped_column(String(60))
    sub_type: Mapped[str | None] = mapped_column(String(80))
    against_civilians: Mapped[bool] = mapped_column(Boolean, default=False)
    actor1: Mapped[str | None] = mapped_column(String(300))
    actor2: Mapped[str | None] = mapped_column(String(300))
    fatalities_best: Mapped[float | None] = mapped_column(Float)
    fatalities_low: Mapped[float | None] = mapped_column(Float)
    fatalities_high: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class YearlyDeath(Base):
    """Deaths in one country-year of one kind (battle, state-based, non-state, one-sided),
    from one yearly dataset; the yearly view where monthly event files are absent."""

    __tablename__ = "yearly_deaths"
    __table_args__ = (UniqueConstraint("source", "country_id", "year", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(60))  # registered dataset name
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    gwno: Mapped[int | None] = mapped_column(Integer)  # the publisher's Gleditsch-Ward code
    best: Mapped[float] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
