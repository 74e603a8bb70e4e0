"""The page model of every paged API response: ``Page[T]``.

A capability names its page by subclassing (``class EventPage(Page[EventOut])``), so the
OpenAPI schema shows ``EventPage`` rather than a generic name.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")

Limit = Query(50, ge=1, le=500, description="Page size.")
Offset = Query(0, ge=0, le=1_000_000, description="Rows to skip.")


class Page(BaseModel, Generic[T]):
    """A page of items and the total across all pages."""

    total: int
    limit: int
    offset: int
    items: list[T]
