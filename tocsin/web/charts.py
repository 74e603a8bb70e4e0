"""Server-side SVG charts: no JavaScript, no CDN (the map's scale: tocsin/reports/scale.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LineChart:
    """A line chart ready for a template: polyline points, axis ticks, markers."""

    width: int
    height: int
    points: str
    dots: list[tuple[float, float, str]]  # x, y, tooltip
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def line_chart(
    series: list[tuple[float, float]],
    width: int = 640,
    height: int = 220,
    y_format: str = "{:.1%}",
    y_min: float | None = 0.0,
    invert: bool = False,
) -> LineChart | None:
    """Scale (x, y) pairs into an SVG viewBox; ``invert`` puts small values on top (ranks)."""
    if not series:
        return None
    left, bottom, top, right = 48, 24, 10, 10
    xs, ys = [x for x, _ in series], [y for _, y in series]
    x0, x1 = min(xs), max(xs)
    y0 = min(ys) if y_min is None else min(y_min, min(ys))
    y1 = max(ys) if max(ys) > y0 else y0 + 1
    span_x = (x1 - x0) or 1

    def sx(x: float) -> float:
        return left + (x - x0) / span_x * (width - left - right)

    def sy(y: float) -> float:
        share = (y - y0) / (y1 - y0)
        return top + (share if invert else 1 - share) * (height - top - bottom)

    pts = [(round(sx(x), 1), round(sy(y), 1)) for x, y in series]
    step = max(1, round(span_x / 8))
    x_ticks = [(round(sx(x), 1), str(int(x))) for x in range(int(x0), int(x1) + 1, step)]
    y_ticks = [
        (round(sy(y0 + (y1 - y0) * i / 4), 1), y_format.format(y0 + (y1 - y0) * i / 4))
        for i in range(5)
    ]
    dots = [
        (px, py, f"{int(x)}: {y_format.format(y)}")
        for (px, py), (x, y) in zip(pts, series, strict=True)
    ]
    return LineChart(width, height, " ".join(f"{x},{y}" for x, y in pts), dots, x_ticks, y_ticks)


def sparkline(values: list[float], width: int = 120, height: int = 24) -> str:
    """Polyline points for a tiny inline trend line."""
    if len(values) < 2:
        return ""
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1
    step = width / (len(values) - 1)
    return " ".join(
        f"{i * step:.1f},{height - 2 - (v - lo) / span * (height - 4):.1f}"
        for i, v in enumerate(values)
    )
