"""Speech surge: a week of flagged hateful posts against a group in a country far above
that series' own baseline (``tocsin.analysis.speech.trends``), with the posts as
evidence."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal, EvidenceRef
from tocsin.analysis.speech.trends import detect_surges, posts_frame, week_start
from tocsin.plugins import PluginSettings
from tocsin.store.models import Country, SpeechPost
from tocsin.store.models.alerts import Severity


class SpeechSurgeSettings(PluginSettings):
    """Settings of the speech-surge signal."""

    history_weeks: int = Field(12, ge=1, description="Weeks of baseline history.")
    min_history_weeks: int = Field(
        4, ge=1, description="Fewest weeks of history a series needs to be judged."
    )
    alpha: float = Field(
        0.01, gt=0, lt=1, description="Alert when the upper-tail probability is below this."
    )
    min_count: int = Field(5, ge=1, description="Fewest flagged posts in the week.")
    max_evidence: int = Field(20, ge=1, description="Most posts cited as evidence.")


def severity(tail: float, observed: int, threats: int) -> Severity:
    """High with threats or a very unlikely week; critical with both and volume."""
    if threats and tail < 1e-4 and observed >= 20:
        return "critical"
    if threats or tail < 1e-3:
        return "high"
    return "medium"


@SIGNALS.register
class SpeechSurge(AlertSignal):
    """A surge of flagged posts against a group in a country."""

    name = "speech-surge"
    summary = "Weekly flagged hateful posts per country and target group vs own 12-week baseline"
    Settings = SpeechSurgeSettings
    settings: SpeechSurgeSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Alerts for the last full week (Monday to Sunday) before ``as_of``."""
        s = self.settings
        assert isinstance(s, SpeechSurgeSettings)
        week = week_start(as_of) - timedelta(weeks=1)
        frame = posts_frame(session, since=week - timedelta(weeks=s.history_weeks + 1))
        frame = frame[frame["week"] <= week]
        if frame.empty:
            return []
        surges = detect_surges(
            frame, week, s.history_weeks, s.min_history_weeks, s.alpha, s.min_count
        )
        countries = {c.id: c for c in session.scalars(select(Country))}
        out = []
        for surge in surges:
            country = countries[surge.country_id]
            chosen = surge.post_ids[: s.max_evidence]  # most viewed first
            found = {
                p.id: p
                for p in session.scalars(select(SpeechPost).where(SpeechPost.id.in_(chosen)))
            }
            posts = [found[i] for i in chosen if i in found]
            threats = sum(p.category == "threat" for p in posts)
            evidence = [
                EvidenceRef(
                    "post",
                    str(p.id),
                    f"{p.posted_at:%Y-%m-%d} {p.author or p.channel}: "
                    f"{p.category} ({p.score or 0:.2f}) {p.text[:160]}",
                )
                for p in posts
            ]
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{country.code}:{surge.target}",
                    title=f"{country.name}: surge in hateful speech against {surge.target} "
                    f"(week of {surge.week:%d %b %Y})",
                    summary=(
                        f"{surge.observed} flagged posts targeting {surge.target} in the week "
                        f"of {surge.week:%d %B %Y} against a baseline of {surge.baseline:.1f} a "
                        f"week over the previous {surge.history_weeks} weeks (chance of this "
                        f"many or more under the baseline: {surge.tail:.2g}); "
                        f"{threats} threats or calls to violence among them."
                    ),
                    severity=severity(surge.tail, surge.observed, threats),
                    country_code=country.code,
                    since=surge.week,
                    period_end=surge.week + timedelta(days=6),
                    observed=float(surge.observed),
                    baseline=surge.baseline,
                    unusualness=surge.tail,
                    details={
                        "target": surge.target,
                        "week": surge.week.isoformat(),
                        "threats": threats,
                        "posts": len(surge.post_ids),
                    },
                    evidence=evidence,
                )
            )
        return out
