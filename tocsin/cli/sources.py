"""`tocsin sources`: list the registered datasets and pull them."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn

from tocsin.cli.common import (
    FormatOption,
    MirrorOption,
    OutputFormat,
    console,
    friendly_errors,
    print_rows,
    settings_with,
)
from tocsin.sources import datasets, fetch

app = typer.Typer(help="Datasets: list them, pull and verify them.", no_args_is_help=True)


@app.command("list")
def list_sources(
    fmt: OutputFormat = FormatOption,
) -> None:
    """Show every dataset: version, what it is (official release or republished extract),
    whether a verified copy is present, and the date of its newest record."""
    settings = settings_with()
    manifest = fetch.read_manifest(settings)
    rows = []
    for ds in datasets.all_datasets():
        path = fetch.local_path(settings, ds)
        pinned = fetch.pinned_checksum(settings, ds)
        if not path.exists():
            status = "-"
        elif pinned is None:
            status = "not pinned"
        else:
            status = "ok" if fetch.sha256_of(path) == pinned else "MISMATCH"
        entry = manifest.get(ds.name, {})
        rows.append(
            {
                "name": ds.name,
                "version": ds.version,
                "origin": ds.origin,
                "present": entry.get("origin", "").split(":", 1)[0] if path.exists() else "no",
                "checksum": status if ds.sha256 or not path.exists() else f"{status} (recorded)",
                "newest record": entry.get("newest_record") or "",
                "licence": ds.licence,
            }
        )
    columns = ["name", "version", "origin", "present", "checksum", "newest record", "licence"]
    print_rows(columns, [[row[c] for c in columns] for row in rows], fmt)


@app.command("update")
def update(
    names: list[str] = typer.Argument(None, help="Datasets to update (default: all)."),
    mirror: Path | None = MirrorOption,
    accept_changed: bool = typer.Option(
        False, "--accept-changed", help="Accept a rolling release whose file has changed."
    ),
) -> None:
    """Find and pull newer releases: the newest UCDP Candidate release on the publisher's
    listing, and every registered dataset not yet present."""
    from tocsin.sources import candidate

    settings = settings_with(mirror)
    with friendly_errors():
        default = [d for d in datasets.all_datasets() if not d.on_demand]
        selected = [datasets.get(n) for n in names] if names else default
        if not names and settings.mirror is None:
            newest = candidate.newest(settings)
            console.print(f"newest UCDP Candidate release: {newest.version} ({newest.filename})")
            selected.append(newest)
        with Progress(TextColumn("{task.description}"), BarColumn(), console=console) as bar:
            task = bar.add_task("datasets", total=len(selected))
            for ds in selected:
                if settings.mirror is None and not ds.downloadable:
                    bar.advance(task)
                    continue  # republished extracts come from a mirror only
                result = fetch.pull_one(
                    settings, ds, settings.mirror, accept_changed=accept_changed
                )
                if result.origin != "present":
                    console.print(f"{ds.name}: {ds.version} pulled ({result.origin})")
                bar.advance(task)
    console.print("[green]up to date[/]")


@app.command("pull")
def pull(
    names: list[str] = typer.Argument(None, help="Datasets to pull (default: all)."),
    mirror: Path | None = MirrorOption,
    force: bool = typer.Option(False, "--force", help="Pull again even if a verified copy exists."),
) -> None:
    """Fetch datasets from the mirror or their official URL and verify their checksums."""
    settings = settings_with(mirror)
    with friendly_errors():
        default = [d for d in datasets.all_datasets() if not d.on_demand]
        selected = [datasets.get(n) for n in names] if names else default
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
