"""ACLED's API, read with the user's own access key (``TOCSIN_ACLED_KEY`` and
``TOCSIN_ACLED_EMAIL``, or the config file), page by page.

The key is sent to ACLED only: it never appears in an error message, a log line or a
stored row (URLs in errors are shown without their query). All pages are read before
anything is returned, so a failure part-way imports nothing. ACLED's terms forbid
redistributing its data: what is read stays in the user's own store.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pandas as pd

from tocsin.config import Settings

ACLED_API = "https://api.acleddata.com/acled/read"
PAGE_SIZE = 5000


class AcledError(RuntimeError):
    """ACLED's API could not be read; the message never holds the key."""


def _redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def read_acled(
    settings: Settings,
    country: str | None = None,
    since: str | None = None,
    url: str = ACLED_API,
    page_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Every event ACLED's API returns for the filters, as text columns (the layout of an
    ACLED export, read by the ``acled`` importer)."""
    if not settings.acled_key or not settings.acled_email:
        raise AcledError(
            "no ACLED access key: set TOCSIN_ACLED_KEY and TOCSIN_ACLED_EMAIL (or acled_key "
            "and acled_email in the config file) to your own ACLED account's"
        )
    secrets = [settings.acled_key, settings.acled_email]
    page_size = page_size or PAGE_SIZE
    params: dict[str, str | int] = {
        "key": settings.acled_key,
        "email": settings.acled_email,
        "limit": page_size,
    }
    if country:
        params["country"] = country
    if since:
        params["event_date"] = since
        params["event_date_where"] = ">="
    rows: list[dict[str, object]] = []
    page = 1
    while True:
        try:
            response = httpx.get(url, params={**params, "page": page}, timeout=60.0)
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            detail = _redact(f"{type(exc).__name__}: {exc}", secrets)
            raise AcledError(
                f"cannot read page {page} of ACLED's API at {url}: {detail}. Nothing imported."
            ) from None
        if not isinstance(body, dict) or body.get("success") is False:
            error = body.get("error") if isinstance(body, dict) else body
            raise AcledError(f"ACLED's API refused page {page}: {_redact(str(error), secrets)}")
        data = body.get("data") or []
        rows += data
        if progress:
            progress(page, len(rows))
        if len(data) < page_size:
            break
        page += 1
    frame = pd.DataFrame(rows)
    return frame.fillna("").astype(str)
