"""Response models of the read API: countries, indicators, forecasts, drivers, rankings,
backtests, episodes."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tocsin.web.pagination import Page


class CountryOut(BaseModel):
    """A country with its latest forecast from the default model, if any."""

    code: str
    name: str
    iso3: str | None
    iso_numeric: int | None
    gwcode: int | None
    ewp_name: str | None
    region: str | None
    risk_2yr: float | None = None
    rank_2yr: int | None = None


class CountryPage(Page[CountryOut]):
    """A page of countries."""


class IndicatorOut(BaseModel):
    """A panel variable."""

    name: str
    label: str
    kind: str
    source: str


class LatestValue(BaseModel):
    """An indicator's most recent value for a country."""

    indicator: str
    label: str
    year: int
    value: float


class ForecastOut(BaseModel):
    """A country's forecast from one base year."""

    code: str
    name: str
    region: str | None
    base_year: int
    risk_2yr: float
    rank_2yr: int
    risk_1yr: float | None
    rank_1yr: int | None
    rank_change: int | None
    risk_2yr_low: float | None = Field(None, description="80 % interval of risk_2yr: low end.")
    risk_2yr_high: float | None = Field(None, description="80 % interval of risk_2yr: high end.")
    rank_2yr_low: int | None = Field(None, description="80 % interval of rank_2yr: best rank.")
    rank_2yr_high: int | None = Field(None, description="80 % interval of rank_2yr: worst rank.")
    overlaps_next: bool | None = Field(
        None,
        description="True when the risk interval overlaps the next-ranked country's "
        "(statistically indistinguishable from it); null when either has no interval.",
    )


class MonthlyOut(BaseModel):
    """The yearly two-year risk updated with this year's events (between yearly releases)."""

    label: str
    through: str  # YYYY-MM, last month of events counted
    risk_2yr: float
    rank_2yr: int
    one_sided_deaths: float


class CountryDetail(CountryOut):
    """A country with its latest forecast, indicator values and episode count."""

    latest_forecast: ForecastOut | None
    updated: MonthlyOut | None = None
    indicators: list[LatestValue]
    episodes: int


class Point(BaseModel):
    """One year's value."""

    year: int
    value: float


class HistoryPoint(BaseModel):
    """A country's forecast in one base year."""

    base_year: int
    risk_2yr: float
    rank_2yr: int


class DriverOut(BaseModel):
    """One feature's contribution to a country's forecast (log-odds)."""

    predictor: str
    label: str
    value: float | None
    contribution: float
    change_contribution: float | None


class RankingPage(Page[ForecastOut]):
    """A page of forecasts, best rank first."""

    model: str
    base_year: int | None


class ModelOut(BaseModel):
    """A forecast model and the base years stored for it."""

    name: str
    version: str
    summary: str
    base_years: list[int]


class BacktestOut(BaseModel):
    """The latest backtest metrics of a model."""

    model: str
    version: str
    created_at: str
    metrics: dict[str, float]


class EpisodeOut(BaseModel):
    """A mass-killing episode."""

    id: int
    country_code: str
    country: str
    name: str
    start_year: int
    end_year: int | None
    ongoing: bool
    perpetrator_type: str | None
    perpetrator: str | None
    target: str | None
    fatalities_low: int | None
    fatalities_high: int | None


class EpisodePage(Page[EpisodeOut]):
    """A page of episodes."""
