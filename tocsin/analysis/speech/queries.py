"""Read-only queries over stored speech posts, for the API and the monitor pages."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.store.models import Country, SpeechPost
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
    return dict(session.execute(select(Country.id, Country.code)).tuples().all())
