"""Item 11 (enumeration): an attacker guessing passwords cannot learn which usernames
have an account. A username without one gets the same answers as a real account with a
wrong password, attempt after attempt: the same status (401, then 429 once the backoff
starts), the same message, the same headers (Retry-After included), and the same work
(one Argon2 check per checked guess, none while waiting). Both backends."""

from __future__ import annotations

import importlib
import re
import secrets
import string
from datetime import UTC, datetime, timedelta
from typing import Literal

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.security.conftest import seized_bytes
from tests.security.webclient import try_login
from tocsin.config import Settings
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.web.app import create_app

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


def test_unknown_names_count_across_a_restart_and_are_stored_only_as_keyed_hashes(
    users_app: FastAPI, settings: Settings, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restart (the accounts module loaded afresh, as in a new server process) must not
    reset the failures of a name without an account while a real account keeps its own:
    that difference would tell them apart. The name itself is stored nowhere."""
    clock = Clock()
    monkeypatch.setattr(accounts, "utcnow", clock)
    ghost = "".join(secrets.choice(string.ascii_lowercase) for _ in REAL) + "x"
    browser = TestClient(users_app)
    for attempt in range(accounts.FREE_FAILURES + 1):  # both guessed at the same times
        answers = [try_login(browser, name, f"guess {attempt}") for name in (REAL, ghost)]
        waits = [int(answer.headers.get("retry-after", 0)) for answer in answers]
        clock.now += timedelta(seconds=max(waits))
    clock.now -= timedelta(seconds=1)  # the next guess comes before the wait is over
    importlib.reload(accounts)  # what a restart or a second worker process starts from
    monkeypatch.setattr(accounts, "utcnow", clock)
    restarted = TestClient(create_app(settings, database))
    real, unknown = (try_login(restarted, name, "one more") for name in (REAL, ghost))
    assert real.status_code == unknown.status_code == 429
    assert real.headers["retry-after"] == unknown.headers["retry-after"]
    assert ghost.encode() not in seized_bytes(database)
    # a day without another failure forgets the count, for both alike
    clock.now += accounts.FAILURE_MEMORY + timedelta(seconds=1)
    for name in (REAL, ghost):
        assert try_login(restarted, name, "after a day").status_code == 401
