"""``tocsin-enet``: Tocsin's default forecast model.

A penalised logistic regression like EWP's, on the 39 EWP predictors plus
backward-looking change and history features (tocsin.analysis.forecast.features) and
violence by type with its neighbours' (tocsin.analysis.forecast.violence).
Its penalty (strength 0.04, L1 share 0.2, on standardised features) was fixed once on
backtest origins up to 2005 only, so each fit is a single solve rather than a
cross-validated path. Engineered features missing for a country's first years count as
"no change" (0). The candidates compared and the selection rule are in docs/forecast.md
and ``bench/forecast.py --selection`` reproduces them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from glum import GeneralizedLinearRegressor
from pydantic import Field

from tocsin.analysis.forecast.base import BASELINE, MODELS, ForecastModel, single_threaded
from tocsin.analysis.forecast.features import CONTEXT_COLUMNS, ensure_features, feature_columns
from tocsin.analysis.forecast.violence import violence_columns
from tocsin.plugins import PluginSettings
from tocsin.sources.ewp import PREDICTORS


class TocsinEnetSettings(PluginSettings):
    """Penalty fixed once on backtest origins up to 2005 (see docs/forecast.md)."""

    alpha: float = Field(0.04, gt=0, description="Strength of the elastic-net penalty.")
    l1_ratio: float = Field(0.2, ge=0, le=1, description="Lasso share of the elastic net.")
    context: bool = Field(
        False, description="Add episode-history, regional and interaction features."
    )
    violence: bool = Field(
        True, description="Add UCDP violence-by-type features (own and neighbours')."
    )


@MODELS.register
class TocsinEnet(ForecastModel):
    """Elastic net on EWP predictors plus change and history features (default)."""

    name = "tocsin-enet"
    version = "3.1"  # 3.1: per-capita deaths by type instead of raw deaths
    summary = "Elastic net on EWP predictors, recent changes, onset history, violence by type"
    Settings = TocsinEnetSettings
    settings: TocsinEnetSettings
    # The penalty was chosen for the two-year outcome; refitted on the rarer one-year
    # outcome it shrinks almost every coefficient to zero (flat one-year risks).
    one_year_method = "hazard"

    def __init__(self, settings: TocsinEnetSettings | None = None) -> None:
        super().__init__(settings)
        self._model: GeneralizedLinearRegressor | None = None
        self._means: np.ndarray = np.zeros(0)
        self.features = feature_columns()
        if self.settings.context:
            self.features += list(CONTEXT_COLUMNS)
        if self.settings.violence:
            self.features += violence_columns()

    def required_columns(self) -> list[str]:
        """The 39 EWP predictors must be present; engineered ones may be missing."""
        return list(PREDICTORS)

    def _design(self, rows: pd.DataFrame) -> np.ndarray:
        # Features are computed over whole country histories (service.load_panel does it
        # once); computing them here is correct only for rows with their history.
        rows = ensure_features(rows, context=self.settings.context)
        # Missing violence data enters as 0 beside its indicator ``ucdp.missing`` (violence.py).
        return np.nan_to_num(rows[self.features].to_numpy(float))

    def fit(self, panel: pd.DataFrame) -> TocsinEnet:
        """Fit with the fixed penalty on the complete-case rows of ``panel``."""
        s = self.settings
        rows = self.training_rows(panel)
        design = self._design(rows)
        self._model = GeneralizedLinearRegressor(
            family="binomial", alpha=s.alpha, l1_ratio=s.l1_ratio, scale_predictors=True
        )
        self._means = design.mean(axis=0)
        with single_threaded():
            self._model.fit(design, rows[self.outcome].to_numpy(float))
        return self

    def _fitted(self) -> GeneralizedLinearRegressor:
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
