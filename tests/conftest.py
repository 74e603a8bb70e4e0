"""Shared fixtures.

Databases: ``backend`` is parametrised over embedded SQLite and a real PostgreSQL
server. The server URL comes from ``TOCSIN_TEST_PG_URL`` (a role that may create
databases, e.g. ``postgresql+psycopg://tocsin:tocsin@127.0.0.1:5432/postgres``); each
test session creates its own databases (a migrated template, a copy of it per test) and
drops them at the end. Filled databases shared by many tests are templates too
(:class:`DatabaseTemplates`). Without a server the
PostgreSQL cases skip, unless ``TOCSIN_REQUIRE_PG=1`` (set in CI) makes that a failure.

Real data: ``shared_data`` is ``../shared/data`` (or ``$TOCSIN_SHARED_DATA``); tests that
need it skip, saying why, only where it is absent, unless ``TOCSIN_REQUIRE_SHARED_DATA=1``
(set in CI) makes that a failure: :func:`missing_shared_data` is the one place that decides.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        yield


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The directory ``name``, filled by ``build`` once per test run and shared by every
    test process (pytest-xdist's workers share the parent of their temporary roots).
    The first process to ask builds it under a lock; the others wait, then reuse it.
    Treat it as read-only: copy it before writing."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    target = root / name
    with _exclusive(root / f"{name}.lock"):
        if not target.exists():
            partial = root / f"{name}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            build(partial)
            partial.rename(target)  # only a complete build is ever seen
    return target


class PostgresServer:
    """This test session's databases on the PostgreSQL server at ``admin_url``: each name
    starts with a per-session prefix, so parallel test processes never meet."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.prefix = f"tocsin_test_{uuid.uuid4().hex[:10]}"
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.names: set[str] = set()
        self._count = 0

    def url(self, name: str) -> str:
        """The URL of database ``name``."""
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def create(self, suffix: str | None = None, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given); returns its name."""
        if suffix is None:
            self._count += 1
            suffix = str(self._count)
        name = f"{self.prefix}_{suffix}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        self.names.add(name)
        return name

    def drop(self, name: str) -> None:
        """Drop database ``name``, closing any connection a test left open.

        Not ``WITH (FORCE)``: that refuses when an autovacuum worker is on the
        database and the role lacks ``pg_signal_backend``. A plain drop stops
        autovacuum itself and waits a few seconds for terminated sessions to end."""
        with self.admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = :name AND usename = current_user"
                    " AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        self.names.discard(name)

    def close(self) -> None:
        """Drop every database of the session."""
        for name in sorted(self.names, reverse=True):  # copies before their templates
            self.drop(name)
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server of ``TOCSIN_TEST_PG_URL``; skips (or fails, when required)
    without one."""
    admin_url = os.environ.get("TOCSIN_TEST_PG_URL")
    required = os.environ.get("TOCSIN_REQUIRE_PG") == "1"
    if not admin_url:
        if required:
            pytest.fail("TOCSIN_REQUIRE_PG=1 but TOCSIN_TEST_PG_URL is not set")
        pytest.skip("no PostgreSQL server: set TOCSIN_TEST_PG_URL to run the PostgreSQL cases")
    server = PostgresServer(admin_url)
    try:
        server.create("probe")
    except Exception as exc:  # noqa: BLE001 - report any connection problem as a skip/fail
        if required:
            pytest.fail(f"cannot create a PostgreSQL test database: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    yield server
    server.close()


@pytest.fixture(scope="session")
def pg_server_url(pg_server: PostgresServer) -> str:
    """URL of a PostgreSQL database of this test session (dropped afterwards)."""
    return pg_server.url(f"{pg_server.prefix}_probe")


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """Each database backend in turn: embedded SQLite and a real PostgreSQL server."""
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL: SQLite in tmp_path, or a clean PostgreSQL schema."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'tocsin.sqlite'}"
    url = request.getfixturevalue("pg_server_url")
    _reset_postgres(url)
    return url


Filler = Callable[[Database], None]


class DatabaseTemplates:
    """Migrated (and optionally filled) databases built once per test session and
    copied for each test: copying a file or a PostgreSQL template takes a fraction of the
    time that running every migration, loading the countries or hashing passwords takes.

    A template is named by the function that fills it; tests get copies, so no test
    sees another's writes."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._sqlite: dict[str, Path] = {}
        self._postgres: dict[str, str] = {}

    def copy(
        self, request: pytest.FixtureRequest, backend: str, fill: Filler | None = None
    ) -> Database:
        """A fresh database on ``backend`` holding the migrated schema filled by ``fill``,
        for the test of ``request``: closed after it (a PostgreSQL copy also dropped)."""
        key = fill.__qualname__ if fill else "migrated"
        if backend == "sqlite":
            tmp_path: Path = request.getfixturevalue("tmp_path")
            template = self._sqlite_template(key, fill)
            db = _copy_of(template, f"sqlite:///{tmp_path / 'tocsin.sqlite'}")
        else:
            server: PostgresServer = request.getfixturevalue("pg_server")
            name = server.create(template=self._postgres_template(server, key, fill))
            request.addfinalizer(lambda: server.drop(name))
            db = Database(server.url(name))
        request.addfinalizer(db.dispose)  # finalizers run last first: closed, then dropped
        return db

    def _sqlite_template(self, key: str, fill: Filler | None) -> Path:
        if key not in self._sqlite:
            path = self._directory / f"{key}.sqlite"
            if fill is None:
                db = Database(f"sqlite:///{path}")
                upgrade(db)
            else:
                db = _copy_of(self._sqlite_template("migrated", None), f"sqlite:///{path}")
                fill(db)
            db.dispose()
            self._sqlite[key] = path
        return self._sqlite[key]

    def _postgres_template(self, server: PostgresServer, key: str, fill: Filler | None) -> str:
        if key not in self._postgres:
            if fill is None:
                name = server.create("migrated")
            else:
                base = self._postgres_template(server, "migrated", None)
                name = server.create(key.replace(".", "_").lower(), template=base)
            db = Database(server.url(name))
            if fill is None:
                upgrade(db)
            else:
                fill(db)
            db.dispose()  # a template takes no connections
            self._postgres[key] = name
        return self._postgres[key]


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> DatabaseTemplates:
    """The session's database templates (see :class:`DatabaseTemplates`)."""
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


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
def database(
    backend: str, request: pytest.FixtureRequest, database_templates: DatabaseTemplates
) -> Database:
    """A migrated, empty database on each backend."""
    return database_templates.copy(request, backend)


@pytest.fixture
def sqlite_database(
    request: pytest.FixtureRequest, database_templates: DatabaseTemplates
) -> Database:
    """A migrated, empty SQLite database only (for tests that are not about the backend)."""
    return database_templates.copy(request, "sqlite")


def _countries(db: Database) -> None:
    load_ewp(db, [])  # the country table, no panel files


@pytest.fixture
def sqlite_country_database(
    request: pytest.FixtureRequest, database_templates: DatabaseTemplates
) -> Database:
    """A migrated SQLite database holding the country table and nothing else."""
    return database_templates.copy(request, "sqlite", _countries)


@pytest.fixture
def dashboard_db(
    backend: str, request: pytest.FixtureRequest, database_templates: DatabaseTemplates
) -> Database:
    """The generated dashboard data of ``tests/web/conftest.py`` on SQLite and PostgreSQL
    (a copy of a session template)."""
    from tests.web.conftest import fill_dashboard

    return database_templates.copy(request, backend, fill_dashboard)


@pytest.fixture
def sqlite_dashboard(
    request: pytest.FixtureRequest, database_templates: DatabaseTemplates
) -> Database:
    """The generated dashboard data on SQLite only."""
    from tests.web.conftest import fill_dashboard

    return database_templates.copy(request, "sqlite", fill_dashboard)


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
