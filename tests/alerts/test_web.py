"""The alerts pages and API: filters by country and severity, the new alert fields,
atrocity alerts first, the alert page's timeline, episode links and accountability record,
and the served address in notification links."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.alerts.test_episodes import _candidate
from tests.alerts.test_notifications import _settings, webhook  # noqa: F401 - fixture
from tocsin.alerts import notify
from tocsin.alerts.engine import record_candidate, transition
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.web.app import create_app


def fill_alerts(db: Database) -> None:
    """Sudan: an episode (acknowledged, escalated by a far larger month) that resolved and
    a second one after it; Nigeria: an atrocity alert; Poland: a critical conflict-context
    alert."""
    with db.session() as s:
        first = record_candidate(s, _candidate("SDN", date(2020, 1, 1), 40, "medium")).alert
        record_candidate(s, _candidate("SDN", date(2020, 2, 1), 150, "high"))
        transition(s, first.id, "acknowledge", "bob", "briefing the desk")
        record_candidate(
            s, _candidate("SDN", date(2020, 9, 1), 60, "medium"), quiet_periods=3
        )  # quiet since February: the first episode resolves, a second one opens
        record_candidate(s, _candidate("NGA", date(2021, 1, 1), 30, "medium"))
        record_candidate(
            s,
            _candidate("POL", date(2021, 1, 1), 900, "critical", category="conflict-context"),
        )


@pytest.fixture
def alerts_db(database: Database) -> Database:
    """Countries and the alerts of :func:`fill_alerts`."""
    load_ewp(database, [])
    fill_alerts(database)
    return database


@pytest.fixture
def client(alerts_db: Database, tmp_path: Path) -> Iterator[TestClient]:
    settings = _settings(tmp_path, 25)
    with TestClient(create_app(settings, alerts_db)) as test_client:
        yield test_client


def _ids(client: TestClient, **params: str) -> list[str]:
    response = client.get("/api/v1/alerts", params=params)
    assert response.status_code == 200, response.text
    return [a["country_code"] for a in response.json()["items"]]


def test_api_filters_rank_and_fields(client: TestClient) -> None:
    items = client.get("/api/v1/alerts").json()["items"]
    # atrocity alerts first (most severe first), conflict context last though critical
    assert [(a["country_code"], a["severity"]) for a in items][::3] == [
        ("SDN", "high"),
        ("POL", "critical"),
    ]
    assert sorted(a["country_code"] for a in items[1:3]) == ["NGA", "SDN"]
    assert items[-1]["category"] == "conflict-context" and items[0]["category"] == "atrocity"
    first, second = sorted((a for a in items if a["country_code"] == "SDN"), key=lambda a: a["id"])
    assert second["previous_id"] == first["id"] and first["status"] == "closed"
    assert {"status", "severity", "title", "since", "period_end", "replayed"} <= set(first)
    assert first["since"] == "2020-01-01" and first["period_end"] == "2020-02-29"
    assert _ids(client, country="Nigeria") == ["NGA"]
    assert _ids(client, country="pol") == ["POL"]
    assert _ids(client, severity="critical") == ["POL"]
    assert _ids(client, country="SDN", severity="medium") == ["SDN"]
    unknown = client.get("/api/v1/alerts", params={"country": "Narnia"})
    assert unknown.status_code == 404 and "Narnia" in unknown.json()["detail"]
    assert client.get("/api/v1/alerts", params={"severity": "apocalyptic"}).status_code == 422


def test_list_page_filters_and_labels(client: TestClient) -> None:
    page = client.get("/alerts", params={"country": "Poland"})
    assert page.status_code == 200
    assert "conflict context" in page.text and "Nigeria" not in page.text
    everything = client.get("/alerts").text
    assert everything.index("Nigeria") < everything.index("Poland")  # atrocity first
    assert "no events loaded" in everything  # freshness stated even when there are none
    critical = client.get("/alerts", params={"severity": "critical", "country": "Sudan"})
    assert "match these filters" in critical.text
    assert client.get("/alerts", params={"country": "Narnia"}).status_code == 404


def test_alert_page_timeline_episodes_and_responses(
    client: TestClient,
    alerts_db: Database,
    tmp_path: Path,
    webhook,  # noqa: ANN001, F811 - fixture from test_notifications
) -> None:
    posted, hook = webhook
    items = client.get("/api/v1/alerts", params={"country": "SDN"}).json()["items"]
    first, second = sorted(a["id"] for a in items)
    with alerts_db.session() as s:
        notify.subscribe(s, "webhook", hook, "alice", ["Sudan"], "medium")
        notify.notify_alerts(s, _settings(tmp_path, 25), [second])
    assert posted[-1]["url"] == f"https://tocsin.example.org/alerts/{second}"

    detail = client.get(f"/api/v1/alerts/{first}").json()
    actions = [t["action"] for t in detail["timeline"]]
    assert actions[:2] == ["created", "escalation"] and "resolved" in actions
    assert [t["month"] for t in detail["timeline"][:2]] == ["2020-01-01", "2020-02-01"]
    assert detail["next_id"] == second and detail["episodes"] == []
    assert detail["responses"] == [
        {
            "at": detail["responses"][0]["at"],
            "actor": "bob",
            "action": "acknowledge",
            "note": "briefing the desk",
        }
    ]
    later = client.get(f"/api/v1/alerts/{second}").json()
    assert later["episodes"] == [first] and later["next_id"] is None
    assert [(n["channel"], n["status"]) for n in later["notified"]] == [("webhook", "sent")]
    assert "target" not in later["notified"][0]  # subscribers' addresses are not shown

    page = client.get(f"/alerts/{first}").text
    assert "2020-01" in page and "escalation" in page and "resolved" in page
    assert f'href="/alerts/{second}"' in page and "briefing the desk" in page
    assert "Nobody was notified" in page
    later_page = client.get(f"/alerts/{second}").text
    assert f'rel="prev" href="/alerts/{first}"' in later_page and "#1" in later_page
    assert hook not in later_page
    assert client.get("/alerts/999999").status_code == 404


def test_digest_links_use_the_served_address(client: TestClient) -> None:
    text = client.get("/api/v1/digest", params={"days": 7}).text
    assert "https://tocsin.example.org/alerts/" in text


def test_digest_refuses_an_impossible_period(client: TestClient) -> None:
    response = client.get("/api/v1/digest", params={"end": "0001-01-01"})
    assert response.status_code == 422 and "0001-01-01" in response.json()["detail"]


def test_alerts_awaiting_review_stay_hidden_from_the_public(
    client: TestClient, alerts_db: Database
) -> None:
    from tocsin.store.models import Alert

    with alerts_db.session() as s:
        hidden = Alert(
            signal="submission-cluster",
            dedup_key="sub",
            title="reports from X",
            details={"review_required": True},
            category="atrocity",
        )
        s.add(hidden)
        s.flush()
        hidden_id = hidden.id
    assert hidden_id not in [a["id"] for a in client.get("/api/v1/alerts").json()["items"]]
    assert client.get(f"/api/v1/alerts/{hidden_id}").status_code == 404
    assert "reports from X" not in client.get("/alerts").text
