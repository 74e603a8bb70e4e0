"""Log in and out, and the user administration page (admins)."""

from __future__ import annotations

import math
from typing import Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from tocsin.store import accounts, audit
from tocsin.store.models.accounts import ROLES, User
from tocsin.web.accounts import device
from tocsin.web.accounts.api import audit_rows
from tocsin.web.accounts.schemas import Role
from tocsin.web.auth import log_in, log_out, optional_user, require_role, verify_csrf
from tocsin.web.deps import get_session
from tocsin.web.errors import (
    BadRequest,
    Forbidden,
    NotAuthenticated,
    TooManyRequests,
    Unavailable,
    WebError,
    login_url,
    respond,
    safe_next,
)
from tocsin.web.extensions import NavLink, add_nav_link
from tocsin.web.templating import flash, templates

router = APIRouter()


add_nav_link(NavLink("Admin", "/admin/users", order=90, min_role="admin"))
BUSY_RETRY_AFTER = 5


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    """The login page; after logging in the browser goes back to ``next`` (a local path)."""
    return templates.TemplateResponse(
        request, "accounts/login.html", {"next": safe_next(next), "error": None, "username": ""}
    )


def _login_page(
    request: Request,
    next: str,
    refusal: type[WebError],
    error: str,
    wait: int = 0,
    username: str = "",
) -> Response:
    """The login form again with ``error``, answered (not raised: the failure count must
    be committed with the response)."""
    exc = refusal(
        error,
        headers={"Retry-After": str(wait)} if wait else None,
        template="accounts/login.html",
        context={"next": safe_next(next), "error": error, "username": username},
    )
    return respond(request, exc)


@router.post("/login", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    username: str = Form(..., max_length=80),
    password: str = Form(..., max_length=1000),
    next: str = Form("/"),
    session: Session = Depends(get_session),
) -> Response:
    """Check credentials and start a session. Wrong passwords slow the account down
    (429 with Retry-After while it waits) instead of locking it; the owner's device skips
    the wait; 503 when too many passwords are being checked at once."""
    try:
        attempt = accounts.login(
            session,
            username,
            password,
            name_key=request.app.state.login_name_key,
            trusted_device=device.is_trusted(request, username),
        )
    except accounts.AccountBusy as exc:
        return _login_page(request, next, Unavailable, str(exc), BUSY_RETRY_AFTER, username)
    if attempt.user is None:
        wait = math.ceil(attempt.retry_after)
        if wait:
            message = f"Too many failed logins for this account; try again in {wait} s."
            return _login_page(request, next, TooManyRequests, message, wait, username)
        message = "Wrong username or password."
        return _login_page(request, next, NotAuthenticated, message, 0, username)
    log_in(request, attempt.user)
    flash(request, f"Signed in as {attempt.user.username} ({attempt.user.role}).")
    response = RedirectResponse(safe_next(next), 303)
    device.remember(request, response, attempt.user.username)
    return response


@router.post("/logout", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def logout(
    request: Request,
    user: User | None = Depends(optional_user),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """End this session and every copy of its cookie."""
    log_out(request, session, user)
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
        raise Forbidden(f"this needs the admin role; you are {user.role}")
    return templates.TemplateResponse(
        request,
        "accounts/admin.html",
        {
            "users": accounts.users(session),
            "roles": ROLES,
            "audit": audit_rows(session, 50, 0, None),
            "audit_total": audit.entry_count(session),
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
            # Only real changes, so saving the form does not end the user's sessions.
            user = accounts.get_user(session, username)
            if role != user.role:  # a change of role, not a permission check
                accounts.set_role(session, username, role, actor=admin.username)
            if user.active != (active == "yes"):
                accounts.set_active(session, username, active == "yes", actor=admin.username)
    except accounts.AccountError as exc:
        raise BadRequest(str(exc)) from None
    flash(request, f"Saved user {username}.")
    return RedirectResponse("/admin/users", 303)
