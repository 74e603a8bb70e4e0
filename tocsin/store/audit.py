"""The append-only audit log: every write an analyst makes is recorded here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.store.models.accounts import AuditEntry


def record(
    session: Session,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: object = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> AuditEntry:
    """Add an audit entry in the caller's transaction (so it commits with the write).

    ``actor`` is the username (or ``system:<job>`` for automated writes). ``at`` replaces
    the current time: acts of anonymous reporters pass a time cut to the hour.
    """
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
        **({} if at is None else {"at": at}),
    )
    session.add(entry)
    return entry


def entries(
    session: Session, limit: int, offset: int, actor: str | None = None
) -> list[AuditEntry]:
    """Audit entries, newest first, optionally only those of one actor."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if actor:
        query = query.where(AuditEntry.actor == actor)
    return list(session.scalars(query.limit(limit).offset(offset)))


def entry_count(session: Session) -> int:
    """How many audit entries are stored."""
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0
