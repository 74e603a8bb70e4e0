"""Every registered forecast model honours the same contract (see forecast/base.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from tocsin.analysis.forecast import service  # noqa: F401  (registers the models)
from tocsin.analysis.forecast.base import BASELINE, MODELS, logit
from tocsin.sources.ewp import OUTCOMES, PREDICTORS


def synthetic_panel(
    countries: int = 60, years: range = range(1980, 2011), seed: int = 7
) -> pd.DataFrame:
    """A small panel with the EWP columns where onsets follow three of the predictors."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(countries):
        base = rng.normal(size=len(PREDICTORS))
        for year in years:
            values = base + rng.normal(scale=0.3, size=len(PREDICTORS))
            rows.append(
                {
                    "ewp_name": f"Country {c}",
                    "ccode": 1000 + c,
                    "year": year,
                    **dict(zip(PREDICTORS, values, strict=True)),
                }
            )
    frame = pd.DataFrame(rows)
    signal = (
        1.5 * frame["battledeaths.log2"]
        + 1.0 * frame["repress_civilsoc"]
        + 1.5 * frame["un_imr_sqrt"]
        - 5.0
    )
    frame["mk_onset"] = (rng.random(len(frame)) < 1 / (1 + np.exp(-signal))).astype(float)
    grouped = frame.groupby("ewp_name")["mk_onset"]
    frame["mk_onset_1"] = grouped.shift(-1)
    frame["mk_onset_2"] = grouped.shift(-2)
    frame["mk_onset_1or2"] = frame[["mk_onset_1", "mk_onset_2"]].max(axis=1, skipna=False)
    assert set(OUTCOMES) <= set(frame.columns)
    return frame


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return synthetic_panel()


@pytest.mark.parametrize("name", MODELS.names())
def test_model_contract(name: str, panel: pd.DataFrame) -> None:
    train, test = panel[panel["year"] <= 2005], panel[panel["year"] == 2008]
    model = MODELS.create(name).fit(train)
    risk = model.predict_risk(test)
    assert len(risk) == len(test) and risk.between(0, 1).all()
    assert risk.index.equals(test.index)
    # it learned the signal: risk correlates with the generating predictors
    signal = 1.5 * test["battledeaths.log2"] + test["repress_civilsoc"] + 1.5 * test["un_imr_sqrt"]
    assert np.corrcoef(signal, risk)[0, 1] > 0.5
    # contributions add up to the log-odds
    parts = model.contributions(test)
    assert BASELINE in parts.columns
    np.testing.assert_allclose(parts.sum(axis=1), logit(risk.to_numpy()), atol=1e-6)
    # deterministic: a second fit gives the same risks
    again = MODELS.create(name).fit(train).predict_risk(test)
    np.testing.assert_allclose(again, risk, rtol=1e-6)


@pytest.mark.parametrize("name", MODELS.names())
def test_rows_missing_a_predictor_are_not_scored(name: str, panel: pd.DataFrame) -> None:
    model = MODELS.create(name).fit(panel[panel["year"] <= 2005])
    test = panel[panel["year"] == 2008].copy()
    test.loc[test.index[:5], "discrimpop"] = np.nan
    risk = model.predict_risk(test)
    assert len(risk) == len(test) - 5 and not risk.index.isin(test.index[:5]).any()


@pytest.mark.parametrize("name", MODELS.names())
def test_settings_refuse_unknown_keys(name: str) -> None:
    with pytest.raises(ValidationError):
        MODELS.create(name, not_a_setting=1)
    cls = MODELS.get(name)
    assert cls.summary and cls.version


@pytest.mark.parametrize("name", MODELS.names())
def test_fitting_uses_only_the_rows_given(name: str, panel: pd.DataFrame) -> None:
    """Changing outcomes after the training window must not change the forecast."""
    train_end = 2000
    changed = panel.copy()
    later = changed["year"] > train_end
    changed.loc[later, "mk_onset_1or2"] = 1 - changed.loc[later, "mk_onset_1or2"]
    test = panel[panel["year"] == 2002]
    a = MODELS.create(name).fit(panel[panel["year"] <= train_end]).predict_risk(test)
    b = MODELS.create(name).fit(changed[changed["year"] <= train_end]).predict_risk(test)
    np.testing.assert_allclose(a, b)
