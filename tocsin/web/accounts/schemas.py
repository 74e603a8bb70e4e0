"""Request and response models of tokens, users and the audit log."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tocsin.store.models.accounts import Role


class TokenIn(BaseModel):
    """A name for the new token (e.g. the script using it)."""

    name: str = Field(min_length=1, max_length=80)


class TokenOut(BaseModel):
    """The new token; shown once, stored only hashed."""

    token: str
    name: str


class UserIn(BaseModel):
    """A new account."""

    username: str = Field(min_length=2, max_length=80, pattern=r"^[A-Za-z0-9._@-]+$")
    password: str = Field(min_length=10, max_length=1000)
    role: Role = "viewer"


class UserChange(BaseModel):
    """Changes to an account."""

    role: Role | None = None
    active: bool | None = None


class UserOut(BaseModel):
    """An account (never its password hash)."""

    username: str
    role: str
    active: bool


class AuditOut(BaseModel):
    """One audit-log entry."""

    id: int
    at: str
    actor: str
    action: str
    entity_type: str
    entity_id: str | None
    before: dict | None
    after: dict | None


class MeOut(BaseModel):
    """Who the API thinks you are."""

    username: str | None
    role: str | None
