"""``tocsin-enet``: Tocsin's default forecast model.

An elastic-net logistic regression like EWP's, on the 39 EWP predictors plus
backward-looking change and history features (tocsin.analysis.forecast.features), with
the penalty chosen inside each training window by 5-fold cross-validation over a
25-value path. Engineered features missing for a country's first years count as "no
change" (0). The candidates compared, and the rule used to choose this one on backtest
origins up to 2005 only, are in docs/forecast.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from glum import GeneralizedLinearRegressorCV

from tocsin.analysis.forecast.base import BASELINE, MODELS, ForecastModel
from tocsin.analysis.forecast.features import add_features, feature_columns
from tocsin.plugins import PluginSettings
from tocsin.sources.ewp import PREDICTORS


class TocsinEnetSettings(PluginSettings):
    """Settings fixed once on origins up to 2005 (see docs/forecast.md)."""

    l1_ratio: float = 0.5
    n_alphas: int = 25
    min_alpha_ratio: float = 1e-3
    folds: int = 5
    seed: int = 0


@MODELS.register
class TocsinEnet(ForecastModel):
    """Elastic net on EWP predictors plus change and history features (default)."""

    name = "tocsin-enet"
    version = "1.0"
    summary = "Default: elastic net on EWP predictors + recent changes and onset history"
    Settings = TocsinEnetSettings

    def __init__(self, settings: TocsinEnetSettings | None = None) -> None:
        super().__init__(settings)
        self._model: GeneralizedLinearRegressorCV | None = None
        self._means: np.ndarray = np.zeros(0)
        self.features = feature_columns()

    def required_columns(self) -> list[str]:
        """The 39 EWP predictors must be present; engineered ones may be missing."""
        return list(PREDICTORS)

    def _design(self, rows: pd.DataFrame) -> np.ndarray:
        if not set(self.features) <= set(rows.columns):
            rows = add_features(rows)
        return np.nan_to_num(rows[self.features].to_numpy(float))

    def fit(self, panel: pd.DataFrame) -> TocsinEnet:
        """Fit with the penalty chosen by cross-validation inside ``panel``."""
        s = self.settings
        rows = self.training_rows(panel)
        self._model = GeneralizedLinearRegressorCV(
            family="binomial",
            l1_ratio=s.l1_ratio,
            n_alphas=s.n_alphas,
            min_alpha_ratio=s.min_alpha_ratio,
            cv=s.folds,
            scale_predictors=True,
            random_state=s.seed,
            n_jobs=self.n_jobs,
        )
        self._means = np.nanmean(self._design(rows), axis=0)
        self._model.fit(self._design(rows), rows[self.outcome].to_numpy(float))
        return self

    def _fitted(self) -> GeneralizedLinearRegressorCV:
        if self._model is None:
            raise RuntimeError(f"{self.name}: fit the model before predicting")
        return self._model

    def predict_risk(self, panel: pd.DataFrame) -> pd.Series:
        """Predicted two-year onset risk."""
        rows = self.scorable(panel)
        return pd.Series(self._fitted().predict(self._design(rows)), index=rows.index, name="risk")

    def contributions(self, panel: pd.DataFrame) -> pd.DataFrame:
        """coefficient x (value - training mean); the baseline is the average country-year."""
        model = self._fitted()
        rows = self.scorable(panel)
        parts = (self._design(rows) - self._means) * np.asarray(model.coef_)
        frame = pd.DataFrame(parts, index=rows.index, columns=self.features)
        frame.insert(0, BASELINE, float(model.intercept_) + float(self._means @ model.coef_))
        return frame
