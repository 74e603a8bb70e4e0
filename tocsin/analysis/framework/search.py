"""Full-text search over excerpts (and so documents): SQLite FTS5 or PostgreSQL full-text
search, filterable by country, indicator, source and date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnClause,
    Select,
    Text,
    cast,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from tocsin.reference.countries import lookup
from tocsin.store.models import Document, Excerpt, Tag
from tocsin.store.pagination import paginate


@dataclass(frozen=True)
class Hit:
    """One matching excerpt with its document."""

    excerpt_id: int
    excerpt_key: str
    document_id: int
    title: str
    source: str
    published: date | None
    text: str
    countries: list[str]
    rank: float


@dataclass(frozen=True)
class Filters:
    """Narrow a search: country code or name, indicator code, source, date range."""

    country: str | None = None
    indicator: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None


def _fts_query(query: str) -> str:
    """Words of the query as an FTS5 AND of quoted terms (no operator injection)."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words)


def _filtered(query: Select, filters: Filters) -> Select:
    if filters.country:
        code = lookup(filters.country).code
        in_text = cast(Excerpt.countries, Text).contains(f'"{code}"')
        tagged = Excerpt.id.in_(select(Tag.excerpt_id).where(Tag.country_code == code))
        query = query.where(or_(in_text, tagged))
    if filters.indicator:
        query = query.where(
            Excerpt.id.in_(
                select(Tag.excerpt_id).where(
                    Tag.indicator == filters.indicator, Tag.status == "accepted"
                )
            )
        )
    if filters.source:
        query = query.where(Document.source == filters.source)
    if filters.since:
        query = query.where(Document.published >= filters.since)
    if filters.until:
        query = query.where(Document.published <= filters.until)
    return query


def search(
    session: Session, query: str, filters: Filters | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[Hit]]:
    """Excerpts matching every word of ``query`` (stemmed), best first, and the total."""
    filters = filters or Filters()
    dialect = session.get_bind().dialect.name
    columns = (
        Excerpt.id,
        Excerpt.key,
        Document.id,
        Document.title,
        Document.source,
        Document.published,
        Excerpt.text,
        Excerpt.countries,
    )
    if not re.findall(r"\w+", query):
        base = select(*columns, literal(0.0).label("rank"))
        base = base.join(Document, Document.id == Excerpt.document_id)
        order = [Document.ingested_at.desc(), Excerpt.position]
    elif dialect == "postgresql":
        # a constant, so the GIN index applies
        config: ColumnClause[Any] = literal_column("'english'::regconfig")
        vector = func.to_tsvector(config, Excerpt.text)
        tsquery = func.plainto_tsquery(config, query)
        rank = func.ts_rank(vector, tsquery).label("rank")
        base = select(*columns, rank).join(Document, Document.id == Excerpt.document_id)
        base = base.where(vector.op("@@")(tsquery))
        order = [rank.desc(), Excerpt.id]
    else:
        fts = table("framework_excerpts_fts", column("rowid"), column("rank"))
        fts_table: ColumnClause[Any] = literal_column("framework_excerpts_fts")
        base = (
            select(*columns, (-fts.c.rank).label("rank"))  # bm25: lower is better
            .join(Document, Document.id == Excerpt.document_id)
            .join(fts, fts.c.rowid == Excerpt.id)
            .where(fts_table.op("MATCH")(_fts_query(query)))
        )
        order = [fts.c.rank, Excerpt.id]
    base = _filtered(base, filters)
    total, rows = paginate(session, base.order_by(*order), limit, offset)
    return total, [Hit(*row[:8], rank=float(row[8] or 0)) for row in rows]
