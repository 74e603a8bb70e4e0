"""Every page and API response that uses events states how fresh they are, from the one
freshness helper; the yearly deaths API returns only the measures asked for."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.conftest import event_rows
from tests.web.conftest import token_for
from tocsin.alerts.engine import run_signals
from tocsin.analysis.events.ingest import upsert_events
from tocsin.analysis.events.yearly import store_yearly
from tocsin.config import Settings
from tocsin.reports import digest as digests
from tocsin.sources.ucdp_yearly import YearlyDeaths
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.web.app import create_app

NEWEST = "events up to 2023-01-10"


@pytest.fixture
def events_db(database: Database) -> Database:
    """Sudan: two calm years of civilian deaths, then a surge in January 2023 (an alert)."""
    load_ewp(database, [])
    calm = {str(m): 2 for m in pd.period_range("2021-01", "2022-12", freq="M")}
    with database.session() as s:
        upsert_events(s, event_rows("SDN", {**calm, "2023-01": 60}))
        assert run_signals(s, date(2023, 2, 3), ["civilian-surge"]).created
    return database


@pytest.fixture
def client(events_db: Database, settings: Settings) -> TestClient:
    with TestClient(create_app(settings, events_db)) as test_client:
        yield test_client  # type: ignore[misc]


def test_event_apis_state_freshness(client: TestClient) -> None:
    for url in (
        "/api/v1/alerts",
        "/api/v1/events",
        "/api/v1/countries/SDN/violence",
        "/api/v1/countries/SDN/violence/admin1",
    ):
        body = client.get(url).json()
        assert body["freshness"] == NEWEST, url
        assert body["stale"] is True, url  # January 2023 is long past
    first = client.get("/api/v1/alerts").json()["items"][0]["id"]
    assert client.get(f"/api/v1/alerts/{first}").json()["freshness"] == NEWEST
    units = client.get("/api/v1/countries/SDN/violence/admin1").json()
    assert units["country_code"] == "SDN" and {r["admin1"] for r in units["items"]} == {"North"}
    # a country without events says so instead of borrowing another's freshness
    empty = client.get("/api/v1/countries/NGA/violence/admin1").json()
    assert empty["freshness"] == "no events loaded" and empty["items"] == []
    assert client.get("/api/v1/events", params={"country": "NGA"}).json()["freshness"] == (
        "no events loaded"
    )


def test_event_pages_state_freshness(client: TestClient, events_db: Database) -> None:
    for url in ("/alerts", "/alerts/record", "/countries/SDN", "/digest?end=2023-02-07"):
        page = client.get(url)
        assert page.status_code == 200 and NEWEST in page.text, url
    with events_db.session() as s:
        accounts.create_user(s, "analyst", "a long enough passphrase", "analyst", actor="test")
    analyst = token_for(events_db, "analyst")
    imports = client.get("/sources/events", headers=analyst)
    assert imports.status_code == 200 and NEWEST in imports.text


def test_digest_states_freshness_and_staleness_in_every_form(events_db: Database) -> None:
    with events_db.session() as s:
        recent = digests.build_digest(s, date(2023, 2, 7), 7)
        late = digests.build_digest(s, date(2023, 9, 1), 7)
    assert recent.freshness == NEWEST and not recent.stale
    assert late.stale  # seven months after the newest event
    for render in (digests.render_text, digests.render_html):
        assert f"Data: {NEWEST}." in render(recent) and "stale" not in render(recent).lower()
        assert f"Data: {NEWEST}." in render(late) and "stale:" in render(late).lower()


def test_digest_without_events_says_so(database: Database) -> None:
    load_ewp(database, [])
    with database.session() as s:
        report = digests.build_digest(s, date(2023, 2, 7), 7)
    assert "Data: no events loaded." in digests.render_text(report) and not report.stale


def _yearly(rows: list[tuple[str, int, float]]) -> YearlyDeaths:
    frame = pd.DataFrame(
        [{"code": "SDN", "year": y, "kind": k, "best": d, "low": d, "high": d} for k, y, d in rows]
    )
    return YearlyDeaths(frame)


def test_yearly_api_returns_only_the_measures_asked_for(
    client: TestClient, events_db: Database
) -> None:
    with events_db.session() as s:
        store_yearly(
            s,
            "test",
            _yearly([("one-sided", 2020, 40), ("state-based", 2020, 900), ("non-state", 2020, 5)]),
            "test",
        )
    everything = client.get("/api/v1/countries/SDN/violence/yearly").json()
    assert set(everything["yearly"]) == {"one-sided", "state-based", "non-state"}
    one = client.get("/api/v1/countries/SDN/violence/yearly", params={"measure": "one-sided"})
    assert one.json()["yearly"] == {"one-sided": [{"year": 2020, "deaths": 40.0}]}
    two = client.get(
        "/api/v1/countries/SDN/violence/yearly", params={"kind": ["state-based", "non-state"]}
    )
    assert set(two.json()["yearly"]) == {"state-based", "non-state"}
    violence = client.get("/api/v1/countries/SDN/violence", params={"measure": "state-based"})
    assert set(violence.json()["yearly"]) == {"state-based"} and violence.json()["monthly"]
    for url in ("/api/v1/countries/SDN/violence/yearly", "/api/v1/countries/SDN/violence"):
        bad = client.get(url, params={"measure": ["one-sided", "famine"]})
        assert bad.status_code == 422, url
        detail = bad.json()["detail"]
        assert "'famine'" in detail and "one-sided, state-based, non-state" in detail
