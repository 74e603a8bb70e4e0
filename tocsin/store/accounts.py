"""Accounts service: users with Argon2-hashed passwords, roles, and API tokens.

Every change is written to the audit log in the same transaction.

Sessions: each user has a ``session_version``; a session cookie records the version it
was issued with and is valid only while it matches (:func:`session_user`). Logout
(:func:`end_sessions`), a password change and a role change bump it, so a copied cookie
dies with them.

Wrong passwords: no lockout. After :data:`FREE_FAILURES` failures in a row an account
waits before the next try (doubling, at most :data:`MAX_BACKOFF` seconds); during the
wait a guess is refused without even checking it. A device the owner logged in from
before (the web layer keeps a signed device cookie) is exempt, so an attacker guessing
cannot keep the owner out. A username without an account gets exactly the same
answers (the same failure count and waits, stored in the database every server process
shares under a hash keyed by the secret key, and an Argon2 check against a dummy hash),
so guessing cannot tell which accounts exist, before or after a restart. Failures in a
row are forgotten after :data:`FAILURE_MEMORY` without another, for both. At
most :data:`MAX_CONCURRENT_VERIFICATIONS` Argon2 checks run at once (each costs ~64 MiB
and tens of milliseconds of CPU).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from tocsin.store import audit
from tocsin.store.models.accounts import ROLES, ApiToken, FailedLoginName, User
from tocsin.store.models.types import utcnow

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist, so timing does not reveal
    it; made on first use (hashing costs ~64 MiB and CPU time every import would pay)."""
    return _hasher.hash("not-a-real-password")


FREE_FAILURES = 3
MAX_BACKOFF = 60.0
FAILURE_MEMORY = timedelta(days=1)  # failures in a row older than this are forgotten
MAX_CONCURRENT_VERIFICATIONS = 2
VERIFY_WAIT = 10.0
_verifications = threading.BoundedSemaphore(MAX_CONCURRENT_VERIFICATIONS)


class AccountBusy(RuntimeError):
    """Too many password checks are running; the caller should answer 503 and retry."""


class AccountError(ValueError):
    """A request about accounts cannot be carried out (message says why)."""


def role_at_least(role: str, minimum: str) -> bool:
    """True if ``role`` ranks at or above ``minimum`` (viewer < analyst < reviewer < admin)."""
    return ROLES.index(role) >= ROLES.index(minimum)


def require_role(role: str, minimum: str, what: str) -> None:
    """Raise :class:`PermissionError` unless ``role`` ranks at least ``minimum``."""
    if role not in ROLES or not role_at_least(role, minimum):
        raise PermissionError(f"{what} needs the {minimum} role; this account is {role}")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")


def _snapshot(user: User) -> dict[str, object]:
    return {"username": user.username, "role": user.role, "active": user.active}


def get_user(session: Session, username: str) -> User:
    """The user called ``username``, or :class:`AccountError`."""
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None:
        raise AccountError(f"no user {username!r}")
    return user


def users(session: Session) -> list[User]:
    """Every account, by username."""
    return list(session.scalars(select(User).order_by(User.username)))


def create_user(session: Session, username: str, password: str, role: str, actor: str) -> User:
    """Create an account; the password must be at least 10 characters."""
    _check_role(role)
    if len(password) < 10:
        raise AccountError("password must be at least 10 characters")
    if session.scalars(select(User.id).where(User.username == username)).first() is not None:
        raise AccountError(f"user {username!r} already exists")
    user = User(username=username, password_hash=_hasher.hash(password), role=role)
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", "user", user.id, after=_snapshot(user))
    return user


def set_role(session: Session, username: str, role: str, actor: str) -> User:
    """Change a user's role."""
    _check_role(role)
    user = get_user(session, username)
    before = _snapshot(user)
    user.role = role
    user.session_version = (user.session_version or 1) + 1
    audit.record(session, actor, "user.set_role", "user", user.id, before, _snapshot(user))
    return user


def set_password(session: Session, username: str, password: str, actor: str) -> User:
    """Change a user's password (10+ characters); ends every session of the user."""
    if len(password) < 10:
        raise AccountError("password must be at least 10 characters")
    user = get_user(session, username)
    user.password_hash = _hasher.hash(password)
    user.session_version = (user.session_version or 1) + 1
    user.failed_logins = 0
    audit.record(session, actor, "user.set_password", "user", user.id)
    return user


def end_sessions(session: Session, username: str, actor: str) -> int:
    """Log a user out everywhere (bump the session version); returns the new version."""
    user = get_user(session, username)
    user.session_version = (user.session_version or 1) + 1
    audit.record(session, actor, "user.logout", "user", user.id)
    return user.session_version


def session_user(session: Session, user_id: int, version: int) -> User | None:
    """The active user a session cookie names, if the cookie's ``version`` is current."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user


def set_active(session: Session, username: str, active: bool, actor: str) -> User:
    """Enable or disable an account (disabled accounts cannot log in or use tokens)."""
    user = get_user(session, username)
    before = _snapshot(user)
    user.active = active
    user.session_version = (user.session_version or 1) + 1
    action = "user.enable" if active else "user.disable"
    audit.record(session, actor, action, "user", user.id, before, _snapshot(user))
    return user


def _verify(password_hash: str, password: str) -> bool:
    """One Argon2 check, at most :data:`MAX_CONCURRENT_VERIFICATIONS` at a time."""
    if not _verifications.acquire(timeout=VERIFY_WAIT):
        raise AccountBusy("too many logins are being checked; try again in a moment")
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    finally:
        _verifications.release()


@dataclass(frozen=True)
class LoginAttempt:
    """The outcome of :func:`login`: the user, or None and how long to wait (seconds)."""

    user: User | None
    retry_after: float = 0.0


def _since(then: datetime, now: datetime) -> timedelta:
    """``now - then``, also when the database gave ``then`` back without a time zone."""
    return now.replace(tzinfo=None) - then if then.tzinfo is None else now - then


def _wait(failed_logins: int | None, last_failed_at: datetime | None, now: datetime) -> float:
    failures = (failed_logins or 0) - FREE_FAILURES
    if failures < 0 or last_failed_at is None:
        return 0.0
    wait = min(2.0**failures, MAX_BACKOFF)
    return max(0.0, wait - _since(last_failed_at, now).total_seconds())


def backoff(user: User, now: datetime | None = None) -> float:
    """Seconds this account must still wait before a password is checked (0: none)."""
    return _wait(user.failed_logins, user.last_failed_at, now or utcnow())


def name_key(secret: str) -> bytes:
    """The key that hashes usernames without an account (derived from the secret key, so
    every server process and every restart hashes a name the same way)."""
    return hmac.digest(secret.encode(), b"tocsin failed login names", "sha256")


def _name_hash(key: bytes, username: str) -> str:
    return hmac.digest(key, username.encode(), "sha256").hex()


def _unknown_failures(session: Session, key: bytes, username: str) -> tuple[int, datetime | None]:
    row = session.get(FailedLoginName, _name_hash(key, username))
    return (0, None) if row is None else (row.failures, row.last_failed_at)


def _count_unknown_failure(
    session: Session, key: bytes, username: str, failures: int, now: datetime
) -> None:
    """Store ``failures`` for a name without an account (one statement, safe when two
    processes count the same name at once) and forget names idle for longer than
    :data:`FAILURE_MEMORY`."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgres_insert
    counted = {"failures": failures, "last_failed_at": now}
    statement = insert(FailedLoginName).values(name_hash=_name_hash(key, username), **counted)
    session.execute(statement.on_conflict_do_update(index_elements=["name_hash"], set_=counted))
    session.execute(
        delete(FailedLoginName).where(FailedLoginName.last_failed_at < now - FAILURE_MEMORY)
    )


def _recent(failures: int | None, last: datetime | None, now: datetime) -> int:
    """Failures in a row, forgotten after :data:`FAILURE_MEMORY` without another."""
    if last is None or not failures:
        return 0
    return failures if _since(last, now) <= FAILURE_MEMORY else 0


def login(
    session: Session,
    username: str,
    password: str,
    *,
    name_key: bytes,
    trusted_device: bool = False,
    now: datetime | None = None,
) -> LoginAttempt:
    """Check a login with backoff instead of lockout. ``trusted_device``: the request
    carries the owner's device cookie (valid, for this username), which skips the wait.
    Failures are counted and the count reset on success; the caller commits. A username
    without an account is answered exactly like one with a wrong password: its failures
    are stored too (as a hash keyed by ``name_key``), in the database every server
    process shares."""
    now = now or utcnow()
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None:
        failures, last = _unknown_failures(session, name_key, username)
    else:
        failures, last = user.failed_logins, user.last_failed_at
    failures = _recent(failures, last, now)
    if not trusted_device:
        wait = _wait(failures, last, now)
        if wait > 0:
            return LoginAttempt(None, wait)
    found = authenticate(session, username, password)
    if found is None:
        if user is None:
            _count_unknown_failure(session, name_key, username, failures + 1, now)
        else:
            user.failed_logins = failures + 1
            user.last_failed_at = now
        return LoginAttempt(None, _wait(failures + 1, now, now + timedelta(microseconds=1)))
    found.failed_logins = 0
    found.last_failed_at = None
    return LoginAttempt(found)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None (constant work either way)."""
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    if not _verify(user.password_hash if user else _dummy_hash(), password):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, username: str, name: str, actor: str) -> str:
    """Create an API token for a user; returns the secret, which is stored only hashed."""
    user = get_user(session, username)
    token = "tct_" + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_sha256=_token_digest(token))
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "token.create", "api_token", row.id, after={"user": username, "name": name}
    )
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The active user owning a valid, unrevoked token, or None."""
    row = session.scalars(
        select(ApiToken).where(ApiToken.token_sha256 == _token_digest(token))
    ).one_or_none()
    if row is None or row.revoked:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = utcnow()
    return user
