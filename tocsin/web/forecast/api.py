"""The read API, version 1: countries, indicators, forecasts, drivers, rankings,
backtests, episodes. JSON by default; tables also as CSV (``?format=csv``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from tocsin.analysis.forecast import queries
from tocsin.analysis.forecast.base import MODELS
from tocsin.analysis.forecast.service import DEFAULT_MODEL
from tocsin.store import panel
from tocsin.store.models import Country
from tocsin.web.auth import reader
from tocsin.web.cache import cached_json
from tocsin.web.deps import CountryInPath, CountryInQuery, get_session
from tocsin.web.errors import NotFound
from tocsin.web.export import CSV_RESPONSE, Format, csv_response, wants_csv
from tocsin.web.forecast.schemas import (
    BacktestOut,
    CountryDetail,
    CountryOut,
    CountryPage,
    DriverOut,
    EpisodeOut,
    EpisodePage,
    ForecastOut,
    HistoryPoint,
    IndicatorOut,
    LatestValue,
    ModelOut,
    MonthlyOut,
    Point,
    RankingPage,
)
from tocsin.web.pagination import Limit, Offset

router = APIRouter(prefix="/api/v1", dependencies=[Depends(reader)])


def checked_model(model: str) -> str:
    """The model name if registered, else UnknownPluginError (404 with suggestions)."""
    MODELS.get(model)
    return model


def _forecast_out(
    row: queries.RankingRow, interval: queries.IntervalRow | None = None
) -> ForecastOut:
    return ForecastOut(
        code=row.code,
        name=row.name,
        region=row.region,
        base_year=row.base_year,
        risk_2yr=row.risk_2yr,
        rank_2yr=row.rank_2yr,
        risk_1yr=row.risk_1yr,
        rank_1yr=row.rank_1yr,
        rank_change=row.rank_change,
        risk_2yr_low=interval.risk_low if interval else None,
        risk_2yr_high=interval.risk_high if interval else None,
        rank_2yr_low=interval.rank_low if interval else None,
        rank_2yr_high=interval.rank_high if interval else None,
        overlaps_next=interval.overlaps_next if interval else None,
    )


def _with_intervals(rows: list[queries.IntervalRow]) -> list[ForecastOut]:
    return [_forecast_out(i.row, i) for i in rows]


def _country_out(country: Country, latest: dict[str, queries.RankingRow]) -> CountryOut:
    row = latest.get(country.code)
    return CountryOut(
        code=country.code,
        name=country.name,
        iso3=country.iso3,
        iso_numeric=country.iso_numeric,
        gwcode=country.gwcode,
        ewp_name=country.ewp_name,
        region=country.region,
        risk_2yr=row.risk_2yr if row else None,
        rank_2yr=row.rank_2yr if row else None,
    )


@router.get("/countries", response_model=CountryPage, tags=["countries"])
def list_countries(
    region: str | None = Query(None, description="Only this region (e.g. Africa)."),
    q: str | None = Query(None, max_length=100, description="Name contains this text."),
    with_data: bool = Query(True, description="Only countries in the EWP panel."),
    limit: int = Limit,
    offset: int = Offset,
    session: Session = Depends(get_session),
) -> CountryPage:
    """Countries, with their latest default-model forecast."""
    total, found = queries.countries(session, region, q, with_data, limit, offset)
    latest = {r.code: r for r in queries.rankings(session, DEFAULT_MODEL)}
    items = [_country_out(c, latest) for c in found]
    return CountryPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/countries/{code}", response_model=CountryDetail, tags=["countries"])
async def country_detail(
    country: CountryInPath, session: Session = Depends(get_session)
) -> Response:
    """One country (by ISO3, name or GW code) with its latest forecast and indicators."""
    return cached_json(
        session, ("country", country.code), lambda: _country_detail(session, country), CountryDetail
    )


def _monthly_out(update: queries.UpdatedRisk | None) -> MonthlyOut | None:
    if update is None:
        return None
    return MonthlyOut(
        label=update.label,
        through=f"{update.through:%Y-%m}",
        risk_2yr=update.risk_2yr,
        rank_2yr=update.rank_2yr,
        one_sided_deaths=update.one_sided_deaths,
    )


def _country_detail(session: Session, country: Country) -> CountryDetail:
    interval = queries.interval_of(session, country, DEFAULT_MODEL)
    ranking = interval.row if interval else None
    latest = {country.code: ranking} if ranking else {}
    values = panel.latest_values(session, country)
    labels = {i.name: i.label for i in panel.indicators(session)}
    return CountryDetail(
        **_country_out(country, latest).model_dump(),
        latest_forecast=_forecast_out(ranking, interval) if ranking else None,
        updated=_monthly_out(queries.monthly_updates(session, DEFAULT_MODEL).get(country.code)),
        indicators=[
            LatestValue(indicator=k, label=labels.get(k, k), year=values.year, value=v)
            for k, v in sorted(values.values.items())
        ]
        if values
        else [],
        episodes=len(panel.episodes_for(session, country)),
    )


@router.get(
    "/countries/{code}/indicators/{indicator}", response_model=list[Point], tags=["countries"]
)
def indicator_series(
    country: CountryInPath, indicator: str, session: Session = Depends(get_session)
) -> list[Point]:
    """One indicator's yearly values for a country."""
    known = {i.name for i in panel.indicators(session)}
    if indicator not in known:
        raise NotFound(f"unknown indicator {indicator!r}; see /api/v1/indicators")
    return [Point(year=y, value=v) for y, v in panel.indicator_series(session, country, indicator)]


@router.get("/countries/{code}/forecasts", response_model=list[HistoryPoint], tags=["forecasts"])
def country_forecasts(
    country: CountryInPath,
    model: str = Query(DEFAULT_MODEL),
    session: Session = Depends(get_session),
) -> list[HistoryPoint]:
    """A country's stored forecasts across base years."""
    rows = queries.history(session, country, checked_model(model))
    return [HistoryPoint(base_year=y, risk_2yr=r, rank_2yr=k) for y, r, k in rows]


@router.get("/countries/{code}/drivers", response_model=list[DriverOut], tags=["forecasts"])
def country_drivers(
    country: CountryInPath,
    model: str = Query(DEFAULT_MODEL),
    limit: int = Query(10, ge=1, le=200),
    session: Session = Depends(get_session),
) -> list[DriverOut]:
    """The features that most raise or lower a country's latest forecast, in words;
    zero effects are left out."""
    effects = queries.driver_effects(session, country, checked_model(model))[:limit]
    return [
        DriverOut(
            predictor=d.predictor,
            label=label,
            value=d.value,
            contribution=d.contribution,
            change_contribution=d.change_contribution,
        )
        for label, d in effects
    ]


@router.get("/rankings", response_model=RankingPage, responses=CSV_RESPONSE, tags=["forecasts"])
async def rankings(
    request: Request,
    model: str = Query(DEFAULT_MODEL),
    region: str | None = Query(None),
    base_year: int | None = Query(None, ge=1900, le=2200),
    limit: int = Query(500, ge=1, le=500),
    offset: int = Offset,
    format: Format = Query("json"),
    session: Session = Depends(get_session),
) -> RankingPage | Response:
    """All countries by forecast risk from one base year (latest by default)."""
    checked_model(model)
    if wants_csv(request, format):
        return csv_response(
            _ranking_items(session, model, region, base_year), f"rankings-{model}.csv"
        )

    def build() -> RankingPage:
        items = _ranking_items(session, model, region, base_year)
        return RankingPage(
            model=model,
            base_year=items[0].base_year if items else base_year,
            total=len(items),
            limit=limit,
            offset=offset,
            items=items[offset : offset + limit],
        )

    key = ("rankings", model, region, base_year, limit, offset)
    return cached_json(session, key, build, RankingPage)


def _ranking_items(
    session: Session, model: str, region: str | None, base_year: int | None
) -> list[ForecastOut]:
    rows = queries.rankings_with_intervals(session, model, base_year)
    return _with_intervals([i for i in rows if not region or i.row.region == region])


@router.get(
    "/forecasts/latest",
    response_model=list[ForecastOut],
    responses=CSV_RESPONSE,
    tags=["forecasts"],
)
def latest_forecasts(
    request: Request,
    model: str = Query(DEFAULT_MODEL),
    format: Format = Query("json"),
    session: Session = Depends(get_session),
) -> list[ForecastOut] | Response:
    """The latest forecast of every country from one model."""
    items = _with_intervals(queries.rankings_with_intervals(session, checked_model(model)))
    return csv_response(items, f"forecasts-{model}.csv") if wants_csv(request, format) else items


@router.get("/models", response_model=list[ModelOut], tags=["forecasts"])
def models(session: Session = Depends(get_session)) -> list[ModelOut]:
    """Registered forecast models and the base years stored for each."""
    return [
        ModelOut(
            name=name,
            version=cls.version,
            summary=cls.summary,
            base_years=sorted(r.base_year for r in queries.runs(session, name)),
        )
        for name, cls in MODELS.items()
    ]


@router.get("/backtests", response_model=list[BacktestOut], tags=["forecasts"])
def backtests(session: Session = Depends(get_session)) -> list[BacktestOut]:
    """The latest backtest metrics of each model."""
    return [
        BacktestOut(
            model=b.model,
            version=b.model_version,
            created_at=b.created_at.isoformat(),
            metrics={k: float(v) for k, v in b.metrics.items()},
        )
        for b in queries.latest_backtests(session)
    ]


@router.get("/indicators", response_model=list[IndicatorOut], tags=["countries"])
def indicators(session: Session = Depends(get_session)) -> list[IndicatorOut]:
    """The panel's predictors and outcomes."""
    return [
        IndicatorOut(name=i.name, label=i.label, kind=i.kind, source=i.source)
        for i in panel.indicators(session)
    ]


@router.get("/episodes", response_model=EpisodePage, responses=CSV_RESPONSE, tags=["episodes"])
def episodes(
    request: Request,
    where: CountryInQuery,
    ongoing: bool | None = Query(None),
    limit: int = Limit,
    offset: int = Offset,
    format: Format = Query("json"),
    session: Session = Depends(get_session),
) -> EpisodePage | Response:
    """Mass-killing episodes since 1945, most recent first."""
    as_table = wants_csv(request, format)
    total, rows = queries.episodes(
        session, where, ongoing, 10_000_000 if as_table else limit, 0 if as_table else offset
    )
    items = [
        EpisodeOut(
            id=e.id,
            country_code=c.code,
            country=c.name,
            name=e.name,
            start_year=e.start_year,
            end_year=e.end_year,
            ongoing=e.ongoing,
            perpetrator_type=e.perpetrator_type,
            perpetrator=e.perpetrator,
            target=e.target,
            fatalities_low=e.fatalities_low,
            fatalities_high=e.fatalities_high,
        )
        for e, c in rows
    ]
    if as_table:
        return csv_response(items, "episodes.csv")
    return EpisodePage(total=total, limit=limit, offset=offset, items=items)
