"""Read services over stored forecasts, for the dashboard and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from tocsin.analysis.forecast.base import DEFAULT_MODEL, PREVIOUS_DEFAULTS
from tocsin.analysis.forecast.features import predictor_labels
from tocsin.analysis.forecast.intervals import overlaps
from tocsin.store.models import (
    BacktestForecast,
    BacktestRun,
    Country,
    Episode,
    Event,
    Forecast,
    ForecastDriver,
    ForecastRun,
    Provenance,
)
from tocsin.store.pagination import paginate


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
    """A model's stored runs, newest base year first (one per base year: the latest).

    For the default model with nothing stored yet, the runs of the most recent earlier
    default (so upgrading Tocsin does not blank the dashboard before the next forecast).
    """
    found = _model_runs(session, model)
    if not found and model == DEFAULT_MODEL:
        for older in PREVIOUS_DEFAULTS:
            found = _model_runs(session, older)
            if found:
                break
    return found


Stamp = tuple[int | None, ...]
_STAMP = select(
    select(func.max(ForecastRun.id)).scalar_subquery(),
    select(func.max(Provenance.id)).scalar_subquery(),
    select(func.max(Event.id)).scalar_subquery(),  # the monthly update reads events
)


def data_stamp(session: Session | Connection) -> Stamp:
    """What cached forecast reads depend on: the newest forecast run, dataset load and
    event (any of them changes when new data arrive)."""
    return tuple(session.execute(_STAMP).one())


def countries(
    session: Session,
    region: str | None,
    name_contains: str | None,
    with_data: bool,
    limit: int,
    offset: int,
) -> tuple[int, list[Country]]:
    """Countries by name, optionally only one region, names containing a text (any
    case) or those in the EWP panel; the total and one page."""
    query = select(Country).order_by(Country.name)
    if with_data:
        query = query.where(Country.ewp_name.is_not(None))
    if region:
        query = query.where(Country.region == region)
    if name_contains:
        query = query.where(func.lower(Country.name).contains(name_contains.lower()))
    total, rows = paginate(session, query, limit, offset)
    return total, [country for (country,) in rows]


def episodes(
    session: Session,
    country: Country | None,
    ongoing: bool | None,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[Episode, Country]]]:
    """Mass-killing episodes, most recent first, optionally of one country or only
    ongoing (or ended) ones; the total and one page, each with its country."""
    query = (
        select(Episode, Country)
        .join(Country, Country.id == Episode.country_id)
        .order_by(Episode.start_year.desc(), Episode.id)
    )
    if country is not None:
        query = query.where(Episode.country_id == country.id)
    if ongoing is not None:
        query = query.where(Episode.ongoing.is_(ongoing))
    total, rows = paginate(session, query, limit, offset)
    return total, [(episode, where) for episode, where in rows]


def _model_runs(session: Session, model: str) -> list[ForecastRun]:
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


@dataclass(frozen=True)
class CalibrationBin:
    """Backtest forecasts grouped by two-year risk: mean risk against the onset share."""

    mean_risk: float
    observed: float  # share with an onset in the next two years
    forecasts: int
    onsets: int


@dataclass(frozen=True)
class CatchPoint:
    """Share of onsets ranked in the top ``k`` one or two years before."""

    k: int
    caught: int
    onsets: int

    @property
    def share(self) -> float:
        """caught / onsets."""
        return self.caught / self.onsets if self.onsets else float("nan")


def _backtest_rows(session: Session, run_id: int) -> list[BacktestForecast]:
    query = select(BacktestForecast).where(BacktestForecast.run_id == run_id)
    return list(session.scalars(query))


def calibration_bins(session: Session, run_id: int, bins: int = 10) -> list[CalibrationBin]:
    """Two-year risk against the two-year outcome, in equal-count bins of risk.

    Like with like: each backtest forecast from base year T against onset in T+1 or T+2.
    The bins are deciles of risk (fewer if risks tie), each with its counts.
    """
    rows = [r for r in _backtest_rows(session, run_id) if r.onset_within_2 is not None]
    if not rows:
        return []
    rows.sort(key=lambda r: r.risk)
    size = -(-len(rows) // bins)
    out = []
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        onsets = sum(int(r.onset_within_2 or 0) for r in chunk)
        out.append(
            CalibrationBin(
                mean_risk=sum(r.risk for r in chunk) / len(chunk),
                observed=onsets / len(chunk),
                forecasts=len(chunk),
                onsets=onsets,
            )
        )
    return out


def catch_curve(session: Session, run_id: int, max_rank: int = 60) -> list[CatchPoint]:
    """For k = 1..max_rank, onsets whose best rank one or two years before was <= k.

    An onset in year y is ``onset_next_year`` of base year y - 1; its ranks are those of
    base years y - 1 and y - 2 (EWP's protocol, as in backtest.py).
    """
    rows = _backtest_rows(session, run_id)
    rank = {(r.country, r.base_year): r.rank for r in rows}
    best = []
    for r in rows:
        if r.onset_next_year == 1:
            ranks = [rank.get((r.country, r.base_year - lag)) for lag in (0, 1)]
            best.append(min(x for x in ranks if x is not None))
    return [CatchPoint(k, sum(b <= k for b in best), len(best)) for k in range(1, max_rank + 1)]


@dataclass(frozen=True)
class IntervalRow:
    """A ranking row with its 80 % interval and whether it overlaps the next row's."""

    row: RankingRow
    risk_low: float | None
    risk_high: float | None
    rank_low: int | None
    rank_high: int | None
    overlaps_next: bool | None  # None when either has no interval


def rankings_with_intervals(
    session: Session, model: str, base_year: int | None = None
) -> list[IntervalRow]:
    """The rankings (best first) with each country's 80 % risk and rank interval and
    whether its risk interval overlaps the next country's, i.e. whether the data can
    tell the two apart."""
    rows = rankings(session, model, base_year)
    if not rows:
        return []
    run = next(r for r in runs(session, model) if r.base_year == rows[0].base_year)
    bounds = {
        code: (lo, hi, rlo, rhi)
        for code, lo, hi, rlo, rhi in session.execute(
            select(
                Country.code,
                Forecast.risk_2yr_low,
                Forecast.risk_2yr_high,
                Forecast.rank_2yr_low,
                Forecast.rank_2yr_high,
            )
            .join(Country, Country.id == Forecast.country_id)
            .where(Forecast.run_id == run.id)
        )
    }
    out = []
    for i, row in enumerate(rows):
        lo, hi, rlo, rhi = bounds.get(row.code, (None, None, None, None))
        following = bounds.get(rows[i + 1].code) if i + 1 < len(rows) else None
        overlap = None
        if lo is not None and hi is not None and following:
            next_lo, next_hi = following[0], following[1]
            if next_lo is not None and next_hi is not None:
                overlap = overlaps(lo, hi, next_lo, next_hi)
        out.append(IntervalRow(row, lo, hi, rlo, rhi, overlap))
    return out


def interval_of(session: Session, country: Country, model: str) -> IntervalRow | None:
    """One country's row, with its interval, in the latest rankings."""
    found = rankings_with_intervals(session, model)
    return next((i for i in found if i.row.code == country.code), None)


def risk_scale(risks: list[float], bands: int = 5) -> list[float]:
    """Upper edges of ``bands`` map colour bands fitted to the risks shown (quantiles),
    so every band holds about the same number of countries; the last edge is the top."""
    if not risks:
        return []
    ordered = sorted(risks)
    return [
        ordered[min(len(ordered) - 1, -(-len(ordered) * b // bands) - 1)]
        for b in range(1, bands + 1)
    ]


MIN_EFFECT = 1e-6  # log-odds; smaller contributions are zero effects, left out


def driver_effects(
    session: Session, country: Country, model: str, min_effect: float = MIN_EFFECT
) -> list[tuple[str, ForecastDriver]]:
    """A country's drivers in words (label, driver), strongest first, zero effects left out."""
    labels = predictor_labels()
    found = [d for d in drivers(session, country, model) if abs(d.contribution) > min_effect]
    found.sort(key=lambda d: -abs(d.contribution))
    return [(labels.get(d.predictor, d.predictor), d) for d in found]


def backtest_results(session: Session, model: str) -> BacktestRun | None:
    """The most recent stored backtest of ``model`` (metrics, per-year catches)."""
    return session.scalars(
        select(BacktestRun)
        .where(BacktestRun.model == model)
        .order_by(BacktestRun.created_at.desc(), BacktestRun.id.desc())
        .limit(1)
    ).first()


def events_table(session: Session, year: int) -> pd.DataFrame:
    """The events store's events of ``year`` as a table: country_code, event_date,
    category, against_civilians (one-sided violence), fatalities_best."""
    query = (
        select(
            Country.code.label("country_code"),
            Event.event_date,
            Event.category,
            Event.against_civilians,
            Event.fatalities_best,
        )
        .join(Country, Country.id == Event.country_id)
        .where(Event.event_date >= date(year, 1, 1), Event.event_date <= date(year, 12, 31))
    )
    columns = ["country_code", "event_date", "category", "against_civilians", "fatalities_best"]
    return pd.DataFrame(session.execute(query).all(), columns=columns)


@dataclass(frozen=True)
class UpdatedRisk:
    """A country's yearly two-year risk updated with this year's events so far."""

    label: str  # "updated with events to YYYY-MM"
    through: date
    risk_2yr: float
    rank_2yr: int
    one_sided_deaths: float


def monthly_updates(session: Session, model: str) -> dict[str, UpdatedRisk]:
    """The latest yearly forecast (base year T) of every country, updated with the stored
    events of T+1 up to the last month that has any; empty when T+1 has no events."""
    from tocsin.analysis.forecast.monthly import monthly_update

    rows = rankings(session, model)
    if not rows:
        return {}
    year = rows[0].base_year + 1
    events = events_table(session, year)
    if events.empty:
        return {}
    month = int(pd.to_datetime(events["event_date"]).dt.month.max())
    yearly = pd.DataFrame({"code": [r.code for r in rows], "risk_2yr": [r.risk_2yr for r in rows]})
    update = monthly_update(yearly, events, year, month)
    return {
        t.code: UpdatedRisk(
            update.label, update.through, t.risk_updated, t.rank_updated, t.one_sided_deaths
        )
        for t in update.table.itertuples()
    }
