"""Who is asking, and may they? Session cookies, API tokens, roles and CSRF.

- Browsers log in and get a signed session cookie (HttpOnly, SameSite=Lax, Secure when
  ``settings.https``); the cookie holds the user id, the user's session version and a
  CSRF token. It is valid only while that version is current
  (:func:`tocsin.store.accounts.session_user`): logout, a password or role change and
  disabling the account bump it, so a copied cookie dies with them.
- Scripts send ``Authorization: Bearer <token>``; such requests need no CSRF token,
  since a browser never adds that header by itself.
- Every state-changing request authenticated by cookie must carry the session's CSRF
  token: a ``csrf_token`` form field, or an ``X-CSRF-Token`` header for JSON calls.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from tocsin.store import accounts
from tocsin.store.models.accounts import User
from tocsin.web.deps import get_session
from tocsin.web.errors import Forbidden, NotAuthenticated

SESSION_COOKIE = "tocsin_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def optional_user(request: Request, session: Session = Depends(get_session)) -> User | None:
    """The authenticated user, or None for an anonymous visitor.

    A bad bearer token is an error (401), not a silent fall-back to anonymous.
    """
    token = _bearer_token(request)
    if token is not None:
        user = accounts.user_for_token(session, token)
        if user is None:
            raise NotAuthenticated("invalid or revoked API token")
        request.state.auth_via = "token"
        return user
    user_id = request.session.get("uid") if "session" in request.scope else None
    if user_id is None:
        return None
    version = request.session.get("sv")
    user = None
    if isinstance(user_id, int) and isinstance(version, int):
        user = accounts.session_user(session, user_id, version)
    if user is None:
        request.session.clear()
        return None
    request.state.auth_via = "cookie"
    return user


async def reader(request: Request, user: User | None = Depends(optional_user)) -> User | None:
    """Allow reading: anyone if ``anonymous_read`` is on, else any logged-in user."""
    if user is None and not request.app.state.settings.anonymous_read:
        raise NotAuthenticated("log in to read this")
    return user


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use); put it in every form."""
    token = request.session.get(CSRF_FIELD)
    if token is None:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse a state-changing, cookie-authenticated request without the CSRF token."""
    if request.method in _SAFE_METHODS or _bearer_token(request) is not None:
        return
    expected = request.session.get(CSRF_FIELD) if "session" in request.scope else None
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        field = (await request.form()).get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(expected, sent):
        raise Forbidden("missing or invalid CSRF token")


def require_role(minimum: str) -> Callable[..., Awaitable[User]]:
    """Dependency: a logged-in, active user of at least ``minimum`` role, CSRF-checked."""

    async def dependency(request: Request, user: User | None = Depends(optional_user)) -> User:
        if user is None:
            raise NotAuthenticated("log in first")
        await verify_csrf(request)
        if not accounts.role_at_least(user.role, minimum):
            raise Forbidden(f"this needs the {minimum} role; you are {user.role}")
        return user

    return dependency


def log_in(request: Request, user: User) -> None:
    """Start a browser session for ``user`` (a fresh CSRF token too)."""
    request.session.clear()
    request.session["uid"] = user.id
    request.session["sv"] = user.session_version
    request.session[CSRF_FIELD] = secrets.token_urlsafe(32)


def log_out(request: Request, session: Session, user: User | None) -> None:
    """End the browser session, and every other session of ``user`` (copies of the
    cookie included)."""
    if user is not None:
        accounts.end_sessions(session, user.username, actor=user.username)
    request.session.clear()
