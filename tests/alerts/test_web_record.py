"""Pages that use events state their freshness; the country page's monthly table says when
it is stale and shows civilian deaths; its yearly charts are UCDP's three measures; the
track record page and API score stored alerts against outcomes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.conftest import event_rows
from tocsin.analysis.events.ingest import upsert_events
from tocsin.config import load_settings
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Alert, Country, PanelValue, Provenance, YearlyDeath
from tocsin.web.app import create_app

# Sudan, 2020-2022: 2 civilian deaths a month, 250 in July 2021 (a one-sided spike)
MONTHS = {
    f"{y}-{m:02d}": 250 if (y, m) == (2021, 7) else 2
    for y in (2020, 2021, 2022)
    for m in range(1, 13)
}


def fill_events(db: Database) -> None:
    """Sudan's events (through December 2022, a Candidate release recorded), an EWP onset
    in 2022, yearly UCDP deaths of two measures, and two alerts: one before the spike, one
    far from any outcome."""
    with db.session() as s:
        sudan = s.scalar(select(Country).where(Country.code == "SDN"))
        upsert_events(s, event_rows("SDN", MONTHS))
        s.add(Provenance(dataset="ucdp-candidate-2022-02", version="22.0.2", sha256="0" * 64))
        s.add(PanelValue(country_id=sudan.id, year=2022, indicator="mk_onset", value=1.0))
        for year, deaths in ((2020, 30.0), (2021, 300.0)):
            for kind, best in (("one-sided", deaths), ("state-based", 0.0)):
                s.add(
                    YearlyDeath(
                        source="t",
                        country_id=sudan.id,
                        year=year,
                        kind=kind,
                        best=best,
                        low=best,
                        high=best,
                    )
                )
        for key, since in (("a", date(2021, 5, 1)), ("b", date(2020, 1, 1))):
            s.add(
                Alert(
                    signal="civilian-surge",
                    dedup_key=key,
                    country_id=sudan.id,
                    title=f"alert {key}",
                    since=since,
                )
            )


@pytest.fixture
def events_db(database: Database) -> Database:
    """Countries and the events, outcomes and alerts of :func:`fill_events`."""
    load_ewp(database, [])
    fill_events(database)
    return database


@pytest.fixture
def client(events_db: Database, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(load_settings(data_dir=tmp_path / "data"), events_db)) as c:
        yield c


def test_country_page_freshness_monthly_table_and_yearly_measures(client: TestClient) -> None:
    page = client.get("/countries/SDN")
    assert page.status_code == 200
    text = page.text
    assert "events up to 2022-12-10, UCDP Candidate 22.0.2" in text
    assert "Stale:" in text  # December 2022 is long past
    table = text[text.index('id="monthly"') :]
    table = table[: table.index("</table>")]
    assert "<td>2022-12</td>" in table and "<td>2020-12</td>" not in table  # latest 24 months
    assert "<td>2021-07</td><td>1</td><td>250</td><td>1</td><td>250</td>" in table
    for measure in ("one-sided", "state-based", "non-state"):
        assert f'id="yearly-{measure}"' in text
    assert text.count("None recorded for Sudan") == 2  # state-based all zero, non-state absent
    assert "battle" not in text.lower()
    violence = client.get("/api/v1/countries/SDN/violence").json()
    assert violence["stale"] is True and violence["freshness"].startswith("events up to 2022-12")
    # a digit that is not a decimal code point is an unknown country, not a server error
    assert client.get("/api/v1/countries/\u00b2/violence").status_code == 404


def test_alert_and_event_pages_state_freshness(client: TestClient) -> None:
    for url in ("/alerts", "/alerts/1", "/events/1"):
        assert "events up to 2022-12-10, UCDP Candidate 22.0.2" in client.get(url).text, url
    norway = client.get("/countries/NOR").text
    assert "no events loaded" in norway and "Stale:" in norway


def test_record_api_page_and_chart(client: TestClient) -> None:
    response = client.get("/api/v1/alerts/record")
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["window_months"] == 12 and record["freshness"].startswith("events up to")
    rows = {r["outcome"]: r for r in record["signals"]}
    onset, spike = rows["EWP onset"], rows["one-sided spike"]
    assert (onset["outcomes"], onset["warned"], onset["median_lead"]) == (1, 1, 8)
    assert (spike["outcomes"], spike["warned"], spike["median_lead"]) == (1, 1, 2)
    assert (spike["alerts"], spike["hits"], spike["false_alarms"]) == (2, 1, 1)
    assert spike["alerts_per_country_year"] == pytest.approx(2 / 3)
    # a higher spike threshold leaves no spike to warn of
    high = client.get("/api/v1/alerts/record", params={"spike_deaths": 1000}).json()
    assert next(r for r in high["signals"] if r["outcome"] == "one-sided spike")["outcomes"] == 0
    assert client.get("/api/v1/alerts/record", params={"window": 0}).status_code == 422

    page = client.get("/alerts/record")
    assert page.status_code == 200 and "civilian-surge" in page.text
    assert 'src="/alerts/record.svg?spike_deaths=100&amp;window=12"' in page.text
    chart = client.get("/alerts/record.svg")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in chart.content and b"civilian-surge" in chart.content


def test_record_page_without_data(tmp_path: Path, database: Database) -> None:
    load_ewp(database, [])
    with TestClient(create_app(load_settings(data_dir=tmp_path / "data"), database)) as c:
        assert "No track record yet" in c.get("/alerts/record").text
        assert c.get("/api/v1/alerts/record").json()["signals"] == []
