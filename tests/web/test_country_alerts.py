"""The country page's alerts: visitors and viewers see public alerts only; analysts also
see alerts raised from unverified submissions, marked as awaiting a reviewer."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.web.test_pages import log_in
from tocsin.store.db import Database
from tocsin.store.models import Alert, AlertEvent, Country

UNCONFIRMED = "Several reports from the ground about Sudan"
PUBLIC = "Violence against civilians in Sudan"
CONFIRMED = "Confirmed reports from the ground about Sudan"


def _alerts(db: Database) -> None:
    with db.session() as s:
        sudan = s.scalar(select(Country).where(Country.code == "SDN"))
        assert sudan is not None
        common = {"country_id": sudan.id, "category": "atrocity", "severity": "high"}
        s.add(Alert(signal="civilian-surge", dedup_key="a", title=PUBLIC, **common))
        s.add(Alert(signal="submission-cluster", dedup_key="b", title=UNCONFIRMED,
                    details={"review_required": True}, **common))  # fmt: skip
        confirmed = Alert(signal="submission-cluster", dedup_key="c", title=CONFIRMED,
                          details={"review_required": True}, **common)  # fmt: skip
        confirmed.history.append(AlertEvent(actor="rita", action="confirmed", status="new"))
        s.add(confirmed)


def test_visitors_and_viewers_see_only_public_alerts(
    client: TestClient, dashboard_db: Database
) -> None:
    _alerts(dashboard_db)
    for role in (None, "viewer"):
        if role:
            log_in(client, role)
        page = client.get("/countries/SDN").text
        assert PUBLIC in page and CONFIRMED in page, role
        assert UNCONFIRMED not in page, role
        assert "awaiting a reviewer" not in page, role


def test_analysts_also_see_alerts_awaiting_review_marked(
    client: TestClient, dashboard_db: Database
) -> None:
    _alerts(dashboard_db)
    log_in(client, "analyst")
    page = client.get("/countries/SDN").text
    assert PUBLIC in page and CONFIRMED in page and UNCONFIRMED in page
    items = [line for line in page.split("<li") if "/alerts/" in line and "Sudan" in line]
    marked = [line for line in items if "awaiting-review" in line]
    assert len(marked) == 1 and UNCONFIRMED in marked[0]
