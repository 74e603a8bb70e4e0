"""Backtest both forecast models under EWP's protocol; print metrics and wall time.

.venv/bin/python bench/forecast.py --mirror ../shared/data
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tocsin.analysis.forecast import service
from tocsin.analysis.forecast.backtest import run_backtest
from tocsin.config import load_settings

EWP_R = {"auc": 0.827, "recall@10": 0.308, "recall@20": float("nan"), "recall@30": 0.692}


def main() -> None:
    """Run the backtests and print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mirror", type=Path, default=Path("../shared/data"))
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/tocsin-bench"))
    parser.add_argument("--models", nargs="+", default=["tocsin-enet", "ewp-enet"])
    args = parser.parse_args()
    settings = load_settings(data_dir=args.data_dir, mirror=args.mirror)
    panel = service.load_panel(settings)
    results = []
    for name in args.models:
        start = time.perf_counter()
        result = run_backtest(lambda n=name: service.make_model(n), panel.frame)
        results.append((name, result, time.perf_counter() - start))
    table = Table(title=f"Backtest 1994-2024, origins 1991-2021 ({os.cpu_count()} cores)")
    table.add_column("metric")
    for name, _, _ in results:
        table.add_column(name, justify="right")
    table.add_column("EWP R code (reported)", justify="right")
    for key in ("auc", "recall@10", "recall@20", "recall@30", "brier", "average_precision"):
        table.add_row(
            key,
            *[f"{r.metrics[key]:.4f}" for _, r, _ in results],
            f"{EWP_R.get(key, float('nan')):.3f}",
        )
    table.add_row(
        "onsets caught @30",
        *[f"{r.metrics['caught@30']:.0f} of {r.metrics['onsets']:.0f}" for _, r, _ in results],
        "27 of 39",
    )
    table.add_row("wall time (s)", *[f"{t:.1f}" for _, _, t in results], "~30")
    Console().print(table)


if __name__ == "__main__":
    main()
