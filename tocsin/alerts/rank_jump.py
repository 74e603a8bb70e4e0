"""A country's forecast rank jumps up between consecutive base years."""

from __future__ import annotations

from datetime import date

from pydantic import Field
from sqlalchemy.orm import Session

from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal, EvidenceRef
from tocsin.analysis.forecast import queries
from tocsin.analysis.forecast.service import DEFAULT_MODEL
from tocsin.plugins import PluginSettings


class RankJumpSettings(PluginSettings):
    """A jump of at least ``min_jump`` places that lands in the top ``top``."""

    model: str = Field(DEFAULT_MODEL, description="Forecast model whose ranking is watched.")
    min_jump: int = Field(15, ge=1, description="Fewest places a country must rise.")
    top: int = Field(30, ge=1, description="The rise must land within this many top ranks.")


@SIGNALS.register
class ForecastRankJump(AlertSignal):
    """The statistical forecast moved a country sharply towards the top."""

    name = "rank-jump"
    summary = "Forecast rank rose by 15+ places into the top 30"
    Settings = RankJumpSettings
    settings: RankJumpSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Compare the latest stored base year with the one before (up to ``as_of``'s year)."""
        s = self.settings
        runs = [r for r in queries.runs(session, s.model) if r.base_year < as_of.year]
        if len(runs) < 2:
            return []
        latest = runs[0]
        out = []
        for row in queries.rankings(session, s.model, latest.base_year):
            jump = row.rank_change
            if jump is None or jump < s.min_jump or row.rank_2yr > s.top:
                continue
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{row.code}:{s.model}",
                    title=f"{row.name}: forecast rank up {jump} places to {row.rank_2yr}",
                    summary=(
                        f"{s.model} ranks {row.name} {row.rank_2yr} from base year {row.base_year} "
                        f"(was {row.previous_rank}); risk of a new mass killing in "
                        f"{row.base_year + 1}-{row.base_year + 2}: {row.risk_2yr:.1%}."
                    ),
                    severity="high" if row.rank_2yr <= 10 else "medium",
                    country_code=row.code,
                    since=date(row.base_year, 1, 1),
                    observed=float(row.rank_2yr),
                    baseline=float(row.previous_rank or 0),
                    details={"base_year": row.base_year, "model": s.model, "jump": jump},
                    evidence=[
                        EvidenceRef(
                            "forecast",
                            f"{s.model}:{row.base_year}:{row.code}",
                            f"forecast run {latest.id}",
                        )
                    ],
                )
            )
        return out
