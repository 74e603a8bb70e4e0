"""What someone with administrator access to the database does first: switch off the
append-only triggers on the custody log (tests then show that tampering is still found)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def disable_append_only(session: Session) -> None:
    """Drop (SQLite) or disable (PostgreSQL) the triggers that refuse custody edits."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE custody_log DISABLE TRIGGER USER"))
    else:
        session.execute(text("DROP TRIGGER custody_log_no_update"))
        session.execute(text("DROP TRIGGER custody_log_no_delete"))
