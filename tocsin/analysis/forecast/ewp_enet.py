"""``ewp-enet``: a faithful replication of the Early Warning Project 2025 model.

Elastic-net logistic regression (glmnet's alpha = 0.5, i.e. equal L1 and L2 mix) on the
39 EWP predictors, outcome ``mk_onset_1or2``, complete cases; the penalty strength is
chosen by 10-fold cross-validation at minimum deviance over a 100-value path down to
1e-4 of the largest useful penalty, with predictors standardised, as ``cv.glmnet`` does.
glum solves the same objective as glmnet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from glum import GeneralizedLinearRegressorCV
from pydantic import Field

from tocsin.analysis.forecast.base import BASELINE, MODELS, ForecastModel, single_threaded
from tocsin.plugins import PluginSettings
from tocsin.sources.ewp import PREDICTORS


class EwpElasticNetSettings(PluginSettings):
    """Settings of the replication; the defaults are EWP's."""

    l1_ratio: float = Field(0.5, ge=0, le=1, description="Lasso share of the elastic net.")
    n_alphas: int = Field(100, ge=1, description="Penalties on the cross-validation path.")
    min_alpha_ratio: float = Field(
        1e-4, gt=0, lt=1, description="Smallest penalty as a share of the largest."
    )
    folds: int = Field(10, ge=2, description="Cross-validation folds.")
    seed: int = Field(2025, description="Random seed of the fold assignment.")


@MODELS.register
class EwpElasticNet(ForecastModel):
    """EWP 2025's elastic-net logistic regression (replication)."""

    name = "ewp-enet"
    version = "2025.1"
    summary = "Replication of the Early Warning Project 2025 elastic-net model"
    Settings = EwpElasticNetSettings
    settings: EwpElasticNetSettings
    parallel_origins = False  # glum cross-validates the folds in parallel processes

    def __init__(self, settings: EwpElasticNetSettings | None = None) -> None:
        super().__init__(settings)
        self._model: GeneralizedLinearRegressorCV | None = None
        self._means: np.ndarray = np.zeros(0)

    def required_columns(self) -> list[str]:
        """The 39 EWP predictors."""
        return list(PREDICTORS)

    def fit(self, panel: pd.DataFrame) -> EwpElasticNet:
        """Fit the cross-validated elastic net on complete cases."""
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
        self._means = np.nanmean(rows[list(PREDICTORS)].to_numpy(float), axis=0)
        with single_threaded():  # the folds run in parallel processes, each one thread
            self._model.fit(
                rows[list(PREDICTORS)].to_numpy(float), rows[self.outcome].to_numpy(float)
            )
        return self

    def _fitted(self) -> GeneralizedLinearRegressorCV:
        if self._model is None:
            raise RuntimeError(f"{self.name}: fit the model before predicting")
        return self._model

    def predict_risk(self, panel: pd.DataFrame) -> pd.Series:
        """Predicted two-year onset risk."""
        rows = self.scorable(panel)
        risk = self._fitted().predict(rows[list(PREDICTORS)].to_numpy(float))
        return pd.Series(risk, index=rows.index, name="risk")

    def contributions(self, panel: pd.DataFrame) -> pd.DataFrame:
        """coefficient x (value - training mean); the baseline is the average country-year."""
        model = self._fitted()
        rows = self.scorable(panel)
        parts = (rows[list(PREDICTORS)].to_numpy(float) - self._means) * np.asarray(model.coef_)
        frame = pd.DataFrame(parts, index=rows.index, columns=list(PREDICTORS))
        frame.insert(0, BASELINE, float(model.intercept_) + float(self._means @ model.coef_))
        return frame
