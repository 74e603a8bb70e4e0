"""80 % intervals on each country's risk and rank, by bootstrap over countries.

The training country-years are resampled *by country* (a country's whole history is
drawn or not, since its years are not independent), the model is refitted on each
resample and the base year is forecast again. The interval is the 10th-90th percentile
of the risks, and of the ranks, over the draws. It shows how much the forecast depends
on which histories the model learned from; it does not cover errors in the data
themselves or events after the base year.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from tocsin.analysis.forecast.base import ForecastModel, single_threaded

LEVEL = 0.8
DRAWS = 20
SEED = 2026


def _draw(
    make_model: Callable[[], ForecastModel],
    history: pd.DataFrame,
    target: pd.DataFrame,
    seed: int,
) -> pd.Series:
    rng = np.random.default_rng(seed)
    countries = history["ewp_name"].unique()
    chosen = rng.choice(countries, size=len(countries), replace=True)
    groups = dict(tuple(history.groupby("ewp_name", sort=False)))
    sample = pd.concat([groups[c] for c in chosen], ignore_index=True)
    return make_model().fit(sample).predict_risk(target)


def bootstrap_intervals(
    make_model: Callable[[], ForecastModel],
    history: pd.DataFrame,
    target: pd.DataFrame,
    draws: int = DRAWS,
    n_jobs: int = 2,
    seed: int = SEED,
) -> pd.DataFrame:
    """Per scorable row of ``target``: risk_low/high and rank_low/high (80 % interval).

    ``rank_low`` is the best (smallest) rank, ``rank_high`` the worst. Draws run in
    threads, each fit single-threaded, and are reproducible for a given ``seed``.
    """
    if draws < 2:
        raise ValueError(f"an interval needs at least 2 bootstrap draws, not {draws}")
    tasks = (delayed(_draw)(make_model, history, target, seed + i) for i in range(draws))
    with single_threaded():
        risks = Parallel(n_jobs=n_jobs, backend="threading")(tasks)
    matrix = pd.concat(risks, axis=1)
    ranks = matrix.rank(ascending=False, method="min")
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.nanpercentile(matrix, [tail, 100 - tail], axis=1)
    best, worst = np.nanpercentile(ranks, [tail, 100 - tail], axis=1)
    return pd.DataFrame(
        {
            "risk_low": low,
            "risk_high": high,
            "rank_low": np.floor(best).astype(int),
            "rank_high": np.ceil(worst).astype(int),
        },
        index=matrix.index,
    )


def overlaps(low_a: float, high_a: float, low_b: float, high_b: float) -> bool:
    """Whether two intervals share any value."""
    return low_a <= high_b and low_b <= high_a
