"""Event-based signals: a surge of violence against civilians, and a new area of violence.

**Surge.** For each country and month, the count (civilian fatalities, or events against
civilians) is compared with the same country's previous ``history_months`` months. The
baseline is a negative binomial fitted by the method of moments (it handles the many
zero months and the over-dispersion of conflict counts); with no over-dispersion it is a
Poisson with mean at least 0.5. An alert is raised when the upper-tail probability of
the observed count is below ``alpha``: under a correct baseline that is the false-alarm
rate per country-month. Small counts (below ``min_count``) never alert.

**New area.** A first-level admin unit with events this month and none in the previous
``quiet_months``, in a country whose event record covers that whole quiet period.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal, EvidenceRef
from tocsin.analysis.baseline import tail_probability
from tocsin.analysis.events.series import Measure, events_frame, monthly
from tocsin.plugins import PluginSettings
from tocsin.store.models import Country, Event


def last_full_month(as_of: date) -> pd.Period:
    """The most recent month that has ended on ``as_of``."""
    return pd.Period(as_of, freq="M") - 1


def severity(tail: float, observed: float) -> str:
    """Critical for extreme and large surges; high when very unlikely; else medium."""
    if tail < 1e-4 and observed >= 100:
        return "critical"
    return "high" if tail < 1e-3 else "medium"


def _evidence(
    session: Session, country_id: int, month: pd.Period, admin1: str | None = None
) -> list[EvidenceRef]:
    query = (
        select(Event)
        .where(
            Event.country_id == country_id,
            Event.event_date >= month.start_time.date(),
            Event.event_date <= month.end_time.date(),
        )
        .order_by(Event.fatalities_best.desc().nulls_last(), Event.event_date)
        .limit(10)
    )
    if admin1 is not None:
        query = query.where(Event.admin1 == admin1)
    return [
        EvidenceRef(
            "event",
            str(e.id),
            f"{e.event_date} {e.category}, {e.admin1 or '?'}: "
            f"{e.fatalities_best or 0:.0f} deaths ({e.source} {e.source_id})",
        )
        for e in session.scalars(query)
    ]


class SurgeSettings(PluginSettings):
    """Settings of the surge signal."""

    measure: Measure = Field("civilian_fatalities", description="Monthly count compared.")
    history_months: int = Field(24, ge=1, description="Months of baseline history.")
    min_history_months: int = Field(
        6, ge=1, description="Fewest months of history a country needs to be judged."
    )
    alpha: float = Field(
        0.01, gt=0, lt=1, description="Alert when the upper-tail probability is below this."
    )
    min_count: float = Field(10, ge=0, description="Smaller monthly counts never alert.")


@SIGNALS.register
class CivilianSurge(AlertSignal):
    """A month of violence against civilians far above the country's own history."""

    name = "civilian-surge"
    summary = "Surge in civilian fatalities against the country's own 24-month baseline"
    Settings = SurgeSettings
    settings: SurgeSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Alerts for the last full month before ``as_of``."""
        month = last_full_month(as_of)
        frame = events_frame(session)
        frame = frame[frame["month"] <= month]
        return self.detect_in(session, monthly(frame), month)

    def detect_in(
        self, session: Session | None, series: pd.DataFrame, month: pd.Period
    ) -> list[AlertCandidate]:
        """Alerts for ``month`` from monthly series (also used by the evaluation)."""
        s = self.settings
        codes = dict(session.execute(select(Country.id, Country.code)).all()) if session else {}
        names = dict(session.execute(select(Country.id, Country.name)).all()) if session else {}
        out = []
        for country_id, part in series.groupby("country_id"):
            part = part.set_index("month")[s.measure]
            if month not in part.index:
                continue
            history = part[(part.index < month) & (part.index >= month - s.history_months)]
            observed = float(part[month])
            if len(history) < s.min_history_months or observed < s.min_count:
                continue
            mean, tail = tail_probability(history.to_numpy(float), observed)
            if tail >= s.alpha:
                continue
            name = names.get(country_id, str(country_id))
            label = s.measure.replace("_", " ")
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{country_id}:{s.measure}",
                    title=f"{name}: surge in {label} in {month.strftime('%B %Y')}",
                    summary=(
                        f"{observed:.0f} {label} in {month.strftime('%B %Y')} against a "
                        f"baseline of {mean:.1f} a month over the previous {len(history)} months "
                        f"(chance of this many or more under the baseline: {tail:.2g})."
                    ),
                    severity=severity(tail, observed),
                    country_code=codes.get(country_id),
                    since=month.start_time.date(),
                    period_end=month.end_time.date(),
                    observed=observed,
                    baseline=mean,
                    unusualness=tail,
                    details={
                        "month": str(month),
                        "measure": s.measure,
                        "history_months": len(history),
                    },
                    evidence=_evidence(session, country_id, month) if session else [],
                )
            )
        return out


class NewAreaSettings(PluginSettings):
    """Settings of the new-area signal."""

    quiet_months: int = Field(24, ge=1, description="Months without events before a new area.")
    min_events: int = Field(1, ge=1, description="Fewest events this month in the new area.")


@SIGNALS.register
class NewAreaOfViolence(AlertSignal):
    """Events in a first-level admin unit after a long quiet there."""

    name = "new-area"
    summary = "First events in an admin-1 unit after 24 quiet months"
    Settings = NewAreaSettings
    settings: NewAreaSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Alerts for the last full month before ``as_of``."""
        s = self.settings
        month = last_full_month(as_of)
        frame = events_frame(session)
        frame = frame[(frame["month"] <= month) & frame["admin1"].notna()]
        if frame.empty:
            return []
        first_seen = frame.groupby("country_id")["month"].min()
        names = dict(session.execute(select(Country.id, Country.name)).all())
        codes = dict(session.execute(select(Country.id, Country.code)).all())
        now = frame[frame["month"] == month]
        out = []
        for (country_id, admin1), group in now.groupby(["country_id", "admin1"]):
            if first_seen[country_id] > month - s.quiet_months or len(group) < s.min_events:
                continue
            before = frame[(frame["country_id"] == country_id) & (frame["admin1"] == admin1)]
            recent = before[(before["month"] < month) & (before["month"] >= month - s.quiet_months)]
            if not recent.empty:
                continue
            deaths = float(group["fatalities"].sum())
            last = before[before["month"] < month]["month"].max()
            quiet = f"none since {last}" if pd.notna(last) else "none on record"
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{country_id}:{admin1}",
                    title=f"{names[country_id]}: violence in {admin1} after a long quiet",
                    summary=(
                        f"{len(group)} events ({deaths:.0f} deaths) in {admin1} in "
                        f"{month.strftime('%B %Y')}; {quiet} in the previous "
                        f"{s.quiet_months} months."
                    ),
                    severity="high" if deaths >= 25 else "medium",
                    country_code=codes[country_id],
                    place=admin1,
                    since=month.start_time.date(),
                    period_end=month.end_time.date(),
                    observed=float(len(group)),
                    baseline=0.0,
                    details={"month": str(month), "deaths": deaths},
                    evidence=_evidence(session, country_id, month, admin1),
                )
            )
        return out
