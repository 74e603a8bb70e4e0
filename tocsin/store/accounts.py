"""Accounts service: users with Argon2-hashed passwords, roles, and API tokens.

Every change is written to the audit log in the same transaction.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.store import audit
from tocsin.store.models.accounts import ROLES, ApiToken, User
from tocsin.store.models.types import utcnow

_hasher = PasswordHasher()
# A hash to verify against when the user does not exist, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


class AccountError(ValueError):
    """A request about accounts cannot be carried out (message says why)."""


def role_at_least(role: str, minimum: str) -> bool:
    """True if ``role`` ranks at or above ``minimum`` (viewer < analyst < reviewer < admin)."""
    return ROLES.index(role) >= ROLES.index(minimum)


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
    audit.record(session, actor, "user.set_role", "user", user.id, before, _snapshot(user))
    return user


def set_active(session: Session, username: str, active: bool, actor: str) -> User:
    """Enable or disable an account (disabled accounts cannot log in or use tokens)."""
    user = get_user(session, username)
    before = _snapshot(user)
    user.active = active
    action = "user.enable" if active else "user.disable"
    audit.record(session, actor, action, "user", user.id, before, _snapshot(user))
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None (constant work either way)."""
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
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
