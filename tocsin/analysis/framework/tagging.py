"""Analysts' tags: an excerpt is (or is not) evidence of an indicator, with country,
date, confidence and a note. Every change is attributed and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tocsin.analysis.framework import taxonomy as tax
from tocsin.reference.countries import lookup
from tocsin.store import audit
from tocsin.store.models import Excerpt, Suggestion, Tag
from tocsin.store.models.types import utcnow

Confidence = Literal["low", "medium", "high"]
CONFIDENCE: tuple[Confidence, ...] = get_args(Confidence)
TagStatus = Literal["accepted", "rejected"]
STATUSES: tuple[TagStatus, ...] = get_args(TagStatus)
Origin = Literal["manual", "suggestion"]  # typed by an analyst, or a suggestion accepted


class TaggingError(ValueError):
    """A tag that cannot be stored; the message says why."""


@dataclass(frozen=True)
class TagInput:
    """What an analyst says about one excerpt and one indicator."""

    indicator: str
    status: str = "accepted"
    country: str | None = None
    observed_on: date | None = None
    confidence: str = "medium"
    note: str = ""
    origin: Origin = "manual"


def tag_state(tag: Tag) -> dict[str, Any]:
    """A tag's fields as stored in the audit log."""
    return {
        "excerpt_id": tag.excerpt_id,
        "indicator": tag.indicator,
        "status": tag.status,
        "country": tag.country_code,
        "observed_on": tag.observed_on.isoformat() if tag.observed_on else None,
        "confidence": tag.confidence,
        "note": tag.note,
        "origin": tag.origin,
    }


def excerpt_by_ref(session: Session, ref: int | str) -> Excerpt:
    """An excerpt by numeric id or stable key (``ex-...``)."""
    if isinstance(ref, str) and not ref.isdigit():
        found = session.scalars(select(Excerpt).where(Excerpt.key == ref)).one_or_none()
    else:
        found = session.get(Excerpt, int(ref))
    if found is None:
        raise TaggingError(f"no excerpt {ref!r}")
    return found


def set_tag(session: Session, excerpt: Excerpt, data: TagInput, actor: str) -> Tag:
    """Create or update the tag of ``excerpt`` for ``data.indicator`` (audited). Without
    a country or date, the tag takes the excerpt's only country and its document's date."""
    taxonomy = tax.active(session)
    try:
        taxonomy.indicator(data.indicator)
    except tax.TaxonomyError as exc:
        raise TaggingError(str(exc)) from None
    if data.status not in STATUSES:
        raise TaggingError(f"status must be one of {', '.join(STATUSES)}, not {data.status!r}")
    if data.confidence not in CONFIDENCE:
        raise TaggingError(
            f"confidence must be one of {', '.join(CONFIDENCE)}, not {data.confidence!r}"
        )
    country = data.country
    if country is None and len(excerpt.countries) == 1:
        country = excerpt.countries[0]
    code = lookup(country).code if country else None
    observed_on = data.observed_on or excerpt.document.published
    tag = session.scalars(
        select(Tag).where(Tag.excerpt_id == excerpt.id, Tag.indicator == data.indicator)
    ).one_or_none()
    before = tag_state(tag) if tag else None
    if tag is None:
        tag = Tag(excerpt_id=excerpt.id, indicator=data.indicator, created_by=actor)
        session.add(tag)
    tag.status, tag.country_code, tag.observed_on = data.status, code, observed_on
    tag.confidence, tag.note, tag.origin = data.confidence, data.note[:4000], data.origin
    tag.updated_at = utcnow()
    # a suggestion the analyst has answered (accepted or rejected) leaves the list
    session.execute(
        delete(Suggestion).where(
            Suggestion.excerpt_id == excerpt.id, Suggestion.indicator == data.indicator
        )
    )
    session.flush()
    audit.record(
        session,
        actor,
        "tag" if before is None else "retag",
        "tag",
        tag.id,
        before=before,
        after=tag_state(tag),
    )
    return tag


def remove_tag(session: Session, tag_id: int, actor: str) -> None:
    """Delete a tag (audited, with what it said)."""
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise TaggingError(f"no tag {tag_id}")
    audit.record(session, actor, "untag", "tag", tag.id, before=tag_state(tag))
    session.delete(tag)
    session.flush()


def tags_for(session: Session, excerpt_ids: list[int]) -> dict[int, list[Tag]]:
    """Tags of the given excerpts, by excerpt id."""
    out: dict[int, list[Tag]] = {i: [] for i in excerpt_ids}
    if excerpt_ids:
        for tag in session.scalars(
            select(Tag).where(Tag.excerpt_id.in_(excerpt_ids)).order_by(Tag.id)
        ):
            out[tag.excerpt_id].append(tag)
    return out
