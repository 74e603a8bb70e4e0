"""Backtest the forecast models under EWP's protocol; print metrics and wall time.

.venv/bin/python bench/forecast.py --mirror ../shared/data              # both models, 1994-2024
.venv/bin/python bench/forecast.py --mirror ../shared/data --selection  # the model selection

``--selection`` re-runs the comparison that chose the default model's design and penalty:
every candidate is backtested on origins 1991-2005 only (onset years 1994-2009, nothing
later is fitted, predicted or scored), and the rule below picks one. The full backtest's
numbers were not used to choose anything.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from glum import GeneralizedLinearRegressorCV
from rich.console import Console
from rich.table import Table

from tocsin.analysis.forecast import service
from tocsin.analysis.forecast.backtest import BacktestResult, run_backtest
from tocsin.analysis.forecast.base import ForecastModel, single_threaded
from tocsin.analysis.forecast.features import add_context_features
from tocsin.analysis.forecast.tocsin_enet import TocsinEnet, TocsinEnetSettings
from tocsin.config import load_settings

EWP_R = {"auc": 0.827, "recall@10": 0.308, "recall@20": float("nan"), "recall@30": 0.692}
METRICS = ("auc", "recall@10", "recall@20", "recall@30", "brier", "average_precision")
SELECTION_ORIGINS = range(1991, 2006)
SELECTION_YEARS = (1994, 2009)
TIE = 0.5 / 21  # one caught onset (of 21) more or less, in the mean of AUC and recall@30


class CrossValidatedEnet(TocsinEnet):
    """tocsin-enet 1.0: penalty chosen in each window by 5-fold CV over 25 values."""

    parallel_origins = False  # glum cross-validates the folds in parallel processes

    def fit(self, panel: pd.DataFrame) -> CrossValidatedEnet:
        """Fit the cross-validated path on the complete-case rows of ``panel``."""
        rows = self.training_rows(panel)
        design = self._design(rows)
        self._model = GeneralizedLinearRegressorCV(
            family="binomial",
            l1_ratio=0.5,
            n_alphas=25,
            min_alpha_ratio=1e-3,
            cv=5,
            scale_predictors=True,
            random_state=0,
            n_jobs=self.n_jobs,
        )
        self._means = design.mean(axis=0)
        with single_threaded():
            self._model.fit(design, rows[self.outcome].to_numpy(float))
        return self


def candidates() -> dict[str, Callable[[], ForecastModel]]:
    """Every design compared on the selection window."""
    found: dict[str, Callable[[], ForecastModel]] = {
        "ewp-enet (replication, 39 predictors)": lambda: service.make_model("ewp-enet"),
        "+ engineered, 5-fold CV penalty (tocsin-enet 1.0)": lambda: CrossValidatedEnet(),
    }
    for l1, alphas in ((0.5, (0.004, 0.007, 0.012, 0.02, 0.03)), (0.2, (0.024, 0.04, 0.06))):
        for alpha in alphas:
            for context in (False, True):
                label = f"+ engineered{' + context' if context else ''}, L1 {l1}, alpha {alpha}"
                found[label] = lambda a=alpha, r=l1, c=context: TocsinEnet(
                    TocsinEnetSettings(alpha=a, l1_ratio=r, context=c)
                )
    return found


def selection(panel: pd.DataFrame, console: Console) -> None:
    """Backtest every candidate on origins <= 2005 and apply the selection rule."""
    frame = add_context_features(panel)
    rows: list[tuple[str, BacktestResult]] = []
    for label, make in candidates().items():
        result = run_backtest(make, frame, SELECTION_ORIGINS, SELECTION_YEARS)
        rows.append((label, result))
        console.print(f"  {label}: {result.seconds:.1f} s")
    score = {label: (r.metrics["auc"] + r.metrics["recall@30"]) / 2 for label, r in rows}
    best = max(score.values())
    tied = [label for label in score if score[label] >= best - TIE]
    chosen = min(tied, key=lambda label: dict(rows)[label].metrics["brier"])
    table = Table(title="Selection window: origins 1991-2005, onset years 1994-2009 (21 onsets)")
    for column in ("candidate", "AUC", "r@10", "r@20", "r@30", "Brier", "(AUC+r@30)/2", "s"):
        table.add_column(column, justify="left" if column == "candidate" else "right")
    for label, r in rows:
        m = r.metrics
        mark = " <- chosen" if label == chosen else (" (tied)" if label in tied else "")
        table.add_row(
            label + mark,
            f"{m['auc']:.3f}",
            f"{m['recall@10']:.3f}",
            f"{m['recall@20']:.3f}",
            f"{m['recall@30']:.3f}",
            f"{m['brier']:.5f}",
            f"{score[label]:.3f}",
            f"{r.seconds:.1f}",
        )
    console.print(table)
    console.print(
        "Rule: highest mean of AUC and recall@30; candidates within one caught onset "
        f"({TIE:.3f}) of the best are tied, and the tie goes to the lowest Brier score."
    )


def main() -> None:
    """Run the backtests and print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mirror", type=Path, default=Path("../shared/data"))
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/tocsin-bench"))
    parser.add_argument("--models", nargs="+", default=["tocsin-enet", "ewp-enet"])
    parser.add_argument("--selection", action="store_true", help="re-run the model selection")
    args = parser.parse_args()
    settings = load_settings(data_dir=args.data_dir, mirror=args.mirror)
    console = Console(width=140)
    start = time.perf_counter()
    panel = service.load_panel(settings)
    load_seconds = time.perf_counter() - start
    if args.selection:
        selection(panel.frame, console)
        return
    results = []
    for name in args.models:
        start = time.perf_counter()
        result = run_backtest(lambda n=name: service.make_model(n), panel.frame)
        results.append((name, result, time.perf_counter() - start))
    table = Table(title=f"Backtest 1994-2024, origins 1991-2021 ({os.cpu_count()} cores)")
    table.add_column("metric")
    for name, result, _ in results:
        table.add_column(f"{name} {result.version}", justify="right")
    table.add_column("EWP R code (reported)", justify="right")
    for key in METRICS:
        table.add_row(
            key,
            *[f"{r.metrics[key]:.{5 if key == 'brier' else 4}f}" for _, r, _ in results],
            f"{EWP_R.get(key, float('nan')):.3f}",
        )
    for k in (10, 30):
        table.add_row(
            f"onsets caught @{k}",
            *[
                f"{r.metrics[f'caught@{k}']:.0f} of {r.metrics['onsets']:.0f}"
                for _, r, _ in results
            ],
            "27 of 39" if k == 30 else "12 of 39",
        )
    table.add_row("wall time, 31 fits (s)", *[f"{t:.1f}" for _, _, t in results], "~30")
    console.print(table)
    console.print(
        f"panel read, checked and featurised once in {load_seconds:.1f} s (not in the times)"
    )


if __name__ == "__main__":
    main()
