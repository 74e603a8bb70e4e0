"""``tocsin-ensemble``: the default model, a recalibrated average of complementary members.

Members: ``tocsin-enet`` (full elastic net, penalty 0.024), ``tocsin-gbm`` (boosted trees,
60 rounds: interactions) and ``ewp-two-variable``. The ensemble averages their log-odds
with fixed weights (a geometric pooling of the odds, close to averaging probabilities
for small risks), then recalibrates: risk = sigmoid(a + b z) for the pooled log-odds z.
Averaging models that disagree, and the elastic net's penalty, squeeze the pooled risks
towards the mean; b > 1 spreads them out again. The member settings, the weights and
(a, b) were all fixed on backtest origins up to 2005 only: (a, b) is the logistic
regression of the two-year outcome on the pooled log-odds of that window's out-of-sample
forecasts (``bench/forecast.py --selection``; docs/forecast.md). Contributions stay
exact: each is b times the weighted sum of the members' contributions, and a is added to
the baseline.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
from pydantic import Field

from tocsin.analysis.forecast.base import BASELINE, MODELS, ForecastModel, logit
from tocsin.plugins import PluginSettings
from tocsin.sources.ewp import PREDICTORS

MEMBERS: tuple[str, ...] = ("tocsin-enet", "tocsin-gbm", "ewp-two-variable")
# Members' settings where they differ from the stand-alone models' (chosen on origins <= 2005).
MEMBER_SETTINGS: dict[str, dict[str, object]] = {
    "tocsin-enet": {"alpha": 0.024},
    "tocsin-gbm": {"trees": 60, "learning_rate": 0.1},
}


class EnsembleSettings(PluginSettings):
    """Member weights on the log-odds scale (normalised to sum to 1) and recalibration."""

    weights: tuple[float, float, float] = Field(
        (0.5, 0.25, 0.25),
        description="Weights of tocsin-enet, tocsin-gbm and ewp-two-variable (chosen on "
        "origins <= 2005).",
    )
    intercept: float = Field(
        2.19,
        ge=-20,
        le=20,
        description="Recalibration a in sigmoid(a + b z) (fitted on origins <= 2005).",
    )
    slope: float = Field(
        1.78, gt=0, description="Recalibration b in sigmoid(a + b z); 1 with a = 0: none."
    )


def make_member(name: str) -> ForecastModel:
    """A fresh member with the ensemble's settings for it."""
    return MODELS.create(name, **MEMBER_SETTINGS.get(name, {}))


def pooled_log_odds(risks: list[pd.Series], weights: np.ndarray) -> np.ndarray:
    """Weighted mean of the members' log-odds."""
    total = sum(w * logit(r.to_numpy()) for w, r in zip(weights, risks, strict=True))
    return np.asarray(total, dtype=float)


def pool(
    risks: list[pd.Series], weights: np.ndarray, intercept: float = 0.0, slope: float = 1.0
) -> pd.Series:
    """Weighted mean of the members' log-odds, recalibrated, as a probability."""
    z = intercept + slope * pooled_log_odds(risks, weights)
    return pd.Series(1 / (1 + np.exp(-z)), index=risks[0].index, name="risk")


def platt(log_odds: np.ndarray, outcome: np.ndarray) -> tuple[float, float]:
    """Intercept and slope of an (unpenalised) logistic regression of outcome on log-odds."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(log_odds.reshape(-1, 1), outcome)
    return float(fitted.intercept_[0]), float(fitted.coef_[0, 0])


@MODELS.register
class TocsinEnsemble(ForecastModel):
    """Recalibrated log-odds average of tocsin-enet, tocsin-gbm and ewp-two-variable."""

    name = "tocsin-ensemble"
    version = "2.1"  # 2.1: members on per-capita deaths by type; recalibration refitted
    summary = "Default: recalibrated average of elastic net, boosted trees, two-variable model"
    Settings = EnsembleSettings
    settings: EnsembleSettings
    one_year_method = "hazard"
    members: ClassVar[tuple[str, ...]] = MEMBERS

    def __init__(self, settings: EnsembleSettings | None = None) -> None:
        super().__init__(settings)
        weights = np.asarray(self.settings.weights, dtype=float)
        if len(weights) != len(self.members) or (weights < 0).any() or weights.sum() <= 0:
            raise ValueError(f"weights must be {len(self.members)} non-negative numbers")
        self.weights = weights / weights.sum()
        self.models = [make_member(m) for m in self.members]

    def required_columns(self) -> list[str]:
        """The 39 EWP predictors, as every member."""
        return list(PREDICTORS)

    def fit(self, panel: pd.DataFrame) -> TocsinEnsemble:
        """Fit every member with a non-zero weight on the same rows."""
        for model, weight in zip(self.models, self.weights, strict=True):
            model.outcome = self.outcome
            if weight > 0:
                model.fit(panel)
        return self

    def _active(self) -> list[tuple[ForecastModel, float]]:
        return [(m, w) for m, w in zip(self.models, self.weights, strict=True) if w > 0]

    def predict_risk(self, panel: pd.DataFrame) -> pd.Series:
        """Recalibrated pooled two-year onset risk."""
        active = self._active()
        s = self.settings
        risks = [m.predict_risk(panel) for m, _ in active]
        return pool(risks, np.array([w for _, w in active]), s.intercept, s.slope)

    def contributions(self, panel: pd.DataFrame) -> pd.DataFrame:
        """Slope x weighted sums of the members' contributions (shared features add up)."""
        total: pd.DataFrame | None = None
        for model, weight in self._active():
            part = model.contributions(panel) * (weight * self.settings.slope)
            total = part if total is None else total.add(part, fill_value=0.0)
        assert total is not None
        total[BASELINE] += self.settings.intercept
        return total[[BASELINE, *[c for c in total.columns if c != BASELINE]]]
