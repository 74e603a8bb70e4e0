"""A published Framework of Analysis assessment raises a country's level on a risk factor."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pydantic import Field
from sqlalchemy.orm import Session

from tocsin.alerts.signals import SIGNALS, AlertCandidate, AlertSignal, EvidenceRef
from tocsin.analysis.framework import assessments
from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.assessments import Level
from tocsin.plugins import PluginSettings
from tocsin.reference.countries import lookup


class AssessmentRaisedSettings(PluginSettings):
    """Look back ``days`` from the run date for newly published versions."""

    days: int = Field(30, ge=1, description="Days before the run date searched.")
    min_level: Level = Field("moderate", description="Lowest new level that raises an alert.")


@SIGNALS.register
class AssessmentRaised(AlertSignal):
    """An analyst published a higher level for a risk factor than its previous version."""

    name = "assessment-raised"
    summary = "A published assessment raised a country's level on a risk factor"
    Settings = AssessmentRaisedSettings
    settings: AssessmentRaisedSettings

    def detect(self, session: Session, as_of: date) -> list[AlertCandidate]:
        """Versions published in the window before ``as_of`` that raise the level."""
        s = self.settings
        end = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC) + timedelta(days=1)
        start = end - timedelta(days=s.days)
        floor = assessments.level_rank(s.min_level)
        taxonomy = tax.active(session)
        out = []
        for row, previous in assessments.raised_since(session, start):
            published = row.published_at
            if published is None or published.replace(tzinfo=published.tzinfo or UTC) >= end:
                continue
            if assessments.level_rank(row.level) < floor:
                continue
            try:
                factor = taxonomy.factor(row.factor).name
            except KeyError:
                factor = row.factor
            name = lookup(row.country_code).name
            was = previous.level if previous else "not rated"
            rank = assessments.level_rank(row.level)
            out.append(
                AlertCandidate(
                    signal=self.name,
                    dedup_key=f"{row.country_code}:{row.factor}",
                    title=f"{name}: {row.factor} raised to {row.level}",
                    summary=(
                        f"{row.published_by or row.created_by} rated {name} {row.level} on "
                        f"{row.factor} ({factor}), was {was}. {row.summary[:300]}"
                    ),
                    severity="critical" if rank == 4 else "high" if rank == 3 else "medium",
                    country_code=row.country_code,
                    since=published.date(),
                    observed=float(rank),
                    baseline=float(assessments.level_rank(was) if previous else 0),
                    details={"assessment_id": row.id, "version": row.version},
                    evidence=[
                        EvidenceRef("assessment", str(row.id), f"{row.factor} v{row.version}")
                    ]
                    + [EvidenceRef("excerpt", str(i), f"excerpt {i}") for i in row.evidence[:20]],
                )
            )
        return out
