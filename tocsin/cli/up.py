"""`tocsin up`: the main job. Pull data, migrate, load, run the analysis steps, serve.

Capabilities append their own :class:`Step` to :data:`STEPS` (e.g. forecasts, alerts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typer
import uvicorn
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from tocsin.analysis.forecast import service as forecasts
from tocsin.cli.common import MirrorOption, console, database, friendly_errors, settings_with
from tocsin.cli.load import describe
from tocsin.config import Settings
from tocsin.sources import fetch
from tocsin.store import migrate
from tocsin.store.db import Database
from tocsin.store.load_ewp import pull_and_load


@dataclass(frozen=True)
class Step:
    """One stage of `tocsin up`; ``run`` returns a one-line summary."""

    label: str
    run: Callable[[Settings, Database], str]


def _pull(settings: Settings, _db: Database) -> str:
    results = fetch.pull(settings, mirror=settings.mirror)
    return f"{len(results)} datasets verified"


def _migrate(_settings: Settings, db: Database) -> str:
    migrate.upgrade(db)
    return "schema up to date"


def _load(settings: Settings, db: Database) -> str:
    return describe(pull_and_load(settings, db, settings.mirror))


HISTORY_YEARS = 10  # base years stored, for risk-over-time charts and rank changes


def _forecast(settings: Settings, db: Database) -> str:
    panel = forecasts.load_panel(settings, settings.mirror)
    latest = panel.last_year
    years = range(latest - HISTORY_YEARS + 1, latest + 1)
    result, computed = forecasts.forecast_years(db, panel, years)
    if result is None:
        return f"{forecasts.DEFAULT_MODEL}: base years {years[0]}-{latest} already stored"
    top = ", ".join(result.table["name"].head(3))
    return (
        f"{result.model}, base years {years[0]}-{latest} ({len(computed)} new); highest risk: {top}"
    )


STEPS: list[Step] = [
    Step("pull and verify datasets", _pull),
    Step("migrate database", _migrate),
    Step("load countries, panel, episodes", _load),
    Step("forecast risk", _forecast),
]


def run_steps(settings: Settings, db: Database) -> None:
    """Run every step with a progress line each."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        for step in STEPS:
            task = progress.add_task(step.label, total=1)
            summary = step.run(settings, db)
            progress.update(task, completed=1, description=f"{step.label}: {summary}")


def register(app: typer.Typer) -> None:
    """Add the `up` command."""

    @app.command("up")
    def up(
        mirror: Path | None = MirrorOption,
        host: str | None = typer.Option(None, help="Interface to serve on (default 127.0.0.1)."),
        port: int | None = typer.Option(None, help="Port to serve on (default 8000)."),
        serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve after preparing."),
    ) -> None:
        """The main job: pull data, migrate, load, analyse, and serve the dashboard."""
        from tocsin.web.app import create_app

        settings = settings_with(mirror)
        with friendly_errors():
            db = database(settings)
            run_steps(settings, db)
        if not serve:
            return
        bind_host, bind_port = host or settings.host, port or settings.port
        # links in e-mails, webhooks and the digest use the address actually served
        settings = settings.model_copy(update={"host": bind_host, "port": bind_port})
        console.print(
            f"[bold]Tocsin is serving on http://{bind_host}:{bind_port}[/] (Ctrl+C stops)"
        )
        uvicorn.run(create_app(settings, db), host=bind_host, port=bind_port, log_level="info")
