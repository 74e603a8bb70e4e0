"""Fixtures for the adversarial tests: an intake key pair whose private half lives
outside the data dir, and a way to read what a seized database holds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from nacl.public import PrivateKey, PublicKey
from sqlalchemy import inspect, text

from tests.security.webclient import add_users
from tocsin.config import Settings
from tocsin.intake import crypto
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.web.app import create_app


@dataclass(frozen=True)
class Keys:
    """A data dir with the organisation's public key; the private key kept elsewhere."""

    data_dir: Path
    public: PublicKey
    private: PrivateKey
    private_path: Path

    @property
    def root(self) -> Path:
        """The evidence locker in the data dir."""
        return locker.default_root(self.data_dir)


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    """A fresh intake key pair."""
    data_dir = tmp_path / "data"
    private_path = tmp_path / "offline" / "intake-private.key"
    public_path, _ = crypto.init_keys(data_dir, private_path)
    return Keys(
        data_dir,
        crypto.parse_public(public_path.read_text()),
        crypto.load_private_key(private_path),
        private_path,
    )


def seized_bytes(db: Database) -> bytes:
    """What someone who copies the database gets: for SQLite the database and WAL files
    byte for byte; for PostgreSQL every row of every table as text."""
    if db.engine.dialect.name == "sqlite":
        path = Path(db.engine.url.database or "")
        return b"".join(
            p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")) if p.is_file()
        )
    with db.engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        rows = [
            row[0]
            for table in tables
            for row in conn.execute(text(f'SELECT t::text FROM "{table}" t'))
        ]
    return "\n".join(rows).encode()


def files_under(directory: Path) -> bytes:
    """Every file under ``directory``, concatenated."""
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


@pytest.fixture
def users_app(settings: Settings, database: Database) -> Iterator[FastAPI]:
    """The full app with one user per role (both backends)."""
    add_users(database)
    application = create_app(settings, database)
    with TestClient(application):
        yield application
