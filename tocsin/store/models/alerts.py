"""One alert model for every warning signal, with evidence links and lifecycle."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, get_args

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tocsin.store.db import Base
from tocsin.store.models import core  # noqa: F401  (foreign-key target)
from tocsin.store.models.types import JSONType, utcnow

AlertStatus = Literal["new", "acknowledged", "escalated", "closed"]
ALERT_STATUSES: tuple[AlertStatus, ...] = get_args(AlertStatus)
Severity = Literal["low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)  # least to most severe


class Alert(Base):
    """What happened, where, since when, and how unusual (observed against baseline)."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signal: Mapped[str] = mapped_column(String(60), index=True)
    dedup_key: Mapped[str] = mapped_column(String(200), index=True)
    country_id: Mapped[int | None] = mapped_column(ForeignKey("countries.id"), index=True)
    place: Mapped[str | None] = mapped_column(String(200))  # e.g. admin1 unit
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[Severity] = mapped_column(String(20), default="medium")
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    since: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    observed: Mapped[float | None] = mapped_column(Float)
    baseline: Mapped[float | None] = mapped_column(Float)
    unusualness: Mapped[float | None] = mapped_column(Float)  # e.g. tail probability
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Episodes: the alert this one follows (same signal and key, after it resolved), the
    # largest month seen so far, the last month with activity, and whether it was raised
    # while replaying past data (history: never announced as new).
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"))
    peak: Mapped[float | None] = mapped_column(Float)
    last_active: Mapped[date | None] = mapped_column(Date)
    replayed: Mapped[bool] = mapped_column(Boolean, default=False)
    # "atrocity" (violence against civilians) or "conflict-context" (battles only).
    category: Mapped[str] = mapped_column(String(20), default="atrocity")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    evidence: Mapped[list[AlertEvidence]] = relationship(
        back_populates="alert", cascade="all, delete-orphan"
    )
    history: Mapped[list[AlertEvent]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="AlertEvent.at"
    )


class AlertEvidence(Base):
    """A link from an alert to what it rests on (event, excerpt, post, submission...)."""

    __tablename__ = "alert_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    ref: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(300), default="")

    alert: Mapped[Alert] = relationship(back_populates="evidence")


class AlertEvent(Base):
    """A lifecycle step of an alert: status change, merge, note; with who and when."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    month: Mapped[date | None] = mapped_column(Date)  # the month of activity it records

    alert: Mapped[Alert] = relationship(back_populates="history")


class Subscription(Base):
    """Who is told about which alerts: e-mail or webhook, by country and minimum severity."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))  # email | webhook
    target: Mapped[str] = mapped_column(String(300))  # address or URL
    countries: Mapped[list[str]] = mapped_column(JSONType, default=list)  # codes; empty = all
    min_severity: Mapped[str] = mapped_column(String(20), default="medium")
    digest: Mapped[bool] = mapped_column(default=True)  # also receive the weekly digest
    active: Mapped[bool] = mapped_column(default=True)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Delivery(Base):
    """One notification attempt series: what, to whom, whether it arrived."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id"), index=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))  # alert | digest
    reason: Mapped[str | None] = mapped_column(String(20))  # new | escalated
    status: Mapped[str] = mapped_column(String(20))  # sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
