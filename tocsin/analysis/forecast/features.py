"""Feature engineering from the panel for Tocsin's own models.

Every feature of a country-year uses only that country's values in that year and
earlier years, so fitting on rows up to year T never sees information after T.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tocsin.analysis.forecast.violence import ensure_violence_columns, violence_labels
from tocsin.sources.ewp import INDICATOR_LABELS, PREDICTORS

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


def predictor_labels() -> dict[str, str]:
    """Every model feature in words (the panel's columns, engineered and violence ones)."""
    return feature_labels({name: label for name, (label, _) in INDICATOR_LABELS.items()})


def feature_labels(base: dict[str, str]) -> dict[str, str]:
    """Human labels for every model feature, given labels of the panel columns."""
    labels = {**violence_labels(), **base}
    for column in CHANGE_COLUMNS:
        name = base.get(column, column)
        labels[f"{column}.d1"] = f"{name}: change over 1 year"
        labels[f"{column}.d3"] = f"{name}: change over 3 years"
    labels["battledeaths.max3"] = "Battle-related deaths (log2): highest in 3 years"
    labels["onsets.past10"] = "Mass-killing onsets in the past 10 years"
    labels["coup.any3"] = "Coup attempt (5-year window) in the last 3 years"
    labels.update(
        {
            "years_since_onset.log2": "Years since the last mass-killing onset (log2)",
            "years_since_episode_end.log2": "Years since a mass killing last ended (log2)",
            "region_ongoing.log2": "Other countries of the region with an ongoing mass killing",
            "region_onsets3.log2": "Onsets elsewhere in the region, past 3 years (log2)",
            "region_battledeaths": "Battle deaths (log2), average of the rest of the region",
            "world_onsets3": "Onsets worldwide, past 3 years",
            "battledeaths_x_polkilling": "Battle deaths x political killings",
            "battledeaths_x_discrimpop": "Battle deaths x discriminated population",
            "battledeaths_x_repression": "Battle deaths x civil-society repression",
            "ongoing_x_repression": "Ongoing mass killings x civil-society repression",
        }
    )
    return labels


def ensure_features(rows: pd.DataFrame, context: bool = False) -> pd.DataFrame:
    """``rows`` with the engineered (and, if asked, context) features and the violence
    columns; the panel loader adds them once, so this only fills in for bare panels.

    Computing features here is correct only for rows that carry their country's history.
    """
    needed = feature_columns() + (list(CONTEXT_COLUMNS) if context else [])
    if not set(needed) <= set(rows.columns):
        rows = add_context_features(rows) if context else add_features(rows)
    return ensure_violence_columns(rows)


REGIONS = ("reg.na", "reg.eap", "reg.sca", "reg.mna", "reg.eur")  # none of these: Africa
NEVER = 64  # "years since" for a country with no such event in the panel

CONTEXT_COLUMNS = (
    "years_since_onset.log2",
    "years_since_episode_end.log2",
    "region_ongoing.log2",
    "region_onsets3.log2",
    "region_battledeaths",
    "world_onsets3",
    "battledeaths_x_polkilling",
    "battledeaths_x_discrimpop",
    "battledeaths_x_repression",
    "ongoing_x_repression",
)


def _years_since(frame: pd.DataFrame, event: pd.Series) -> pd.Series:
    """Years since ``event`` was last true in the same country (NEVER if not yet)."""
    last = frame["year"].where(event).groupby(frame["ewp_name"]).ffill()
    return (frame["year"] - last).fillna(NEVER)


def add_context_features(panel: pd.DataFrame) -> pd.DataFrame:
    """Add episode history, regional contagion and interaction features.

    Tried for the default model on the selection window (docs/forecast.md) and not
    chosen; available with ``tocsin-enet``'s ``context`` setting. Regional features
    exclude the country itself; everything uses years up to the row's year only.
    """
    frame = add_features(panel) if "onsets.past10" not in panel.columns else panel
    frame = frame.sort_values(["ewp_name", "year"]).copy()
    onset = frame["mk_onset"].fillna(0) > 0
    ongoing = frame["mk_ongoing_count_log2"].fillna(0) > 0
    was_ongoing = ongoing.groupby(frame["ewp_name"]).shift(1, fill_value=False)
    frame["years_since_onset.log2"] = np.log2(1 + _years_since(frame, onset))
    frame["years_since_episode_end.log2"] = np.log2(1 + _years_since(frame, was_ongoing & ~ongoing))
    regions = frame[list(REGIONS)].fillna(0).to_numpy()
    frame["_region"] = np.where(regions.any(axis=1), regions.argmax(axis=1), len(REGIONS))
    frame["_ongoing"] = ongoing.astype(float)
    frame["_onset"] = onset.astype(float)
    frame["_onsets3"] = frame.groupby("ewp_name")["_onset"].transform(
        lambda s: s.rolling(3, min_periods=1).sum()
    )
    frame["_battle"] = frame["battledeaths.log2"].fillna(0)
    by_region_year = frame.groupby(["_region", "year"])
    count = by_region_year["_ongoing"].transform("size")
    frame["region_ongoing.log2"] = np.log2(
        1 + by_region_year["_ongoing"].transform("sum") - frame["_ongoing"]
    )
    frame["region_onsets3.log2"] = np.log2(
        1 + by_region_year["_onsets3"].transform("sum") - frame["_onsets3"]
    )
    frame["region_battledeaths"] = (
        by_region_year["_battle"].transform("sum") - frame["_battle"]
    ) / (count - 1).clip(lower=1)
    world = frame.groupby("year")["_onset"].sum().sort_index().rolling(3, min_periods=1).sum()
    frame["world_onsets3"] = frame["year"].map(world)
    frame["battledeaths_x_polkilling"] = frame["battledeaths.log2"] * frame["pol_killing_approved"]
    frame["battledeaths_x_discrimpop"] = frame["battledeaths.log2"] * frame["discrimpop"]
    frame["battledeaths_x_repression"] = frame["battledeaths.log2"] * frame["repress_civilsoc"]
    frame["ongoing_x_repression"] = frame["mk_ongoing_count_log2"] * frame["repress_civilsoc"]
    return frame.drop(columns=["_region", "_ongoing", "_onset", "_onsets3", "_battle"]).sort_index()
