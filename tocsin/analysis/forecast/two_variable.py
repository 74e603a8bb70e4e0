"""``ewp-two-variable``: EWP's two-variable model, infant mortality and ongoing mass killing.

A logistic regression on two predictors (square root of infant mortality, log2 count of
ongoing mass killings), which EWP reports catches onsets the full model ranks low
(Central African Republic 2013, Côte d'Ivoire 2010). A tiny ridge penalty only keeps
the solve stable. It scores the same country-years as the other models (complete EWP
predictors), so their rankings are comparable.
"""

from __future__ import annotations

from pydantic import Field

from tocsin.analysis.forecast.base import MODELS
from tocsin.analysis.forecast.tocsin_enet import TocsinEnet, TocsinEnetSettings

TWO_VARIABLES = ["un_imr_sqrt", "mk_ongoing_count_log2"]


class TwoVariableSettings(TocsinEnetSettings):
    """A tiny ridge penalty: the model is in effect unpenalised."""

    alpha: float = Field(1e-4, gt=0, description="Strength of the (ridge) penalty.")
    l1_ratio: float = Field(0.0, ge=0, le=1, description="Lasso share of the penalty.")
    context: bool = Field(False, description="Add context features (off: two variables).")
    violence: bool = Field(False, description="Add violence features (off: two variables).")


@MODELS.register
class TwoVariable(TocsinEnet):
    """Logistic regression on infant mortality and ongoing mass killings."""

    name = "ewp-two-variable"
    version = "1.0"
    summary = "EWP's two-variable model: infant mortality + ongoing mass killings"
    Settings = TwoVariableSettings
    settings: TwoVariableSettings

    def __init__(self, settings: TwoVariableSettings | None = None) -> None:
        super().__init__(settings)
        self.features = list(TWO_VARIABLES)
