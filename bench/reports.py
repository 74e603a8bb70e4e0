"""How long do the reports take? Targets: a country report (PDF) in < 5 s, the annual
report (PDF) in < 30 s, on 2 cores.

    .venv/bin/python bench/reports.py --mirror ../shared/data

Builds a private database first (EWP panel and episodes, UCDP yearly deaths, forecasts
for the last two base years; not timed), then times each report end to end as the CLI
runs it: gather, draw the charts, lay out the PDF, write the file and the row. The first
run of each kind is reported apart (it imports WeasyPrint and matplotlib and loads fonts).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
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
    console = Console()
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
        runs: dict[str, list[float]] = {"country": [], "annual": []}
        for i in range(args.repeat + 1):
            start = time.perf_counter()
            service.country_report(db, settings.data_dir, COUNTRIES[i % len(COUNTRIES)], "pdf")
            runs["country"].append(time.perf_counter() - start)
            start = time.perf_counter()
            service.annual_report(db, settings.data_dir, year, "pdf")
            runs["annual"].append(time.perf_counter() - start)
        db.dispose()
    table = Table(title=f"Report generation, PDF ({os.cpu_count()} cores, load {_load()})")
    for column in ("report", "first run s", "median of next runs s", "target s", "met"):
        table.add_column(column)
    for kind, seconds in runs.items():
        median = statistics.median(seconds[1:])
        table.add_row(
            kind,
            f"{seconds[0]:.2f}",
            f"{median:.2f}",
            f"< {TARGETS[kind]:.0f}",
            "yes" if median < TARGETS[kind] else "no",
        )
    console.print(table)


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


if __name__ == "__main__":
    main()
