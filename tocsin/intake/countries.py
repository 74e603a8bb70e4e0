"""Country names in the languages of the report form.

A reporter types the country in the form's language ("السودان", "Soudan", "Sudán"); the
matcher knows every reference country (:mod:`tocsin.reference.countries`) under its
Unicode CLDR name in each form language (Babel territory names, by ISO 3166 code), and
the form offers those names as suggestions (an HTML ``datalist``, no JavaScript).

People also write names CLDR does not give: former names ("Swaziland", "Zaïre"),
abbreviations ("DRC", "RDC"), formal names ("جمهورية السودان") and common spellings
("Costa de Marfil", "سورية"). :data:`ALTERNATIVE_NAMES` lists them per form language with
the source of each; a CLDR name wins where both name a country.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

from babel import Locale

from tocsin.intake.i18n import LANGUAGES
from tocsin.reference.countries import (
    CountryRef,
    UnknownCountryError,
    all_countries,
    iso2_by_iso3,
    lookup,
)

ALTERNATIVE_NAMES = Path(__file__).parent / "data" / "country_names.csv"
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalise(text: str) -> str:
    """A name folded for matching: case, accents, Arabic vowel marks and alef forms,
    punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_MARKS.sub("", text).translate(_ALEF)
    return " ".join(re.findall(r"\w+", text))


@cache
def names(lang: str) -> tuple[tuple[str, str], ...]:
    """(reference code, name in ``lang``) of every current reference country, sorted by
    name in that language's order (Babel's CLDR names; the reference name if CLDR has none)."""
    territories = Locale.parse(lang).territories
    iso2 = iso2_by_iso3()
    out = {}
    for ref in all_countries():
        if not ref.iso3:
            continue
        out[ref.code] = territories.get(iso2.get(ref.iso3, ""), ref.name)
    return tuple(sorted(out.items(), key=lambda item: normalise(item[1])))


@cache
def alternative_names() -> tuple[dict[str, str], ...]:
    """The rows of :data:`ALTERNATIVE_NAMES`: name, code (ISO 3166 alpha-3), lang, source."""
    with ALTERNATIVE_NAMES.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def _index() -> dict[str, str]:
    """Folded name -> reference code, for every form language: whole names first, then
    each half of a name with a parenthesis ("Myanmar (Birmania)"), then the alternative
    names, then Arabic names without the article ("سودان" as well as "السودان"); an
    earlier entry wins."""
    whole = [(code, name) for lang in LANGUAGES for code, name in names(lang)]
    halves = [
        (code, part.strip(" )")) for code, name in whole if "(" in name for part in name.split("(")
    ]
    others = [(lookup(row["code"]).code, row["name"]) for row in alternative_names()]
    index: dict[str, str] = {}
    for code, name in [*whole, *halves, *others]:
        index.setdefault(normalise(name), code)
    for folded, code in list(index.items()):
        if folded.startswith("ال"):
            index.setdefault(folded[2:], code)
    return index


def match(text: str) -> CountryRef | None:
    """The reference country ``text`` names in any form language, else by the reference
    table's own names, aliases and codes; None if none."""
    text = text.strip()
    if not text:
        return None
    code = _index().get(normalise(text))
    if code is not None:
        return lookup(code)
    try:
        return lookup(text)
    except (UnknownCountryError, LookupError, ValueError):
        return None
