"""`tocsin up` imports the per-country GED files too, with a progress bar, once;
`--no-country-events` leaves them out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import func, select

from tocsin.analysis.events.ingest import import_datasets
from tocsin.cli import up
from tocsin.config import Settings
from tocsin.sources.catalog.events import GED_COUNTRY_DATASETS
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Event

SMALL = ("ucdp-ged-bgd", "ucdp-ged-ssd")  # 601 and 941 events


@pytest.mark.shared_data
def test_country_files_import_once_reporting_each_file(
    database: Database, settings: Settings, shared_data: Path
) -> None:
    load_ewp(database, [])
    mirrored = settings.model_copy(update={"mirror": shared_data})
    assert set(SMALL) <= set(GED_COUNTRY_DATASETS)
    done: list[str] = []
    reports = import_datasets(database, mirrored, SMALL, "test", on_file=done.append)
    assert done == list(SMALL)
    assert [r.inserted for r in reports.values() if r] == [601, 941]
    again = import_datasets(database, mirrored, SMALL, "test", on_file=done.append)
    assert again == dict.fromkeys(SMALL) and done == [*SMALL, *SMALL]  # skipped by checksum
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 601 + 941


def test_step_bar_advances_under_the_running_step() -> None:
    assert up.step_bar("outside", 3)("x") is None  # no live display: nothing to draw
    with Progress(console=Console(file=io.StringIO())) as progress:
        up._LIVE.append(progress)
        try:
            advance = up.step_bar("event files", 2)
            advance("ucdp-ged-bgd")
            advance("ucdp-ged-ssd")
        finally:
            up._LIVE.pop()
    task = progress.tasks[-1]
    assert (task.completed, task.total) == (2, 2)
    assert task.description == "event files: ucdp-ged-ssd"


def test_a_steps_own_bar_ends_with_the_step(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(up, "console", Console(file=out, width=120))

    def importing(_settings: object, _db: object) -> str:
        advance = up.step_bar("event files", 2)
        advance("ucdp-ged-bgd")
        advance("ucdp-ged-ssd")
        return "2 new file(s)"

    monkeypatch.setattr(up, "ordered_steps", lambda: [up.Step("import events", importing)])
    up.run_steps(None, None)  # the step ignores settings and database
    assert "import events: 2 new file(s)" in out.getvalue()
    assert "event files" not in out.getvalue()  # the finished bar is not left in the log


def test_country_events_are_imported_unless_refused(settings: Settings) -> None:
    assert settings.up_country_events is True
    from typer.testing import CliRunner

    from tocsin.cli.main import app

    help_text = CliRunner().invoke(app, ["up", "--help"]).output
    assert "--no-country-events" in help_text
