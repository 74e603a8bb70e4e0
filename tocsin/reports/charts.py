"""Report charts as inline SVG (matplotlib; text stays text, set in the report's fonts).
A chart that cannot be drawn raises :class:`ChartError` naming it."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

RISK = "#8b1a1a"
KIND_COLOURS = {
    "state-based": "#8b1a1a",
    "battle": "#8b1a1a",
    "non-state": "#d08c2e",
    "one-sided": "#3a5a8c",
}


class ChartError(RuntimeError):
    """A chart failed to render; the message names the chart and the cause."""


def _figure(name: str, draw: Callable[[Axes], None], size: tuple[float, float]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 8, "font.family": "DejaVu Sans"})
    fig, ax = plt.subplots(figsize=size)
    try:
        draw(ax)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        # fixed margins: tight_layout would draw every chart twice to measure it
        fig.subplots_adjust(left=0.11, right=0.98, top=0.95, bottom=0.16)
        out = io.StringIO()
        fig.savefig(out, format="svg")
    except Exception as exc:  # noqa: BLE001 - any drawing failure becomes one clear error
        raise ChartError(f"chart {name!r} could not be drawn: {exc}") from exc
    finally:
        plt.close(fig)
    svg = out.getvalue()
    # ids must be unique across the charts of one page
    prefix = re.sub(r"[^a-z0-9]+", "-", name.lower())
    svg = re.sub(r'id="', f'id="{prefix}-', svg)
    svg = svg.replace('href="#', f'href="#{prefix}-').replace("url(#", f"url(#{prefix}-")
    return svg[svg.index("<svg") :]


def line(
    name: str,
    series: Sequence[tuple[float, float]],
    ylabel: str,
    invert: bool = False,
    percent: bool = False,
) -> str:
    """A single line over years (e.g. risk or rank history)."""

    def draw(ax: Axes) -> None:
        if not series:
            raise ValueError("no data points")
        from matplotlib.ticker import MaxNLocator

        xs, ys = zip(*series, strict=True)
        ax.plot(xs, [y * 100 if percent else y for y in ys], color=RISK, marker="o", ms=2.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years
        ax.set_ylabel(ylabel)
        if invert:
            ax.invert_yaxis()

    return _figure(name, draw, (6.2, 2.0))


def stacked_bars(
    name: str, kinds: dict[str, Sequence[tuple[int, float]]], labels: dict[str, str], ylabel: str
) -> str:
    """Yearly bars stacked by kind (e.g. deaths by type of violence)."""

    def draw(ax: Axes) -> None:
        if not kinds:
            raise ValueError("no data points")
        years = sorted({y for series in kinds.values() for y, _ in series})
        bottom = [0.0] * len(years)
        for kind, series in sorted(kinds.items()):
            values = dict(series)
            heights = [values.get(y, 0.0) for y in years]
            ax.bar(
                years,
                heights,
                bottom=bottom,
                color=KIND_COLOURS.get(kind, "#888"),
                label=labels.get(kind, kind),
            )
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        ax.set_ylabel(ylabel)
        ax.legend(frameon=False, fontsize=7)

    return _figure(name, draw, (6.2, 2.3))


def weekly_bars(name: str, weeks: Sequence[tuple[str, int]], ylabel: str) -> str:
    """Counts per week (e.g. flagged posts)."""

    def draw(ax: Axes) -> None:
        if not weeks:
            raise ValueError("no data points")
        ax.bar(range(len(weeks)), [n for _, n in weeks], color=RISK)
        step = max(1, len(weeks) // 6)
        ax.set_xticks(range(0, len(weeks), step), [w for w, _ in weeks][::step], fontsize=6)
        ax.set_ylabel(ylabel)

    return _figure(name, draw, (6.2, 1.8))
