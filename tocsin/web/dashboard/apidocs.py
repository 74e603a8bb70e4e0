"""ReDoc (``/redoc``) served entirely from this server.

fastapi-offline ships ReDoc's script, but the script draws a "by Redocly" badge whose
image it loads from the vendor's site: on a machine without internet the request hangs
or fails, and on one with internet it tells the vendor who reads the docs. This page
serves the same script with the badge's image address replaced by an empty ``data:``
address (the badge then hides itself), so nothing is asked of another site.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

REDOC_JS = Path(fastapi_offline.__file__).parent / "static" / "redoc.standalone.js"
VENDOR_BADGE = "https://cdn.redoc.ly/redoc/logo-mini.svg"
SCRIPT_PATH = "/redoc-assets/redoc.standalone.js"


@cache
def redoc_script() -> bytes:
    """ReDoc's standalone script with the vendor badge's image address emptied."""
    text = REDOC_JS.read_text(encoding="utf-8")
    return text.replace(VENDOR_BADGE, "data:,").encode("utf-8")


@router.get("/redoc")
def redoc_page(request: Request) -> HTMLResponse:
    """The API reference, rendered by ReDoc from this server's OpenAPI document."""
    root = request.scope.get("root_path", "")
    return get_redoc_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} - ReDoc",
        redoc_js_url=f"{root}{SCRIPT_PATH}",
        redoc_favicon_url=f"{root}/static-offline-docs/favicon.png",
        with_google_fonts=False,
    )


@router.get(SCRIPT_PATH)
def redoc_assets() -> Response:
    """The script the ReDoc page runs."""
    return Response(
        redoc_script(),
        media_type="text/javascript",
        headers={"cache-control": "public, max-age=86400"},
    )
