"""Helpers for the web tests of tests/security: an app with one user per role, and
logging a test client in through the real login form."""

from __future__ import annotations

import re
from functools import lru_cache

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from tocsin.store.db import Database
from tocsin.store.models import User

PASSWORDS = {role: f"{role}-password-123" for role in ("viewer", "analyst", "reviewer", "admin")}


@lru_cache(maxsize=1)
def _hashes() -> dict[str, str]:
    hasher = PasswordHasher()
    return {role: hasher.hash(password) for role, password in PASSWORDS.items()}


def add_users(db: Database) -> None:
    """One user per role, named after it (hashes made once per test session)."""
    with db.session() as session:
        for role in PASSWORDS:
            session.add(User(username=role, password_hash=_hashes()[role], role=role))


def csrf_of(client: TestClient) -> str:
    """The client's session CSRF token, read from the login form."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert match, "no CSRF token on /login"
    return match.group(1)


def try_login(client: TestClient, username: str, password: str):  # noqa: ANN201
    """Post the login form; the response (not followed)."""
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(client)},
        follow_redirects=False,
    )


def log_in(client: TestClient, role: str) -> None:
    """Log ``client`` in as the user named after ``role``."""
    response = try_login(client, role, PASSWORDS[role])
    assert response.status_code == 303, response.text
