"""The forecast web layer over stored default-model (ensemble) runs: 80 % intervals in
the rankings API and page and on the country page, the stored backtest on /model, the
map's fitted colour scale, predictors in words, and the monthly update label. Both
backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.browser import require, serving
from tocsin.analysis.forecast.backtest import BacktestResult
from tocsin.analysis.forecast.base import DEFAULT_MODEL
from tocsin.analysis.forecast.features import predictor_labels
from tocsin.analysis.forecast.monthly import SLOPE
from tocsin.analysis.forecast.service import store_backtest
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.store.models import (
    Country,
    Event,
    Forecast,
    ForecastDriver,
    ForecastRun,
)
from tocsin.web import geometry
from tocsin.web.app import create_app

# The default model's 2024 ranking differs from the fallback tocsin-enet one (SDN first):
# pages must show this one.
ENSEMBLE_ORDER = ["MMR", "SDN", "SYR", "COD", "ETH", "NGA", "AFG", "IND", "BRA", "FRA", "CAN"]
NO_INTERVAL = "CAN"


def ensemble_risk(rank: int) -> float:
    """Two-year risk of the country ranked ``rank`` in the stored ensemble run."""
    return 0.2 / rank


def fill_ensemble(db: Database) -> None:
    """A stored default-model run for 2024 with 80 % intervals, drivers (one of them a
    zero effect), and a backtest stored as `tocsin backtest` stores it."""
    with db.session() as s:
        ids = {c.code: c.id for c in s.scalars(select(Country))}
        run = ForecastRun(
            model=DEFAULT_MODEL,
            model_version="2.0",
            base_year=2024,
            data_checksums={"ewp-predictors": "y" * 64},
        )
        s.add(run)
        s.flush()
        for rank, code in enumerate(ENSEMBLE_ORDER, start=1):
            risk = ensemble_risk(rank)
            bounded = code != NO_INTERVAL
            s.add(
                Forecast(
                    run_id=run.id,
                    country_id=ids[code],
                    risk_2yr=risk,
                    rank_2yr=rank,
                    risk_1yr=risk / 2,
                    rank_1yr=rank,
                    risk_2yr_low=risk * 0.7 if bounded else None,
                    risk_2yr_high=risk * 1.3 if bounded else None,
                    rank_2yr_low=max(1, rank - 1) if bounded else None,
                    rank_2yr_high=rank + 2 if bounded else None,
                )
            )
            for predictor, contribution in (
                ("coup.try.5yr", 0.5),
                ("battledeaths.log2", 0.0),
                ("freediscussion", -0.4),
            ):
                s.add(
                    ForecastDriver(
                        run_id=run.id,
                        country_id=ids[code],
                        predictor=predictor,
                        value=1.0,
                        contribution=contribution,
                        change_contribution=None,
                    )
                )
        base = pd.DataFrame(
            [
                {
                    "ewp_name": f"Country {rank}",
                    "base_year": year,
                    "risk": 0.3 / rank,
                    "rank": rank,
                    "mk_onset_1": float(rank == 1 and year % 3 == 0),
                    "mk_onset_1or2": float(rank <= 2 and year % 3 == 0),
                }
                for year in range(2000, 2010)
                for rank in range(1, 21)
            ]
        )
        metrics = {"auc": 0.87, "recall@10": 0.46, "recall@30": 0.82, "brier": 0.0079}
        result = BacktestResult(
            DEFAULT_MODEL, "2.0", base, pd.DataFrame(), metrics, pd.DataFrame(), seconds=3.0
        )
        store_backtest(s, result, {"ewp-predictors": "y" * 64})


@pytest.fixture
def forecast_db(dashboard_db: Database) -> Database:
    """Dashboard data plus the default model's run and backtest, on both backends."""
    fill_ensemble(dashboard_db)
    return dashboard_db


@pytest.fixture
def client(settings: Settings, forecast_db: Database) -> Iterator[TestClient]:
    """The full app over ``forecast_db``."""
    with TestClient(create_app(settings, forecast_db)) as test_client:
        yield test_client


def test_rankings_api_has_intervals_and_overlap_marks(client: TestClient) -> None:
    body = client.get("/api/v1/rankings").json()
    assert body["model"] == DEFAULT_MODEL
    items = body["items"]
    assert [i["code"] for i in items] == ENSEMBLE_ORDER  # the default model, not the fallback
    first, second = items[0], items[1]
    assert first["risk_2yr_low"] == pytest.approx(0.14)
    assert first["risk_2yr_high"] == pytest.approx(0.26)
    assert (first["rank_2yr_low"], first["rank_2yr_high"]) == (1, 3)
    # 0.14-0.26 vs 0.07-0.13: apart; 0.07-0.13 vs 0.047-0.087: overlap.
    assert first["overlaps_next"] is False
    assert second["overlaps_next"] is True
    no_interval = next(i for i in items if i["code"] == NO_INTERVAL)
    assert no_interval["risk_2yr_low"] is None
    assert no_interval["overlaps_next"] is None
    before = items[ENSEMBLE_ORDER.index(NO_INTERVAL) - 1]
    assert before["overlaps_next"] is None  # its neighbour has no interval


def test_rankings_csv_and_latest_forecasts_carry_intervals(client: TestClient) -> None:
    csv = client.get("/api/v1/rankings?format=csv").text
    header = csv.splitlines()[0].split(",")
    assert {"risk_2yr_low", "risk_2yr_high", "rank_2yr_low", "rank_2yr_high"} <= set(header)
    assert "overlaps_next" in header
    latest = client.get("/api/v1/forecasts/latest").json()
    assert latest[0]["code"] == "MMR"
    assert latest[0]["risk_2yr_high"] == pytest.approx(0.26)


def test_country_api_has_interval(client: TestClient) -> None:
    body = client.get("/api/v1/countries/SDN").json()
    forecast = body["latest_forecast"]
    assert forecast["rank_2yr"] == 2
    assert forecast["risk_2yr_low"] == pytest.approx(0.07)
    assert (forecast["rank_2yr_low"], forecast["rank_2yr_high"]) == (1, 4)
    assert forecast["overlaps_next"] is True


def test_rankings_page_shows_intervals_and_ties(client: TestClient) -> None:
    html = client.get("/rankings").text
    rows = re.findall(r"<tr><td>(\d+)(.*?)</tr>", html, flags=re.S)
    assert [int(rank) for rank, _ in rows] == list(range(1, len(ENSEMBLE_ORDER) + 1))
    first, second = rows[0][1], rows[1][1]
    assert "14.0%–26.0%" in first and "1–3" in first
    assert "indistinguishable" not in first
    assert "indistinguishable" in second


def test_country_page_shows_interval(client: TestClient) -> None:
    html = client.get("/countries/MMR").text
    assert '<strong id="current-risk">20.0%</strong>' in html
    assert "14.0%–26.0%" in html
    assert "indistinguishable" not in html.split('id="rank-interval"')[1].split("</p>")[0]
    sudan = client.get("/countries/SDN").text
    assert "indistinguishable from the next-ranked country" in sudan
    canada = client.get("/countries/CAN").text
    assert 'id="risk-interval"' not in canada


def test_model_page_shows_stored_backtest_metrics_and_charts(client: TestClient) -> None:
    html = client.get("/model").text
    metrics = html.split('id="metrics"')[1].split("</table>")[0]
    assert DEFAULT_MODEL in metrics and "0.87" in metrics  # the stored ensemble backtest
    calibration = html.split(f'id="calibration-{DEFAULT_MODEL}"')[1].split("</svg>")[0]
    # 200 forecasts in 10 equal bins; the top bin (ranks 1-2 in 2001, 2004, 2007) holds 6.
    assert calibration.count("<circle") == 10
    assert "6 onsets in 20 forecasts" in calibration
    assert "0 onsets in 20 forecasts" in calibration
    assert f'id="catch-{DEFAULT_MODEL}"' in html
    # The fallback model's backtest has no stored forecasts: said, not drawn.
    assert 'id="calibration-tocsin-enet"' not in html
    assert "stored no forecasts with outcomes" in html


def test_map_scale_fits_the_risks_shown() -> None:
    from tocsin.reports.scale import fitted_scale

    # Squeezed risks (all between 1.35% and 5.5%) still fill every band.
    risks = [0.0135 + 0.0415 * i / 167 for i in range(168)]
    fitted = fitted_scale(risks)
    bands = fitted.legend(risks)
    assert len(bands) == 5
    assert all(b.countries > 0 for b in bands)
    assert sum(b.countries for b in bands) == len(risks)
    assert len({fitted.colour(r) for r in risks}) == 5
    assert fitted.colour(None) == "#d9d9d9"
    # Ties merge bands rather than leaving one empty.
    tied = [0.01] * 10 + [0.2]
    assert all(b.countries > 0 for b in fitted_scale(tied).legend(tied))


def test_map_legend_has_no_empty_band(client: TestClient) -> None:
    require(bool(geometry.world_shapes()), "map geometry not installed (bash scripts/setup.sh)")
    html = client.get("/").text
    counts = [int(n) for n in re.findall(r'class="band" title="(\d+) countries"', html)]
    assert counts and all(n > 0 for n in counts)
    assert sum(counts) == len(ENSEMBLE_ORDER)


def test_country_page_names_predictors_in_words_without_zero_effects(
    client: TestClient,
) -> None:
    labels = predictor_labels()
    coup, battle, discussion = (
        labels["coup.try.5yr"],
        labels["battledeaths.log2"],
        labels["freediscussion"],
    )
    assert "coup.try.5yr" not in coup  # a label, not the code
    drivers = client.get("/countries/MMR").text.split('class="drivers"')[1].split("</section>")[0]
    assert f">{coup} <" in drivers.replace('title="coup.try.5yr">', ">")
    assert discussion in drivers
    assert battle not in drivers  # its effect in the default model's run is zero
    api = client.get("/api/v1/countries/MMR/drivers").json()
    assert [d["predictor"] for d in api] == ["coup.try.5yr", "freediscussion"]
    assert api[0]["label"] == coup


def add_events(db: Database) -> None:
    """One-sided violence in Myanmar in January-March 2025 (the year after base year
    2024), and a battle in Sudan that does not move its risk."""
    with db.session() as s:
        ids = {c.code: c.id for c in s.scalars(select(Country))}
        for i, (code, month, one_sided, deaths) in enumerate(
            [("MMR", 1, True, 200.0), ("MMR", 3, True, 300.0), ("SDN", 2, False, 900.0)]
        ):
            s.add(
                Event(
                    source="test",
                    source_id=str(i),
                    event_date=date(2025, month, 10),
                    country_id=ids[code],
                    category="one-sided" if one_sided else "state-based",
                    against_civilians=one_sided,
                    fatalities_best=deaths,
                )
            )


def test_no_events_no_monthly_label(client: TestClient) -> None:
    assert client.get("/api/v1/countries/MMR").json()["updated"] is None
    assert 'id="monthly-update"' not in client.get("/countries/MMR").text


def test_monthly_update_label_on_country_page_and_api(
    client: TestClient, forecast_db: Database
) -> None:
    client.get("/api/v1/countries/MMR")  # cached before the events arrive
    add_events(forecast_db)
    time.sleep(1.1)  # the hot-read cache re-reads its data stamp at most once a second
    body = client.get("/api/v1/countries/MMR").json()
    updated = body["updated"]
    assert updated["label"] == "updated with events to 2025-03"
    assert updated["through"] == "2025-03"
    assert updated["one_sided_deaths"] == 500.0
    yearly = ensemble_risk(1)
    moved = math.log(yearly / (1 - yearly)) + SLOPE * math.log2(1 + 500 * 12 / 3)
    assert updated["risk_2yr"] == pytest.approx(1 / (1 + math.exp(-moved)))
    assert body["latest_forecast"]["risk_2yr"] == pytest.approx(yearly)  # yearly kept
    sudan = client.get("/api/v1/countries/SDN").json()["updated"]
    assert sudan["risk_2yr"] == pytest.approx(ensemble_risk(2))  # battles do not move it
    html = client.get("/countries/MMR").text
    label = html.split('id="monthly-update">')[1].split("</span>")[0]
    assert label.startswith("updated with events to 2025-03:")
    assert f"{updated['risk_2yr']:.1%}" in label


@pytest.mark.browser
def test_chromium_rankings_intervals_and_model_calibration(
    settings: Settings, sqlite_dashboard: Database, browser: object
) -> None:
    fill_ensemble(sqlite_dashboard)
    with serving(create_app(settings, sqlite_dashboard)) as base:
        page = browser.new_page()
        page.goto(f"{base}/rankings")
        first = page.locator("#rankings tbody tr").first
        assert first.locator("td a").text_content() == "Myanmar"
        assert "14.0%–26.0%" in first.inner_text()
        second = page.locator("#rankings tbody tr").nth(1)
        assert second.locator(".tie").is_visible()
        page.goto(f"{base}/model")
        chart = page.locator(f"#calibration-{DEFAULT_MODEL}")
        assert chart.is_visible()
        assert chart.locator("circle").count() == 10
        assert chart.bounding_box()["height"] > 100
