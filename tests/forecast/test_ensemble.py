"""The default ensemble: members pooled on the log-odds scale, then recalibrated."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.conformance.test_forecast_models import synthetic_panel
from tocsin.analysis.forecast.base import logit
from tocsin.analysis.forecast.ensemble import (
    MEMBER_SETTINGS,
    EnsembleSettings,
    TocsinEnsemble,
    platt,
    pooled_log_odds,
)


@pytest.fixture(scope="module")
def split() -> tuple[pd.DataFrame, pd.DataFrame]:
    panel = synthetic_panel(countries=40)
    return panel[panel["year"] <= 2005], panel[panel["year"] == 2008]


def test_risk_is_the_recalibrated_pool_of_the_members(
    split: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    train, test = split
    model = TocsinEnsemble().fit(train)
    members = [m.predict_risk(test) for m in model.models]
    z = pooled_log_odds(members, model.weights)
    s = model.settings
    expected = 1 / (1 + np.exp(-(s.intercept + s.slope * z)))
    np.testing.assert_allclose(model.predict_risk(test).to_numpy(), expected, rtol=1e-10)
    # The recalibration spreads risks: the log-odds range is b times the pooled one.
    spread = np.ptp(logit(model.predict_risk(test).to_numpy()))
    assert spread == pytest.approx(s.slope * np.ptp(z), rel=1e-6)


def test_members_run_with_the_ensembles_settings() -> None:
    model = TocsinEnsemble()
    by_name = {m.name: m for m in model.models}
    for name, settings in MEMBER_SETTINGS.items():
        for key, value in settings.items():
            assert getattr(by_name[name].settings, key) == value


def test_without_recalibration_the_pool_is_unchanged(
    split: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    train, test = split
    plain = TocsinEnsemble(EnsembleSettings(intercept=0.0, slope=1.0)).fit(train)
    z = pooled_log_odds([m.predict_risk(test) for m in plain.models], plain.weights)
    np.testing.assert_allclose(logit(plain.predict_risk(test).to_numpy()), z, rtol=1e-8)


def test_platt_recovers_a_known_miscalibration() -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(-3.5, 1.2, size=60_000)
    outcome = (rng.random(z.size) < 1 / (1 + np.exp(-(1.5 + 1.8 * z)))).astype(int)
    intercept, slope = platt(z, outcome)
    assert intercept == pytest.approx(1.5, abs=0.15)
    assert slope == pytest.approx(1.8, abs=0.05)


def test_a_non_positive_slope_is_refused() -> None:
    with pytest.raises(ValueError, match="slope"):
        TocsinEnsemble(EnsembleSettings(slope=0.0))
