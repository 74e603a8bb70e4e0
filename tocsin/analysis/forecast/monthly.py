"""Monthly update of the yearly forecast from event data, between yearly releases.

The yearly forecast from base year T is the risk of an onset in T+1 or T+2. During
T+1, events come in month by month (UCDP GED / Candidate events, ACLED, in the events
store). The update moves the two-year risk on the log-odds scale by the one-sided
violence recorded so far this year, at an annual rate:

    logit(p') = logit(p) + SLOPE * log2(1 + deaths so far * 12 / months)

``SLOPE`` was estimated once, out of sample, on backtest origins up to 2005 only (base
years up to 2007, their outcomes to 2009): a logistic
regression of the two-year outcome on the backtest's yearly risk (as an offset) and the
next year's one-sided deaths from UCDP's country-year file (``bench/forecast.py
--monthly`` re-estimates it and evaluates the update on monthly origins with GED
files). A country with no one-sided deaths so far keeps its yearly risk. Open alerts are
shown beside the figure but do not move it: there is no history of alerts from which
to estimate, out of sample, how much they should.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from tocsin.analysis.forecast.base import logit

# Per log2 unit of annualised one-sided deaths; fitted on base years <= 2007 on the
# forecasts of tocsin-ensemble 2.1 (2.0: 0.064, 1.0: 0.078).
SLOPE = 0.065


@dataclass(frozen=True)
class MonthlyUpdate:
    """The yearly risks updated with events up to the end of ``through`` (a month)."""

    through: date  # first day of the last month counted
    table: pd.DataFrame  # code, risk_2yr, one_sided_deaths, risk_updated, rank, rank_updated

    @property
    def label(self) -> str:
        """How the figure is labelled for users."""
        return f"updated with events to {self.through:%Y-%m}"


def one_sided_so_far(events: pd.DataFrame, year: int, month: int) -> pd.Series:
    """One-sided deaths per country code from 1 January to the end of ``month``.

    ``events`` has the events store's columns: country_code, event_date, category
    ("one-sided" for UCDP type 3) or against_civilians, fatalities_best.
    """
    dates = pd.to_datetime(events["event_date"])
    civilians = (
        events["against_civilians"].astype(bool)
        if "against_civilians" in events
        else events["category"] == "one-sided"
    )
    window = (dates.dt.year == year) & (dates.dt.month <= month) & civilians
    return events[window].groupby("country_code")["fatalities_best"].sum(min_count=1).fillna(0)


def update_risks(
    risk: pd.Series, deaths: pd.Series, months: int, slope: float = SLOPE
) -> pd.Series:
    """Yearly two-year risks (indexed by country) moved by deaths so far this year."""
    if not 1 <= months <= 12:
        raise ValueError(f"months must be 1-12, not {months}")
    annual = deaths.reindex(risk.index).fillna(0.0) * 12 / months
    moved = logit(risk.to_numpy(float)) + slope * np.log2(1 + annual.to_numpy(float))
    return pd.Series(1 / (1 + np.exp(-moved)), index=risk.index, name="risk_updated")


def monthly_update(
    yearly: pd.DataFrame, events: pd.DataFrame, year: int, month: int, slope: float = SLOPE
) -> MonthlyUpdate:
    """Update a stored yearly forecast (``code``, ``risk_2yr``; base year ``year`` - 1)
    with the events of ``year`` to the end of ``month``."""
    deaths = one_sided_so_far(events, year, month)
    risk = yearly.set_index("code")["risk_2yr"]
    updated = update_risks(risk, deaths, month, slope)
    table = pd.DataFrame(
        {
            "code": risk.index,
            "risk_2yr": risk.to_numpy(),
            "one_sided_deaths": deaths.reindex(risk.index).fillna(0).to_numpy(),
            "risk_updated": updated.to_numpy(),
        }
    )
    table["rank"] = table["risk_2yr"].rank(ascending=False, method="min").astype(int)
    table["rank_updated"] = table["risk_updated"].rank(ascending=False, method="min").astype(int)
    return MonthlyUpdate(date(year, month, 1), table.sort_values("rank_updated", ignore_index=True))


def fit_slope(base: pd.DataFrame, next_year_deaths: pd.Series) -> float:
    """Estimate ``SLOPE``: logistic regression of ``mk_onset_1or2`` on log2(1 + one-sided
    deaths in T+1) with the yearly risk's log-odds as an offset.

    ``base`` holds backtest forecasts (``risk``, ``mk_onset_1or2``), ``next_year_deaths``
    the matching deaths in T+1 (aligned on ``base``'s index; missing rows are dropped).
    """
    from glum import GeneralizedLinearRegressor

    rows = base.assign(deaths=next_year_deaths).dropna(subset=["mk_onset_1or2", "deaths"])
    x = np.log2(1 + rows["deaths"].to_numpy(float)).reshape(-1, 1)
    offset = logit(rows["risk"].to_numpy(float))
    model = GeneralizedLinearRegressor(family="binomial", alpha=0, fit_intercept=False)
    model.fit(x, rows["mk_onset_1or2"].to_numpy(float), offset=offset)
    return float(model.coef_[0])
