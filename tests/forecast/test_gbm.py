"""The boosted-tree member's optional monotone constraints."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.conformance.test_forecast_models import synthetic_panel
from tocsin.analysis.forecast.features import add_features
from tocsin.analysis.forecast.gbm import TocsinGbm, TocsinGbmSettings


def inverted_u_panel() -> pd.DataFrame:
    """Onsets most likely at middling battle deaths: unconstrained trees learn a fall."""
    frame = synthetic_panel(countries=60)
    rng = np.random.default_rng(11)
    signal = 1.0 - 1.5 * frame["battledeaths.log2"] ** 2
    frame["mk_onset"] = (rng.random(len(frame)) < 1 / (1 + np.exp(-signal))).astype(float)
    grouped = frame.groupby("ewp_name")["mk_onset"]
    frame["mk_onset_1or2"] = pd.concat([grouped.shift(-1), grouped.shift(-2)], axis=1).max(
        axis=1, skipna=False
    )
    # Features over whole histories first, so only the level varies in the test rows.
    return add_features(frame)


def risk_along_battle_deaths(monotone: bool) -> np.ndarray:
    panel = inverted_u_panel()
    # The outcome is the onset one or two years later: the level that predicts it is the
    # same country's, which moves slowly (synthetic_panel: a base plus small noise).
    model = TocsinGbm(TocsinGbmSettings(monotone=monotone)).fit(panel[panel["year"] <= 2005])
    row = panel[panel["year"] == 2008].iloc[[0]]
    grid = np.linspace(-3, 3, 25)
    rows = row.loc[row.index.repeat(len(grid))].reset_index(drop=True)
    rows["battledeaths.log2"] = grid
    return model.predict_risk(rows).to_numpy()


@pytest.mark.parametrize("monotone", [True, False])
def test_only_the_monotone_model_keeps_risk_rising_with_battle_deaths(monotone: bool) -> None:
    falls = np.diff(risk_along_battle_deaths(monotone)) < -1e-12
    assert falls.any() != monotone
