"""The review side: authorisation per role, every review action audited, the JSON API,
checklist, links, duplicates, opening sealed data with the key, the country section."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.intake.conftest import csrf_from, jpeg_with_gps, login
from tests.intake.test_public import submit
from tocsin.intake import crypto
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry
from tocsin.store.models.evidence import CustodyEntry
from tocsin.store.models.intake import Submission


def _token(db: Database, role: str) -> dict[str, str]:
    from tocsin.store import accounts

    with db.session() as s:
        return {"Authorization": f"Bearer {accounts.create_token(s, role, 'test', actor=role)}"}


ROLES = [(None, False), ("viewer", False), ("analyst", True), ("reviewer", True), ("admin", True)]


def test_review_pages_and_api_need_the_analyst_role(
    app_client: TestClient, intake_db: Database
) -> None:
    submit(app_client)
    for role, allowed in ROLES:
        headers = _token(intake_db, role) if role else {}
        listing = app_client.get("/api/v1/intake/submissions", headers=headers)
        detail = app_client.get("/api/v1/intake/submissions/1", headers=headers)
        action = app_client.post(
            "/api/v1/intake/submissions/1/actions",
            json={"op": "note", "body": f"seen by {role}"},
            headers=headers,
        )
        page = app_client.get("/intake/1", headers=headers, follow_redirects=False)
        if allowed:
            assert listing.status_code == 200 and listing.json()["total"] == 1
            assert detail.status_code == 200 and page.status_code == 200
            assert action.status_code == 200, action.text
            assert action.json()["notes"][-1]["body"] == f"seen by {role}"
        else:
            for response in (listing, detail, action):
                assert response.status_code in (401, 403), (role, response.status_code)
            if role:  # a signed-in user without the role is refused
                assert page.status_code == 403, (role, page.status_code)
            else:  # a visitor is sent to the login page, and back afterwards
                assert page.status_code in (302, 303, 307), page.status_code
                assert page.headers["location"] == "/login?next=/intake/1"
    with intake_db.session() as s:
        authors = [
            a.actor for a in s.scalars(select(AuditEntry).where(AuditEntry.action == "intake.note"))
        ]
    assert sorted(authors) == ["admin", "analyst", "reviewer"]


def test_every_review_action_is_audited_and_visible(
    app_client: TestClient, intake_db: Database
) -> None:
    submit(app_client)
    submit(app_client, what="Second account of the market fire.")
    headers = _token(intake_db, "analyst")
    api = "/api/v1/intake/submissions/1/actions"
    steps = [
        {"op": "status", "status": "in_review"},
        {"op": "assign", "assignee": "analyst"},
        {"op": "link", "kind": "submission", "ref": "2", "label": "same fire"},
        {"op": "link", "kind": "country", "ref": "Chad", "label": "cross-border"},
        {"op": "link", "kind": "indicator", "ref": "framework:RF1-3", "label": "risk factor"},
        {
            "op": "check",
            "item": "content_geolocated",
            "done": True,
            "note": "market matches imagery",
        },
        {"op": "reply", "body": "Thank you."},
    ]
    for body in steps:
        response = app_client.post(api, json=body, headers=headers)
        assert response.status_code == 200, (body, response.text)
    detail = response.json()
    assert detail["status"] == "in_review" and detail["assigned_to"] == "analyst"
    assert {(lk["kind"], lk["ref"]) for lk in detail["links"]} >= {
        ("country", "TCD"),
        ("indicator", "framework:RF1-3"),
    }
    assert detail["checklist"]["content_geolocated"]["done"] is True
    assert detail["messages"][0] == {**detail["messages"][0], "sealed": True, "body": None}
    dup = app_client.post(
        "/api/v1/intake/submissions/2/actions",
        json={"op": "status", "status": "duplicate", "duplicate_of": detail["ref"]},
        headers=headers,
    )
    assert dup.json()["duplicate_of"] == 1
    bad = app_client.post(api, json={"op": "assign", "assignee": "nobody-here"}, headers=headers)
    assert bad.status_code == 422 and "no user" in bad.json()["detail"]
    with intake_db.session() as s:
        actions = [
            a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.actor == "analyst"))
        ]
    assert actions.count("intake.link") == 3
    for name in ("intake.status", "intake.assign", "intake.checklist", "intake.reply"):
        assert name in actions


def test_review_pages_in_the_browser_flow(
    sqlite_client: TestClient, sqlite_intake_db: Database, keyed_settings
) -> None:  # noqa: ANN001
    submit(sqlite_client, files=[("files", ("p.jpg", jpeg_with_gps(), "image/jpeg"))])
    login(sqlite_client, "analyst")
    queue = sqlite_client.get("/intake")
    assert queue.status_code == 200 and "El Geneina" not in queue.text  # sealed at rest
    page = sqlite_client.get("/intake/1")
    assert "Soldiers burned the market." not in page.text and "GPSLatitude" in page.text
    token = csrf_from(page.text)
    noted = sqlite_client.post(
        "/intake/1",
        data={"csrf_token": token, "op": "note", "body": "call back"},
        follow_redirects=False,
    )
    assert noted.status_code == 303
    assert "call back" in sqlite_client.get("/intake/1").text
    no_csrf = sqlite_client.post("/intake/1", data={"op": "note", "body": "x"})
    assert no_csrf.status_code == 403
    _settings, private, _path = keyed_settings
    # the page carries sealed boxes only; the analyst's browser opens them
    assert "Amira" not in page.text and "/intake/1/open" not in page.text
    assert sqlite_client.post("/intake/1/open", data={"csrf_token": token}).status_code in (
        404,
        405,
    )
    sealed = sqlite_client.post("/intake/1/files/1", headers={"X-CSRF-Token": token})
    assert sealed.status_code == 200
    assert sealed.headers["content-type"] == "application/octet-stream"
    assert crypto.unseal(private, sealed.content)[:2] == b"\xff\xd8"  # a JPEG, sealed
    assert (
        sqlite_client.post("/intake/1/files/99", headers={"X-CSRF-Token": token}).status_code == 404
    )
    with sqlite_intake_db.session() as s:
        events = [e.event for e in s.scalars(select(CustodyEntry).order_by(CustodyEntry.seq))]
    assert events.count("accessed") == 1 and events.count("received") == 2


def test_viewer_cannot_open_the_queue(sqlite_client: TestClient) -> None:
    login(sqlite_client, "viewer")
    assert sqlite_client.get("/intake").status_code == 403


def test_country_page_shows_counts_only(
    sqlite_client: TestClient, sqlite_intake_db: Database
) -> None:
    submit(sqlite_client)
    with sqlite_intake_db.session() as s:
        sub = s.scalars(select(Submission)).one()
        sub.status = "verified"
    assert 'id="intake-counts"' not in sqlite_client.get("/countries/SDN").text  # anonymous
    login(sqlite_client, "viewer")
    page = sqlite_client.get("/countries/SDN")
    assert page.status_code == 200
    assert 'id="intake-counts"' in page.text and "verified 1" in page.text
    assert "El Geneina" not in page.text and "market" not in page.text


def test_links_to_framework_documents_are_checked_when_the_workbench_is_there(
    sqlite_client: TestClient, sqlite_intake_db: Database
) -> None:

    from tocsin.intake import service

    submit(sqlite_client)
    with sqlite_intake_db.session() as s:
        sub = s.scalars(select(Submission)).one()
        generic = service.add_link(s, sub, "indicator", "RF7.3", "", "analyst")
        assert generic.ref == "RF7.3"
        with pytest.raises(service.IntakeError, match="no Framework document with id 4242"):
            service.add_link(s, sub, "document", "4242", "", "analyst")
