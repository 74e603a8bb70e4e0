"""Land neighbours of each country, kept as data (``data/neighbours.csv``).

The list is derived from the map geometry Tocsin installs (world-atlas 2.0.2,
Natural Earth 1:110m, ``countries-110m.json``): two countries are neighbours when their
outlines share a border arc in the TopoJSON. Codes are Gleditsch-Ward, as UCDP uses.
It is kept as a data file so forecasts do not depend on the web assets being installed;
``python -m tocsin.analysis.forecast.neighbours PATH`` rebuilds it from the geometry,
and a test checks the two agree when the geometry is present. At 1:110m a few small
states have no outline (e.g. Singapore, Bahrain) and so no neighbours; islands have none.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from itertools import combinations
from pathlib import Path

import pandas as pd

from tocsin.reference.countries import all_countries

DATA_FILE = Path(__file__).parent / "data" / "neighbours.csv"


def _arcs(geometry: dict) -> set[int]:
    found: set[int] = set()

    def walk(item: object) -> None:
        if isinstance(item, list):
            for sub in item:
                walk(sub)
        elif isinstance(item, int):
            found.add(item if item >= 0 else ~item)

    walk(geometry.get("arcs", []))
    return found


def derive_pairs(topojson: Path) -> pd.DataFrame:
    """Neighbour pairs (both directions) from a world-atlas TopoJSON file."""
    data = json.loads(topojson.read_text())
    gw_by_iso = {c.iso_numeric: c.gwcode for c in all_countries() if c.iso_numeric and c.gwcode}
    arcs: dict[int, set[int]] = {}
    for geometry in data["objects"]["countries"]["geometries"]:
        iso = int(geometry["id"]) if str(geometry.get("id", "")).isdigit() else None
        gw = gw_by_iso.get(iso) if iso is not None else None
        if gw is not None:
            arcs.setdefault(gw, set()).update(_arcs(geometry))
    rows = []
    for a, b in combinations(sorted(arcs), 2):
        if arcs[a] & arcs[b]:
            rows += [(a, b), (b, a)]
    return pd.DataFrame(rows, columns=["country", "neighbour"]).sort_values(
        ["country", "neighbour"], ignore_index=True
    )


@cache
def _stored() -> pd.DataFrame:
    return pd.read_csv(DATA_FILE, usecols=["country", "neighbour"]).astype(int)


def neighbour_pairs() -> pd.DataFrame:
    """The stored neighbour pairs: columns ``country`` and ``neighbour`` (GW codes)."""
    return _stored().copy()


def write_pairs(topojson: Path, path: Path = DATA_FILE) -> Path:
    """Rebuild the data file from the geometry (with names, for readers)."""
    pairs = derive_pairs(topojson)
    names = {c.gwcode: c.name for c in all_countries() if c.gwcode}
    pairs["country_name"] = pairs["country"].map(names)
    pairs["neighbour_name"] = pairs["neighbour"].map(names)
    path.parent.mkdir(parents=True, exist_ok=True)
    pairs.to_csv(path, index=False)
    return path


if __name__ == "__main__":
    print(write_pairs(Path(sys.argv[1])))
