"""The canonical country table and lookups by any name or code.

Sources, in order of precedence:

1. ``data/ewp_countries.csv`` and ``data/aliases.csv``: Tocsin's curated entries for
   the EWP countries that need care (historical states, EWP spellings, COW/GW code
   differences) and extra keys (misspellings, episode places, stray codes).
2. ``data/ewp_names.csv``: every EWP country name with its Correlates of War code (the
   ``ccode`` used throughout the EWP files).
3. country_converter's country table (ISO 3166 codes, names, regex, continent, GW codes)
   for everything else, so that countries outside the EWP panel also resolve.

``code`` is the ISO 3166-1 alpha-3 code where one exists, else an ISO 3166-3 code for a
former state (DDR, CSK, YMD) or a documented Tocsin code (YAR, RVN, XKX): see
docs/decisions/0002-country-codes.md.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

DATA_DIR = Path(__file__).parent / "data"

# The EWP ccode is a Correlates of War code; Gleditsch-Ward differs for these states.
_COW_TO_GW = {255: 260, 679: 678, 678: 678}
_CONTINENT_TO_REGION = {"America": "Americas"}


class UnknownCountryError(LookupError):
    """No country matches; the message lists the closest names."""

    def __init__(self, key: object, suggestions: list[str]) -> None:
        self.key = key
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown country {key!r}.{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class CountryRef:
    """One country or historical state."""

    code: str
    name: str
    iso3: str | None
    iso_numeric: int | None
    gwcode: int | None
    cowcode: int | None
    ewp_name: str | None
    region: str | None
    aliases: tuple[str, ...] = ()


def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation, fold white space: the lookup key."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text.lower())
    return " ".join(text.split())


@cache
def _coco_table() -> tuple[dict[str, str], ...]:
    """country_converter's country table (current countries only), read with the csv
    module: importing country_converter itself would import pandas, which costs a
    simple command most of its start-up time."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("country_converter is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple(row for row in rows if not row["obsolete"])


@cache
def iso2_by_iso3() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code by alpha-3 code, for every current country (built once;
    read it, never change it)."""
    return {row["ISO3"]: row["ISO2"] for row in _coco_table()}


def _int_or_none(value: object) -> int | None:
    try:
        return int(float(str(value)))
    except (TypeError, ValueError):
        return None


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def _build() -> tuple[tuple[CountryRef, ...], dict[str, CountryRef], dict[int, CountryRef]]:
    coco = {row["ISO3"]: row for row in _coco_table()}
    curated = {int(r["cowcode"]): r for r in _read_csv("ewp_countries.csv")}
    refs: list[CountryRef] = []
    seen_iso3: set[str] = set()
    for row in _read_csv("ewp_names.csv"):
        cow = int(row["cowcode"])
        ewp_name = row["ewp_name"]
        extra_aliases = tuple(a for a in row.get("aliases", "").split("|") if a)
        if cow in curated:
            c = curated[cow]
            iso3 = c["iso3"] or None
            code, name, region = c["code"], c["name"], c["region"]
            extra_aliases += tuple(a for a in c["aliases"].split("|") if a)
        else:
            iso3 = _regex_iso3(ewp_name)
            if iso3 is None:
                raise RuntimeError(f"EWP country {ewp_name!r} has no ISO3 match; curate it")
            code, name = iso3, coco[iso3]["name_short"]
            region = _CONTINENT_TO_REGION.get(coco[iso3]["continent"], coco[iso3]["continent"])
        iso_numeric = _int_or_none(coco[iso3]["ISOnumeric"]) if iso3 in coco else None
        refs.append(
            CountryRef(
                code=code,
                name=name,
                iso3=iso3,
                iso_numeric=iso_numeric,
                gwcode=_COW_TO_GW.get(cow, cow),
                cowcode=cow,
                ewp_name=ewp_name,
                region=region,
                aliases=tuple(dict.fromkeys(a for a in extra_aliases if a != ewp_name)),
            )
        )
        if iso3:
            seen_iso3.add(iso3)
    for iso3, row in coco.items():
        if iso3 in seen_iso3:
            continue
        continent = row["continent"]
        refs.append(
            CountryRef(
                code=str(iso3),
                name=row["name_short"],
                iso3=str(iso3),
                iso_numeric=_int_or_none(row["ISOnumeric"]),
                gwcode=_int_or_none(row["GWcode"]),
                cowcode=None,
                ewp_name=None,
                region=_CONTINENT_TO_REGION.get(continent, continent),
                aliases=(row["name_official"],) if row["name_official"] else (),
            )
        )
    by_key: dict[str, CountryRef] = {}
    by_number: dict[int, CountryRef] = {}
    for ref in refs:  # EWP entries first, so they win any clash
        for key in (ref.code, ref.iso3, ref.ewp_name, ref.name, *ref.aliases):
            if key:
                by_key.setdefault(normalise(key), ref)
        if ref.gwcode is not None:
            by_number.setdefault(ref.gwcode, ref)
    for ref in refs:  # COW codes of EWP files resolve too, after GW codes
        if ref.cowcode is not None:
            by_number.setdefault(ref.cowcode, ref)
    for row in _read_csv("aliases.csv"):  # curated extra keys: misspellings, places, codes
        target = by_key[normalise(row["code"])]
        if row["key"].isdigit():
            by_number.setdefault(int(row["key"]), target)
        else:
            by_key.setdefault(normalise(row["key"]), target)
    return tuple(refs), by_key, by_number


@cache
def _regexes() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(row["regex"], re.IGNORECASE), row["ISO3"]) for row in _coco_table()]


def _regex_iso3(text: str) -> str | None:
    for pattern, iso3 in _regexes():
        if pattern.search(text):
            return iso3
    return None


def all_countries() -> list[CountryRef]:
    """Every country and historical state, EWP countries first."""
    return list(_build()[0])


def ewp_countries() -> list[CountryRef]:
    """The countries that appear in the Early Warning Project files."""
    return [c for c in all_countries() if c.ewp_name is not None]


def lookup(key: str | int) -> CountryRef:
    """Find a country by display name, EWP name, alias, ISO3, ISO2-free name, GW or COW code.

    Matching ignores case, accents and punctuation; free-text names also match
    country_converter's regular expressions. Raises :class:`UnknownCountryError` with
    the closest names when nothing matches.
    """
    refs, by_key, by_number = _build()
    if isinstance(key, int) or (
        isinstance(key, str) and key.strip().isdecimal() and key.strip().isascii()
    ):
        number = int(key)
        if number in by_number:
            return by_number[number]
        raise UnknownCountryError(key, [])
    text = str(key).strip()
    found = by_key.get(normalise(text))
    if found is not None:
        return found
    iso3 = _regex_iso3(text) if len(text) > 3 else None
    if iso3 is not None and normalise(iso3) in by_key:
        return by_key[normalise(iso3)]
    raise UnknownCountryError(key, suggest(text))


# Gleditsch-Ward codes that name another state from a given year: code -> (first year, ISO3).
# 678 is the Yemen Arab Republic (North Yemen) until 1989 and unified Yemen from 1990.
_GW_SUCCESSORS: dict[int, tuple[tuple[int, str], ...]] = {678: ((1990, "YEM"),)}


def lookup_gw(code: int, year: int) -> CountryRef:
    """The country a Gleditsch-Ward code names in ``year``."""
    for first, iso3 in _GW_SUCCESSORS.get(code, ()):
        if year >= first:
            return lookup(iso3)
    return lookup(code)


def suggest(text: str, limit: int = 3) -> list[str]:
    """The display names closest to ``text``."""
    names = {c.name: c for c in all_countries()}
    for c in all_countries():
        for alias in (c.ewp_name, *c.aliases):
            if alias:
                names.setdefault(alias, c)
    matches = process.extract(
        normalise(text), {n: normalise(n) for n in names}, scorer=fuzz.WRatio, limit=limit * 3
    )
    out: list[str] = []
    for _, score, name in matches:
        display = names[name].name
        if score >= 60 and display not in out:
            out.append(display)
    return out[:limit]
