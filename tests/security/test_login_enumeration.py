"""Item 11 (enumeration): an attacker guessing passwords cannot learn which usernames
have an account. A username without one gets the same answers as a real account with a
wrong password, attempt after attempt: the same status (401, then 429 once the backoff
starts), the same message, the same headers (Retry-After included), and the same work
(one Argon2 check per checked guess, none while waiting). Both backends."""

from __future__ import annotations

import re
import secrets
import string
from datetime import UTC, datetime, timedelta
from typing import Literal

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.security.webclient import try_login
from tocsin.store import accounts

REAL = "analyst"


class Clock:
    """A clock the test moves forward (the backoff is counted in seconds)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class CountingHasher(PasswordHasher):
    """The real Argon2 hasher (default parameters, as the app's), counting its checks."""

    calls = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:  # noqa: A002
        """Count, then run the real check."""
        self.calls += 1
        return super().verify(hash, password)


def _answer(client: TestClient, username: str, guess: str, checks: CountingHasher) -> tuple:
    """What the attacker sees of one guess (the username, and what differs per client or
    per response anyway, blanked out: CSRF token, CSP nonce, cookie values), and how many
    Argon2 checks it cost."""
    before = checks.calls
    response = try_login(client, username, guess)

    def blank(text: str) -> str:
        text = re.sub(r'name="csrf_token" value="[^"]+"', "CSRF", text)
        return re.sub(r"nonce-[\w+/=-]+|nonce=\"[^\"]+\"", "NONCE", text)

    body = blank(response.text).replace(username, "NAME")
    headers = sorted(
        (name, re.sub(r"=[^;]*", "=VALUE", value) if name == "set-cookie" else blank(value))
        for name, value in response.headers.items()
        if name != "date"
    )
    return response.status_code, headers, body, checks.calls - before


def test_guessing_cannot_tell_a_real_username_from_an_unknown_one(
    users_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(accounts, "utcnow", clock)
    checks = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", checks)
    # The same length as the real name, so even Content-Length cannot differ.
    ghost = "".join(secrets.choice(string.ascii_lowercase) for _ in REAL)
    assert ghost != REAL
    real_browser, ghost_browser = TestClient(users_app), TestClient(users_app)
    seen = []

    def guess_both(guess: str) -> tuple:
        real = _answer(real_browser, REAL, guess, checks)
        unknown = _answer(ghost_browser, ghost, guess, checks)
        assert real == unknown, f"{guess!r} answered differently:\n{real}\n{unknown}"
        seen.append((real[0], real[3]))
        return real

    for attempt in range(8):
        answer = guess_both(f"guess {attempt}")
        if answer[0] == 429:  # guess again at once (refused unchecked), then wait as told
            guess_both(f"impatient {attempt}")
            clock.now += timedelta(seconds=int(dict(answer[1])["retry-after"]))
    statuses = [status for status, _checks in seen]
    assert statuses[:2] == [401, 401] and (429, 0) in seen and (429, 1) in seen, seen
    checked = sum(argon2 for _status, argon2 in seen)
    assert checked == 8, seen  # every guess made after waiting is checked again


def test_an_unknown_username_costs_an_argon2_check(
    users_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", checks)
    response = try_login(TestClient(users_app), "nobody-by-this-name", "a guess")
    assert response.status_code == 401 and checks.calls == 1


def test_unknown_names_are_kept_only_as_keyed_hashes() -> None:
    names = accounts.UnknownNames(capacity=2)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    for name in ("first-name", "second-name", "third-name"):
        names.failed(name, now)
    assert names.get("first-name") == (0, None)  # the oldest dropped at capacity
    assert names.get("third-name") == (1, now)
    assert b"third-name" not in repr(names._seen).encode()
