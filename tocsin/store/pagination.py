"""One page of a query's rows, with the total the whole query would return."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVarTuple

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

Ts = TypeVarTuple("Ts")


def count(session: Session, query: Select[*Ts]) -> int:
    """How many rows ``query`` returns (ignoring its ORDER BY, LIMIT and OFFSET)."""
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def paginate(
    session: Session, query: Select[*Ts], limit: int, offset: int
) -> tuple[int, Sequence[Row[*Ts]]]:
    """The total row count of ``query`` and the rows of the page ``offset``..``offset+limit``."""
    total = count(session, query)
    return total, session.execute(query.limit(limit).offset(offset)).all()
