"""Every write endpoint refuses anonymous callers and roles below the one it needs.

New write routes must be classified here, or the completeness test fails.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute

from tests.web.conftest import token_for
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.store.models.accounts import ROLES
from tocsin.web.app import create_app

# (method, path) -> minimum role; None: public by design (login/logout check CSRF only).
WRITE_ROUTES: dict[tuple[str, str], str | None] = {
    ("POST", "/login"): None,
    ("POST", "/logout"): None,
    ("POST", "/api/v1/tokens"): "viewer",
    ("POST", "/api/v1/users"): "admin",
    ("PATCH", "/api/v1/users/{username}"): "admin",
    ("POST", "/admin/users"): "admin",
    ("POST", "/api/v1/alerts/{alert_id}/actions"): "analyst",
    ("POST", "/alerts/{alert_id}"): "analyst",
    ("POST", "/api/v1/subscriptions"): "analyst",
    ("DELETE", "/api/v1/subscriptions/{subscription_id}"): "analyst",
    ("POST", "/api/v1/documents"): "analyst",
    ("POST", "/api/v1/excerpts/{excerpt_id}/tags"): "analyst",
    ("DELETE", "/api/v1/tags/{tag_id}"): "analyst",
    ("POST", "/api/v1/suggestions/retrain"): "analyst",
    ("POST", "/api/v1/assessments"): "analyst",
    ("POST", "/api/v1/assessments/versions/{assessment_id}/publish"): "reviewer",
    ("POST", "/api/v1/alerts/{alert_id}/confirm"): "reviewer",
    ("POST", "/alerts/{alert_id}/confirm"): "reviewer",
    ("POST", "/framework/excerpts/{excerpt_id}/tags"): "analyst",
    ("POST", "/framework/excerpts/{excerpt_id}/suggestions/{number}"): "analyst",
    ("POST", "/subscriptions"): "analyst",
    ("POST", "/sources/events"): "analyst",
    ("POST", "/subscriptions/{subscription_id}/cancel"): "analyst",
    ("POST", "/framework/tags/{tag_id}/delete"): "analyst",
    ("POST", "/framework/countries/{country}/{factor}"): "analyst",
    ("POST", "/framework/assessments/{assessment_id}/publish"): "reviewer",
    ("POST", "/framework/documents"): "analyst",
    ("POST", "/api/v1/speech/classify"): None,  # computes scores, stores nothing
    ("POST", "/api/v1/speech/lexicon"): "analyst",
    ("POST", "/api/v1/speech/posts/{post_id}/worksheets"): "analyst",
    ("POST", "/speech/posts/{post_id}/rabat"): "analyst",
    ("POST", "/api/v1/speech/imports"): "analyst",
    ("POST", "/api/v1/speech/posts/{post_id}/corrections"): "analyst",
    ("POST", "/speech/import"): "analyst",
    ("POST", "/speech/posts/{post_id}/corrections"): "analyst",
    ("POST", "/speech/lexicon"): "analyst",
    ("POST", "/report"): None,  # the public report form: no account, by design
    ("POST", "/report/follow-up"): None,  # the reporter's receipt code is the credential
    ("POST", "/intake/{key}"): "analyst",
    ("POST", "/intake/{key}/files/{attachment_id}"): "analyst",  # sealed bytes, custody
    ("POST", "/api/v1/intake/submissions/{key}/actions"): "analyst",
    ("POST", "/reports/country"): "analyst",
    ("POST", "/reports/annual"): "analyst",
    ("POST", "/framework/countries/{country}/{factor}/confirm"): "analyst",
    ("POST", "/framework/countries/{country}/{factor}/override"): "analyst",
}
BODIES = {
    "/api/v1/tokens": {"name": "script"},
    "/api/v1/users": {"username": "newbie", "password": "a-long-password", "role": "viewer"},
    "/api/v1/users/{username}": {"role": "analyst"},
    "/api/v1/alerts/{alert_id}/actions": {"action": "acknowledge"},
    "/api/v1/subscriptions": {"channel": "email", "target": "desk@example.org"},
}


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """Every APIRoute, including those of included routers (paths are already full)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            yield from _api_routes(included.routes)


def _write_routes(settings: Settings, db: Database) -> set[tuple[str, str]]:
    app = create_app(settings, db)
    return {
        (method, route.path)
        for route in _api_routes(app.routes)
        for method in route.methods
        if method not in {"GET", "HEAD", "OPTIONS"}
    }


def test_every_write_route_is_classified(settings: Settings, sqlite_dashboard: Database) -> None:
    unclassified = _write_routes(settings, sqlite_dashboard) - set(WRITE_ROUTES)
    assert not unclassified, f"classify these write routes in {__file__}: {sorted(unclassified)}"


PROTECTED = [(m, p, r) for (m, p), r in WRITE_ROUTES.items() if r is not None]


@pytest.mark.parametrize(("method", "path", "minimum"), PROTECTED)
def test_write_routes_enforce_roles(
    client: TestClient, dashboard_db: Database, method: str, path: str, minimum: str
) -> None:
    url = path.replace("{username}", "viewer")
    kwargs = (
        {"json": BODIES[path]}
        if path in BODIES
        else {"data": {"username": "viewer", "role": "analyst"}}
    )
    anonymous = client.request(method, url, **kwargs)
    assert anonymous.status_code == 401, anonymous.text
    for role in ROLES:
        response = client.request(method, url, headers=token_for(dashboard_db, role), **kwargs)
        if ROLES.index(role) < ROLES.index(minimum):
            assert response.status_code == 403, (role, response.text)
        else:
            assert response.status_code not in (401, 403), (role, response.text)
            break  # one allowed write is enough; later roles would repeat it


def _an_alert(db: Database) -> int:
    from tocsin.alerts.engine import record_candidate
    from tocsin.alerts.signals import AlertCandidate

    with db.session() as s:
        candidate = AlertCandidate("test", "k", "A test alert", "summary", "medium", "SDN")
        return record_candidate(s, candidate, actor="test")[0].id


def test_admin_writes_are_audited(client: TestClient, dashboard_db: Database) -> None:
    admin = token_for(dashboard_db, "admin")
    created = client.post("/api/v1/users", json=BODIES["/api/v1/users"], headers=admin)
    assert created.status_code == 201
    assert (
        client.post("/api/v1/users", json=BODIES["/api/v1/users"], headers=admin).status_code == 409
    )
    client.patch("/api/v1/users/newbie", json={"role": "reviewer", "active": False}, headers=admin)
    log = client.get("/api/v1/audit", params={"actor": "admin"}, headers=admin).json()
    actions = [e["action"] for e in log]
    assert {"user.create", "user.set_role", "user.disable"} <= set(actions)
    change = next(e for e in log if e["action"] == "user.set_role")
    assert change["before"]["role"] == "viewer" and change["after"]["role"] == "reviewer"
    exported = client.get("/api/v1/audit", params={"format": "csv"}, headers=admin)
    assert (
        exported.headers["content-type"].startswith("text/csv") and "user.create" in exported.text
    )
    assert (
        client.get("/api/v1/audit", headers=token_for(dashboard_db, "reviewer")).status_code == 403
    )


def test_login_form_needs_csrf_and_is_rate_limited(client: TestClient) -> None:
    assert client.post("/login", data={"username": "analyst", "password": "x"}).status_code == 403
    form = client.get("/login").text
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    statuses = [
        client.post(
            "/login", data={"username": "analyst", "password": "wrong", "csrf_token": token}
        ).status_code
        for _ in range(5)
    ]
    assert statuses[0] == 401 and statuses[-1] == 429, statuses  # backoff, see accounts.login
    blocked = client.post(
        "/login",
        data={"username": "analyst", "password": "analyst-password-123", "csrf_token": token},
    )
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers
    other = client.post(
        "/login",
        data={"username": "admin", "password": "admin-password-123", "csrf_token": token},
        follow_redirects=False,
    )
    assert other.status_code == 303  # another user is not blocked by analyst's failures
    cookie = other.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/admin/users").status_code == 200
