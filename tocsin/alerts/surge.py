"""Event-based signals. Violence against civilians leads: a surge of civilian deaths by
country and by first-level admin unit, a new perpetrator, a new targeted area. A surge of
all fatalities (battles included) is conflict context and ranks below.

Severity reflects the scale of killing of civilians (``tocsin.alerts.severity``); each
signal's alerts resolve after ``quiet_periods`` months without activity.

**Surge.** For each country and month, the count (civilian fatalities, or events against
civilians) is compared with the same country's previous ``history_months`` months. The
baseline is a negative binomial fitted by the method of moments (it handles the many
zero months and the over-dispersion of conflict counts); with no over-dispersion it is a
Poisson with mean at least 0.5. An alert is raised when the upper-tail probability of
the observed count is below ``alpha``: under a correct baseline that is the false-alarm
rate per country-month. Small counts (below ``min_count``) never alert.

**New area.** A first-level admin unit with events against civilians this month and none
in the previous ``quiet_months``, in a country whose event record covers that whole quiet
period.

**New perpetrator.** An actor killing civilians in a country this month with no violence
against civilians there in the previous ``quiet_months``, in a country whose event record
covers that whole quiet period.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.severity import (
    ATROCITY,
    CONFLICT_CONTEXT,
    at_least,
    fmt_count,
    fmt_probability,
    scale_severity,
)
from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal, EvidenceRef
from tocsin.analysis.baseline import tail_probability
from tocsin.analysis.events.series import Measure, events_frame, monthly
from tocsin.plugins import PluginSettings
from tocsin.store.models import Country, Event


def last_full_month(as_of: date) -> pd.Period:
    """The most recent month that has ended on ``as_of``."""
    return pd.Period(as_of, freq="M") - 1


def examined_month(frame: pd.DataFrame, month: pd.Period) -> date | None:
    """The latest month the data let a signal examine: ``month``, or the last month with
    stored events when the record ends earlier (no data is not quiet: alerts are not
    resolved for months the record does not cover)."""
    if frame.empty:
        return None
    return min(month, frame["month"].max()).start_time.date()


def _evidence(
    session: Session,
    country_id: int,
    month: pd.Period,
    admin1: str | None = None,
    civilians: bool = False,
    actor: str | None = None,
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
    if civilians:
        query = query.where(Event.against_civilians.is_(True))
    if actor is not None:
        query = query.where(Event.actor1 == actor)
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
    quiet_periods: int = Field(
        3, ge=1, description="Months without a surge after which the alert resolves itself."
    )
    escalation_factor: float = Field(
        2.0, gt=1, description="A month this many times the alert's peak is an escalation."
    )


_MEASURE_LABELS = {
    "civilian_fatalities": "civilian deaths",
    "civilian_events": "events against civilians",
    "fatalities": "deaths in all violence",
    "events": "violent events",
}


def _category(measure: str) -> str:
    return ATROCITY if measure.startswith("civilian") else CONFLICT_CONTEXT


@SIGNALS.register
class CivilianSurge(AlertSignal):
    """A month of violence against civilians far above the country's own history."""

    name = "civilian-surge"
    summary = "Surge in civilian deaths against the country's own 24-month baseline"
    Settings = SurgeSettings
    settings: SurgeSettings
    by: tuple[str, ...] = ("country_id",)

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Alerts for the last full month before ``as_of``."""
        month = last_full_month(as_of)
        frame = events_frame(session)
        frame = frame[frame["month"] <= month]
        self.examined = examined_month(frame, month)
        if "admin1" in self.by:
            frame = frame[frame["admin1"].notna()]
        return self.detect_in(session, monthly(frame, self.by), month)

    def detect_in(
        self, session: Session | None, series: pd.DataFrame, month: pd.Period
    ) -> list[AlertCandidate]:
        """Alerts for ``month`` from monthly series (also used by the evaluation)."""
        s = self.settings
        assert isinstance(s, SurgeSettings)
        codes = dict(session.execute(select(Country.id, Country.code)).all()) if session else {}
        names = dict(session.execute(select(Country.id, Country.name)).all()) if session else {}
        label = _MEASURE_LABELS.get(s.measure, s.measure.replace("_", " "))
        category = _category(s.measure)
        out = []
        for key, part in series.groupby(list(self.by)):
            keys = key if isinstance(key, tuple) else (key,)
            country_id, admin1 = keys[0], (keys[1] if len(keys) > 1 else None)
            part = part.set_index("month")
            if month not in part.index:
                continue
            values = part[s.measure]
            history = values[(values.index < month) & (values.index >= month - s.history_months)]
            observed = float(values[month])
            if len(history) < s.min_history_months or observed < s.min_count:
                continue
            mean, tail = tail_probability(history.to_numpy(float), observed)
            if tail >= s.alpha:
                continue
            civilian_deaths = float(part.loc[month, "civilian_fatalities"])
            name = names.get(country_id, str(country_id))
            where = f"{name} ({admin1})" if admin1 else name
            context = " (conflict context)" if category == CONFLICT_CONTEXT else ""
            headline = f"{where}: surge in {label}{context}"
            period = month.strftime("%B %Y")
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=":".join(str(k) for k in (*keys, s.measure)),
                    title=f"{headline} in {period}",
                    headline=headline,
                    category=category,
                    summary=(
                        f"{fmt_count(observed)} {label} in {period}"
                        f"{f' in {admin1}' if admin1 else ''} against a baseline of "
                        f"{mean:,.1f} a month over the previous {len(history)} months "
                        f"(chance of this many or more under the baseline: "
                        f"{fmt_probability(tail)}); "
                        f"{fmt_count(civilian_deaths)} civilians killed that month."
                    ),
                    severity=scale_severity(
                        civilian_deaths if category == ATROCITY else observed, category
                    ),
                    country_code=codes.get(country_id),
                    place=admin1,
                    since=month.start_time.date(),
                    period_end=month.end_time.date(),
                    observed=observed,
                    baseline=mean,
                    unusualness=tail,
                    details={
                        "month": str(month),
                        "measure": s.measure,
                        "history_months": len(history),
                        "civilian_deaths": civilian_deaths,
                        "category": category,
                    },
                    evidence=(
                        _evidence(session, country_id, month, admin1, category == ATROCITY)
                        if session
                        else []
                    ),
                )
            )
        return out


@SIGNALS.register
class AdminCivilianSurge(CivilianSurge):
    """A month of violence against civilians in one admin-1 unit far above its history."""

    name = "civilian-surge-admin1"
    summary = "Surge in civilian deaths in a first-level admin unit against its own baseline"
    by = ("country_id", "admin1")


class ConflictSurgeSettings(SurgeSettings):
    """Settings of the conflict surge: all deaths, battles included."""

    measure: Measure = Field("fatalities", description="Monthly count compared.")


@SIGNALS.register
class ConflictSurge(CivilianSurge):
    """A month of all violence (battles included) far above the country's history:
    conflict context, ranked below the signals on violence against civilians."""

    name = "conflict-surge"
    summary = "Surge in deaths in all violence (conflict context)"
    Settings = ConflictSurgeSettings
    settings: ConflictSurgeSettings


class NewAreaSettings(PluginSettings):
    """Settings of the new-area and new-perpetrator signals."""

    quiet_months: int = Field(24, ge=1, description="Months without events before a new area.")
    min_events: int = Field(1, ge=1, description="Fewest events this month in the new area.")
    civilians_only: bool = Field(True, description="Only violence against civilians counts.")
    quiet_periods: int = Field(
        3, ge=1, description="Quiet months after which the alert resolves itself."
    )


def after_quiet(
    frame: pd.DataFrame,
    keys: list[str],
    quiet_months: int,
    min_events: int = 1,
    counted: pd.Series | None = None,
    first_seen: pd.Series | None = None,
) -> pd.DataFrame:
    """Every (``keys``, month) with at least ``min_events`` counted events (``counted``
    marks them; all by default) and no event at all for that key in the previous
    ``quiet_months`` months, in a country whose record (``first_seen``: first month per
    country_id, from ``frame`` by default) covers the whole quiet period.

    Columns: ``keys``, month, events (counted), deaths (of the counted events), previous
    (the key's last earlier month with events, or NaT). Shared by the new-area and
    new-perpetrator signals and their evaluation (bench/alerts.py)."""
    columns = [*keys, "month", "events", "deaths", "previous"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    groups = [*keys, "month"]
    active = frame.groupby(groups).size().rename("active")
    chosen = frame if counted is None else frame[counted]
    tally = chosen.groupby(groups).agg(events=("month", "size"), deaths=("fatalities", "sum"))
    table = pd.concat([active, tally], axis=1).reset_index().sort_values(groups)
    table["previous"] = table.groupby(keys)["month"].shift(1)
    ordinal = table["month"].map(lambda m: m.ordinal)
    gap = ordinal - table["previous"].map(lambda m: m.ordinal if pd.notna(m) else -(10**6))
    first = first_seen if first_seen is not None else frame.groupby("country_id")["month"].min()
    covered = table["country_id"].map(first).map(lambda m: m.ordinal) <= ordinal - quiet_months
    fired = (table["events"].fillna(0) >= min_events) & (gap > quiet_months) & covered
    return table.loc[fired, columns].reset_index(drop=True)


class _AfterQuiet(AlertSignal):
    """Shared by the signals that look for violence after a long quiet."""

    def _record_until(self, session: Session, as_of: date) -> tuple[pd.Period, pd.DataFrame]:
        """The month examined and the events up to it."""
        month = last_full_month(as_of)
        frame = events_frame(session)
        frame = frame[frame["month"] <= month]
        self.examined = examined_month(frame, month)
        return month, frame


@SIGNALS.register
class NewAreaOfViolence(_AfterQuiet):
    """Violence against civilians in a first-level admin unit after a long quiet there."""

    name = "new-area"
    summary = "Civilians attacked in an admin-1 unit after 24 quiet months"
    Settings = NewAreaSettings
    settings: NewAreaSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Alerts for the last full month before ``as_of``."""
        s = self.settings
        assert isinstance(s, NewAreaSettings)
        month, frame = self._record_until(session, as_of)
        first_seen = frame.groupby("country_id")["month"].min()
        if s.civilians_only:
            frame = frame[frame["against_civilians"].astype(bool)]
        frame = frame[frame["admin1"].notna()]
        fired = after_quiet(
            frame, ["country_id", "admin1"], s.quiet_months, s.min_events, first_seen=first_seen
        )
        fired = fired[fired["month"] == month]
        if fired.empty:
            return []
        names = dict(session.execute(select(Country.id, Country.name)).all())
        codes = dict(session.execute(select(Country.id, Country.code)).all())
        out = []
        for row in fired.itertuples():
            country_id, admin1, last = row.country_id, row.admin1, row.previous
            deaths, events = float(row.deaths), int(row.events)
            quiet = f"none since {last}" if pd.notna(last) else "none on record"
            what = "attacks on civilians" if s.civilians_only else "violent events"
            headline = f"{names[country_id]}: {what} in {admin1} after a long quiet"
            period = month.strftime("%B %Y")
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{country_id}:{admin1}",
                    title=f"{headline} in {period}",
                    headline=headline,
                    category=ATROCITY if s.civilians_only else CONFLICT_CONTEXT,
                    summary=(
                        f"{fmt_count(events, 'event')} ({fmt_count(deaths, 'death')}) in "
                        f"{admin1} in {period}; {quiet} in the previous {s.quiet_months} months."
                    ),
                    severity=at_least(scale_severity(deaths), "medium"),
                    country_code=codes[country_id],
                    place=admin1,
                    since=month.start_time.date(),
                    period_end=month.end_time.date(),
                    observed=float(events),
                    baseline=0.0,
                    details={"month": str(month), "deaths": deaths},
                    evidence=_evidence(session, country_id, month, admin1, s.civilians_only),
                )
            )
        return out


@SIGNALS.register
class NewPerpetrator(_AfterQuiet):
    """An actor killing civilians in a country where it had not done so for a long time."""

    name = "new-perpetrator"
    summary = "An actor kills civilians in a country after 24 months without doing so"
    Settings = NewAreaSettings
    settings: NewAreaSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Alerts for the last full month before ``as_of``."""
        s = self.settings
        assert isinstance(s, NewAreaSettings)
        month, frame = self._record_until(session, as_of)
        first_seen = frame.groupby("country_id")["month"].min()
        frame = frame[frame["against_civilians"].astype(bool) & frame["actor1"].notna()]
        fired = after_quiet(
            frame,
            ["country_id", "actor1"],
            s.quiet_months,
            s.min_events,
            counted=frame["fatalities"] > 0,
            first_seen=first_seen,
        )
        fired = fired[fired["month"] == month]
        if fired.empty:
            return []
        names = dict(session.execute(select(Country.id, Country.name)).all())
        codes = dict(session.execute(select(Country.id, Country.code)).all())
        now = frame[(frame["month"] == month) & (frame["fatalities"] > 0)]
        out = []
        for row in fired.itertuples():
            country_id, actor = row.country_id, row.actor1
            group = now[(now["country_id"] == country_id) & (now["actor1"] == actor)]
            deaths = float(group["fatalities"].sum())
            areas = sorted(a for a in group["admin1"].dropna().unique())
            headline = f"{names[country_id]}: {actor} kills civilians"
            period = month.strftime("%B %Y")
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{country_id}:{actor}"[:200],
                    title=f"{headline} in {period}",
                    headline=headline,
                    summary=(
                        f"{fmt_count(deaths, 'civilian death')} in "
                        f"{fmt_count(len(group), 'event')} by {actor} in {period}"
                        f"{' (' + ', '.join(areas[:5]) + ')' if areas else ''}; no violence "
                        f"against civilians by this actor here in the previous "
                        f"{s.quiet_months} months."
                    ),
                    severity=scale_severity(deaths),
                    country_code=codes[country_id],
                    since=month.start_time.date(),
                    period_end=month.end_time.date(),
                    observed=deaths,
                    baseline=0.0,
                    details={"month": str(month), "actor": actor, "deaths": deaths},
                    evidence=_evidence(session, country_id, month, None, True, actor),
                )
            )
        return out
