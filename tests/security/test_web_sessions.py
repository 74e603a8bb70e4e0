"""Item 11 (web side): the session cookie names the user's session version, so a cookie
copied before logout, a password change or a role change stops working; wrong passwords
slow an account down (429 with Retry-After) but the owner's browser still gets in; too
many concurrent password checks answer 503 (both backends)."""

from __future__ import annotations

import threading

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.security.webclient import PASSWORDS, csrf_of, log_in, try_login
from tocsin.store import accounts
from tocsin.store.db import Database


def _copy(app: FastAPI, client: TestClient) -> TestClient:
    """Another browser holding a copy of ``client``'s cookies."""
    return TestClient(app, cookies=dict(client.cookies))


def _can_make_a_token(client: TestClient, csrf: str) -> bool:
    response = client.post("/api/v1/tokens", json={"name": "t"}, headers={"X-CSRF-Token": csrf})
    assert response.status_code in (201, 401), response.text
    return response.status_code == 201


def test_a_cookie_copied_before_logout_stops_working(users_app: FastAPI) -> None:
    owner = TestClient(users_app)
    log_in(owner, "admin")
    thief = _copy(users_app, owner)
    assert thief.get("/admin/users", follow_redirects=False).status_code == 200
    owner.post("/logout", data={"csrf_token": csrf_of(owner)})
    assert thief.get("/admin/users", follow_redirects=False).status_code != 200
    assert owner.get("/admin/users", follow_redirects=False).status_code != 200
    log_in(owner, "admin")  # logging in again works, with a new cookie
    assert owner.get("/admin/users", follow_redirects=False).status_code == 200


def test_a_role_change_ends_the_users_sessions(users_app: FastAPI) -> None:
    analyst, admin = TestClient(users_app), TestClient(users_app)
    log_in(analyst, "analyst")
    log_in(admin, "admin")
    copied, csrf = _copy(users_app, analyst), csrf_of(analyst)
    assert _can_make_a_token(copied, csrf)
    changed = admin.post(
        "/admin/users",
        data={"username": "analyst", "role": "viewer", "csrf_token": csrf_of(admin)},
        follow_redirects=False,
    )
    assert changed.status_code == 303, changed.text
    assert not _can_make_a_token(copied, csrf)
    assert not _can_make_a_token(analyst, csrf)
    # Saving the form without a change keeps the admin's own session.
    admin.post(
        "/admin/users",
        data={"username": "admin", "role": "admin", "csrf_token": csrf_of(admin)},
    )
    assert admin.get("/admin/users", follow_redirects=False).status_code == 200


def test_a_password_change_ends_the_users_sessions(users_app: FastAPI, database: Database) -> None:
    viewer = TestClient(users_app)
    log_in(viewer, "viewer")
    csrf = csrf_of(viewer)
    assert _can_make_a_token(viewer, csrf)
    with database.session() as session:
        accounts.set_password(session, "viewer", "a brand new password", actor="viewer")
    assert not _can_make_a_token(viewer, csrf)


def test_guessing_slows_the_account_but_does_not_lock_the_owner_out(users_app: FastAPI) -> None:
    owner = TestClient(users_app)
    log_in(owner, "analyst")  # the owner's browser, used before
    owner.post("/logout", data={"csrf_token": csrf_of(owner)})
    attacker = TestClient(users_app)
    statuses = [try_login(attacker, "analyst", f"guess {i}").status_code for i in range(8)]
    assert statuses[0] == 401 and statuses[-1] == 429, statuses
    refused = try_login(attacker, "analyst", PASSWORDS["analyst"])
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= accounts.MAX_BACKOFF
    assert try_login(owner, "analyst", PASSWORDS["analyst"]).status_code == 303
    stranger = TestClient(users_app)  # a browser that never logged in as this user
    assert try_login(stranger, "admin", PASSWORDS["admin"]).status_code == 303  # others unaffected


def test_too_many_concurrent_password_checks_answer_503(
    users_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    busy = threading.BoundedSemaphore(1)
    busy.acquire()  # every check slot taken
    monkeypatch.setattr(accounts, "_verifications", busy)
    monkeypatch.setattr(accounts, "VERIFY_WAIT", 0.05)
    response = try_login(TestClient(users_app), "analyst", PASSWORDS["analyst"])
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
