"""Shared fixtures.

Databases: ``db_url`` is parametrised over embedded SQLite and a real PostgreSQL
server. The server URL comes from ``TOCSIN_TEST_PG_URL`` (a role that may create
databases, e.g. ``postgresql+psycopg://tocsin:tocsin@127.0.0.1:5432/postgres``); each
test session creates its own database and drops it at the end. Without a server the
PostgreSQL cases skip, unless ``TOCSIN_REQUIRE_PG=1`` (set in CI) makes that a failure.

Real data: ``shared_data`` is ``../shared/data`` (or ``$TOCSIN_SHARED_DATA``); tests that
need it skip, saying why, only where it is absent, unless ``TOCSIN_REQUIRE_SHARED_DATA=1``
(set in CI) makes that a failure: :func:`missing_shared_data` is the one place that decides.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tocsin.config import Settings, load_settings
from tocsin.sources.importers.base import EVENT_COLUMNS
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.migrate import upgrade

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# pytest-xdist's workers set COLUMNS=80, which the CLI (and every `tocsin` subprocess a
# test starts) takes for a terminal's width; the suite runs as a pipe would.
os.environ.pop("COLUMNS", None)

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("TOCSIN_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def missing_shared_data(reason: str) -> NoReturn:
    """Skip a test whose real data is absent, or fail it when the data is required."""
    if os.environ.get("TOCSIN_REQUIRE_SHARED_DATA") == "1":
        pytest.fail(f"TOCSIN_REQUIRE_SHARED_DATA=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public datasets mirror (../shared/data)."""
    if not (SHARED_DATA / "ewp").is_dir():
        missing_shared_data(f"real datasets not found at {SHARED_DATA} (set TOCSIN_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a fresh PostgreSQL database for this test session (dropped afterwards)."""
    admin_url = os.environ.get("TOCSIN_TEST_PG_URL")
    required = os.environ.get("TOCSIN_REQUIRE_PG") == "1"
    if not admin_url:
        if required:
            pytest.fail("TOCSIN_REQUIRE_PG=1 but TOCSIN_TEST_PG_URL is not set")
        pytest.skip("no PostgreSQL server: set TOCSIN_TEST_PG_URL to run the PostgreSQL cases")
    name = f"tocsin_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - report any connection problem as a skip/fail
        if required:
            pytest.fail(f"cannot create a PostgreSQL test database: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL: SQLite in tmp_path, or a clean PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tocsin.sqlite'}"
    url = request.getfixturevalue("pg_server_url")
    _reset_postgres(url)
    return url


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database migrated once per test session, copied by the fixtures below
    (running every migration takes seconds; copying the file takes milliseconds)."""
    path = tmp_path_factory.mktemp("migrated") / "tocsin.sqlite"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    return path


def _copy_of(template: Path, url: str) -> Database:
    """A database at ``url`` (SQLite) holding a copy of ``template``, made with SQLite's
    backup API so a write-ahead log is never left behind."""
    target = url.split(":///", 1)[1]
    with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()
    copy.close()
    return Database(url)


@pytest.fixture
def database(db_url: str, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    if db_url.startswith("sqlite"):
        db = _copy_of(request.getfixturevalue("migrated_sqlite"), db_url)
    else:
        db = Database(db_url)
        upgrade(db)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Database]:
    """A migrated, empty SQLite database only (for tests that are not about the backend)."""
    db = _copy_of(migrated_sqlite, f"sqlite:///{tmp_path / 'tocsin.sqlite'}")
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite_with_countries(
    tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path
) -> Path:
    """The migrated SQLite template plus the country table (load_ewp with no files)."""
    path = tmp_path_factory.mktemp("countries") / "tocsin.sqlite"
    db = _copy_of(migrated_sqlite, f"sqlite:///{path}")
    load_ewp(db, [])
    db.dispose()
    return path


@pytest.fixture
def sqlite_country_database(
    tmp_path: Path, migrated_sqlite_with_countries: Path
) -> Iterator[Database]:
    """A migrated SQLite database holding the country table and nothing else."""
    db = _copy_of(migrated_sqlite_with_countries, f"sqlite:///{tmp_path / 'tocsin.sqlite'}")
    yield db
    db.dispose()


def event_rows(country: str, month_counts: dict[str, int], admin1: str = "North") -> pd.DataFrame:
    """Events in the importers' normalised layout: one event of violence against civilians
    on the 10th of each month of ``month_counts`` with that many deaths (none for 0)."""
    rows = [
        {
            "source": "test",
            "source_id": f"{country}-{month}-{admin1}",
            "event_date": pd.Period(month).start_time.date() + timedelta(days=9),
            "date_precision": 1,
            "country_code": country,
            "admin1": admin1,
            "latitude": 0.0,
            "longitude": 0.0,
            "category": "one-sided",
            "sub_type": None,
            "against_civilians": True,
            "actor1": "A",
            "actor2": "Civilians",
            "fatalities_best": float(deaths),
            "fatalities_low": float(deaths),
            "fatalities_high": float(deaths),
            "notes": "",
        }
        for month, deaths in month_counts.items()
        if deaths
    ]
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private data directory and SQLite database under tmp_path."""
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def _chromium() -> Iterator[Browser]:
    """Headless Chromium (see tests/browser.py), launched once per test process."""
    from tests.browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def browser(_chromium: Browser) -> Iterator[Browser]:
    """The session's Chromium; every page or context a test opens is closed after it, so
    cookies, storage and running scripts never leak into the next test."""
    before = set(_chromium.contexts)
    yield _chromium
    for context in set(_chromium.contexts) - before:
        context.close()
