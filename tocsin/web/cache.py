"""A small cache of serialised JSON responses for the hottest read endpoints.

Entries are keyed by the database, the request's key, and a data stamp (the newest
forecast run and the newest loaded dataset), so a new load or forecast is seen at
once; nothing is ever served stale after a write.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from fastapi.responses import Response
from pydantic import TypeAdapter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.store.models import ForecastRun, Provenance

MAX_ENTRIES = 1024
_STAMP = select(
    select(func.max(ForecastRun.id)).scalar_subquery(),
    select(func.max(Provenance.id)).scalar_subquery(),
)
_cache: dict[tuple[Hashable, ...], bytes] = {}


def data_stamp(session: Session) -> tuple[int | None, int | None]:
    """What the cached reads depend on: the newest forecast run and dataset load."""
    row = session.execute(_STAMP).one()
    return row[0], row[1]


def cached_json(session: Session, key: Hashable, build: Callable[[], Any], kind: Any) -> Response:
    """The JSON of ``build()`` (as ``kind``), from the cache while the data is unchanged."""
    full_key = (str(session.get_bind().url), key, data_stamp(session))
    body = _cache.get(full_key)
    if body is None:
        body = TypeAdapter(kind).dump_json(build())
        if len(_cache) >= MAX_ENTRIES:
            _cache.clear()
        _cache[full_key] = body
    return Response(body, media_type="application/json")
