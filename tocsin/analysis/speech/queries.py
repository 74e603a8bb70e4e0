"""Read-only queries over stored speech posts, for the API and the monitor pages."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.analysis.speech.batch import LEXICON_ONLY, MAX_CHARS
from tocsin.analysis.speech.language import UNSUPPORTED
from tocsin.store.models import Country, RabatWorksheet, SpeechPost
from tocsin.store.pagination import count


def posts(
    session: Session,
    country: Country | None = None,
    label: str | None = "hateful",
    target: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, Sequence[SpeechPost]]:
    """Posts (flagged ones by default), newest first, with the total count."""
    query = select(SpeechPost)
    if label:
        query = query.where(SpeechPost.label == label)
    if country is not None:
        query = query.where(SpeechPost.country_id == country.id)
    if target:
        query = query.where(SpeechPost.target == target)
    order = (SpeechPost.posted_at.desc(), SpeechPost.id.desc())
    rows = session.scalars(query.order_by(*order).limit(limit).offset(offset)).all()
    return count(session, query), rows


def country_codes(session: Session) -> dict[int, str]:
    """Country id -> code, for labelling posts."""
    return {id_: code for id_, code in session.execute(select(Country.id, Country.code))}


def countries_with_posts(session: Session) -> list[tuple[str, str]]:
    """(code, name) of every country with stored posts, by name."""
    query = (
        select(Country.code, Country.name)
        .join(SpeechPost, SpeechPost.country_id == Country.id)
        .distinct()
        .order_by(Country.name)
    )
    return [(code, name) for code, name in session.execute(query)]


def worksheets(
    session: Session,
    country: Country | None = None,
    post_id: int | None = None,
    limit: int = 500,
) -> list[RabatWorksheet]:
    """Saved Rabat worksheets, newest first, optionally of one country or one post."""
    query = select(RabatWorksheet).order_by(RabatWorksheet.updated_at.desc()).limit(limit)
    if country is not None:
        query = query.where(RabatWorksheet.country_id == country.id)
    if post_id:
        query = query.where(RabatWorksheet.post_id == post_id)
    return list(session.scalars(query))


def post_status(post: SpeechPost) -> str:
    """How the model read a stored post: ``not scored``, ``unsupported-language``,
    ``scored`` or ``scored (first 10,000 characters)`` (as batch scoring says it)."""
    if post.score is None and not post.label:
        return "not scored"
    if post.label == UNSUPPORTED or LEXICON_ONLY in (post.cues or []):
        return UNSUPPORTED
    return "scored" + (f" (first {MAX_CHARS:,} characters)" if len(post.text) > MAX_CHARS else "")
