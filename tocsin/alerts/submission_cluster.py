"""Several civil-society submissions about one place (or one country) in a short window.

Counts submissions received in the ``window_days`` up to ``as_of`` (rejected and
duplicate ones excluded), grouped by country and normalised place, and by country alone;
a group with at least ``min_place`` (place) or ``min_country`` (country) submissions is
a candidate. How unusual: the Poisson tail probability of that count given the rate of
the previous ``baseline_days``. Evidence is the submission references only: no text,
nothing that identifies a reporter.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from pydantic import Field
from scipy.stats import poisson
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal, EvidenceRef
from tocsin.plugins import PluginSettings
from tocsin.store.models.intake import Submission

EXCLUDED = ("rejected", "duplicate")


class ClusterSettings(PluginSettings):
    """Thresholds of the submission-cluster signal."""

    window_days: int = Field(7, ge=1, description="Days up to the run date counted.")
    baseline_days: int = Field(90, ge=1, description="Days before the window giving the rate.")
    min_place: int = Field(3, ge=1, description="Fewest submissions about one place.")
    min_country: int = Field(5, ge=1, description="Fewest submissions about one country.")


def _norm_place(place: str) -> str:
    return re.sub(r"[^\w]+", " ", place.lower()).strip()


@SIGNALS.register
class SubmissionCluster(AlertSignal):
    """A burst of reports from the ground about one place or country."""

    name = "submission-cluster"
    summary = "3+ submissions about one place (5+ about one country) within a week"
    Settings = ClusterSettings
    settings: ClusterSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Clusters of submissions received in the window ending on ``as_of``."""
        s = self.settings
        end = datetime.combine(as_of + timedelta(days=1), time(), tzinfo=UTC)
        start = end - timedelta(days=s.window_days)
        base_start = start - timedelta(days=s.baseline_days)
        rows = session.execute(
            select(
                Submission.ref,
                Submission.country_text,
                Submission.place,
                Submission.received_hour,
                Submission.how_known,
            ).where(
                Submission.received_hour >= base_start,
                Submission.received_hour < end,
                Submission.status.not_in(EXCLUDED),
                Submission.country_text != "",
            )
        ).all()
        recent: dict[tuple[str, str], list] = defaultdict(list)
        before: dict[tuple[str, str], int] = defaultdict(int)
        for ref, country, place, hour, how in rows:
            hour = hour if hour.tzinfo else hour.replace(tzinfo=UTC)
            keys = [(country, ""), *([(country, _norm_place(place))] if place.strip() else [])]
            for key in keys:
                if hour >= start:
                    recent[key].append((ref, place, how))
                else:
                    before[key] += 1
        out = []
        for (country, place_key), items in sorted(recent.items()):
            minimum = s.min_place if place_key else s.min_country
            if len(items) < minimum:
                continue
            baseline = before[(country, place_key)] * s.window_days / s.baseline_days
            tail = float(poisson.sf(len(items) - 1, max(baseline, 0.05)))
            named = items[0][1].strip() if place_key else None
            where = f"{named}, {country}" if named else country
            eyewitness = sum(1 for _r, _p, how in items if how == "saw")
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{country}:{place_key}",
                    title=f"{len(items)} civil-society reports about {where} "
                    f"in {s.window_days} days",
                    summary=(
                        f"{len(items)} submissions received between {start.date()} and "
                        f"{as_of} ({eyewitness} by eyewitnesses); about {baseline:.1f} "
                        f"expected from the previous {s.baseline_days} days."
                    ),
                    severity="high" if len(items) >= 2 * minimum and eyewitness else "medium",
                    country_code=country if len(country) == 3 and country.isupper() else None,
                    place=named,
                    since=start.date(),
                    period_end=as_of,
                    observed=float(len(items)),
                    baseline=baseline,
                    unusualness=tail,
                    details={"window_days": s.window_days, "eyewitness": eyewitness},
                    evidence=[
                        EvidenceRef("submission", ref, f"submission {ref}") for ref, _p, _h in items
                    ],
                )
            )
        return out
