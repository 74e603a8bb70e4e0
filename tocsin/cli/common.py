"""Shared CLI plumbing: the console, settings with command-line overrides, and
turning known errors into one clear line and exit code 1 instead of a traceback."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

from tocsin.config import ConfigError, Settings, load_settings
from tocsin.plugins import UnknownPluginError
from tocsin.reference.countries import UnknownCountryError
from tocsin.sources.ewp import PanelFormatError
from tocsin.sources.fetch import SourceError
from tocsin.store import migrate
from tocsin.store.db import Database
from tocsin.store.load_ewp import EpisodeFormatError

console = Console()
err_console = Console(stderr=True)

MirrorOption = typer.Option(
    None,
    "--mirror",
    help="Local mirror directory laid out like ../shared/data (default: $TOCSIN_MIRROR).",
    file_okay=False,
)

EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    ConfigError,
    SourceError,
    PanelFormatError,
    EpisodeFormatError,
    UnknownCountryError,
    UnknownPluginError,
    ValueError,
)


def settings_with(mirror: Path | None = None) -> Settings:
    """Settings from the environment and config file, with the --mirror override."""
    return load_settings(mirror=mirror)


def database(settings: Settings) -> Database:
    """The configured database."""
    return Database(settings.resolved_database_url)


def migrated_database(settings: Settings | None = None) -> Database:
    """The configured database, migrated to the latest schema first."""
    db = database(settings or settings_with())
    migrate.upgrade(db)
    return db


def cli_actor() -> str:
    """Who runs this command, for the audit log: ``cli:<login name>``."""
    return f"cli:{getpass.getuser()}"


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Print expected errors as one red line and exit 1."""
    try:
        yield
    except EXPECTED_ERRORS as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
