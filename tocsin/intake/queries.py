"""Read-only lookups for the review pages of submissions (nothing sealed is opened here)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.store.models import Country
from tocsin.store.models.accounts import User
from tocsin.store.models.evidence import EvidenceItem


def countries_by_id(session: Session, ids: Iterable[int]) -> dict[int, Country]:
    """The stored countries among ``ids``."""
    wanted = list(ids)
    if not wanted:
        return {}
    return {c.id: c for c in session.scalars(select(Country).where(Country.id.in_(wanted)))}


def evidence_items(session: Session, ids: Iterable[int]) -> dict[int, EvidenceItem]:
    """The locker items among ``ids`` (a submission's originals and working copies)."""
    wanted = list(ids)
    if not wanted:
        return {}
    query = select(EvidenceItem).where(EvidenceItem.id.in_(wanted))
    return {i.id: i for i in session.scalars(query)}


def active_usernames(session: Session) -> list[str]:
    """Usernames of active accounts (to assign a submission to)."""
    return list(session.scalars(select(User.username).where(User.active.is_(True))))
