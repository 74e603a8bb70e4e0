"""A gazetteer of groups at risk, per country, so that texts naming them get an ethnic,
religious or national target ("Kill every Zaghawa you find" -> ethnicity).

Kept as data in ``data/groups.csv`` (country, group, target, language, name as written,
source). Names are matched on normalised text, as whole words or word sequences (Mandarin
characters and Burmese syllables, as the classifier reads them).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from tocsin.analysis.speech.normalise import normalise, words

GROUPS_FILE = Path(__file__).parent / "data" / "groups.csv"
COLUMNS = ("country", "group", "target", "lang", "name", "source")


@cache
def entries() -> tuple[dict[str, str], ...]:
    """Every row of the gazetteer, with ``name`` normalised."""
    with GROUPS_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows, start=2):
        missing = [c for c in COLUMNS if not row.get(c)]
        if missing:
            raise ValueError(f"{GROUPS_FILE}: line {i}: empty {', '.join(missing)}")
        row["name"] = normalise(row["name"])
    return tuple(rows)


@cache
def _index() -> dict[tuple[str, ...], str]:
    return {tuple(words(row["name"])): row["target"] for row in entries()}


@cache
def _longest() -> int:
    """The most words in one gazetteer name."""
    return max((len(k) for k in _index()), default=0)


def names(lang: str) -> list[tuple[str, str]]:
    """(name, target) of every group written in ``lang``."""
    return sorted({(row["name"], row["target"]) for row in entries() if row["lang"] == lang})


def target_in(tokens: list[str]) -> str | None:
    """The target of the first gazetteer group named in ``tokens`` (normalised text split
    by :func:`normalise.words`, so Mandarin and Burmese names match inside running text)."""
    index, longest = _index(), _longest()
    for i in range(len(tokens)):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            found = index.get(tuple(tokens[i : i + n]))
            if found is not None:
                return found
    return None
