"""Feature engineering from the panel for Tocsin's own models.

Every feature of a country-year uses only that country's values in that year and
earlier years, so fitting on rows up to year T never sees information after T.
"""

from __future__ import annotations

import pandas as pd

from tocsin.sources.ewp import PREDICTORS

# Slow-moving indicators whose recent change signals a shift in risk.
CHANGE_COLUMNS = (
    "battledeaths.log2",
    "repress_civilsoc",
    "freediscussion",
    "pol_killing_approved",
    "even_civilrights",
    "social_inequality",
    "mk_ongoing_count_log2",
    "gdppcgrowth",
)


def add_features(panel: pd.DataFrame) -> pd.DataFrame:
    """Return ``panel`` with backward-looking change and history features added."""
    frame = panel.sort_values(["ewp_name", "year"]).copy()
    by_country = frame.groupby("ewp_name", sort=False)
    for column in CHANGE_COLUMNS:
        frame[f"{column}.d1"] = by_country[column].diff(1)
        frame[f"{column}.d3"] = by_country[column].diff(3)
    frame["battledeaths.max3"] = by_country["battledeaths.log2"].transform(
        lambda s: s.rolling(3, min_periods=1).max()
    )
    frame["onsets.past10"] = by_country["mk_onset"].transform(
        lambda s: s.fillna(0).rolling(10, min_periods=1).sum()
    )
    frame["coup.any3"] = by_country["coup.try.5yr"].transform(
        lambda s: s.rolling(3, min_periods=1).max()
    )
    return frame.sort_index()


def feature_columns() -> list[str]:
    """The 39 EWP predictors plus the engineered ones."""
    engineered = [f"{c}.d{k}" for c in CHANGE_COLUMNS for k in (1, 3)]
    return [*PREDICTORS, *engineered, "battledeaths.max3", "onsets.past10", "coup.any3"]


def feature_labels(base: dict[str, str]) -> dict[str, str]:
    """Human labels for every model feature, given labels of the panel columns."""
    labels = dict(base)
    for column in CHANGE_COLUMNS:
        name = base.get(column, column)
        labels[f"{column}.d1"] = f"{name}: change over 1 year"
        labels[f"{column}.d3"] = f"{name}: change over 3 years"
    labels["battledeaths.max3"] = "Battle-related deaths (log2): highest in 3 years"
    labels["onsets.past10"] = "Mass-killing onsets in the past 10 years"
    labels["coup.any3"] = "Coup attempt (5-year window) in the last 3 years"
    return labels
