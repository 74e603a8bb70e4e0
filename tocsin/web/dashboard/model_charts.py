"""SVG charts of a stored backtest for /model: the calibration of two-year risk against
the two-year outcome (with counts per bin), and the share of onsets caught by rank."""

from __future__ import annotations

from dataclasses import dataclass

from tocsin.analysis.forecast.queries import CalibrationBin, CatchPoint
from tocsin.web import charts


@dataclass(frozen=True)
class CalibrationChart:
    """Bins as dots (forecast risk across, observed share up) against the diagonal."""

    width: int
    height: int
    diagonal: tuple[float, float, float, float]  # x1, y1, x2, y2
    dots: list[tuple[float, float, str]]  # x, y, tooltip with counts
    ticks: list[tuple[float, float, str]]  # x position, y position, label (both axes)


def calibration_chart(
    bins: list[CalibrationBin], width: int = 420, height: int = 420
) -> CalibrationChart | None:
    """Place calibration bins on square axes from 0 to the largest risk or share shown."""
    if not bins:
        return None
    left, bottom, top, right = 48, 30, 10, 10
    top_value = max(max(b.mean_risk for b in bins), max(b.observed for b in bins)) or 1.0

    def sx(v: float) -> float:
        return round(left + v / top_value * (width - left - right), 1)

    def sy(v: float) -> float:
        return round(height - bottom - v / top_value * (height - top - bottom), 1)

    dots = [
        (
            sx(b.mean_risk),
            sy(b.observed),
            f"forecast {b.mean_risk:.2%}, observed {b.observed:.2%}: "
            f"{b.onsets} onsets in {b.forecasts} forecasts",
        )
        for b in bins
    ]
    steps = [top_value * i / 4 for i in range(5)]
    ticks = [(sx(v), sy(v), f"{v:.1%}") for v in steps]
    return CalibrationChart(
        width, height, (sx(0), sy(0), sx(top_value), sy(top_value)), dots, ticks
    )


def catch_chart(points: list[CatchPoint]) -> charts.LineChart | None:
    """Share of onsets ranked within the top k one or two years before, by k."""
    usable = [(float(p.k), p.share) for p in points if p.onsets]
    return charts.line_chart(usable, y_format="{:.0%}", y_min=0.0)
