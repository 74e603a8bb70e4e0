"""``tocsin-gbm``: gradient-boosted trees (LightGBM), the member that learns interactions.

Same inputs as ``tocsin-enet`` (EWP predictors, engineered changes and history, violence
by type), but trees split on combinations of them (e.g. violence only matters where
political killings are approved) and route missing violence data themselves. Shallow
trees, strong shrinkage and a minimum leaf size keep it from memorising the few onsets;
the settings were fixed on backtest origins up to 2005 (docs/forecast.md). Its
contributions are LightGBM's exact per-feature SHAP values on the log-odds scale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from pydantic import Field

from tocsin.analysis.forecast.base import BASELINE, MODELS, ForecastModel, single_threaded
from tocsin.analysis.forecast.features import ensure_features, feature_columns
from tocsin.analysis.forecast.violence import violence_columns
from tocsin.plugins import PluginSettings
from tocsin.sources.ewp import PREDICTORS

if TYPE_CHECKING:
    import lightgbm


class TocsinGbmSettings(PluginSettings):
    """Fixed on origins up to 2005 (docs/forecast.md)."""

    trees: int = Field(120, ge=1, description="Boosting rounds.")
    learning_rate: float = Field(0.05, gt=0, le=1, description="Shrinkage of each tree.")
    leaves: int = Field(8, ge=2, description="Most leaves per tree.")
    min_leaf: int = Field(40, ge=1, description="Fewest country-years in a leaf.")
    subsample: float = Field(0.8, gt=0, le=1, description="Share of rows each tree sees.")
    colsample: float = Field(0.5, gt=0, le=1, description="Share of predictors each tree sees.")
    seed: int = Field(17, description="Random seed (results are reproducible).")
    monotone: bool = Field(
        False,
        description="Risk may only rise with deaths, ongoing killings and infant mortality, "
        "and only fall with years since a spike of violence.",
    )


# Features whose effect on risk has a known sign: deaths and ongoing killings raise risk,
# years since the last spike of violence lower it (used when ``monotone`` is set).
MONOTONE = {
    **dict.fromkeys(
        [
            "battledeaths.log2",
            "battledeaths.max3",
            "mk_ongoing_count_log2",
            "un_imr_sqrt",
            *(f"{t}.pc" for t in ("os", "ns", "sb")),
            *(f"{t}.log2" for t in ("nb_os", "nb_ns", "nb_sb")),
        ],
        1,
    ),
    **dict.fromkeys([f"{t}.since_spike" for t in ("os", "ns", "sb")], -1),
}


@MODELS.register
class TocsinGbm(ForecastModel):
    """LightGBM boosted trees on the same features as tocsin-enet."""

    name = "tocsin-gbm"
    version = "1.1"  # 1.1: per-capita deaths by type instead of raw deaths
    summary = "Boosted trees (LightGBM) on the same features: learns interactions"
    Settings = TocsinGbmSettings
    settings: TocsinGbmSettings
    one_year_method = "hazard"

    def __init__(self, settings: TocsinGbmSettings | None = None) -> None:
        super().__init__(settings)
        self._booster: lightgbm.Booster | None = None
        self.features = [*feature_columns(), *violence_columns()]

    def required_columns(self) -> list[str]:
        """The 39 EWP predictors (scores the same country-years as the other models)."""
        return list(PREDICTORS)

    def _design(self, rows: pd.DataFrame) -> np.ndarray:
        return ensure_features(rows)[self.features].to_numpy(float)

    def fit(self, panel: pd.DataFrame) -> TocsinGbm:
        """Boost on the complete-case rows of ``panel``."""
        import lightgbm

        s = self.settings
        rows = self.training_rows(panel)
        params = {
            "objective": "binary",
            "learning_rate": s.learning_rate,
            "num_leaves": s.leaves,
            "min_data_in_leaf": s.min_leaf,
            "bagging_fraction": s.subsample,
            "bagging_freq": 1,
            "feature_fraction": s.colsample,
            "seed": s.seed,
            "deterministic": True,
            "force_row_wise": True,
            "num_threads": 1,
            "max_bin": 63,
            "verbosity": -1,
        }
        if s.monotone:
            params["monotone_constraints"] = [MONOTONE.get(f, 0) for f in self.features]
        data = lightgbm.Dataset(
            self._design(rows), rows[self.outcome].to_numpy(float), free_raw_data=True
        )
        with single_threaded():
            self._booster = lightgbm.train(params, data, num_boost_round=s.trees)
        return self

    def _raw(self, rows: pd.DataFrame, contrib: bool = False) -> np.ndarray:
        if self._booster is None:
            raise RuntimeError(f"{self.name}: fit the model before predicting")
        with single_threaded():
            return np.asarray(
                self._booster.predict(
                    self._design(rows), raw_score=True, pred_contrib=contrib, num_threads=1
                )
            )

    def predict_risk(self, panel: pd.DataFrame) -> pd.Series:
        """Predicted two-year onset risk."""
        rows = self.scorable(panel)
        if rows.empty:
            return pd.Series(dtype=float, name="risk")
        risk = 1 / (1 + np.exp(-self._raw(rows)))
        return pd.Series(risk, index=rows.index, name="risk")

    def contributions(self, panel: pd.DataFrame) -> pd.DataFrame:
        """SHAP values per feature; the last column LightGBM returns is the baseline."""
        rows = self.scorable(panel)
        if rows.empty:
            return pd.DataFrame(columns=[BASELINE, *self.features], dtype=float)
        parts = self._raw(rows, contrib=True)
        frame = pd.DataFrame(parts[:, :-1], index=rows.index, columns=self.features)
        frame.insert(0, BASELINE, parts[:, -1])
        return frame
