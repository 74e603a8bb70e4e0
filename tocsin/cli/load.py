"""`tocsin load`: load the EWP panel and episodes into the database."""

from __future__ import annotations

from pathlib import Path

import typer

from tocsin.cli.common import MirrorOption, console, database, friendly_errors, settings_with
from tocsin.store import migrate
from tocsin.store.load_ewp import LoadReport, pull_and_load


def describe(report: LoadReport) -> str:
    """One line saying what a load did."""
    parts = [f"{report.countries_added} countries added"]
    if report.countries_updated:
        parts.append(f"{report.countries_updated} updated")
    parts += [f"{name}: {rows:,} rows" for name, rows in report.loaded.items()]
    if report.unchanged:
        parts.append(f"unchanged: {', '.join(report.unchanged)}")
    return "; ".join(parts)


def register(app: typer.Typer) -> None:
    """Add the `load` command."""

    @app.command("load")
    def load(mirror: Path | None = MirrorOption) -> None:
        """Pull (mirror-aware), verify and load countries, the panel and episodes. Idempotent."""
        settings = settings_with(mirror)
        with friendly_errors():
            db = database(settings)
            migrate.upgrade(db)
            with console.status("loading") as status:
                report = pull_and_load(
                    settings, db, settings.mirror, lambda part: status.update(f"loading {part}")
                )
        console.print(f"[green]loaded[/]: {describe(report)}")
