"""Backtest charts as PNG files: catch curve, calibration, recall per year."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display on servers
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from tocsin.analysis.forecast.backtest import BacktestResult  # noqa: E402


def catch_curve(results: list[BacktestResult], path: Path, max_rank: int = 60) -> Path:
    """Share of onsets caught (best rank in the two prior years <= k) against k."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ks = np.arange(1, max_rank + 1)
    for result in results:
        onsets = result.table[result.table["mk_onset"] == 1]["minrank2"].to_numpy()
        share = [(onsets <= k).mean() for k in ks]
        label = f"{result.model} (AUC {result.metrics['auc']:.3f})"
        ax.step(ks, share, where="post", label=label, linewidth=2)
    for k in (10, 20, 30):
        ax.axvline(k, color="#bbb", linewidth=0.8, linestyle=":")
    ax.set(xlabel="rank cut-off k", ylabel="share of onsets in the top k", ylim=(0, 1))
    ax.set_title("Catch curve: onsets 1994-2024 ranked in the top k one or two years before")
    ax.legend(loc="lower right")
    return _save(fig, path)


def calibration(result: BacktestResult, path: Path, bins: int = 8) -> Path:
    """Observed onset rate against forecast risk, in risk quantile bins."""
    table = result.table.dropna(subset=["mk_onset"])
    edges = np.unique(np.quantile(table["maxrisk2"], np.linspace(0, 1, bins + 1)))
    which = np.clip(np.digitize(table["maxrisk2"], edges[1:-1]), 0, len(edges) - 2)
    grouped = table.assign(bin=which).groupby("bin")
    mean_risk, observed = grouped["maxrisk2"].mean(), grouped["mk_onset"].mean()
    fig, ax = plt.subplots(figsize=(5.5, 5))
    top = max(mean_risk.max(), observed.max()) * 1.1
    ax.plot([0, top], [0, top], color="#999", linestyle="--", label="perfect calibration")
    ax.plot(mean_risk, observed, marker="o", linewidth=2, label=result.model)
    ax.set(xlabel="mean forecast risk (maxrisk2)", ylabel="observed onset rate")
    ax.set_title(f"Calibration, {result.model}")
    ax.legend()
    return _save(fig, path)


def recall_per_year(result: BacktestResult, path: Path, k: int = 30) -> Path:
    """Onsets per year and how many were in the top k."""
    per_year = result.per_year
    fig, ax = plt.subplots(figsize=(8, 3.8))
    ax.bar(per_year["year"], per_year["onsets"], color="#ddd", label="onsets")
    ax.bar(per_year["year"], per_year[f"caught@{k}"], color="#8b1a1a", label=f"ranked top {k}")
    ax.set(xlabel="onset year", ylabel="onsets")
    ax.set_title(f"Onsets caught per year, {result.model}")
    ax.legend()
    return _save(fig, path)


def _save(fig: plt.Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
