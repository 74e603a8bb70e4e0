"""The rolling-origin, fully out-of-sample backtest of the Early Warning Project.

For each last training year T (1991-2021 by default) the model is fitted on rows with
year <= T and predicts the rows of base year T + 2, whose outcome window (T + 3, T + 4)
lies after everything used to fit. For onset year y a country's forecast is
``maxrisk2`` = the larger of its risks from base years y - 1 and y - 2, and
``minrank2`` = the better of its ranks in those base years.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from tocsin.analysis.forecast.base import ForecastModel, logit, single_threaded

FIRST_ORIGIN, LAST_ORIGIN = 1991, 2021
SCORED_YEARS = (1994, 2024)
RECALL_KS = (10, 20, 30)


@dataclass
class BacktestResult:
    """The per-base-year forecasts, the EWP-style table, and the metrics."""

    model: str
    version: str
    base_forecasts: pd.DataFrame  # ewp_name, ccode, base_year, risk, rank, mk_onset_1(or2)
    table: pd.DataFrame  # year, country, ccode, mk_onset, risk/rank 1 and 2 years prior, ...
    metrics: dict[str, float]
    per_year: pd.DataFrame  # year, onsets, caught@10/20/30
    seconds: float = 0.0


def rank_within_year(frame: pd.DataFrame) -> pd.Series:
    """Rank 1 = highest risk within each base year (ties share the better rank)."""
    return frame.groupby("base_year")["risk"].rank(ascending=False, method="min").astype(int)


def forecast_base_year(
    model: ForecastModel, panel: pd.DataFrame, last_train_year: int, base_year: int
) -> pd.DataFrame:
    """Fit on rows up to ``last_train_year``; risks for the rows of ``base_year``."""
    model.fit(panel[panel["year"] <= last_train_year])
    target = panel[panel["year"] == base_year]
    risk = model.predict_risk(target)
    out = target.loc[risk.index, ["ewp_name", "ccode"]].copy()
    out["base_year"] = base_year
    out["risk"] = risk.to_numpy()
    return out


def _forecast_origin(
    make_model: Callable[[], ForecastModel], panel: pd.DataFrame, last_train_year: int, threads: int
) -> pd.DataFrame:
    model = make_model()
    model.n_jobs = threads
    return forecast_base_year(model, panel, last_train_year, last_train_year + 2)


def default_jobs() -> int:
    """Parallel fits in a backtest: one per core."""
    return max(1, os.cpu_count() or 1)


def run_backtest(
    make_model: Callable[[], ForecastModel],
    panel: pd.DataFrame,
    origins: range = range(FIRST_ORIGIN, LAST_ORIGIN + 1),
    scored_years: tuple[int, int] = SCORED_YEARS,
    on_origin: Callable[[int], None] | None = None,
    n_jobs: int | None = None,
) -> BacktestResult:
    """Run the protocol, fitting ``n_jobs`` origins at a time (default: one per core).

    Fits run in threads, each single-threaded (the solvers release the GIL in their
    numerical kernels), which avoids starting worker processes that would have to import
    the whole stack again. ``on_origin(T)`` is called as each origin finishes (progress).
    """
    start = time.perf_counter()
    model = make_model()
    jobs = min(default_jobs() if n_jobs is None else n_jobs, len(origins))
    if not model.parallel_origins:
        jobs = 1
    if jobs <= 1:
        parts = []
        for last_train_year in origins:
            parts.append(_forecast_origin(make_model, panel, last_train_year, model.n_jobs))
            if on_origin:
                on_origin(last_train_year)
    else:
        tasks = (delayed(_forecast_origin)(make_model, panel, t, 1) for t in origins)
        parallel = Parallel(n_jobs=jobs, backend="threading", return_as="generator_unordered")
        parts = []
        with single_threaded():
            for part in parallel(tasks):
                parts.append(part)
                if on_origin:
                    on_origin(int(part["base_year"].iloc[0]) - 2 if len(part) else 0)
    base = pd.concat(parts, ignore_index=True).sort_values(["base_year", "ewp_name"])
    base = base.reset_index(drop=True)
    base["rank"] = rank_within_year(base)
    outcomes = panel[["ewp_name", "year", "mk_onset_1", "mk_onset_1or2"]]
    base = base.merge(
        outcomes.rename(columns={"year": "base_year"}), on=["ewp_name", "base_year"], how="left"
    )
    table = _foos_table(base, panel, scored_years)
    metrics, per_year = score(table)
    metrics.update(two_year_scores(base, panel, scored_years))
    return BacktestResult(
        model.name, model.version, base, table, metrics, per_year, time.perf_counter() - start
    )


def _foos_table(base: pd.DataFrame, panel: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    outcome = panel[["ewp_name", "year", "ccode", "mk_onset"]]
    outcome = outcome[(outcome["year"] >= years[0]) & (outcome["year"] <= years[1])]
    keyed = base.set_index(["ewp_name", "base_year"])[["risk", "rank"]]
    table = outcome.rename(columns={"ewp_name": "country"}).copy()
    for lag, label in ((1, "1"), (2, "2")):
        idx = pd.MultiIndex.from_arrays([table["country"], table["year"] - lag])
        found = keyed.reindex(idx)
        table[f"risk_{label}yr_prior"] = found["risk"].to_numpy()
        table[f"rank_{label}yr_prior"] = found["rank"].to_numpy()
    risks = table[["risk_1yr_prior", "risk_2yr_prior"]]
    ranks = table[["rank_1yr_prior", "rank_2yr_prior"]]
    table["maxrisk2"] = risks.max(axis=1)
    table["minrank2"] = ranks.min(axis=1)
    table = table.dropna(subset=["maxrisk2"]).reset_index(drop=True)
    return table[
        [
            "year",
            "country",
            "ccode",
            "mk_onset",
            "risk_1yr_prior",
            "rank_1yr_prior",
            "risk_2yr_prior",
            "rank_2yr_prior",
            "maxrisk2",
            "minrank2",
        ]
    ]


CALM_RISK = 0.005  # countries at peace, without past killings, with strong civil liberties


def _with_outcomes(base: pd.DataFrame, panel: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    columns = ["ewp_name", "year", "mk_onset_1", "mk_onset_1or2", "battledeaths.log2", "mk_ever"]
    columns += ["even_civilrights"]
    rows = panel[columns].rename(columns={"year": "base_year"})
    joined = base.drop(columns=["mk_onset_1", "mk_onset_1or2"], errors="ignore").merge(
        rows, on=["ewp_name", "base_year"], how="left"
    )
    # A base year counts if its outcome years fall in the scored years.
    return joined[(joined["base_year"] + 1 >= years[0]) & (joined["base_year"] + 1 <= years[1])]


def calibration_slope(risk: np.ndarray, outcome: np.ndarray) -> float:
    """Slope of a logistic regression of the outcome on the risk's log-odds (1 = calibrated)."""
    from sklearn.linear_model import LogisticRegression

    x = logit(np.asarray(risk, float)).reshape(-1, 1)
    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(x, np.asarray(outcome, int))
    return float(fitted.coef_[0, 0])


def two_year_scores(
    base: pd.DataFrame, panel: pd.DataFrame, years: tuple[int, int]
) -> dict[str, float]:
    """Scores that compare like with like, per base-year forecast.

    - ``cal_*``: the two-year risk against the two-year outcome (onset in T+1 or T+2):
      Brier score and calibration slope;
    - ``1yr_*``: robustness, one-year-ahead outcome (onset in T+1 from base year T):
      AUC, average precision and recall@k of the base year's rank;
    - ``calm_*``: country-years with no battle deaths, no past mass killing and civil
      liberties in the panel's top quarter: how many, and the share below 0.5 %.
    """
    rows = _with_outcomes(base, panel, years)
    out: dict[str, float] = {}
    two = rows.dropna(subset=["mk_onset_1or2"])
    y2 = two["mk_onset_1or2"].to_numpy(int)
    if 0 < y2.sum() < len(y2):
        out["cal_brier"] = float(brier_score_loss(y2, two["risk"]))
        out["cal_slope"] = calibration_slope(two["risk"].to_numpy(), y2)
    one = rows.dropna(subset=["mk_onset_1"])
    y1 = one["mk_onset_1"].to_numpy(int)
    if 0 < y1.sum() < len(y1):
        out["1yr_onsets"] = float(y1.sum())
        out["1yr_auc"] = float(roc_auc_score(y1, one["risk"]))
        out["1yr_average_precision"] = float(average_precision_score(y1, one["risk"]))
        for k in RECALL_KS:
            out[f"1yr_recall@{k}"] = float((one.loc[y1 == 1, "rank"] <= k).mean())
    strong = panel["even_civilrights"].quantile(0.75)
    calm = rows[
        (rows["battledeaths.log2"] == 0)
        & (rows["mk_ever"] == 0)
        & (rows["even_civilrights"] >= strong)
    ]
    out["calm_country_years"] = float(len(calm))
    if len(calm):
        out["calm_below_0.5%"] = float((calm["risk"] < CALM_RISK).mean())
        out["calm_median_risk"] = float(calm["risk"].median())
    return out


def score(table: pd.DataFrame) -> tuple[dict[str, float], pd.DataFrame]:
    """AUC, recall@10/20/30, Brier and average precision of ``maxrisk2``/``minrank2``."""
    scored = table.dropna(subset=["mk_onset"])
    y = scored["mk_onset"].to_numpy(int)
    risk = scored["maxrisk2"].to_numpy(float)
    onsets = scored[scored["mk_onset"] == 1]
    metrics: dict[str, float] = {
        "country_years": float(len(scored)),
        "onsets": float(len(onsets)),
        "auc": float(roc_auc_score(y, risk)) if 0 < y.sum() < len(y) else float("nan"),
        "brier": float(brier_score_loss(y, np.clip(risk, 0, 1))),
        "average_precision": float(average_precision_score(y, risk)) if y.sum() else float("nan"),
    }
    for k in RECALL_KS:
        caught = int((onsets["minrank2"] <= k).sum())
        metrics[f"caught@{k}"] = float(caught)
        metrics[f"recall@{k}"] = caught / len(onsets) if len(onsets) else float("nan")
    per_year = (
        onsets.groupby("year")
        .agg(
            onsets=("mk_onset", "size"),
            **{f"caught@{k}": ("minrank2", lambda r, k=k: int((r <= k).sum())) for k in RECALL_KS},
        )
        .reset_index()
    )
    return metrics, per_year
