"""Who am I (/api/v1/me), API tokens, user administration and the audit log (read, CSV
export) under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from tocsin.store import accounts, audit
from tocsin.store.models.accounts import User
from tocsin.web.accounts.schemas import (
    AuditOut,
    MeOut,
    TokenIn,
    TokenOut,
    UserChange,
    UserIn,
    UserOut,
)
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import get_session
from tocsin.web.errors import Conflict, NotFound
from tocsin.web.export import CSV_RESPONSE, Format, csv_response

router = APIRouter()


@router.post("/api/v1/tokens", response_model=TokenOut, status_code=201, tags=["accounts"])
def create_token(
    body: TokenIn,
    user: User = Depends(require_role("viewer")),
    session: Session = Depends(get_session),
) -> TokenOut:
    """Create an API token for yourself."""
    token = accounts.create_token(session, user.username, body.name, actor=user.username)
    return TokenOut(token=token, name=body.name)


@router.get("/api/v1/me", response_model=MeOut, tags=["accounts"])
def me(user: User | None = Depends(reader)) -> MeOut:
    """The authenticated user, or nulls for an anonymous reader."""
    return MeOut(username=user.username if user else None, role=user.role if user else None)


def _user_out(user: User) -> UserOut:
    return UserOut(username=user.username, role=user.role, active=user.active)


@router.get("/api/v1/users", response_model=list[UserOut], tags=["accounts"])
def list_users(
    _admin: User = Depends(require_role("admin")), session: Session = Depends(get_session)
) -> list[UserOut]:
    """Every account (admins only)."""
    return [_user_out(u) for u in accounts.users(session)]


@router.post("/api/v1/users", response_model=UserOut, status_code=201, tags=["accounts"])
def add_user(
    body: UserIn,
    admin: User = Depends(require_role("admin")),
    session: Session = Depends(get_session),
) -> UserOut:
    """Create an account (admins only)."""
    try:
        user = accounts.create_user(
            session, body.username, body.password, body.role, actor=admin.username
        )
    except accounts.AccountError as exc:
        raise Conflict(str(exc)) from None
    return _user_out(user)


@router.patch("/api/v1/users/{username}", response_model=UserOut, tags=["accounts"])
def change_user(
    username: str,
    body: UserChange,
    admin: User = Depends(require_role("admin")),
    session: Session = Depends(get_session),
) -> UserOut:
    """Change an account's role or disable it (admins only)."""
    try:
        user = accounts.get_user(session, username)
        if body.role is not None:
            user = accounts.set_role(session, username, body.role, actor=admin.username)
        if body.active is not None:
            user = accounts.set_active(session, username, body.active, actor=admin.username)
    except accounts.AccountError as exc:
        raise NotFound(str(exc)) from None
    return _user_out(user)


def audit_rows(session: Session, limit: int, offset: int, actor: str | None) -> list[AuditOut]:
    """Audit entries as the API shows them, newest first (optionally of one actor)."""
    return [
        AuditOut(
            id=e.id,
            at=e.at.isoformat(),
            actor=e.actor,
            action=e.action,
            entity_type=e.entity_type,
            entity_id=e.entity_id,
            before=e.before,
            after=e.after,
        )
        for e in audit.entries(session, limit, offset, actor)
    ]


@router.get(
    "/api/v1/audit",
    response_model=list[AuditOut],
    responses=CSV_RESPONSE,
    tags=["accounts"],
)
def audit_log(
    limit: int = Query(100, ge=1, le=10_000),
    offset: int = Query(0, ge=0, le=10_000_000),
    actor: str | None = Query(None, max_length=80),
    format: Format = Query("json"),
    _admin: User = Depends(require_role("admin")),
    session: Session = Depends(get_session),
) -> list[AuditOut] | Response:
    """The audit log, newest first (admins only); ``format=csv`` exports it."""
    rows = audit_rows(session, limit, offset, actor)
    if format == "json":
        return rows
    return csv_response(rows, "audit-log.csv", AuditOut)
