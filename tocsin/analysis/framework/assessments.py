"""Country assessments: per country and risk factor a level, a confidence, a summary and
the evidence excerpts behind it. Every save is a new dated version (never edited);
versions can be compared; a roll-up shows the latest published level of each factor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.tagging import CONFIDENCE
from tocsin.reference.countries import lookup
from tocsin.store import audit
from tocsin.store.models import Assessment, Excerpt
from tocsin.store.models.types import utcnow

Level = Literal["none", "low", "moderate", "high", "very high"]
LEVELS: tuple[Level, ...] = get_args(Level)
COMPARED = ("level", "confidence", "summary", "evidence", "status")


class AssessmentError(ValueError):
    """An assessment that cannot be saved or published; the message says why."""


def level_rank(level: str) -> int:
    """0 (none) to 4 (very high)."""
    return LEVELS.index(level)


def state(a: Assessment) -> dict[str, Any]:
    """An assessment version as stored in the audit log and the API."""
    return {
        "id": a.id,
        "country": a.country_code,
        "factor": a.factor,
        "version": a.version,
        "level": a.level,
        "confidence": a.confidence,
        "summary": a.summary,
        "evidence": list(a.evidence),
        "status": a.status,
        "created_by": a.created_by,
        "created_at": a.created_at.isoformat(),
        "published_at": a.published_at.isoformat() if a.published_at else None,
    }


def save(
    session: Session,
    country: str,
    factor: str,
    level: str,
    confidence: str,
    summary: str,
    evidence: list[int],
    actor: str,
    publish: bool = False,
) -> Assessment:
    """Save a new version of the country's rating on ``factor`` (optionally published)."""
    code = lookup(country).code
    taxonomy = tax.active(session)
    try:
        taxonomy.factor(factor)
    except KeyError as exc:
        raise AssessmentError(str(exc.args[0])) from None
    if level not in LEVELS:
        raise AssessmentError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if confidence not in CONFIDENCE:
        raise AssessmentError(f"confidence must be one of {', '.join(CONFIDENCE)}")
    evidence = sorted(set(int(e) for e in evidence))
    found = set(session.scalars(select(Excerpt.id).where(Excerpt.id.in_(evidence))))
    missing = [e for e in evidence if e not in found]
    if missing:
        raise AssessmentError(f"evidence excerpts not found: {', '.join(map(str, missing))}")
    if level not in ("none",) and not evidence and publish:
        raise AssessmentError("a published rating above 'none' needs at least one evidence excerpt")
    latest = session.scalar(
        select(func.max(Assessment.version)).where(
            Assessment.country_code == code, Assessment.factor == factor
        )
    )
    row = Assessment(
        country_code=code,
        factor=factor,
        version=(latest or 0) + 1,
        level=level,
        confidence=confidence,
        summary=summary.strip()[:8000],
        evidence=evidence,
        status="draft",
        created_by=actor,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "assess", "assessment", row.id, after=state(row))
    if publish:
        publish_version(session, row.id, actor)
    return row


def publish_version(session: Session, assessment_id: int, actor: str) -> Assessment:
    """Publish a draft version (audited). Publishing never changes the content."""
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise AssessmentError(f"no assessment {assessment_id}")
    if row.status == "published":
        return row
    if row.level != "none" and not row.evidence:
        raise AssessmentError("a published rating above 'none' needs at least one evidence excerpt")
    before = state(row)
    row.status, row.published_at, row.published_by = "published", utcnow(), actor
    session.flush()
    audit.record(session, actor, "publish", "assessment", row.id, before=before, after=state(row))
    return row


def history(session: Session, country: str, factor: str) -> list[Assessment]:
    """Every version of one country's rating on one factor, newest first."""
    code = lookup(country).code
    return list(
        session.scalars(
            select(Assessment)
            .where(Assessment.country_code == code, Assessment.factor == factor)
            .order_by(Assessment.version.desc())
        )
    )


def diff(old: Assessment | None, new: Assessment) -> dict[str, tuple[Any, Any]]:
    """Fields that changed between two versions: name -> (before, after)."""
    out: dict[str, tuple[Any, Any]] = {}
    for name in COMPARED:
        before = getattr(old, name) if old is not None else None
        after = getattr(new, name)
        if name == "evidence":
            before, after = sorted(before or []), sorted(after)
        if before != after:
            out[name] = (before, after)
    return out


@dataclass(frozen=True)
class RollupRow:
    """One risk factor of a country: its latest published version (if any) and draft."""

    factor: tax.FactorDef
    published: Assessment | None
    draft: Assessment | None


def rollup(session: Session, country: str) -> list[RollupRow]:
    """The 14 factors of a country with their latest published and newer draft versions."""
    code = lookup(country).code
    rows = list(
        session.scalars(
            select(Assessment)
            .where(Assessment.country_code == code)
            .order_by(Assessment.factor, Assessment.version.desc())
        )
    )
    out = []
    for factor in tax.active(session).factors:
        versions = [r for r in rows if r.factor == factor.code]
        published = next((r for r in versions if r.status == "published"), None)
        draft = versions[0] if versions and versions[0].status == "draft" else None
        out.append(RollupRow(factor, published, draft))
    return out


def overall(rows: list[RollupRow]) -> str | None:
    """The highest published level across the factors (None when nothing is published)."""
    levels = [r.published.level for r in rows if r.published is not None]
    return max(levels, key=level_rank) if levels else None


def raised_since(session: Session, since: datetime) -> list[tuple[Assessment, Assessment | None]]:
    """Published versions since ``since`` whose level is above the previous published one."""
    out = []
    for row in session.scalars(
        select(Assessment)
        .where(Assessment.status == "published", Assessment.published_at >= since)
        .order_by(Assessment.published_at)
    ):
        previous = session.scalars(
            select(Assessment)
            .where(
                Assessment.country_code == row.country_code,
                Assessment.factor == row.factor,
                Assessment.status == "published",
                Assessment.version < row.version,
            )
            .order_by(Assessment.version.desc())
        ).first()
        before = level_rank(previous.level) if previous else 0
        if level_rank(row.level) > before:
            out.append((row, previous))
    return out
