"""Yearly surge: a country's deaths in its latest recorded year far above its own previous
years, from UCDP's yearly datasets (works where no monthly event file is loaded).

The baseline is the same negative binomial as the monthly surge
(``tocsin.analysis.baseline.tail_probability``)
over the previous ``history_years``; an alert needs at least ``min_deaths`` deaths and an
upper-tail probability below ``alpha``. ``bench/alerts.py`` measures how often such alerts
preceded mass-killing onsets, against a naive rule.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
from pydantic import Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.severity import (
    ATROCITY,
    CONFLICT_CONTEXT,
    fmt_count,
    fmt_probability,
    scale_severity,
)
from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal, EvidenceRef
from tocsin.analysis.baseline import tail_probability
from tocsin.analysis.events.quality import check_yearly
from tocsin.analysis.events.series import frozen_cached
from tocsin.analysis.events.yearly import yearly_series
from tocsin.plugins import PluginSettings
from tocsin.sources.ucdp_yearly import DEATH_KINDS, DeathKind
from tocsin.store.models import Country

KIND_LABELS: dict[DeathKind, str] = {
    "one-sided": "deaths in one-sided violence against civilians",
    "state-based": "deaths in state-based conflict",
    "non-state": "deaths in non-state conflict",
}
# Violence against civilians is what the alerts are for; conflict deaths are context.
KIND_CATEGORIES: dict[DeathKind, str] = {
    "one-sided": ATROCITY,
    "state-based": CONFLICT_CONTEXT,
    "non-state": CONFLICT_CONTEXT,
}


class YearlySurgeSettings(PluginSettings):
    """Which kinds of deaths to watch, and the baseline's length and thresholds."""

    kinds: tuple[DeathKind, ...] = Field(
        ("one-sided", "state-based"),
        description="Kinds of deaths watched: one-sided, state-based, non-state.",
    )
    history_years: int = Field(10, ge=1, description="Years of baseline history.")
    min_history_years: int = Field(
        5, ge=1, description="Fewest years of history a country needs to be judged."
    )
    alpha: float = Field(
        0.01, gt=0, lt=1, description="Alert when the upper-tail probability is below this."
    )
    min_deaths: float = Field(25.0, ge=0, description="Fewer deaths in a year never alert.")
    quiet_periods: int = Field(
        1, ge=1, description="Years without a surge after which the alert resolves itself."
    )

    @field_validator("kinds", mode="before")
    @classmethod
    def _known_kinds(cls, kinds: object) -> object:
        unknown = sorted(set(kinds) - set(DEATH_KINDS)) if isinstance(kinds, tuple | list) else []
        if unknown:
            raise ValueError(f"unknown kind(s) {unknown}; choose from {sorted(DEATH_KINDS)}")
        return kinds


def yearly_surges(
    series: pd.DataFrame, settings: YearlySurgeSettings, years: set[int] | None = None
) -> pd.DataFrame:
    """For every (country_id, year) with enough history (only ``years`` if given): observed,
    baseline, tail probability, previous maximum, and whether it is a surge.

    ``series`` has columns country_id, year, best (zero-filled). Also used by the bench.
    """
    rows = []
    for country_id, part in series.groupby("country_id"):
        values = part.set_index("year")["best"].sort_index()
        for year, observed in values.items():
            if years is not None and year not in years:
                continue
            history = values[
                (values.index < year) & (values.index >= year - settings.history_years)
            ]
            if len(history) < settings.min_history_years:
                continue
            mean, tail = tail_probability(history.to_numpy(float), float(observed))
            rows.append(
                {
                    "country_id": country_id,
                    "year": int(year),
                    "observed": float(observed),
                    "baseline": mean,
                    "tail": tail,
                    "previous_max": float(history.max()),
                    "surge": bool(observed >= settings.min_deaths and tail < settings.alpha),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["country_id", "year", "observed", "baseline", "tail", "previous_max", "surge"],
    )


@SIGNALS.register
class YearlySurge(AlertSignal):
    """Deaths in a country's latest recorded year far above its previous decade."""

    name = "yearly-surge"
    summary = "Surge in yearly UCDP deaths against the country's previous ten years"
    Settings = YearlySurgeSettings
    settings: YearlySurgeSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Alerts for the latest year before ``as_of`` that the data cover."""
        s = self.settings
        assert isinstance(s, YearlySurgeSettings)
        countries = {c.id: c for c in session.scalars(select(Country))}
        checked = frozen_cached(session, "check_yearly", lambda: check_yearly(session))
        flagged = {f.key: f for f in checked if f.blocking}
        self.notes = []
        out = []
        for kind in s.kinds:
            series = frozen_cached(
                session, ("yearly_series", kind), partial(yearly_series, session, kind)
            )
            if series.empty:
                continue
            series = series[series["year"] < as_of.year]
            if series.empty:
                continue
            year = int(series["year"].max())
            self.examined = date(year, 1, 1)
            flags = yearly_surges(series, s, years={year})
            for row in flags[(flags["year"] == year) & flags["surge"]].to_dict("records"):
                country = countries[row["country_id"]]
                label = KIND_LABELS.get(kind, f"{kind} deaths")
                flag = flagged.get((country.code, year, kind))
                if flag is not None:
                    self.notes.append(
                        f"{self.name}: skipped {country.name} {year} {kind} "
                        f"(flagged by the data check: {flag.reason})"
                    )
                    continue
                category = KIND_CATEGORIES[kind]
                context = " (conflict context)" if category == CONFLICT_CONTEXT else ""
                headline = f"{country.name}: surge in {label}{context}"
                out.append(
                    AlertCandidate(
                        signal=self.name,
                        dedup_key=f"{country.code}:{kind}",
                        title=f"{headline} in {year}",
                        headline=headline,
                        period="year",
                        category=category,
                        summary=(
                            f"{fmt_count(row['observed'])} {label} in {year} against a baseline "
                            f"of {row['baseline']:,.1f} a year over the previous "
                            f"{s.history_years} years (previous maximum "
                            f"{fmt_count(row['previous_max'])}; chance of this many or more "
                            f"under the baseline: {fmt_probability(row['tail'])})."
                        ),
                        severity=scale_severity(row["observed"], category, "year"),
                        country_code=country.code,
                        since=date(year, 1, 1),
                        period_end=date(year, 12, 31),
                        observed=row["observed"],
                        baseline=row["baseline"],
                        unusualness=row["tail"],
                        details={"year": year, "kind": kind, "category": category},
                        evidence=[
                            EvidenceRef(
                                "yearly-deaths",
                                f"{country.code}:{kind}:{year}",
                                f"UCDP {label}, {country.name} {year}",
                            )
                        ],
                    )
                )
        return out
