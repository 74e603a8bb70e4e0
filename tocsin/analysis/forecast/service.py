"""Forecast services: fit a model on the panel, forecast a base year with drivers,
store runs and backtests, and read them back. Used by the CLI, `tocsin up` and the web."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

# Importing the model modules registers them.
from tocsin.analysis.forecast import (  # noqa: F401
    ensemble,
    ewp_enet,
    gbm,
    tocsin_enet,
    two_variable,
)
from tocsin.analysis.forecast.backtest import BacktestResult, run_backtest
from tocsin.analysis.forecast.base import BASELINE, DEFAULT_MODEL, MODELS, ForecastModel
from tocsin.analysis.forecast.features import add_features
from tocsin.analysis.forecast.intervals import DRAWS, bootstrap_intervals
from tocsin.analysis.forecast.queries import backtest_results
from tocsin.analysis.forecast.violence import DATASET as VIOLENCE_DATASET
from tocsin.analysis.forecast.violence import load_violence
from tocsin.config import Settings
from tocsin.reference.countries import lookup
from tocsin.sources import fetch
from tocsin.sources.ewp import read_predictors
from tocsin.store.db import Database
from tocsin.store.models import (
    BacktestForecast,
    BacktestRun,
    Country,
    Forecast,
    ForecastDriver,
    ForecastRun,
)

INTERVAL_COLUMNS = ("risk_2yr_low", "risk_2yr_high", "rank_2yr_low", "rank_2yr_high")
PANEL_DATASET = "ewp-predictors"


class NoDataForBaseYearError(ValueError):
    """The panel has no scorable rows for the requested base year."""


@dataclass
class PanelData:
    """The validated panel with engineered features, and the checksums of its files."""

    frame: pd.DataFrame
    checksums: dict[str, str]

    @property
    def last_year(self) -> int:
        """The most recent year in the panel."""
        return int(self.frame["year"].max())


def load_panel(settings: Settings, mirror: Path | None = None) -> PanelData:
    """Read the verified modelling panel and UCDP's violence by type (pulling them if
    needed) and add the engineered and violence features."""
    pulled = fetch.pull_one(settings, PANEL_DATASET, mirror)
    violence = fetch.pull_one(settings, VIOLENCE_DATASET, mirror)
    frame = load_violence(violence.path, add_features(read_predictors(pulled.path)))
    return PanelData(frame, {PANEL_DATASET: pulled.sha256, VIOLENCE_DATASET: violence.sha256})


def make_model(name: str, outcome: str | None = None) -> ForecastModel:
    """A fresh model by registry name; ``outcome`` overrides the two-year default."""
    model = MODELS.create(name)
    assert isinstance(model, ForecastModel)
    if outcome is not None:
        model.outcome = outcome
    return model


@dataclass
class ForecastResult:
    """One model's forecasts for a base year, with per-country drivers."""

    model: str
    version: str
    base_year: int
    table: pd.DataFrame  # ewp_name, code, name, risk_2yr, rank_2yr, risk_1yr, rank_1yr
    drivers: pd.DataFrame  # code, predictor, value, contribution, change_contribution


def forecast(
    panel: PanelData,
    model_name: str = DEFAULT_MODEL,
    base_year: int | None = None,
    one_year: bool = True,
    draws: int = 0,
) -> ForecastResult:
    """Fit on all rows up to ``base_year`` and forecast the countries of that year.

    Two-year risk (onset in base_year + 1 or + 2) is the headline; one-year risk comes
    from the same model fitted on the next-year outcome, or for models whose
    ``one_year_method`` is "hazard", from the two-year risk at a constant yearly hazard.
    Drivers are each feature's contribution to the two-year log-odds and its change
    since the previous base year. With ``draws`` >= 2, 80 % intervals of the two-year
    risk and rank come from that many country bootstrap refits (intervals.py).
    """
    year = panel.last_year if base_year is None else base_year
    frame = panel.frame
    history = frame[frame["year"] <= year]
    two_year = make_model(model_name)
    target = two_year.scorable(frame[frame["year"] == year])
    if target.empty or two_year.training_rows(history).empty:
        years = sorted(frame["year"].unique())
        raise NoDataForBaseYearError(
            f"no data to forecast from base year {year}: the panel covers "
            f"{years[0]}-{years[-1]} and fitting needs earlier years with known outcomes"
        )
    two_year.fit(history)
    risk2 = two_year.predict_risk(target)
    if one_year and two_year.one_year_method == "hazard":
        risk1 = 1 - np.sqrt(1 - risk2)
    elif one_year:
        risk1 = make_model(model_name, outcome="mk_onset_1").fit(history).predict_risk(target)
    else:
        risk1 = pd.Series(float("nan"), index=risk2.index)
    table = target.loc[risk2.index, ["ewp_name"]].copy()
    table["code"] = [lookup(n).code for n in table["ewp_name"]]
    table["name"] = [lookup(n).name for n in table["ewp_name"]]
    table["risk_2yr"] = risk2
    table["risk_1yr"] = risk1.reindex(risk2.index)
    table["rank_2yr"] = table["risk_2yr"].rank(ascending=False, method="min").astype(int)
    table["rank_1yr"] = table["risk_1yr"].rank(ascending=False, method="min").astype("Int64")
    if draws:
        bounds = bootstrap_intervals(lambda: make_model(model_name), history, target, draws)
        table["risk_2yr_low"] = bounds["risk_low"]
        table["risk_2yr_high"] = bounds["risk_high"]
        table["rank_2yr_low"] = bounds["rank_low"].astype("Int64")
        table["rank_2yr_high"] = bounds["rank_high"].astype("Int64")
    else:
        for column in INTERVAL_COLUMNS:
            table[column] = None
    table = table.sort_values("rank_2yr").reset_index(drop=True)
    return ForecastResult(
        two_year.name, two_year.version, year, table, _drivers(two_year, frame, target, year)
    )


def _drivers(
    model: ForecastModel, frame: pd.DataFrame, target: pd.DataFrame, year: int
) -> pd.DataFrame:
    now = model.contributions(target)
    previous = model.contributions(frame[frame["year"] == year - 1])
    now.index = target.loc[now.index, "ewp_name"]
    previous.index = frame.loc[previous.index, "ewp_name"]
    features = [c for c in now.columns if c != BASELINE]
    change = now[features] - previous.reindex(now.index)[features]
    values = target.set_index("ewp_name").reindex(index=now.index, columns=features)
    long = now[features].stack().rename("contribution").reset_index()
    long.columns = ["ewp_name", "predictor", "contribution"]
    long["change_contribution"] = change.stack(future_stack=True).to_numpy()
    value = values.astype(float).stack(future_stack=True).to_numpy()
    long["value"] = pd.Series(value, dtype=object).where(~np.isnan(value), None)
    codes = {name: lookup(name).code for name in now.index.unique()}
    long["code"] = long["ewp_name"].map(codes)
    return long


def store_forecast(
    session: Session, result: ForecastResult, checksums: dict[str, str]
) -> ForecastRun:
    """Save a forecast run (replacing an earlier run of the same model, version and year)."""
    for old in session.scalars(
        select(ForecastRun).where(
            ForecastRun.model == result.model,
            ForecastRun.model_version == result.version,
            ForecastRun.base_year == result.base_year,
        )
    ):
        session.delete(old)
    session.flush()
    ids = dict(session.execute(select(Country.code, Country.id)).all())
    missing = sorted(set(result.table["code"]) - set(ids))
    if missing:
        raise ValueError(f"countries {missing} are not in the database; run `tocsin load` first")
    run = ForecastRun(
        model=result.model,
        model_version=result.version,
        base_year=result.base_year,
        data_checksums=checksums,
        params={
            "outcome": "mk_onset_1or2",
            "one_year": (
                "mk_onset_1"
                if MODELS.get(result.model).one_year_method == "refit"
                else "1 - sqrt(1 - two-year risk)"
            ),
        },
    )
    session.add(run)
    session.flush()
    session.add_all(
        Forecast(
            run_id=run.id,
            country_id=ids[row.code],
            risk_2yr=float(row.risk_2yr),
            rank_2yr=int(row.rank_2yr),
            risk_1yr=None if pd.isna(row.risk_1yr) else float(row.risk_1yr),
            rank_1yr=None if pd.isna(row.rank_1yr) else int(row.rank_1yr),
            **{
                c: None if pd.isna(getattr(row, c)) else float(getattr(row, c))
                for c in ("risk_2yr_low", "risk_2yr_high")
            },
            **{
                c: None if pd.isna(getattr(row, c)) else int(getattr(row, c))
                for c in ("rank_2yr_low", "rank_2yr_high")
            },
        )
        for row in result.table.itertuples()
    )
    drivers = [
        {
            "run_id": run.id,
            "country_id": ids[row.code],
            "predictor": row.predictor,
            "value": None if row.value is None or pd.isna(row.value) else float(row.value),
            "contribution": float(row.contribution),
            "change_contribution": (
                None if pd.isna(row.change_contribution) else float(row.change_contribution)
            ),
        }
        for row in result.drivers.itertuples()
    ]
    if drivers:  # one multi-row INSERT batch rather than one ORM object per driver
        session.execute(insert(ForecastDriver), drivers)
    session.flush()
    return run


def stored_run(
    session: Session, model: str, version: str, base_year: int, checksums: dict[str, str]
) -> ForecastRun | None:
    """A stored run of this model version and base year made from the same data files."""
    for run in session.scalars(
        select(ForecastRun).where(
            ForecastRun.model == model,
            ForecastRun.model_version == version,
            ForecastRun.base_year == base_year,
        )
    ):
        if run.data_checksums == checksums:
            return run
    return None


def forecast_years(
    db: Database,
    panel: PanelData,
    years: range,
    model_name: str = DEFAULT_MODEL,
    one_year_from: int | None = None,
    draws: int = DRAWS,
) -> tuple[ForecastResult | None, list[int]]:
    """Forecast and store each base year not already stored for this model version and
    these data checksums; one-year risks only from ``one_year_from`` on (default: the
    last year), and 80 % intervals (``draws`` bootstrap refits) for the last year only.
    Returns the last result computed (None if all were stored) and the
    years computed. Used by ``tocsin up``, which re-runs it often."""
    version = MODELS.get(model_name).version
    first_one_year = years[-1] if one_year_from is None else one_year_from
    with db.session() as session:
        todo = [
            y for y in years if stored_run(session, model_name, version, y, panel.checksums) is None
        ]
    result = None
    for year in todo:
        latest = year >= first_one_year
        result = forecast(
            panel, model_name, year, one_year=latest, draws=draws if year == years[-1] else 0
        )
        with db.session() as session:
            store_forecast(session, result, panel.checksums)
    return result, todo


def latest_run(session: Session, model: str = DEFAULT_MODEL) -> ForecastRun | None:
    """The most recent stored run of a model (latest base year, then newest)."""
    return session.scalars(
        select(ForecastRun)
        .where(ForecastRun.model == model)
        .order_by(ForecastRun.base_year.desc(), ForecastRun.created_at.desc())
        .limit(1)
    ).first()


def store_backtest(
    session: Session, result: BacktestResult, checksums: dict[str, str]
) -> BacktestRun:
    """Save a backtest's metrics, per-year catches and every out-of-sample forecast
    (with its outcomes), from which the /model charts are drawn (queries.py)."""
    run = BacktestRun(
        model=result.model,
        model_version=result.version,
        metrics={**result.metrics, "seconds": result.seconds},
        data_checksums=checksums,
        per_year=result.per_year.to_dict(orient="records"),
    )
    session.add(run)
    session.flush()
    base = result.base_forecasts
    rows = [
        {
            "run_id": run.id,
            "country": row.ewp_name,
            "base_year": int(row.base_year),
            "risk": float(row.risk),
            "rank": int(row.rank),
            "onset_next_year": None if pd.isna(row.mk_onset_1) else float(row.mk_onset_1),
            "onset_within_2": None if pd.isna(row.mk_onset_1or2) else float(row.mk_onset_1or2),
        }
        for row in base.itertuples()
    ]
    if rows:
        session.execute(insert(BacktestForecast), rows)
    session.flush()
    return run


def backtest_if_new(
    db: Database, panel: PanelData, model_name: str = DEFAULT_MODEL
) -> BacktestResult | None:
    """Run and store ``model_name``'s backtest unless one on the same model version and
    these data checksums is stored (then None). Used by ``tocsin up``."""
    with db.session() as session:
        stored = backtest_results(session, model_name)
        if (
            stored is not None
            and stored.model_version == MODELS.get(model_name).version
            and stored.data_checksums == panel.checksums
        ):
            return None
    result = run_backtest(partial(make_model, model_name), panel.frame)
    with db.session() as session:
        store_backtest(session, result, panel.checksums)
    return result


ZERO_EFFECT = 1e-6  # log-odds; a feature the model does not use (zero coefficient)


def top_drivers(drivers: pd.DataFrame, code: str, n: int = 5) -> dict[str, pd.DataFrame]:
    """A country's strongest risk-raising and risk-lowering features, and biggest movers;
    features with no effect are left out."""
    mine = drivers[drivers["code"] == code]
    raising = mine[mine["contribution"] > ZERO_EFFECT]
    lowering = mine[mine["contribution"] < -ZERO_EFFECT]
    moved = mine[mine["change_contribution"].abs() > ZERO_EFFECT]
    return {
        "raise": raising.nlargest(n, "contribution"),
        "lower": lowering.nsmallest(n, "contribution"),
        "changed": moved.reindex(
            moved["change_contribution"].abs().sort_values(ascending=False).index
        ).head(n),
    }
