"""The Rabat Plan of Action six-part threshold test for incitement (UN OHCHR, 2012).

For a flagged post, a worksheet covers: (1) the social and political **context**,
(2) the **speaker**'s status and influence, (3) **intent** to incite, (4) **content
and form**, (5) the **extent** of the speech (reach, spread), and (6) the
**likelihood** of harm, including imminence. Tocsin pre-fills what its data shows;
the analyst rates each factor (0 none - 3 strong), writes notes, reaches a conclusion
and saves. Every save is audited with the before and after state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal, get_args

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.analysis.speech.normalise import normalise
from tocsin.store import audit
from tocsin.store.models import Country, RabatWorksheet, SpeechPost
from tocsin.store.models.types import utcnow


@dataclass(frozen=True)
class Factor:
    """One of the six parts, with the question the analyst answers."""

    key: str
    title: str
    question: str


FACTORS = (
    Factor(
        "context",
        "Context",
        "What is the social and political context (conflict, discrimination, elections, "
        "recent violence) in which the speech was made and received?",
    ),
    Factor(
        "speaker",
        "Speaker",
        "What is the speaker's position, status and influence over the audience?",
    ),
    Factor(
        "intent",
        "Intent",
        "Did the speaker intend to incite the audience against the target group "
        "(not mere negligence or recklessness)?",
    ),
    Factor(
        "content",
        "Content and form",
        "What was said, how directly, in what style and form (calls to action, "
        "dehumanisation, coded terms)?",
    ),
    Factor(
        "extent",
        "Extent of the speech",
        "How public was it, how large and far its audience, how often repeated?",
    ),
    Factor(
        "likelihood",
        "Likelihood, including imminence",
        "How likely is it that the speech leads to discrimination, hostility or "
        "violence against the group, and how soon?",
    ),
)
FACTOR_KEYS = tuple(f.key for f in FACTORS)
Conclusion = Literal[
    "below threshold",
    "hate speech, below incitement threshold",
    "incitement: meets the threshold",
]
CONCLUSIONS: tuple[Conclusion, ...] = get_args(Conclusion)
WorksheetStatus = Literal["draft", "complete"]
STATUSES: tuple[WorksheetStatus, ...] = get_args(WorksheetStatus)
_IMMINENT = re.compile(
    r"\b(tonight|tomorrow|now|today|this week|right away|at once|ce soir|demain|maintenant|"
    r"manana|ahora|hoy|الليله|غدا|الان)\b"
)


class WorksheetError(ValueError):
    """A worksheet that cannot be saved (unknown post, bad rating, missing fields)."""


def _country_risk(session: Session, country: Country | None) -> dict[str, Any] | None:
    if country is None:
        return None
    from tocsin.analysis.forecast import queries

    names = queries.models(session)
    if not names:
        return None
    model = "tocsin-enet" if "tocsin-enet" in names else names[0]
    row = queries.ranking_of(session, country, model)
    if row is None:
        return None
    return {
        "model": model,
        "base_year": row.base_year,
        "risk_2yr": round(row.risk_2yr, 4),
        "rank_2yr": row.rank_2yr,
    }


def prefill(session: Session, post: SpeechPost) -> dict[str, Any]:
    """What the data shows for each factor of ``post``'s worksheet."""
    country = session.get(Country, post.country_id) if post.country_id else None
    past = session.execute(
        select(func.count(), func.max(SpeechPost.posted_at)).where(
            SpeechPost.author == post.author,
            SpeechPost.label == "hateful",
            SpeechPost.id != post.id,
            SpeechPost.posted_at <= post.posted_at,
        )
    ).one()
    recent = []
    if post.country_id is not None:
        since = post.posted_at - timedelta(days=28)
        recent_count = session.scalar(
            select(func.count()).where(
                SpeechPost.country_id == post.country_id,
                SpeechPost.label == "hateful",
                SpeechPost.posted_at >= since,
                SpeechPost.posted_at <= post.posted_at,
            )
        )
        recent.append(
            f"{recent_count} flagged posts in {country.name if country else ''} "
            "in the 28 days up to this post"
        )
    norm = normalise(post.text)
    copies = [
        p
        for p in session.scalars(
            select(SpeechPost.text)
            .where(
                SpeechPost.id != post.id,
                SpeechPost.label == "hateful",
                SpeechPost.country_id == post.country_id,
            )
            .limit(5000)
        )
        if normalise(p) == norm
    ]
    risk = _country_risk(session, country)
    return {
        "context": {
            "country": country.name if country else None,
            "forecast_risk": risk,
            "recent_flagged": recent,
        },
        "speaker": {
            "author": post.author,
            "channel": post.channel,
            "followers": post.followers,
            "past_flagged": int(past[0] or 0),
            "last_flagged_at": past[1].isoformat() if past[1] else None,
        },
        "intent": {"category": post.category, "threat_or_call": post.category == "threat"},
        "content": {
            "score": post.score,
            "label": post.label,
            "category": post.category,
            "target": post.target,
            "lexicon_terms": list(post.lexicon_terms or []),
        },
        "extent": {
            "views": post.views,
            "shares": post.shares,
            "followers": post.followers,
            "identical_copies": len(copies),
        },
        "likelihood": {
            "imminence_words": sorted(set(_IMMINENT.findall(norm))),
            "threat": post.category == "threat",
        },
    }


def _snapshot(sheet: RabatWorksheet) -> dict[str, Any]:
    return {
        "status": sheet.status,
        "factors": sheet.factors,
        "conclusion": sheet.conclusion,
        "summary": sheet.summary,
    }


def validate_factors(factors: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Notes (text) and rating (0-3 or None) per factor; unknown factors are refused."""
    unknown = set(factors) - set(FACTOR_KEYS)
    if unknown:
        raise WorksheetError(
            f"unknown factor(s) {', '.join(sorted(unknown))}; the six are {', '.join(FACTOR_KEYS)}"
        )
    clean: dict[str, dict[str, Any]] = {}
    for key in FACTOR_KEYS:
        value = factors.get(key) or {}
        if not isinstance(value, dict):
            raise WorksheetError(f"factor {key!r} must be an object with notes and rating")
        rating = value.get("rating")
        if rating in ("", None):
            rating = None
        else:
            try:
                rating = int(rating)
            except (TypeError, ValueError):
                raise WorksheetError(f"rating of {key!r} must be 0-3, not {rating!r}") from None
            if not 0 <= rating <= 3:
                raise WorksheetError(f"rating of {key!r} must be 0-3, not {rating}")
        notes = str(value.get("notes") or "").replace("\x00", "")
        if len(notes) > 5000:
            raise WorksheetError(f"notes of {key!r} are longer than 5000 characters")
        clean[key] = {"notes": notes, "rating": rating}
    return clean


def save_worksheet(
    session: Session,
    post_id: int,
    analyst: str,
    factors: dict[str, Any],
    conclusion: str = "",
    summary: str = "",
    status: str = "draft",
    worksheet_id: int | None = None,
) -> RabatWorksheet:
    """Create or update a worksheet (audited). A complete worksheet needs all six ratings
    and a conclusion."""
    post = session.get(SpeechPost, post_id)
    if post is None:
        raise WorksheetError(f"no post {post_id}")
    if status not in STATUSES:
        raise WorksheetError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    if conclusion and conclusion not in CONCLUSIONS:
        raise WorksheetError(f"conclusion must be one of: {'; '.join(CONCLUSIONS)}")
    clean = validate_factors(factors)
    if status == "complete":
        missing = [k for k, v in clean.items() if v["rating"] is None]
        if missing or not conclusion:
            raise WorksheetError(
                "a complete worksheet needs a rating for every factor and a conclusion"
                + (f" (missing ratings: {', '.join(missing)})" if missing else "")
            )
    if worksheet_id is not None:
        sheet = session.get(RabatWorksheet, worksheet_id)
        if sheet is None or sheet.post_id != post_id:
            raise WorksheetError(f"no worksheet {worksheet_id} for post {post_id}")
        before: dict[str, Any] | None = _snapshot(sheet)
    else:
        sheet = RabatWorksheet(
            post_id=post_id,
            country_id=post.country_id,
            analyst=analyst,
            prefill=prefill(session, post),
        )
        session.add(sheet)
        before = None
    sheet.factors, sheet.conclusion = clean, conclusion
    sheet.summary = summary.replace("\x00", "")[:10000]
    sheet.status, sheet.updated_at = status, utcnow()
    session.flush()
    audit.record(
        session,
        analyst,
        "rabat.save",
        "rabat_worksheet",
        sheet.id,
        before,
        _snapshot(sheet) | {"post_id": post_id},
    )
    return sheet
