"""Migrations run up on SQLite and PostgreSQL; the audit log is append-only on both."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from tocsin.store import audit
from tocsin.store.db import Database
from tocsin.store.migrate import is_up_to_date, upgrade
from tocsin.store.models import AuditEntry


def test_upgrade_creates_every_table(db_url: str) -> None:
    db = Database(db_url)
    assert not is_up_to_date(db)
    upgrade(db)
    assert is_up_to_date(db)
    tables = set(inspect(db.engine).get_table_names())
    assert {"countries", "panel_values", "episodes", "provenance", "audit_log"} <= tables
    upgrade(db)  # a second upgrade is a no-op
    assert is_up_to_date(db)
    db.dispose()


def test_audit_log_is_append_only(database: Database) -> None:
    with database.session() as s:
        audit.record(s, "alice", "create", "thing", 1, after={"x": 1})
    with database.session() as s:
        entry = s.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.after) == ("alice", {"x": 1})
    for statement in ("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as conn:
            conn.execute(text(statement))
    with database.session() as s:
        assert s.scalars(select(AuditEntry.actor)).all() == ["alice"]


def test_the_migrations_build_the_schema_the_models_declare(database: Database) -> None:
    """Every table, column, index and constraint of the models, as the migrations made
    them (the full-text search tables and index are the migrations' own, not the models')."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from tocsin.store.db import Base
    from tocsin.store.models import load_all

    load_all()

    def modelled(obj: object, name: str | None, kind: str, reflected: bool, _: object) -> bool:
        return not (reflected and name is not None and "_fts" in name)

    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": modelled})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
