"""Reference and panel data: countries, indicators, the country-year panel,
mass-killing episodes, and the provenance of every loaded dataset."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tocsin.store.db import Base
from tocsin.store.models.types import utcnow


class Country(Base):
    """A country (or historical state). ``code`` is ISO 3166 alpha-3 where one exists."""

    __tablename__ = "countries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    iso3: Mapped[str | None] = mapped_column(String(3), unique=True)
    iso_numeric: Mapped[int | None] = mapped_column(Integer)
    gwcode: Mapped[int | None] = mapped_column(Integer, index=True)
    ewp_name: Mapped[str | None] = mapped_column(String(120), unique=True)
    region: Mapped[str | None] = mapped_column(String(60))

    episodes: Mapped[list[Episode]] = relationship(back_populates="country")


class Indicator(Base):
    """A panel variable: predictor or outcome, with its origin."""

    __tablename__ = "indicators"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # predictor | outcome | other
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(120), default="")


class PanelValue(Base):
    """One value of the country-year panel (long format)."""

    __tablename__ = "panel_values"

    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str] = mapped_column(ForeignKey("indicators.name"), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)


class Episode(Base):
    """A mass-killing episode from the EWP master list."""

    __tablename__ = "episodes"
    __table_args__ = (UniqueConstraint("source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(40))  # stable id from the source sheet
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer)
    ongoing: Mapped[bool] = mapped_column(default=False)
    perpetrator_type: Mapped[str | None] = mapped_column(String(20))  # state | non-state
    perpetrator: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    fatalities_text: Mapped[str | None] = mapped_column(String(200))

    country: Mapped[Country] = relationship(back_populates="episodes")


class Provenance(Base):
    """Which dataset version (by checksum) was loaded, when, and how many rows."""

    __tablename__ = "provenance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
