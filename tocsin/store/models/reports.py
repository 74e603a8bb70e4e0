"""Generated reports: every country or annual report rendered, versioned and kept."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tocsin.store.db import Base
from tocsin.store.models.types import JSONType, utcnow


class Report(Base):
    """One version of a report (country or annual) in one language and format."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("kind", "subject", "lang", "fmt", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # country | annual
    subject: Mapped[str] = mapped_column(String(20), index=True)  # country code or year
    lang: Mapped[str] = mapped_column(String(8))
    fmt: Mapped[str] = mapped_column(String(8))  # pdf | html
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(80))
    model_version: Mapped[str] = mapped_column(String(80))
    data_checksums: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    facts: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
