"""The append-only audit log: every write an analyst makes is recorded here."""

from __future__ import annotations

from typing import Any

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
) -> AuditEntry:
    """Add an audit entry in the caller's transaction (so it commits with the write).

    ``actor`` is the username (or ``system:<job>`` for automated writes).
    """
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
    )
    session.add(entry)
    return entry
