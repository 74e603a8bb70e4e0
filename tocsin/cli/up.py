"""`tocsin up`: the main job. Pull data, migrate, load, run the analysis steps, serve.

Capabilities append their own :class:`Step` to :data:`STEPS` (e.g. forecasts, alerts).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tocsin.cli.common import MirrorOption, console, database, friendly_errors, settings_with

if TYPE_CHECKING:
    from rich.progress import Progress

    from tocsin.config import Settings
    from tocsin.store.db import Database

# CLI modules that append their own steps to STEPS when imported, in running order
# (alerts last: its step runs every signal on what the others loaded).
STEP_MODULES = ("speech", "framework", "evidence", "alerts")


@dataclass(frozen=True)
class Step:
    """One stage of `tocsin up`; ``run`` returns a one-line summary."""

    label: str
    run: Callable[[Settings, Database], str]


def _pull(settings: Settings, _db: Database) -> str:
    from tocsin.sources import fetch

    results = fetch.pull(settings, mirror=settings.mirror)
    return f"{len(results)} datasets verified"


def _migrate(_settings: Settings, db: Database) -> str:
    from tocsin.store import migrate

    migrate.upgrade(db)
    return "schema up to date"


def _load(settings: Settings, db: Database) -> str:
    from tocsin.cli.load import describe
    from tocsin.store.load_ewp import pull_and_load

    return describe(pull_and_load(settings, db, settings.mirror))


def _forecast(settings: Settings, db: Database) -> str:
    from tocsin.analysis.forecast import service as forecasts

    panel = forecasts.load_panel(settings, settings.mirror)
    latest = panel.last_year
    years = range(latest - settings.forecast_history_years + 1, latest + 1)
    result, computed = forecasts.forecast_years(db, panel, years)
    if result is None:
        done = f"{forecasts.DEFAULT_MODEL}: base years {years[0]}-{latest} already stored"
    else:
        top = ", ".join(result.table["name"].head(3))
        done = f"{result.model}, base years {years[0]}-{latest} ({len(computed)} new); "
        done += f"highest risk: {top}"
    # the backtest too, so the model page shows from the start how well the model ranks
    tested = forecasts.backtest_if_new(db, panel)
    if tested is None:
        return f"{done}; backtest already stored"
    m = tested.metrics
    return f"{done}; backtest AUC {m['auc']:.3f}, recall@30 {m['recall@30']:.2f}"


STEPS: list[Step] = [
    Step("pull and verify datasets", _pull),
    Step("migrate database", _migrate),
    Step("load countries, panel, episodes", _load),
    Step("forecast risk and backtest the model", _forecast),
]


def ordered_steps() -> list[Step]:
    """Every registered step: this module's first, then by :data:`STEP_MODULES` (whatever
    order the modules happened to be imported in), each module's in its own order."""
    for name in STEP_MODULES:
        importlib.import_module(f"tocsin.cli.{name}")
    rank = {f"tocsin.cli.{name}": i for i, name in enumerate(STEP_MODULES, start=1)}
    return sorted(STEPS, key=lambda step: rank.get(getattr(step.run, "__module__", ""), 0))


# The live display of run_steps while it runs, where a long step adds its own bar.
_LIVE: list[Progress] = []


def step_bar(description: str, total: int) -> Callable[[str], None]:
    """A progress bar of ``total`` units under the running step of `tocsin up` (nothing
    outside it), removed when the step ends; call the returned function with each unit's
    name when it is done."""
    if not _LIVE:
        return lambda _name: None
    progress = _LIVE[-1]
    task = progress.add_task(description, total=total)

    def advance(name: str) -> None:
        progress.update(task, advance=1, description=f"{description}: {name}")

    return advance


def run_steps(settings: Settings, db: Database) -> None:
    """Run every step (those of :data:`STEP_MODULES` too) with a progress line each."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        _LIVE.append(progress)
        try:
            for step in ordered_steps():
                task = progress.add_task(step.label, total=1)
                summary = step.run(settings, db)
                progress.update(task, completed=1, description=f"{step.label}: {summary}")
                for bar in progress.task_ids[progress.task_ids.index(task) + 1 :]:
                    progress.remove_task(bar)  # a step's own bars end with it
        finally:
            _LIVE.pop()


def register(app: typer.Typer) -> None:
    """Add the `up` command."""

    @app.command("up")
    def up(
        mirror: Path | None = MirrorOption,
        host: str | None = typer.Option(None, help="Interface to serve on (default 127.0.0.1)."),
        port: int | None = typer.Option(None, help="Port to serve on (default 8000)."),
        serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve after preparing."),
        country_events: bool | None = typer.Option(
            None,
            "--country-events/--no-country-events",
            help="Import the 15 per-country UCDP GED files too (default: TOCSIN_UP_COUNTRY_EVENTS, "
            "on).",
        ),
    ) -> None:
        """The main job: pull data, migrate, load, analyse, and serve the dashboard."""
        from tocsin.web.app import create_app
        from tocsin.web.server import run

        settings = settings_with(mirror)
        if country_events is not None:
            settings = settings.model_copy(update={"up_country_events": country_events})
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
        run(create_app(settings, db), bind_host, bind_port)
