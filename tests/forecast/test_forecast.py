"""Forecasts: the backtest protocol's arithmetic, replication of EWP's published
forecasts, storage with drivers on both databases, charts, and bad input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import spearmanr
from sqlalchemy import func, select

from tests.conformance.test_forecast_models import synthetic_panel
from tocsin.analysis.forecast import charts, service
from tocsin.analysis.forecast.backtest import _foos_table, run_backtest, score
from tocsin.config import load_settings
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Forecast, ForecastDriver, ForecastRun


def test_foos_table_takes_best_of_two_prior_years() -> None:
    panel = pd.DataFrame(
        {
            "ewp_name": ["A", "A", "B", "B"],
            "ccode": [1, 1, 2, 2],
            "year": [2000, 2001, 2000, 2001],
            "mk_onset": [0, 1, 0, 0],
        }
    )
    base = pd.DataFrame(
        {
            "ewp_name": ["A", "B", "A", "B"],
            "ccode": [1, 2, 1, 2],
            "base_year": [1999, 1999, 2000, 2000],
            "risk": [0.30, 0.10, 0.05, 0.20],
            "rank": [1, 2, 2, 1],
        }
    )
    table = _foos_table(base, panel, (2000, 2001)).set_index(["country", "year"])
    a2001 = table.loc[("A", 2001)]
    assert a2001["risk_1yr_prior"] == 0.05 and a2001["risk_2yr_prior"] == 0.30
    assert a2001["maxrisk2"] == 0.30 and a2001["minrank2"] == 1
    a2000 = table.loc[("A", 2000)]  # only the forecast from 1999 exists
    assert a2000["maxrisk2"] == 0.30 and pd.isna(a2000["risk_2yr_prior"])
    metrics, per_year = score(table.reset_index())
    assert metrics["onsets"] == 1 and metrics["recall@10"] == 1.0
    # A 2001 (0.30) beats B 2000 and B 2001 and ties A 2000 (0.30): AUC = 2.5 / 3
    assert metrics["auc"] == pytest.approx(2.5 / 3)
    assert per_year.to_dict("records") == [
        {"year": 2001, "onsets": 1, "caught@10": 1, "caught@20": 1, "caught@30": 1}
    ]


def test_backtest_and_charts_on_a_generated_panel(tmp_path: Path) -> None:
    panel = synthetic_panel(countries=40, years=range(1980, 2004))
    result = run_backtest(
        lambda: service.make_model("tocsin-enet"),
        panel,
        origins=range(1992, 1999),
        scored_years=(1995, 2001),
    )
    assert set(result.base_forecasts["base_year"]) == set(range(1994, 2001))
    assert result.table["year"].between(1995, 2001).all()
    assert result.metrics["auc"] > 0.6  # the generated onsets are predictable
    for path in (
        charts.catch_curve([result], tmp_path / "catch.png"),
        charts.calibration(result, tmp_path / "cal.png"),
        charts.recall_per_year(result, tmp_path / "per_year.png"),
    ):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def real_panel(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> service.PanelData:
    settings = load_settings(data_dir=tmp_path_factory.mktemp("data"), mirror=shared_data)
    return service.load_panel(settings)


@pytest.mark.shared_data
@pytest.mark.slow
def test_replication_agrees_with_ewp_published_forecasts(
    real_panel: service.PanelData, shared_data: Path
) -> None:
    result = service.forecast(real_panel, "ewp-enet", 2024)
    published = pd.read_csv(shared_data / "ewp" / "final_forecasts_data_3Sep2025.csv")
    joined = result.table.merge(published, on="ewp_name")
    assert len(joined) >= 160
    rho = spearmanr(joined["risk_2yr"], joined["risk.2025and2026.from2024"]).statistic
    assert rho >= 0.95, rho
    ours = set(joined.nsmallest(10, "rank_2yr")["ewp_name"])
    theirs = set(joined.nlargest(10, "risk.2025and2026.from2024")["ewp_name"])
    assert len(ours - theirs) <= 2, (ours, theirs)


@pytest.mark.shared_data
def test_forecast_is_stored_with_drivers(database: Database, real_panel: service.PanelData) -> None:
    load_ewp(database, [])  # countries and indicators only
    result = service.forecast(real_panel, "tocsin-enet", 2024)
    assert result.table["risk_2yr"].between(0, 1).all() and result.table["rank_2yr"].min() == 1
    # one-year risks at a constant yearly hazard: (1 - p1)^2 = 1 - p2, same order
    survive_two_years = (1 - result.table["risk_1yr"]) ** 2
    assert (survive_two_years - (1 - result.table["risk_2yr"])).abs().max() < 1e-12
    assert (result.table["rank_1yr"] == result.table["rank_2yr"]).all()
    for _ in range(2):  # storing the same run again replaces it
        with database.session() as session:
            service.store_forecast(session, result, real_panel.checksums)
    with database.session() as session:
        run = service.latest_run(session, "tocsin-enet")
        assert run is not None and run.base_year == 2024
        assert run.data_checksums == real_panel.checksums
        assert session.scalar(select(func.count()).select_from(ForecastRun)) == 1
        assert session.scalar(select(func.count()).where(Forecast.run_id == run.id)) == len(
            result.table
        )
        drivers = session.scalar(select(func.count()).where(ForecastDriver.run_id == run.id))
        assert drivers == len(result.table) * len(service.make_model("tocsin-enet").features)


@pytest.mark.shared_data
def test_base_year_without_data_says_so(real_panel: service.PanelData) -> None:
    with pytest.raises(service.NoDataForBaseYearError, match="base year 1950.*1960-2024"):
        service.forecast(real_panel, "tocsin-enet", 1950)
    with pytest.raises(KeyError, match="did you mean ewp-enet"):
        service.make_model("ewp-net")


@pytest.mark.shared_data
def test_forecast_years_skips_runs_already_stored(
    database: Database, real_panel: service.PanelData
) -> None:
    load_ewp(database, [])
    result, computed = service.forecast_years(database, real_panel, range(2023, 2025), draws=2)
    assert computed == [2023, 2024] and result is not None and result.base_year == 2024
    assert service.forecast_years(database, real_panel, range(2023, 2025)) == (None, [])
    with database.session() as session:
        runs = {r.base_year: r for r in session.scalars(select(ForecastRun))}
        assert set(runs) == {2023, 2024}
        one_year = session.scalars(
            select(Forecast.risk_1yr).where(Forecast.run_id == runs[2023].id)
        ).all()
        assert all(v is None for v in one_year)  # one-year risks only for the last year
        for year, expected_none in ((2023, True), (2024, False)):  # intervals: last year only
            lows = session.scalars(
                select(Forecast.risk_2yr_low).where(Forecast.run_id == runs[year].id)
            ).all()
            assert all((v is None) == expected_none for v in lows)
    # a new data file (different checksum) is forecast again, replacing the old run
    changed = service.PanelData(real_panel.frame, {"ewp-predictors": "0" * 64})
    _, computed = service.forecast_years(database, changed, range(2024, 2025), draws=0)
    assert computed == [2024]
    with database.session() as session:
        run = service.latest_run(session)
        assert run is not None and run.data_checksums == changed.checksums
        assert session.scalar(select(func.count()).select_from(ForecastRun)) == 2


def test_parallel_backtest_equals_sequential() -> None:
    panel = synthetic_panel(countries=30, years=range(1980, 2002))
    origins = range(1992, 1998)
    progress: dict[int, list[int]] = {1: [], 2: []}
    runs = [
        run_backtest(
            lambda: service.make_model("tocsin-enet"),
            panel,
            origins=origins,
            scored_years=(1995, 1999),
            n_jobs=jobs,
            on_origin=progress[jobs].append,
        )
        for jobs in (1, 2)
    ]
    pd.testing.assert_frame_equal(runs[0].base_forecasts, runs[1].base_forecasts)
    assert runs[0].metrics == runs[1].metrics
    assert progress[1] == list(origins) and sorted(progress[2]) == list(origins)
