"""Shared CLI plumbing: the console, settings with command-line overrides, list output as
a table, JSON or CSV, and turning known errors into one clear line and exit code 1
instead of a traceback.

This module is imported by every command, so it imports nothing heavy at module level:
``tocsin --help`` must stay fast (tests/foundation/test_cli_up.py).
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from tocsin.config import Settings
    from tocsin.store.db import Database

# Output to a file or a pipe is for reading later or for scripts: lines are not wrapped
# or cut at the 80 columns Rich assumes when there is no terminal.
PIPE_WIDTH = 1000


def make_console(stderr: bool = False) -> Console:
    """A console for stdout (or stderr): the terminal's width on a terminal (or $COLUMNS),
    otherwise wide enough that nothing is cut."""
    stream = sys.stderr if stderr else sys.stdout
    if os.environ.get("COLUMNS") or (hasattr(stream, "isatty") and stream.isatty()):
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=PIPE_WIDTH, soft_wrap=True)


console = make_console()
err_console = make_console(stderr=True)

MirrorOption = typer.Option(
    None,
    "--mirror",
    help="Local mirror directory laid out like ../shared/data (default: $TOCSIN_MIRROR).",
    file_okay=False,
)


class OutputFormat(StrEnum):
    """How a list command prints its rows."""

    table = "table"
    json = "json"
    csv = "csv"


FormatOption = typer.Option(
    OutputFormat.table,
    "--format",
    "-f",
    help="table (for people), json or csv (for scripts).",
    case_sensitive=False,
)


def print_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: OutputFormat | str = OutputFormat.table,
    title: str | None = None,
) -> None:
    """Print a list: a Rich table, a JSON array of objects (one per row, keyed by column)
    or CSV with a header line. ``None`` is empty in tables and CSV and null in JSON."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.json:
        records = [dict(zip(columns, _plain(row), strict=True)) for row in rows]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt is OutputFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in _plain(row)] for row in rows])
        typer.echo(buffer.getvalue(), nl=False)
    else:
        from rich.table import Table

        table = Table(*columns, title=title)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in _plain(row)))
        console.print(table)


def _plain(row: Sequence[Any]) -> list[Any]:
    """Values JSON and CSV can hold: dates and other objects become text."""
    return [v if v is None or isinstance(v, str | int | float | bool) else str(v) for v in row]


# Errors that are the user's to fix, as "module:ClassName" so that checking for them
# imports nothing: an exception can only be of a class whose module is loaded.
EXPECTED_ERRORS: tuple[str, ...] = (
    "tocsin.config:ConfigError",
    "tocsin.sources.fetch:SourceError",
    "tocsin.sources.ewp:PanelFormatError",
    "tocsin.store.load_ewp:EpisodeFormatError",
    "tocsin.reference.countries:UnknownCountryError",
    "tocsin.plugins:UnknownPluginError",
)


def is_expected_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a user error (bad input, missing data) rather than a bug."""
    if isinstance(exc, ValueError):
        return True
    for path in EXPECTED_ERRORS:
        module_name, class_name = path.split(":")
        module = sys.modules.get(module_name)
        if module is not None and isinstance(exc, getattr(module, class_name)):
            return True
    return False


def settings_with(mirror: Path | None = None) -> Settings:
    """Settings from the environment and config file, with the --mirror override."""
    from tocsin.config import load_settings

    return load_settings(mirror=mirror)


def database(settings: Settings) -> Database:
    """The configured database."""
    from tocsin.store.db import Database

    return Database(settings.resolved_database_url)


def migrated_database(settings: Settings | None = None) -> Database:
    """The configured database, migrated to the latest schema first.

    Most commands find the schema current: a one-row query compares the database's
    revisions with the packaged ones, and Alembic (a third of a simple command's start-up
    time) is loaded only when there is something to migrate."""
    db = database(settings or settings_with())
    if database_revisions(db) != packaged_heads():
        from tocsin.store import migrate

        migrate.upgrade(db)
    return db


MIGRATION_VERSIONS = Path(__file__).parent.parent / "store" / "migrations" / "versions"


_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+)$", re.MULTILINE)


def packaged_heads(versions: Path = MIGRATION_VERSIONS) -> frozenset[str]:
    """The head revisions of the packaged migrations, read from the revision files'
    one-line ``revision`` and ``down_revision`` assignments without loading Alembic (or
    parsing whole files: this runs at the start of every command)."""
    import ast

    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            literal = ast.literal_eval(value)
            found = {literal} if isinstance(literal, str) else set(literal or ())
            (revisions if name == "revision" else parents).update(found)
    return frozenset(revisions - parents)


def database_revisions(db: Database) -> frozenset[str]:
    """The revisions recorded in the database (empty when it has never been migrated)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
            return frozenset(row[0] for row in rows)
    except DBAPIError:  # no alembic_version table yet
        return frozenset()


def cli_actor() -> str:
    """Who runs this command, for the audit log: ``cli:<login name>``."""
    return f"cli:{getpass.getuser()}"


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Print expected errors as one red line and exit 1."""
    try:
        yield
    except Exception as exc:
        if not is_expected_error(exc):
            raise
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
