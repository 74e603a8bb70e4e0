"""Item 11 (store side): a session cookie dies on logout, password change and role
change; wrong passwords slow an account down without locking its owner out; Argon2
checks are capped (both backends)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.store.models.types import utcnow

PASSWORD = "correct horse battery"
KEY = accounts.name_key("a test secret")


def _user(db: Database) -> tuple[int, int]:
    with db.session() as session:
        user = accounts.create_user(session, "amal", PASSWORD, "analyst", "admin")
        session.flush()
        return user.id, user.session_version


def test_a_copied_cookie_stops_working(database: Database) -> None:
    user_id, version = _user(database)
    with database.session() as session:
        assert accounts.session_user(session, user_id, version) is not None
        accounts.end_sessions(session, "amal", "amal")
    with database.session() as session:
        assert accounts.session_user(session, user_id, version) is None  # after logout
        version = session.get(accounts.User, user_id).session_version
        accounts.set_password(session, "amal", "another long password", "amal")
    with database.session() as session:
        assert accounts.session_user(session, user_id, version) is None  # after new password
        version = session.get(accounts.User, user_id).session_version
        accounts.set_role(session, "amal", "viewer", "admin")
    with database.session() as session:
        assert accounts.session_user(session, user_id, version) is None  # after role change
        version = session.get(accounts.User, user_id).session_version
        assert accounts.session_user(session, user_id, version) is not None


def test_wrong_passwords_slow_down_but_do_not_lock_the_owner_out(database: Database) -> None:
    _user(database)
    now = utcnow()
    with database.session() as session:
        for _ in range(8):
            attempt = accounts.login(session, "amal", "guess", name_key=KEY, now=now)
            assert attempt.user is None
            now += timedelta(seconds=attempt.retry_after + 0.01)
        refused = accounts.login(session, "amal", "wrong again", name_key=KEY, now=now)
        assert refused.user is None and 0 < refused.retry_after <= accounts.MAX_BACKOFF
        waiting = accounts.login(session, "amal", PASSWORD, name_key=KEY, now=now)
        assert waiting.user is None and waiting.retry_after > 0  # no check during the wait
        owner = accounts.login(
            session, "amal", PASSWORD, trusted_device=True, name_key=KEY, now=now
        )
        assert owner.user is not None and owner.user.failed_logins == 0
    later = now + timedelta(seconds=accounts.MAX_BACKOFF)
    with database.session() as session:
        assert accounts.login(session, "amal", PASSWORD, name_key=KEY, now=later).user is not None


def test_concurrent_argon2_checks_are_capped(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _user(sqlite_database)
    running, peak, lock = [0], [0], threading.Lock()
    real = accounts._hasher  # noqa: SLF001

    class CountingHasher:
        """The real Argon2 hasher, counting how many checks run at once."""

        def verify(self, hashed: str, password: str) -> bool:
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            try:
                time.sleep(0.05)
                return real.verify(hashed, password)
            finally:
                with lock:
                    running[0] -= 1

    monkeypatch.setattr(accounts, "_hasher", CountingHasher())

    def attempt() -> None:
        with sqlite_database.session() as session:
            accounts.authenticate(session, "amal", "wrong password")

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == accounts.MAX_CONCURRENT_VERIFICATIONS
