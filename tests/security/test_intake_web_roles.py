"""Item 13 and item 5 through the web: the reviewer role gates confirming alerts raised
from submissions and publishing assessments; such alerts stay out of public pages, the
API, the digest and e-mail until confirmed; anonymous visitors see no submission counts;
the excerpt page checks the reader role like its siblings (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.intake.conftest import (  # noqa: F401 - fixtures shared with tests/intake
    app_client,
    intake_db,
    keyed_settings,
    login,
)
from tests.intake.test_public import submit
from tests.web.conftest import token_for
from tocsin.alerts import notify
from tocsin.alerts.engine import record_candidate
from tocsin.alerts.signals import AlertCandidate
from tocsin.alerts.submission_cluster import REVIEW_FLAG
from tocsin.reports.digest import build_digest
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry, Subscription

TITLE = "Civil-society reports about West Darfur, Sudan in 7 days"


def _alerts(db: Database) -> tuple[int, int]:
    """(an alert from submissions awaiting review, an ordinary alert)."""
    with db.session() as s:
        cluster = AlertCandidate(
            "submission-cluster",
            "SDN:west darfur",
            TITLE,
            "3 submissions",
            "high",
            "SDN",
            details={REVIEW_FLAG: True},
        )
        ordinary = AlertCandidate("ged-surge", "SDN", "Violence surge in Sudan", "x", "high", "SDN")
        return record_candidate(s, cluster, "test")[0].id, record_candidate(s, ordinary, "test")[
            0
        ].id


def test_unconfirmed_submission_alerts_stay_for_analysts(
    app_client: TestClient,  # noqa: F811
    intake_db: Database,  # noqa: F811
) -> None:
    pending, ordinary = _alerts(intake_db)
    anonymous = app_client.get("/api/v1/alerts").json()
    assert [a["id"] for a in anonymous["items"]] == [ordinary] and anonymous["total"] == 1
    assert app_client.get(f"/api/v1/alerts/{pending}").status_code == 404
    assert app_client.get(f"/alerts/{pending}").status_code == 404
    assert TITLE not in app_client.get("/alerts").text
    assert TITLE not in app_client.get("/countries/SDN").text
    viewer = token_for(intake_db, "viewer")
    assert app_client.get(f"/api/v1/alerts/{pending}", headers=viewer).status_code == 404
    analyst = token_for(intake_db, "analyst")
    seen = app_client.get("/api/v1/alerts", headers=analyst).json()
    assert {a["id"] for a in seen["items"]} == {pending, ordinary}
    assert app_client.get(f"/api/v1/alerts/{pending}", headers=analyst).json()["awaiting_review"]
    with intake_db.session() as s:
        digest = build_digest(s, datetime.now(UTC).date())
        assert [a.id for a in digest.new] == [ordinary]

    refused = app_client.post(f"/api/v1/alerts/{pending}/confirm", headers=analyst)
    assert refused.status_code == 403
    reviewer = token_for(intake_db, "reviewer")
    confirmed = app_client.post(f"/api/v1/alerts/{pending}/confirm", headers=reviewer)
    assert confirmed.status_code == 200 and not confirmed.json()["awaiting_review"]
    assert app_client.get(f"/api/v1/alerts/{pending}").status_code == 200
    assert TITLE in app_client.get("/alerts").text
    with intake_db.session() as s:
        assert pending in [a.id for a in build_digest(s, datetime.now(UTC).date()).new]
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "alert.confirm"))


def test_notifications_skip_unconfirmed_alerts(
    intake_db: Database,  # noqa: F811
    keyed_settings,  # noqa: ANN001, F811
) -> None:
    settings, _key, _path = keyed_settings
    pending, ordinary = _alerts(intake_db)
    sent: list[str] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            sent.append(json.loads(body)["title"])
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with intake_db.session() as s:
            s.add(
                Subscription(
                    channel="webhook",
                    target=f"http://127.0.0.1:{server.server_port}/hook",
                    min_severity="low",
                    active=True,
                    created_by="analyst",
                )
            )
        with intake_db.session() as s:
            notify.notify_alerts(s, settings, [pending, ordinary])
    finally:
        server.shutdown()
    assert sent == ["Violence surge in Sudan"]


def test_the_reviewer_gates_publishing_assessments(
    app_client: TestClient,  # noqa: F811
    intake_db: Database,  # noqa: F811
) -> None:
    body = {
        "country": "SDN",
        "factor": "RF1",
        "level": "low",
        "confidence": "medium",
        "summary": "",
        "evidence": [],
        "publish": True,
    }
    analyst = app_client.post(
        "/api/v1/assessments", json=body, headers=token_for(intake_db, "analyst")
    )
    assert analyst.status_code == 403 and "reviewer" in analyst.text
    draft = app_client.post(
        "/api/v1/assessments",
        json={**body, "publish": False},
        headers=token_for(intake_db, "analyst"),
    )
    assert draft.status_code == 200, draft.text
    version = draft.json()["id"]
    url = f"/api/v1/assessments/versions/{version}/publish"
    assert app_client.post(url, headers=token_for(intake_db, "analyst")).status_code == 403
    assert app_client.post(url, headers=token_for(intake_db, "reviewer")).status_code not in (
        401,
        403,
    )


def test_excerpt_page_needs_a_reader(
    app_client: TestClient,  # noqa: F811
) -> None:
    app_client.app.state.settings.anonymous_read = False  # type: ignore[attr-defined]
    response = app_client.get("/framework/excerpts/1", follow_redirects=False)
    assert response.status_code == 303  # a visitor is sent to the login page
    assert response.headers["location"] == "/login?next=/framework/excerpts/1"
    documents = app_client.get("/framework/documents/1", follow_redirects=False)
    assert documents.status_code == 303  # like its siblings


def test_submission_counts_are_for_signed_in_users(
    app_client: TestClient,  # noqa: F811
) -> None:
    submit(app_client)
    assert 'id="intake-counts"' not in app_client.get("/countries/SDN").text
    login(app_client, "viewer")
    assert 'id="intake-counts"' in app_client.get("/countries/SDN").text
