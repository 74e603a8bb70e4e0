"""A small, generated dashboard database: real country table, synthetic forecasts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tocsin.config import Settings
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import (
    BacktestRun,
    Country,
    Episode,
    Forecast,
    ForecastDriver,
    ForecastRun,
    PanelValue,
)
from tocsin.web.app import create_app

CODES = ["SDN", "MMR", "IND", "NGA", "ETH", "COD", "SYR", "AFG", "NOR", "CAN", "BRA", "FRA"]
PASSWORDS = {role: f"{role}-password-123" for role in ("viewer", "analyst", "reviewer", "admin")}


def fill_dashboard(db: Database) -> None:
    """Countries (real reference), forecasts for 2023 and 2024, drivers, panel, episodes."""
    load_ewp(db, [])  # countries and indicators
    with db.session() as s:
        ids = {c.code: c.id for c in s.scalars(select(Country).where(Country.code.in_(CODES)))}
        for year, order in ((2023, CODES[::-1]), (2024, CODES)):
            run = ForecastRun(
                model="tocsin-enet",
                model_version="1.0",
                base_year=year,
                data_checksums={"ewp-predictors": "x" * 64},
            )
            s.add(run)
            s.flush()
            for rank, code in enumerate(order, start=1):
                risk = 0.1 / rank
                s.add(
                    Forecast(
                        run_id=run.id,
                        country_id=ids[code],
                        risk_2yr=risk,
                        rank_2yr=rank,
                        risk_1yr=risk / 2,
                        rank_1yr=rank,
                    )
                )
                s.add(
                    ForecastDriver(
                        run_id=run.id,
                        country_id=ids[code],
                        predictor="battledeaths.log2",
                        value=10.0,
                        contribution=0.8 / rank,
                        change_contribution=0.1,
                    )
                )
                s.add(
                    ForecastDriver(
                        run_id=run.id,
                        country_id=ids[code],
                        predictor="freediscussion",
                        value=0.2,
                        contribution=-0.3,
                        change_contribution=None,
                    )
                )
        for code in CODES:
            for year in (2022, 2023, 2024):
                s.add(
                    PanelValue(
                        country_id=ids[code],
                        year=year,
                        indicator="battledeaths.log2",
                        value=float(year - 2020),
                    )
                )
        s.add(
            Episode(
                source_id="sdn2023n1",
                country_id=ids["SDN"],
                name="RSF vs civilians in Darfur",
                start_year=2023,
                ongoing=True,
                perpetrator_type="non-state",
            )
        )
        s.add(
            BacktestRun(
                model="tocsin-enet",
                model_version="1.0",
                metrics={
                    "auc": 0.84,
                    "recall@10": 0.41,
                    "recall@20": 0.56,
                    "recall@30": 0.74,
                    "brier": 0.0082,
                    "average_precision": 0.04,
                    "onsets": 39,
                },
                per_year=[],
            )
        )
        for role, password in PASSWORDS.items():
            accounts.create_user(s, role, password, role, actor="test")


@pytest.fixture
def client(settings: Settings, dashboard_db: Database) -> Iterator[TestClient]:
    """A test client of the full app over the generated data (both backends)."""
    with TestClient(create_app(settings, dashboard_db)) as test_client:
        yield test_client


def token_for(db: Database, role: str) -> dict[str, str]:
    """Authorization header with a fresh API token of the user named after ``role``."""
    with db.session() as s:
        return {"Authorization": f"Bearer {accounts.create_token(s, role, 'test', actor=role)}"}
