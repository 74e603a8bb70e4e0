"""`tocsin sources`: list the registered datasets and pull them."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn
from rich.table import Table

from tocsin.cli.common import MirrorOption, console, friendly_errors, settings_with
from tocsin.sources import datasets, fetch

app = typer.Typer(help="Datasets: list them, pull and verify them.", no_args_is_help=True)


@app.command("list")
def list_sources() -> None:
    """Show every dataset with its licence and whether a verified copy is present."""
    settings = settings_with()
    manifest = fetch.read_manifest(settings)
    table = Table(title="Datasets", show_lines=False)
    for column in ("name", "group", "present", "checksum", "licence", "version"):
        table.add_column(column)
    for ds in datasets.all_datasets():
        path = fetch.local_path(settings, ds)
        present = path.exists()
        if not present:
            status = "[dim]–[/]"
        elif ds.sha256 is None:
            status = "recorded"
        else:
            status = "[green]ok[/]" if fetch.sha256_of(path) == ds.sha256 else "[red]MISMATCH[/]"
        pulled = manifest.get(ds.name, {}).get("origin", "").split(":", 1)[0]
        table.add_row(
            ds.name,
            ds.group,
            f"[green]yes[/] {pulled}" if present else "[yellow]no[/]",
            status,
            ds.licence,
            ds.version,
        )
    console.print(table)


@app.command("pull")
def pull(
    names: list[str] = typer.Argument(None, help="Datasets to pull (default: all)."),
    mirror: Path | None = MirrorOption,
    force: bool = typer.Option(False, "--force", help="Pull again even if a verified copy exists."),
) -> None:
    """Fetch datasets from the mirror or their official URL and verify their checksums."""
    settings = settings_with(mirror)
    with friendly_errors():
        selected = [datasets.get(n) for n in names] if names else datasets.all_datasets()
        columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
        with Progress(*columns, console=console) as progress:
            overall = progress.add_task("datasets", total=len(selected))
            for ds in selected:
                task = progress.add_task(ds.name, total=None)

                def report(
                    _ds: datasets.Dataset, done: int, total: int | None, t: TaskID = task
                ) -> None:
                    progress.update(t, completed=done, total=total)

                result = fetch.pull_one(settings, ds, settings.mirror, force, report)
                progress.update(
                    task, total=1, completed=1, description=f"{ds.name} ({result.origin})"
                )
                progress.advance(overall)
    console.print(
        f"[green]{len(selected)} dataset(s) present and verified[/] in {settings.datasets_dir}"
    )
