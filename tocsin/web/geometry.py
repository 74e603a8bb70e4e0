"""World map geometry for the dashboard: the Natural Earth shapes projected for SVG, kept
in one place below the web layer (:mod:`tocsin.reports.geometry`) so the dashboard map and
the annual report's map are the same."""

from tocsin.reports.geometry import HEIGHT, WIDTH, Shape, geometry_file, world_shapes

__all__ = ["HEIGHT", "WIDTH", "Shape", "geometry_file", "world_shapes"]
