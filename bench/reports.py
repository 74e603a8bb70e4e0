"""How long do the reports take? Targets: a country report (PDF) in < 5 s, the annual
report (PDF) in < 30 s, on 2 cores.

    .venv/bin/python bench/reports.py --mirror ../shared/data

Builds a private database first (EWP panel and episodes, UCDP yearly deaths, forecasts
for the last two base years; not timed), then times each report end to end as the CLI
runs it: gather, draw the charts, lay out the PDF, write the file and the row. The first
run of each kind is reported apart (it imports WeasyPrint and matplotlib and loads fonts).
Wall and CPU seconds are both shown: on a shared machine wall time measures the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tocsin.analysis.events.yearly import load_yearly
from tocsin.analysis.forecast import service as forecasts
from tocsin.config import load_settings
from tocsin.reports import service
from tocsin.store.db import Database
from tocsin.store.load_ewp import pull_and_load
from tocsin.store.migrate import upgrade

COUNTRIES = ("SDN", "MMR", "FRA", "MLI", "NOR")
TARGETS = {"country": 5.0, "annual": 30.0}


def main() -> None:
    """Print first-run and steady-state seconds per report kind against the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per kind")
    args = parser.parse_args()
    console = Console(width=120)
    load_before = _load()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp), mirror=args.mirror)
        db = Database(settings.resolved_database_url)
        with console.status("building the benchmark database (not timed)"):
            upgrade(db)
            pull_and_load(settings, db, settings.mirror)
            panel = forecasts.load_panel(settings)
            forecasts.forecast_years(db, panel, range(panel.last_year - 1, panel.last_year + 1))
            with db.session() as session:
                load_yearly(session, settings)
        year = panel.last_year + 1
        runs: dict[str, list[tuple[float, float]]] = {"country": [], "annual": []}
        for i in range(args.repeat + 1):
            runs["country"].append(
                _timed(
                    partial(
                        service.country_report,
                        db,
                        settings.data_dir,
                        COUNTRIES[i % len(COUNTRIES)],
                        "pdf",
                    )
                )
            )
            runs["annual"].append(
                _timed(lambda: service.annual_report(db, settings.data_dir, year, "pdf"))
            )
        db.dispose()
    table = Table(
        title=f"Report generation, PDF ({os.cpu_count()} cores; load average "
        f"{load_before} before, {_load()} after)"
    )
    columns = ("report", "first run s", "median wall s", "median CPU s", "target s", "met")
    for column in columns:
        table.add_column(column)
    for kind, timings in runs.items():
        wall = statistics.median(w for w, _c in timings[1:])
        cpu = statistics.median(c for _w, c in timings[1:])
        table.add_row(
            kind,
            f"{timings[0][0]:.2f}",
            f"{wall:.2f}",
            f"{cpu:.2f}",
            f"< {TARGETS[kind]:.0f}",
            "yes" if wall < TARGETS[kind] else "no",
        )
    console.print(table)


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (CPU time shows the cost when the machine is shared:
    report generation is single-threaded, so on an idle machine wall = CPU)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


if __name__ == "__main__":
    main()
