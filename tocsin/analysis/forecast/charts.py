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


def calibration(result: BacktestResult, path: Path, bins: int = 10) -> Path:
    """Two-year risk against the two-year outcome (onset in T+1 or T+2), in deciles of
    risk, each point labelled with its onsets and forecasts."""
    base = result.base_forecasts.dropna(subset=["mk_onset_1or2"]).sort_values("risk")
    groups = np.array_split(np.arange(len(base)), bins)
    mean_risk = [base["risk"].iloc[g].mean() for g in groups if len(g)]
    observed = [base["mk_onset_1or2"].iloc[g].mean() for g in groups if len(g)]
    counts = [(int(base["mk_onset_1or2"].iloc[g].sum()), len(g)) for g in groups if len(g)]
    fig, ax = plt.subplots(figsize=(6, 5.5))
    top = max(max(mean_risk), max(observed)) * 1.1
    ax.plot([0, top], [0, top], color="#999", linestyle="--", label="perfect calibration")
    ax.plot(mean_risk, observed, marker="o", linewidth=2, label=result.model)
    for x, y, (onsets, n) in zip(mean_risk, observed, counts, strict=True):
        ax.annotate(
            f"{onsets}/{n}", (x, y), textcoords="offset points", xytext=(4, -10), fontsize=7
        )
    ax.set(
        xlabel="mean two-year risk (decile of forecasts)", ylabel="share with onset within 2 years"
    )
    ax.set_title(f"Calibration, {result.model} (onsets/forecasts per bin)")
    ax.legend(loc="upper left")
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
