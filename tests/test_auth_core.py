"""Roles, API tokens, session cookies and CSRF on a protected write endpoint."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, Depends, Request
from fastapi.testclient import TestClient

from tocsin.config import Settings
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.store.models.accounts import User
from tocsin.web.app import create_app
from tocsin.web.auth import csrf_token, log_in, require_role


def _app(settings: Settings, database: Database) -> TestClient:
    app = create_app(settings, database)
    router = APIRouter()

    @router.post("/t/write")
    def write(user: User = Depends(require_role("analyst"))) -> dict[str, str]:
        return {"by": user.username}

    @router.post("/t/login/{username}")
    def login(username: str, request: Request) -> dict[str, str]:
        with database.session() as s:
            log_in(request, accounts.get_user(s, username))
        return {"csrf": csrf_token(request)}

    app.include_router(router)
    return TestClient(app)


@pytest.fixture
def client(settings: Settings, database: Database) -> TestClient:
    with database.session() as s:
        accounts.create_user(s, "vera", "viewer-password", "viewer", actor="test")
        accounts.create_user(s, "ana", "analyst-password", "analyst", actor="test")
    return _app(settings, database)


def test_token_roles(client: TestClient, database: Database) -> None:
    with database.session() as s:
        viewer = accounts.create_token(s, "vera", "script", actor="vera")
        analyst = accounts.create_token(s, "ana", "script", actor="ana")
    assert client.post("/t/write").status_code == 401
    assert client.post("/t/write", headers={"Authorization": "Bearer nope"}).status_code == 401
    refused = client.post("/t/write", headers={"Authorization": f"Bearer {viewer}"})
    assert refused.status_code == 403 and "analyst role" in refused.text
    ok = client.post("/t/write", headers={"Authorization": f"Bearer {analyst}"})
    assert ok.json() == {"by": "ana"}
    with database.session() as s:
        accounts.set_active(s, "ana", False, actor="admin")
    gone = client.post("/t/write", headers={"Authorization": f"Bearer {analyst}"})
    assert gone.status_code == 401


def test_cookie_session_needs_csrf(client: TestClient) -> None:
    csrf = client.post("/t/login/ana").json()["csrf"]  # the login route itself is a test helper
    assert client.post("/t/write").status_code == 403  # cookie but no CSRF token
    assert client.post("/t/write", headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post("/t/write", headers={"X-CSRF-Token": csrf}).json() == {"by": "ana"}
    assert client.post("/t/write", data={"csrf_token": csrf}).json() == {"by": "ana"}


def test_passwords_are_argon2_and_checked(database: Database) -> None:
    with database.session() as s:
        user = accounts.create_user(s, "bob", "a-long-password", "reviewer", actor="test")
        assert user.password_hash.startswith("$argon2")
        assert accounts.authenticate(s, "bob", "a-long-password") is not None
        assert accounts.authenticate(s, "bob", "wrong-password") is None
        assert accounts.authenticate(s, "nobody", "a-long-password") is None
        with pytest.raises(accounts.AccountError, match="unknown role"):
            accounts.set_role(s, "bob", "emperor", actor="test")
