"""Run Alembic migrations programmatically (``tocsin db upgrade``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from tocsin.store.db import Database

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the packaged migrations and ``url``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(db: Database, revision: str = "heads") -> None:
    """Migrate ``db`` up to ``revision`` (all branch heads by default)."""
    with db.engine.begin() as connection:
        cfg = alembic_config(db.url)
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def current_heads(db: Database) -> set[str]:
    """Revisions the database is at."""
    with db.engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def is_up_to_date(db: Database) -> bool:
    """True when the database is at every head of the packaged migrations."""
    script = ScriptDirectory.from_config(alembic_config(db.url))
    return current_heads(db) == set(script.get_heads())
