"""Stored backtests and intervals: what /model, the rankings and the API read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.conformance.test_forecast_models import synthetic_panel
from tocsin.analysis.forecast import queries, service
from tocsin.analysis.forecast.backtest import run_backtest
from tocsin.analysis.forecast.intervals import bootstrap_intervals
from tocsin.config import load_settings
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp


def test_backtest_is_stored_and_its_charts_read_back(database: Database) -> None:
    panel = synthetic_panel(countries=40, years=range(1980, 2004))
    result = run_backtest(
        lambda: service.make_model("tocsin-enet"),
        panel,
        origins=range(1992, 1999),
        scored_years=(1995, 2001),
    )
    with database.session() as session:
        run_id = service.store_backtest(session, result, {"panel": "x"}).id
    with database.session() as session:
        stored = queries.backtest_results(session, "tocsin-enet")
        assert stored is not None and stored.metrics["auc"] == result.metrics["auc"]
        bins = queries.calibration_bins(session, run_id, bins=5)
        curve = queries.catch_curve(session, run_id, max_rank=30)
    known = result.base_forecasts.dropna(subset=["mk_onset_1or2"])
    assert sum(b.forecasts for b in bins) == len(known)
    assert sum(b.onsets for b in bins) == int(known["mk_onset_1or2"].sum())
    assert [b.mean_risk for b in bins] == sorted(b.mean_risk for b in bins)
    # the stored rows give the same catches as the backtest's own table
    assert curve[9].onsets == result.metrics["onsets"]
    assert curve[9].caught == result.metrics["caught@10"]
    assert curve[29].caught == result.metrics["caught@30"]


def test_bootstrap_intervals_are_ordered_and_reproducible() -> None:
    panel = synthetic_panel(countries=30, years=range(1985, 2003))
    history, target = panel[panel["year"] <= 2000], panel[panel["year"] == 2002]

    def make() -> service.ForecastModel:
        return service.make_model("ewp-two-variable")

    first = bootstrap_intervals(make, history, target, draws=6)
    again = bootstrap_intervals(make, history, target, draws=6)
    assert first.equals(again)
    assert (first["risk_low"] <= first["risk_high"]).all()
    assert (first["rank_low"] <= first["rank_high"]).all()
    risk = make().fit(history).predict_risk(target)
    # the riskiest country's interval lies above the safest one's
    top, bottom = risk.idxmax(), risk.idxmin()
    assert first.loc[top, "risk_low"] > first.loc[bottom, "risk_high"]
    with pytest.raises(ValueError, match="at least 2"):
        bootstrap_intervals(make, history, target, draws=1)


@pytest.mark.shared_data
@pytest.mark.slow
def test_rankings_carry_intervals_and_say_when_they_overlap(
    sqlite_database: Database, shared_data: Path, tmp_path: Path
) -> None:
    settings = load_settings(data_dir=tmp_path / "data", mirror=shared_data)
    panel = service.load_panel(settings)
    load_ewp(sqlite_database, [])
    result = service.forecast(panel, "tocsin-ensemble", 2024, draws=3)
    with sqlite_database.session() as session:
        service.store_forecast(session, result, panel.checksums)
    with sqlite_database.session() as session:
        rows = queries.rankings_with_intervals(session, "tocsin-ensemble")
    assert len(rows) == len(result.table)
    for row, following in zip(rows, rows[1:], strict=False):
        assert row.risk_low is not None and row.risk_high is not None
        assert row.rank_low is not None and row.rank_high is not None
        assert row.rank_low <= row.rank_high
        expected = row.risk_low <= following.risk_high and following.risk_low <= row.risk_high
        assert row.overlaps_next == expected
    assert rows[-1].overlaps_next is None
    risks = [r.row.risk_2yr for r in rows]
    edges = queries.risk_scale(risks, bands=5)
    assert edges == sorted(edges) and edges[-1] == max(risks)
    counts = np.histogram(risks, bins=[0.0, *edges])[0]
    assert counts.min() >= len(risks) // 5 - 2  # bands hold about as many countries each
