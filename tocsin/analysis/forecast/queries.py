"""Read services over stored forecasts, for the dashboard and the API."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.store.models import BacktestRun, Country, Forecast, ForecastDriver, ForecastRun


@dataclass(frozen=True)
class RankingRow:
    """A country's forecast in one run, with its rank change since the previous base year."""

    code: str
    name: str
    region: str | None
    iso_numeric: int | None
    base_year: int
    risk_2yr: float
    rank_2yr: int
    risk_1yr: float | None
    rank_1yr: int | None
    previous_rank: int | None

    @property
    def rank_change(self) -> int | None:
        """Positive when the country moved up (towards rank 1)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank_2yr


def runs(session: Session, model: str) -> list[ForecastRun]:
    """A model's stored runs, newest base year first (one per base year: the latest)."""
    seen: dict[int, ForecastRun] = {}
    query = (
        select(ForecastRun)
        .where(ForecastRun.model == model)
        .order_by(ForecastRun.base_year.desc(), ForecastRun.created_at.desc())
    )
    for run in session.scalars(query):
        seen.setdefault(run.base_year, run)
    return list(seen.values())


def models(session: Session) -> list[str]:
    """Names of the models with stored forecasts."""
    return list(session.scalars(select(ForecastRun.model).distinct().order_by(ForecastRun.model)))


def _ranks(session: Session, run: ForecastRun) -> dict[int, int]:
    rows = session.execute(
        select(Forecast.country_id, Forecast.rank_2yr).where(Forecast.run_id == run.id)
    )
    return dict(rows.all())


_RANKINGS_CACHE: dict[tuple[str, str, int | None, int | None], list[RankingRow]] = {}


def rankings(session: Session, model: str, base_year: int | None = None) -> list[RankingRow]:
    """Every country's forecast from one run (latest by default), best rank first.

    Cached per database, keyed by the newest forecast run id, so a new run is seen at once.
    """
    stamp = session.scalar(select(func.max(ForecastRun.id)))
    key = (str(session.get_bind().engine.url), model, base_year, stamp)
    if key not in _RANKINGS_CACHE:
        if len(_RANKINGS_CACHE) > 64:
            _RANKINGS_CACHE.clear()
        _RANKINGS_CACHE[key] = _rankings(session, model, base_year)
    return list(_RANKINGS_CACHE[key])


def ranking_of(session: Session, country: Country, model: str) -> RankingRow | None:
    """One country's row in the latest rankings."""
    return next((r for r in rankings(session, model) if r.code == country.code), None)


def _rankings(session: Session, model: str, base_year: int | None) -> list[RankingRow]:
    all_runs = runs(session, model)
    chosen = next((r for r in all_runs if base_year is None or r.base_year == base_year), None)
    if chosen is None:
        return []
    previous = next((r for r in all_runs if r.base_year == chosen.base_year - 1), None)
    previous_ranks = _ranks(session, previous) if previous else {}
    query = (
        select(Forecast, Country)
        .join(Country, Country.id == Forecast.country_id)
        .where(Forecast.run_id == chosen.id)
        .order_by(Forecast.rank_2yr, Country.name)
    )
    return [
        RankingRow(
            code=c.code,
            name=c.name,
            region=c.region,
            iso_numeric=c.iso_numeric,
            base_year=chosen.base_year,
            risk_2yr=f.risk_2yr,
            rank_2yr=f.rank_2yr,
            risk_1yr=f.risk_1yr,
            rank_1yr=f.rank_1yr,
            previous_rank=previous_ranks.get(c.id),
        )
        for f, c in session.execute(query)
    ]


def history(session: Session, country: Country, model: str) -> list[tuple[int, float, int]]:
    """(base year, two-year risk, rank) of a country across a model's runs, oldest first."""
    ids = {r.id: r.base_year for r in runs(session, model)}
    query = select(Forecast.run_id, Forecast.risk_2yr, Forecast.rank_2yr).where(
        Forecast.country_id == country.id, Forecast.run_id.in_(ids)
    )
    return sorted((ids[run_id], risk, rank) for run_id, risk, rank in session.execute(query))


def drivers(session: Session, country: Country, model: str) -> list[ForecastDriver]:
    """A country's feature contributions in the model's latest run."""
    latest = next(iter(runs(session, model)), None)
    if latest is None:
        return []
    query = select(ForecastDriver).where(
        ForecastDriver.run_id == latest.id, ForecastDriver.country_id == country.id
    )
    return list(session.scalars(query))


def latest_backtests(session: Session) -> list[BacktestRun]:
    """The most recent backtest of each model."""
    seen: dict[str, BacktestRun] = {}
    for run in session.scalars(select(BacktestRun).order_by(BacktestRun.created_at.desc())):
        seen.setdefault(run.model, run)
    return sorted(seen.values(), key=lambda r: r.model)
