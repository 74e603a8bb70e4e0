"""Response models of the dataset list."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class DatasetOut(BaseModel):
    """A registered dataset and how fresh this installation's copy is."""

    name: str
    group: str
    description: str
    version: str
    licence: str
    citation: str
    url: str
    sha256: str | None
    redistributable: bool
    pulled_at: str | None
    pulled_sha256: str | None
    checksum_ok: bool | None
    loaded_at: datetime | None
    loaded_rows: int | None
    newest_record: str | None
