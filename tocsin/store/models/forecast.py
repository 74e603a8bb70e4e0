"""Stored forecasts: one run per (model, version, base year), with per-country risks,
their drivers, and backtest results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tocsin.store.db import Base
from tocsin.store.models import core  # noqa: F401  (foreign-key target)
from tocsin.store.models.types import JSONType, utcnow


class ForecastRun(Base):
    """A set of forecasts from one model version for one base year."""

    __tablename__ = "forecast_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model: Mapped[str] = mapped_column(String(60), index=True)
    model_version: Mapped[str] = mapped_column(String(60))
    base_year: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    data_checksums: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    params: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    forecasts: Mapped[list[Forecast]] = relationship(
        back_populates="run", cascade="all, delete-orphan"
    )


class Forecast(Base):
    """Risk of onset in the next year and in the next two years, with ranks."""

    __tablename__ = "forecasts"
    __table_args__ = (UniqueConstraint("run_id", "country_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("forecast_runs.id", ondelete="CASCADE"))
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), index=True)
    risk_1yr: Mapped[float | None] = mapped_column(Float)
    rank_1yr: Mapped[int | None] = mapped_column(Integer)
    risk_2yr: Mapped[float] = mapped_column(Float)
    rank_2yr: Mapped[int] = mapped_column(Integer)
    # 80 % bootstrap interval (10th-90th percentile) of the two-year risk and rank.
    risk_2yr_low: Mapped[float | None] = mapped_column(Float)
    risk_2yr_high: Mapped[float | None] = mapped_column(Float)
    rank_2yr_low: Mapped[int | None] = mapped_column(Integer)  # best (smallest) rank
    rank_2yr_high: Mapped[int | None] = mapped_column(Integer)

    run: Mapped[ForecastRun] = relationship(back_populates="forecasts")


class ForecastDriver(Base):
    """How much one predictor pushes one country's risk up or down, and its change."""

    __tablename__ = "forecast_drivers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("forecast_runs.id", ondelete="CASCADE"), index=True
    )
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), index=True)
    predictor: Mapped[str] = mapped_column(String(80))
    value: Mapped[float | None] = mapped_column(Float)
    contribution: Mapped[float] = mapped_column(Float)  # to the current risk (log-odds)
    change_contribution: Mapped[float | None] = mapped_column(Float)  # since previous base year


class BacktestRun(Base):
    """The metrics of one rolling-origin backtest of one model version."""

    __tablename__ = "backtest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model: Mapped[str] = mapped_column(String(60), index=True)
    model_version: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    data_checksums: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    per_year: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)

    forecasts: Mapped[list[BacktestForecast]] = relationship(
        back_populates="run", cascade="all, delete-orphan"
    )


class BacktestForecast(Base):
    """One out-of-sample forecast of a backtest, with what happened next."""

    __tablename__ = "backtest_forecasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("backtest_runs.id", ondelete="CASCADE"), index=True
    )
    country: Mapped[str] = mapped_column(String(80))  # EWP name (includes former states)
    base_year: Mapped[int] = mapped_column(Integer)
    risk: Mapped[float] = mapped_column(Float)  # two-year risk
    rank: Mapped[int] = mapped_column(Integer)
    onset_next_year: Mapped[float | None] = mapped_column(Float)  # mk_onset_1
    onset_within_2: Mapped[float | None] = mapped_column(Float)  # mk_onset_1or2

    run: Mapped[BacktestRun] = relationship(back_populates="forecasts")
