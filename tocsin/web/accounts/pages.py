"""Log in and out, and the user administration page (admins)."""

from __future__ import annotations

import time
from collections import deque
from typing import Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.store import accounts
from tocsin.store.models import AuditEntry
from tocsin.store.models.accounts import ROLES, User
from tocsin.web.accounts.api import _audit_rows
from tocsin.web.accounts.schemas import Role
from tocsin.web.auth import log_in, log_out, optional_user, require_role, verify_csrf
from tocsin.web.deps import get_session
from tocsin.web.errors import BadRequest, login_url, safe_next
from tocsin.web.extensions import NavLink, add_nav_link
from tocsin.web.templating import flash, templates

router = APIRouter()


add_nav_link(NavLink("Admin", "/admin/users", order=90, min_role="admin"))


class LoginLimiter:
    """Failed logins per username and per client within a window; in memory only.

    Five failures for one username, or twenty from one client, in 15 minutes block
    further attempts until the oldest failure ages out. Nothing is written to disk.
    """

    def __init__(self, per_user: int = 5, per_client: int = 20, window: float = 900.0) -> None:
        self.limits = {"user": per_user, "client": per_client}
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = {}

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] < time.monotonic() - self.window:
            times.popleft()
        return times

    def retry_after(self, username: str, client: str) -> int | None:
        """Seconds to wait if blocked, else None."""
        for kind, value in (("user", username.lower()), ("client", client)):
            times = self._recent((kind, value))
            if len(times) >= self.limits[kind]:
                return int(times[0] + self.window - time.monotonic()) + 1
        return None

    def failed(self, username: str, client: str) -> None:
        """Record a failed attempt."""
        now = time.monotonic()
        self._recent(("user", username.lower())).append(now)
        self._recent(("client", client)).append(now)


def limiter(request: Request) -> LoginLimiter:
    """The app's login limiter (created on first use)."""
    if not hasattr(request.app.state, "login_limiter"):
        request.app.state.login_limiter = LoginLimiter()
    return request.app.state.login_limiter


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    """The login page; after logging in the browser goes back to ``next`` (a local path)."""
    return templates.TemplateResponse(
        request, "accounts/login.html", {"next": safe_next(next), "error": None, "username": ""}
    )


@router.post("/login", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    username: str = Form(..., max_length=80),
    password: str = Form(..., max_length=1000),
    next: str = Form("/"),
    session: Session = Depends(get_session),
) -> Response:
    """Check credentials (rate-limited) and start a session."""
    client = request.client.host if request.client else "unknown"
    wait = limiter(request).retry_after(username, client)
    if wait is not None:
        raise HTTPException(
            429,
            f"too many failed logins; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    user = accounts.authenticate(session, username, password)
    if user is None:
        limiter(request).failed(username, client)
        return templates.TemplateResponse(
            request,
            "accounts/login.html",
            {"next": safe_next(next), "error": "Wrong username or password.", "username": username},
            status_code=401,
        )
    log_in(request, user)
    flash(request, f"Signed in as {user.username} ({user.role}).")
    return RedirectResponse(safe_next(next), 303)


@router.post("/logout", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> RedirectResponse:
    """End the session."""
    log_out(request)
    flash(request, "Signed out.")
    return RedirectResponse("/", 303)


@router.get("/admin/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(
    request: Request,
    user: User | None = Depends(optional_user),
    session: Session = Depends(get_session),
) -> Response:
    """Accounts and the latest audit entries (admins only; others are sent to log in)."""
    if user is None:
        return RedirectResponse(login_url(request), 303)
    if not accounts.role_at_least(user.role, "admin"):
        raise HTTPException(403, f"this needs the admin role; you are {user.role}")
    total = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return templates.TemplateResponse(
        request,
        "accounts/admin.html",
        {
            "users": session.scalars(select(User).order_by(User.username)).all(),
            "roles": ROLES,
            "audit": _audit_rows(session, 50, 0, None),
            "audit_total": total,
            "me": user,
        },
    )


@router.post("/admin/users", include_in_schema=False)
def users_form(
    request: Request,
    username: str = Form(..., max_length=80),
    role: Role = Form(...),
    password: str | None = Form(None, max_length=1000),
    active: Literal["yes", "no"] = Form("yes"),
    admin: User = Depends(require_role("admin")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Add a user (with a password) or change an existing user's role and status."""
    try:
        if password:
            accounts.create_user(session, username, password, role, actor=admin.username)
        else:
            accounts.set_role(session, username, role, actor=admin.username)
            accounts.set_active(session, username, active == "yes", actor=admin.username)
    except accounts.AccountError as exc:
        raise BadRequest(str(exc)) from None
    flash(request, f"Saved user {username}.")
    return RedirectResponse("/admin/users", 303)
