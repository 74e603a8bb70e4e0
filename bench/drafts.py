"""Benchmark: do the Framework risk-factor drafts, as of each year, rank the countries
where mass killing began in the following two years above the others?

Same protocol and metrics as the forecast backtest (onsets 1994-2024; ``maxrisk2`` and
``minrank2`` over the two base years before each onset year), next to the statistical
forecast's backtest on the same data. Run:

    python bench/drafts.py --mirror ../shared/data
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tocsin.analysis.forecast import service
from tocsin.analysis.forecast.backtest import run_backtest
from tocsin.analysis.framework.drafts import backtest_drafts
from tocsin.config import load_settings


def main() -> None:
    """Print AUC and recall@k of the drafts and of the default forecast model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--no-forecast", action="store_true", help="skip the forecast backtest")
    args = parser.parse_args()
    settings = load_settings(mirror=args.mirror)
    panel = service.load_panel(settings)
    rows = []
    start = time.perf_counter()
    rows.append(
        (
            "Framework drafts (panel indicators)",
            backtest_drafts(panel.frame),
            time.perf_counter() - start,
        )
    )
    if not args.no_forecast:
        start = time.perf_counter()
        result = run_backtest(lambda: service.make_model(service.DEFAULT_MODEL), panel.frame)
        rows.append(
            (f"forecast {service.DEFAULT_MODEL}", result.metrics, time.perf_counter() - start)
        )
    table = Table(title="Ranking onsets 1994-2024 one or two years ahead")
    for column in ("scores", "onsets", "AUC", "recall@10", "recall@20", "recall@30", "seconds"):
        table.add_column(column)
    for name, m, seconds in rows:
        table.add_row(
            name,
            f"{m['onsets']:.0f}",
            f"{m['auc']:.3f}",
            f"{m['recall@10']:.3f} ({m['caught@10']:.0f})",
            f"{m['recall@20']:.3f} ({m['caught@20']:.0f})",
            f"{m['recall@30']:.3f} ({m['caught@30']:.0f})",
            f"{seconds:.1f}",
        )
    Console(width=120).print(table)


if __name__ == "__main__":
    main()
