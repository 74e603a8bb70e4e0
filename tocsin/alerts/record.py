"""The track record: did past alerts come before what they warn of?

Outcomes, defined from the phenomenon, never from the signals:

- **EWP onset**: the start of a new mass-killing episode in a country-year (the Early
  Warning Project's ``mk_onset``). At yearly resolution its date is 1 January of the year.
- **One-sided spike**: the first month in which a country's civilian deaths reach
  ``spike_deaths`` (configurable) after ``window`` months below it.

An outcome is **warned** when an alert of the signal started 0 to ``window`` months
before it; the **lead** is the number of months from the alert's first month to the
outcome. An alert is a **hit** when an outcome follows within ``window`` months, else a
**false alarm**. Alerts per country-year are counted over the country-years the alert
data cover. Everything here works on plain frames so that the benchmark
(``bench/alerts.py``) and the service (``track_record``) score alike.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.analysis.events.series import events_frame, monthly
from tocsin.store.models import Alert, Country, PanelValue

WINDOW_MONTHS = 12
SPIKE_DEATHS = 100.0  # civilian deaths in a month that make a one-sided-violence spike


@dataclass(frozen=True)
class SignalRecord:
    """How one signal (or rule) did against one kind of outcome."""

    signal: str
    outcome: str
    outcomes: int
    warned: int
    missed: int
    median_lead: float | None
    alerts: int
    hits: int
    false_alarms: int
    country_years: int

    @property
    def share_warned(self) -> float | None:
        """Share of outcomes with an alert 0-12 months before."""
        return self.warned / self.outcomes if self.outcomes else None

    @property
    def precision(self) -> float | None:
        """Share of alerts followed by an outcome within the window."""
        return self.hits / self.alerts if self.alerts else None

    @property
    def alerts_per_country_year(self) -> float | None:
        """Alerts per country-year covered."""
        return self.alerts / self.country_years if self.country_years else None

    def as_dict(self) -> dict[str, object]:
        """For the API and CSV: the counts and the derived rates."""
        return {
            **asdict(self),
            "share_warned": self.share_warned,
            "precision": self.precision,
            "alerts_per_country_year": self.alerts_per_country_year,
        }


def episode_starts(firings: pd.DataFrame, quiet_months: int = 3) -> pd.DataFrame:
    """Alerts as the engine opens them from monthly firings (``key, month``): a firing
    starts an alert unless the same key fired within the previous ``quiet_months``."""
    if firings.empty:
        return firings
    out = []
    for _key, part in firings.sort_values("month").groupby("key"):
        last = None
        for row in part.itertuples():
            if last is None or (row.month - last).n > quiet_months:
                out.append(row._asdict())
            last = row.month
    return pd.DataFrame(out).drop(columns="Index")


def spike_onsets(series: pd.DataFrame, threshold: float = SPIKE_DEATHS) -> pd.DataFrame:
    """One-sided spikes (``code, month``) from monthly ``code, month, civilian_fatalities``
    (zero-filled): months at or over ``threshold`` after ``WINDOW_MONTHS`` below it."""
    rows = []
    for code, part in series.sort_values("month").groupby("code"):
        values = part.set_index("month")["civilian_fatalities"]
        over = values >= threshold
        for month in values.index[over]:
            before = values[(values.index < month) & (values.index >= month - WINDOW_MONTHS)]
            if len(before) == WINDOW_MONTHS and not (before >= threshold).any():
                rows.append({"code": code, "month": month})
    return pd.DataFrame(rows, columns=["code", "month"])


def score(
    signal: str,
    alerts: pd.DataFrame,
    outcomes: pd.DataFrame,
    outcome: str,
    country_years: int,
    window: int = WINDOW_MONTHS,
) -> SignalRecord:
    """Score alerts (``code, month``: each alert's first month) against outcomes
    (``code, month``)."""
    leads, warned = [], 0
    by_code = {c: sorted(p["month"]) for c, p in alerts.groupby("code")} if len(alerts) else {}
    for row in outcomes.itertuples():
        before = [m for m in by_code.get(row.code, []) if 0 <= (row.month - m).n <= window]
        if before:
            warned += 1
            leads.append((row.month - min(before)).n)
    hits = 0
    outcome_months = (
        {c: list(p["month"]) for c, p in outcomes.groupby("code")} if len(outcomes) else {}
    )
    for row in alerts.itertuples():
        if any(0 <= (m - row.month).n <= window for m in outcome_months.get(row.code, [])):
            hits += 1
    return SignalRecord(
        signal=signal,
        outcome=outcome,
        outcomes=len(outcomes),
        warned=warned,
        missed=len(outcomes) - warned,
        median_lead=float(pd.Series(leads).median()) if leads else None,
        alerts=len(alerts),
        hits=hits,
        false_alarms=len(alerts) - hits,
        country_years=country_years,
    )


def onsets_from_panel(session: Session) -> pd.DataFrame:
    """EWP mass-killing onsets as ``code, month`` (January of the onset year)."""
    query = (
        select(Country.code, PanelValue.year)
        .join(Country, Country.id == PanelValue.country_id)
        .where(PanelValue.indicator == "mk_onset", PanelValue.value == 1)
    )
    rows = [(c, pd.Period(f"{y}-01", freq="M")) for c, y in session.execute(query)]
    return pd.DataFrame(rows, columns=["code", "month"])


def track_record(
    session: Session, spike_deaths: float = SPIKE_DEATHS, window: int = WINDOW_MONTHS
) -> list[SignalRecord]:
    """Per signal, the stored alerts scored against EWP onsets and one-sided spikes in the
    countries and months the stored events cover (the /alerts/record table)."""
    codes = dict(session.execute(select(Country.id, Country.code)).all())
    frame = events_frame(session)
    if frame.empty:
        return []
    series = monthly(frame)
    series["code"] = series["country_id"].map(codes)
    first, last = series["month"].min(), series["month"].max()
    country_years = int(series.groupby("code")["month"].agg(lambda m: m.dt.year.nunique()).sum())
    covered = set(series["code"])
    spikes = spike_onsets(series, spike_deaths)
    onsets = onsets_from_panel(session)
    onsets = onsets[
        onsets["code"].isin(covered)
        & (onsets["month"] - window >= first)
        & (onsets["month"] <= last + 1)
    ]
    stored = session.execute(
        select(Alert.signal, Country.code, Alert.since).join(
            Country, Country.id == Alert.country_id
        )
    ).all()
    alerts = pd.DataFrame(
        [(s, c, pd.Period(d, freq="M")) for s, c, d in stored if d is not None],
        columns=["signal", "code", "month"],
    )
    out = []
    for signal, part in alerts.groupby("signal"):
        part = part[part["code"].isin(covered)]
        for name, outcomes in (("EWP onset", onsets), ("one-sided spike", spikes)):
            out.append(score(str(signal), part, outcomes, name, country_years, window))
    return out


def record_chart(records: list[SignalRecord]) -> bytes:
    """A bar chart (SVG) of the share of outcomes warned per signal and outcome, with the
    alerts per country-year beside it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 0.5 + 0.45 * max(len(records), 1)))
    labels = [f"{r.signal} / {r.outcome}" for r in records]
    left.barh(labels, [r.share_warned or 0 for r in records], color="#b2182b")
    left.set_xlim(0, 1)
    left.set_xlabel("share of outcomes warned 0-12 months before")
    right.barh(labels, [r.alerts_per_country_year or 0 for r in records], color="#4d4d4d")
    right.set_yticks([])
    right.set_xlabel("alerts per country-year")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    return buffer.getvalue()
