"""Read-only queries over the workbench's documents, excerpts, tags and suggestions, for
the API and the workbench pages."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.reference.countries import lookup
from tocsin.store.models import Country, Document, Excerpt, Tag


def documents(session: Session, limit: int, offset: int) -> tuple[int, list[tuple[Document, int]]]:
    """(document, number of excerpts), newest first, and the total number of documents."""
    total = session.scalar(select(func.count()).select_from(Document)) or 0
    per_document = select(Excerpt.document_id, func.count()).group_by(Excerpt.document_id)
    counts = {document_id: n for document_id, n in session.execute(per_document)}
    docs = session.scalars(
        select(Document)
        .order_by(Document.ingested_at.desc(), Document.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return total, [(d, counts.get(d.id, 0)) for d in docs]


def excerpts_by_id(session: Session, ids: Iterable[int]) -> dict[int, Excerpt]:
    """The stored excerpts among ``ids``."""
    query = select(Excerpt).where(Excerpt.id.in_(list(ids)))
    return {e.id: e for e in session.scalars(query)}


def tag_count(session: Session) -> int:
    """How many tags are stored."""
    return session.scalar(select(func.count()).select_from(Tag)) or 0


def document_sources(session: Session) -> list[str]:
    """The distinct sources of stored documents, sorted."""
    query = select(Document.source).distinct().order_by(Document.source)
    return list(session.scalars(query))


def country_name(session: Session, code: str) -> str:
    """The stored name of a country, else the reference name."""
    country = session.scalars(select(Country).where(Country.code == code)).one_or_none()
    return country.name if country else lookup(code).name


def tagged_evidence(session: Session, code: str) -> list[tuple[Excerpt, list[str]]]:
    """Excerpts tagged (accepted) for this country, with their indicators."""
    rows = session.execute(
        select(Excerpt, Tag.indicator)
        .join(Tag, Tag.excerpt_id == Excerpt.id)
        .where(Tag.status == "accepted", Tag.country_code == code)
        .order_by(Excerpt.id)
    )
    grouped: dict[int, tuple[Excerpt, list[str]]] = {}
    for excerpt, indicator in rows:
        grouped.setdefault(excerpt.id, (excerpt, []))[1].append(indicator)
    return list(grouped.values())
