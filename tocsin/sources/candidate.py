"""UCDP Candidate events: monthly releases, found on the publisher's download listing.

UCDP publishes Candidate events month by month as CSV files named
``GEDEvent_v<YY>_0_<M>.csv`` (and, once a year, a file for the whole year such as
``GEDEvent_v21_01_21_12.csv``) under ``<ucdp_base_url>/candidateged/``. The newest one is
found by reading that listing; its checksum is recorded at the first download (a rolling
release), and a later file that differs is refused unless accepted.
"""

from __future__ import annotations

import re

import httpx

from tocsin.config import Settings
from tocsin.sources.datasets import Dataset, register

LISTING = "candidateged/"
_MONTHLY = re.compile(r"GEDEvent_v(\d{2})_0_(\d{1,2})\.csv")
_YEARLY = re.compile(r"GEDEvent_v(\d{2})_01_(\d{2})_(\d{2})\.csv")
_CITE = "Hegre et al. (2020), 'Introducing the UCDP Candidate Events Dataset', Research & Politics."


class ListingError(RuntimeError):
    """The download listing could not be read or lists no Candidate release."""


def releases(html: str) -> list[tuple[tuple[int, int], str]]:
    """Every Candidate file a listing names: ((year, month), filename), oldest first."""
    found = {}
    for match in _MONTHLY.finditer(html):
        found[(2000 + int(match[1]), int(match[2]))] = match[0]
    for match in _YEARLY.finditer(html):
        found.setdefault((2000 + int(match[2]), int(match[3])), match[0])
    return sorted(found.items())


def candidate_dataset(settings: Settings, filename: str) -> Dataset:
    """The registered dataset for one Candidate file (registered on first use)."""
    monthly = _MONTHLY.fullmatch(filename)
    yearly = _YEARLY.fullmatch(filename)
    if monthly:
        version = f"Candidate {monthly[1]}.0.{monthly[2]}"
    elif yearly:
        version = f"Candidate {yearly[1]}.01.{yearly[2]}.{yearly[3]}"
    else:
        raise ListingError(f"{filename!r} is not a UCDP Candidate file name")
    ds = Dataset(
        name=f"ucdp-candidate-{version.split(' ')[1]}",
        group="events/ucdp",
        filename=filename,
        url=f"https://ucdp.uu.se/downloads/{LISTING}{filename}",
        sha256=None,  # rolling release: recorded at the first download
        licence="CC BY 4.0",
        citation=_CITE,
        description=f"UCDP Candidate events, all countries, release {version}.",
        version=version,
    )
    register(ds)
    return ds


def newest(settings: Settings) -> Dataset:
    """The newest Candidate release on the publisher's listing (``ucdp_base_url``)."""
    url = f"{settings.ucdp_base_url.rstrip('/')}/{LISTING}"
    try:
        response = httpx.get(url, follow_redirects=True, timeout=30.0)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise ListingError(
            f"cannot read UCDP's download listing {url}: {exc or type(exc).__name__}. "
            "Offline? Use a mirror (--mirror) or set TOCSIN_UCDP_BASE_URL."
        ) from exc
    found = releases(response.text)
    if not found:
        raise ListingError(f"UCDP's download listing {url} names no Candidate events file")
    return candidate_dataset(settings, found[-1][1])
