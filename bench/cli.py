"""How fast does the `tocsin` command answer? Target: under 1 s for help and simple commands.

    .venv/bin/python bench/cli.py            # --runs N (default 5)

Each command runs in a fresh process (as a user types it) with a throwaway data
directory; the table shows the median wall time and the median CPU time (user + system,
which a busy machine inflates less than wall time).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from rich.console import Console
from rich.table import Table

COMMANDS = [
    ["--help"],
    ["users", "--help"],
    ["docs", "--help"],
    ["sources", "list"],
    ["users", "list"],
    ["docs", "list"],
    ["alerts", "list"],
    ["evidence", "list"],
    ["lexicon", "list"],
    ["plugins"],
]
TARGET_S = 1.0


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``tocsin ARGS``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tocsin", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
        env["TOCSIN_DATA_DIR"] = data
        measure(["db", "upgrade"], env)  # list commands then find a migrated database
        table = Table(title=f"tocsin start-up, median of {args.runs} runs (target < {TARGET_S} s)")
        for column in ("command", "wall s", "cpu s"):
            table.add_column(column, justify="left" if column == "command" else "right")
        for command in COMMANDS:
            runs = [measure(command, env) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            table.add_row(f"tocsin {' '.join(command)}", f"{wall:.2f}", f"{cpu:.2f}")
    Console().print(table)


if __name__ == "__main__":
    main()
