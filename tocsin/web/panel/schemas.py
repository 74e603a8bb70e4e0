"""Response model of the panel API."""

from __future__ import annotations

from pydantic import BaseModel


class LatestPanel(BaseModel):
    """A country's most recent panel year and its values."""

    code: str
    name: str
    region: str | None
    year: int
    values: dict[str, float]
