"""Engineered features look only backwards and mean what their names say."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.conformance.test_forecast_models import synthetic_panel
from tocsin.analysis.forecast.features import (
    CONTEXT_COLUMNS,
    NEVER,
    add_context_features,
    feature_columns,
)


def test_features_of_a_year_ignore_later_years() -> None:
    panel = synthetic_panel(countries=12, years=range(1990, 2006))
    full = add_context_features(panel)
    cut = add_context_features(panel[panel["year"] <= 1998])
    columns = [*feature_columns(), *CONTEXT_COLUMNS]
    early = full[full["year"] <= 1998][columns]
    pd.testing.assert_frame_equal(early, cut[columns].loc[early.index])


def test_history_and_region_features_by_hand() -> None:
    years = range(2000, 2006)
    panel = synthetic_panel(countries=3, years=years)
    panel["mk_onset"] = 0.0
    panel["mk_ongoing_count_log2"] = 0.0
    for region in ("reg.na", "reg.eap", "reg.sca", "reg.mna", "reg.eur"):
        panel[region] = 0.0  # all three in one region
    a = panel["ewp_name"] == "Country 0"
    panel.loc[a & (panel["year"] == 2001), "mk_onset"] = 1.0
    panel.loc[a & panel["year"].between(2001, 2002), "mk_ongoing_count_log2"] = 1.0
    frame = add_context_features(panel).set_index(["ewp_name", "year"])
    since = frame.loc["Country 0", "years_since_onset.log2"]
    assert since[2000] == np.log2(1 + NEVER) and since[2001] == 0 and since[2004] == np.log2(4)
    ended = frame.loc["Country 0", "years_since_episode_end.log2"]
    assert ended[2002] == np.log2(1 + NEVER) and ended[2003] == 0 and ended[2005] == np.log2(3)
    # the others see Country 0's episode as regional context; Country 0 does not see itself
    assert frame.loc[("Country 1", 2001), "region_ongoing.log2"] == 1.0
    assert frame.loc[("Country 0", 2001), "region_ongoing.log2"] == 0.0
    assert frame.loc[("Country 2", 2003), "region_onsets3.log2"] == 1.0
    assert frame.loc[("Country 2", 2004), "region_onsets3.log2"] == 0.0
    assert frame.loc[("Country 1", 2002), "world_onsets3"] == 1.0
