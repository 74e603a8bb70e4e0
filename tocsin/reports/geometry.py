"""World map geometry: Natural Earth 1:110m country shapes as SVG paths. Below the web
layer so the reports and the dashboard map (tocsin/web/geometry.py imports it) draw the
same map; both colour it by :mod:`tocsin.reports.scale`.

The shapes come from the npm package ``world-atlas@2.0.2`` (ISC licence; Natural Earth,
public domain), which ``scripts/setup.sh`` installs under ``.build/npm``; nothing is loaded
from a CDN. TopoJSON arcs are decoded here and projected with the Equal Earth projection
(Šavrič, Patterson & Jenny 2018) into a 1000 x 487 viewBox. The decoder is a few lines,
so we keep it rather than add a dependency.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tocsin

WORLD_ATLAS = Path("node_modules") / "world-atlas" / "countries-110m.json"
WIDTH = 1000.0
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


@dataclass(frozen=True)
class Shape:
    """One country's outline: ISO 3166 numeric id, Natural Earth name, SVG path."""

    iso_numeric: int
    name: str
    path: str


def geometry_file() -> Path | None:
    """Where the TopoJSON is: $TOCSIN_GEOMETRY, else the repository's .build/npm."""
    candidates = [
        Path(os.environ["TOCSIN_GEOMETRY"]) if os.environ.get("TOCSIN_GEOMETRY") else None,
        Path(tocsin.__file__).resolve().parents[1] / ".build" / "npm" / WORLD_ATLAS,
    ]
    return next((p for p in candidates if p is not None and p.is_file()), None)


def _project(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2, t6 = theta * theta, theta**6
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_X_MAX = _project(180, 0)[0]
_Y_MAX = _project(0, 90)[1]
HEIGHT = round(WIDTH * _Y_MAX / _X_MAX, 1)


def _to_view(lon: float, lat: float) -> tuple[float, float]:
    x, y = _project(lon, lat)
    return (x / _X_MAX + 1) * WIDTH / 2, (1 - y / _Y_MAX) * HEIGHT / 2


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs as (longitude, latitude) points (TopoJSON stores quantised deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    lons = [lon for lon, _ in points]
    if max(lons) - min(lons) > 180:
        # The ring crosses the antimeridian (Russia's far east, Fiji): draw it whole on
        # the eastern side, where the part past 180 degrees falls outside the viewBox.
        points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    view = [_to_view(lon, lat) for lon, lat in points]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in view) + "Z"


@cache
def world_shapes() -> tuple[Shape, ...]:
    """Every country shape with an ISO numeric id (empty if the geometry is not installed)."""
    path = geometry_file()
    if path is None:
        return ()
    topology = json.loads(path.read_text())
    arcs = _decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "id" not in geometry or not str(geometry["id"]).isdigit():
            continue  # a few disputed areas have no ISO code
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        d = "".join(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        shapes.append(Shape(int(geometry["id"]), geometry["properties"]["name"], d))
    return tuple(shapes)
