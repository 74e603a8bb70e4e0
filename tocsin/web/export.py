"""CSV export of API tables: ``?format=csv`` or ``Accept: text/csv``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Literal

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

Format = Literal["json", "csv"]
# OpenAPI: the CSV alternative of a table endpoint's 200 response.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}}
}


def wants_csv(request: Request, fmt: Format) -> bool:
    """CSV if asked by ``?format=csv`` or an Accept header preferring text/csv."""
    return fmt == "csv" or request.headers.get("accept", "").startswith("text/csv")


def _cell(value: object) -> object:
    return json.dumps(value) if isinstance(value, dict | list) else value


def csv_response(
    rows: Sequence[BaseModel], filename: str, model: type[BaseModel] | None = None
) -> Response:
    """Rows as a CSV download: one column per field of ``model`` (else of the first row's
    type); nested values (dicts, lists) as JSON."""
    buffer = io.StringIO()
    fields = list((model or (type(rows[0]) if rows else BaseModel)).model_fields)
    if fields:
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.model_dump().items()} for row in rows)
    return Response(
        buffer.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
