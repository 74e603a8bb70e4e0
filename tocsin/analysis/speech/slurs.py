"""Slurs in every supported language, kept as data in ``data/slurs.csv``: the language,
the term (``*`` ends a stem), the group it targets, and ``frames`` = ``yes`` for the
plural forms the training slur frames put in their ``{s}`` slot (``slur_frames``).

Every term is a slur cue (``cues.INDEX``), and a flagged text whose only group word is a
slur gets the slur's target (``cues.slur_target``). The words are common slurs that
dictionaries mark as offensive; words that are also everyday words in a supported
language are left out or listed as whole words only (see ``slur_frames``).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

SLURS_FILE = Path(__file__).parent / "data" / "slurs.csv"
COLUMNS = ("lang", "term", "target", "frames")


@cache
def entries() -> tuple[dict[str, str], ...]:
    """Every row of the slur list, as written in the file."""
    with SLURS_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for line, row in enumerate(rows, start=2):
        missing = [c for c in COLUMNS[:3] if not row.get(c)]
        if missing:
            raise ValueError(f"{SLURS_FILE}: line {line}: empty {', '.join(missing)}")
        if row.get("frames", "") not in ("yes", ""):
            raise ValueError(f"{SLURS_FILE}: line {line}: frames must be 'yes' or empty")
    return tuple(rows)


def frame_slurs() -> dict[str, list[str]]:
    """Per language, the plural slurs the training frames use, in file order."""
    out: dict[str, list[str]] = {}
    for row in entries():
        if row["frames"] == "yes":
            out.setdefault(row["lang"], []).append(row["term"])
    return out
