"""How unusual is a count against a series' own history?

Conflict and speech counts have many zeros and are over-dispersed, so the baseline is a
negative binomial fitted by the method of moments; without over-dispersion it is a Poisson
whose mean is at least ``floor`` (so a quiet history does not make every event alarming).
"""

from __future__ import annotations

import numpy as np
from scipy import stats


def tail_probability(
    history: np.ndarray, observed: float, floor: float = 0.5
) -> tuple[float, float]:
    """(baseline mean, P(X >= observed)) under a negative binomial fitted to ``history``."""
    mean = float(np.mean(history)) if len(history) else 0.0
    var = float(np.var(history, ddof=1)) if len(history) > 1 else mean
    k = int(np.ceil(observed))
    if var > mean > 0:
        r = mean * mean / (var - mean)
        return mean, float(stats.nbinom.sf(k - 1, r, r / (r + mean)))
    return mean, float(stats.poisson.sf(k - 1, max(mean, floor)))
