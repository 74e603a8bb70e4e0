"""``tocsin-ensemble``: the default model, a weighted average of complementary members.

Members: ``tocsin-enet`` (full elastic net), ``tocsin-gbm`` (boosted trees, interactions)
and ``ewp-two-variable``. The ensemble averages their log-odds with fixed weights (a
geometric pooling of the odds, close to averaging probabilities for small risks), so
its contributions are exactly the weighted sums of the members' contributions. The
weights were chosen on backtest origins up to 2005 only (``bench/forecast.py
--selection``; docs/forecast.md).
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


class EnsembleSettings(PluginSettings):
    """Member weights on the log-odds scale (normalised to sum to 1)."""

    weights: tuple[float, float, float] = Field(
        (0.5, 0.25, 0.25),
        description="Weights of tocsin-enet, tocsin-gbm and ewp-two-variable (chosen on "
        "origins <= 2005).",
    )


def pool(risks: list[pd.Series], weights: np.ndarray) -> pd.Series:
    """Weighted mean of the members' log-odds, as a probability."""
    log_odds = sum(w * logit(r.to_numpy()) for w, r in zip(weights, risks, strict=True))
    return pd.Series(1 / (1 + np.exp(-np.asarray(log_odds))), index=risks[0].index, name="risk")


@MODELS.register
class TocsinEnsemble(ForecastModel):
    """Weighted log-odds average of tocsin-enet, tocsin-gbm and ewp-two-variable."""

    name = "tocsin-ensemble"
    version = "1.0"
    summary = "Default: average of elastic net, boosted trees and the two-variable model"
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
        self.models = [MODELS.create(m) for m in self.members]

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
        """Pooled two-year onset risk."""
        active = self._active()
        return pool([m.predict_risk(panel) for m, _ in active], np.array([w for _, w in active]))

    def contributions(self, panel: pd.DataFrame) -> pd.DataFrame:
        """Weighted sums of the members' contributions (features they share add up)."""
        total: pd.DataFrame | None = None
        for model, weight in self._active():
            part = model.contributions(panel) * weight
            total = part if total is None else total.add(part, fill_value=0.0)
        assert total is not None
        return total[[BASELINE, *[c for c in total.columns if c != BASELINE]]]
