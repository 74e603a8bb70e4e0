"""The forecast-model plug-in interface.

A model turns the country-year panel into a risk of mass-killing onset in the two
years after each row's year (outcome ``mk_onset_1or2``). Contract, checked for every
registered model by ``tests/conformance/test_forecast_models.py``:

- ``fit(panel)`` uses only the rows given (the backtest passes rows up to year T) and
  returns ``self``; fitting twice on the same rows gives the same model.
- ``predict_risk(panel)`` returns one probability in [0, 1] per row it can score (rows
  missing a required predictor are dropped), indexed like ``panel``.
- ``contributions(panel)`` returns per-row, per-feature contributions to the log-odds
  (plus a ``(baseline)`` column) whose row sums equal the predicted log-odds.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import ClassVar

import numpy as np
import pandas as pd
from threadpoolctl import ThreadpoolController

from tocsin.plugins import Plugin, Registry

OUTCOME = "mk_onset_1or2"
DEFAULT_MODEL = "tocsin-ensemble"
# Defaults of earlier releases, newest first: a database whose forecasts were stored by
# one of them keeps showing those until the new default's forecasts are stored.
PREVIOUS_DEFAULTS: tuple[str, ...] = ("tocsin-enet",)
BASELINE = "(baseline)"


class ForecastModel(Plugin):
    """Base class of forecast models. Subclasses set ``name``, ``version``, ``summary``."""

    version: ClassVar[str] = "1"
    # True: the backtest fits several origins at once in threads, one thread each (good
    # for single solves). False: origins one after another, the model using ``n_jobs``
    # processes itself (good for cross-validation paths, whose Python loops hold the GIL).
    parallel_origins: ClassVar[bool] = True
    # How one-year risks are made: "refit" fits the same model on the next-year outcome
    # (EWP's way); "hazard" converts the two-year risk assuming a constant yearly hazard,
    # 1 - sqrt(1 - p2), for models whose settings were chosen for the two-year outcome only.
    one_year_method: ClassVar[str] = "refit"
    n_jobs: int = 2
    outcome: str = OUTCOME  # the service sets "mk_onset_1" for one-year risks

    @abstractmethod
    def required_columns(self) -> list[str]:
        """Panel columns a row needs (non-missing) to be scored."""

    @abstractmethod
    def fit(self, panel: pd.DataFrame) -> ForecastModel:
        """Fit on the complete-case rows of ``panel`` with a known outcome."""

    @abstractmethod
    def predict_risk(self, panel: pd.DataFrame) -> pd.Series:
        """Risk of onset in the next two years for each scorable row."""

    @abstractmethod
    def contributions(self, panel: pd.DataFrame) -> pd.DataFrame:
        """Per-feature log-odds contributions for each scorable row (with a baseline column)."""

    def scorable(self, panel: pd.DataFrame) -> pd.DataFrame:
        """The rows with every required column present."""
        return panel.dropna(subset=self.required_columns())

    def training_rows(self, panel: pd.DataFrame) -> pd.DataFrame:
        """Complete-case rows with a known outcome."""
        return self.scorable(panel).dropna(subset=[self.outcome])


@contextmanager
def single_threaded() -> Iterator[None]:
    """Run numerical libraries (OpenMP, BLAS) on one thread.

    The panel is small: a second thread per fit gains little and, on a busy machine or
    with one fit per core, spin-waiting OpenMP threads make a fit several times slower.
    Parallelism comes from fitting several origins at once instead (backtest.py).
    The libraries are looked up once per process (a lookup scans every loaded library).
    """
    with _controller().limit(limits=1):
        yield


@cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()


def logit(p: np.ndarray) -> np.ndarray:
    """Log-odds of probabilities (clipped away from 0 and 1)."""
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return np.log(p / (1 - p))


MODELS: Registry[ForecastModel] = Registry("forecast model")
