"""The read API and pages over generated data, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient


def test_countries_are_paginated_and_filtered(client: TestClient) -> None:
    page = client.get("/api/v1/countries", params={"limit": 5, "offset": 0}).json()
    assert page["total"] >= 160 and len(page["items"]) == 5
    second = client.get("/api/v1/countries", params={"limit": 5, "offset": 5}).json()
    assert {c["code"] for c in page["items"]}.isdisjoint(c["code"] for c in second["items"])
    africa = client.get("/api/v1/countries", params={"region": "Africa", "limit": 500}).json()
    assert africa["items"] and all(c["region"] == "Africa" for c in africa["items"])
    sudan = client.get("/api/v1/countries", params={"q": "sud"}).json()["items"]
    assert [c["code"] for c in sudan] == ["SDN", "SSD"] or "SDN" in [c["code"] for c in sudan]
    assert client.get("/api/v1/countries", params={"limit": 0}).status_code == 422


def test_country_detail_by_any_key(client: TestClient) -> None:
    for key in ("SDN", "Sudan", "625"):
        detail = client.get(f"/api/v1/countries/{key}").json()
        assert detail["code"] == "SDN"
    assert detail["latest_forecast"]["rank_2yr"] == 1 and detail["episodes"] == 1
    missing = client.get("/api/v1/countries/Sudna")
    assert missing.status_code == 404 and "Did you mean: Sudan" in missing.json()["detail"]


def test_rankings_with_rank_change_and_csv(client: TestClient) -> None:
    body = client.get("/api/v1/rankings").json()
    assert body["base_year"] == 2024 and body["total"] == 12
    first = body["items"][0]
    assert first["code"] == "SDN" and first["rank_change"] == 11  # was 12th in 2023
    older = client.get("/api/v1/rankings", params={"base_year": 2023}).json()
    assert older["items"][0]["code"] == "FRA" and older["items"][0]["rank_change"] is None
    response = client.get("/api/v1/rankings", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 12 and rows[0]["code"] == "SDN"
    accept = client.get("/api/v1/rankings", headers={"Accept": "text/csv"})
    assert accept.text == response.text
    assert client.get("/api/v1/rankings", params={"model": "nope"}).status_code == 404


def test_series_history_drivers_episodes(client: TestClient) -> None:
    series = client.get("/api/v1/countries/SDN/indicators/battledeaths.log2").json()
    assert series == [
        {"year": 2022, "value": 2.0},
        {"year": 2023, "value": 3.0},
        {"year": 2024, "value": 4.0},
    ]
    assert client.get("/api/v1/countries/SDN/indicators/nope").status_code == 404
    history = client.get("/api/v1/countries/SDN/forecasts").json()
    assert [h["base_year"] for h in history] == [2023, 2024]
    drivers = client.get("/api/v1/countries/SDN/drivers", params={"limit": 1}).json()
    assert drivers[0]["predictor"] == "battledeaths.log2" and drivers[0]["contribution"] > 0
    episodes = client.get("/api/v1/episodes", params={"country": "SDN", "ongoing": True}).json()
    assert episodes["total"] == 1 and episodes["items"][0]["ongoing"] is True
    assert client.get("/api/v1/backtests").json()[0]["metrics"]["auc"] == 0.84


def test_pages_render(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "Sudan" in home.text
    assert len(home.content) < 500_000
    country = client.get("/countries/SDN")
    assert 'id="risk-chart"' in country.text and "RSF vs civilians in Darfur" in country.text
    assert len(country.content) < 500_000
    rankings = client.get("/rankings", params={"region": "Africa", "sort": "change"})
    assert "Sudan" in rankings.text and "Norway" not in rankings.text
    assert client.get("/model").status_code == 200
    assert client.get("/countries/Atlantis").status_code == 404


def test_anonymous_reading_can_be_switched_off(client: TestClient) -> None:
    client.app.state.settings = client.app.state.settings.model_copy(
        update={"anonymous_read": False}
    )
    assert client.get("/api/v1/countries").status_code == 401
    page = client.get("/rankings?sort=name", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/rankings%3Fsort%3Dname"
