"""The risk map's colour scale, fitted to the risks it shows (quantile bands from
:func:`tocsin.analysis.forecast.queries.risk_scale`), so no legend band is empty. Below
the web layer so the dashboard map and the annual report's map colour and label their
countries by the same rule."""

from __future__ import annotations

from dataclasses import dataclass

from tocsin.analysis.forecast.queries import risk_scale

NO_DATA = "#d9d9d9"
# ColorBrewer YlOrRd, 5 classes.
COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")


@dataclass(frozen=True)
class Band:
    """One legend entry: colour, risk range (as numbers and as a label), and how many
    countries it holds."""

    colour: str
    label: str
    countries: int
    low: float
    high: float


def _pct(value: float) -> str:
    return f"{value:.2%}" if value < 0.01 else f"{value:.1%}"


@dataclass(frozen=True)
class RiskScale:
    """Upper edges of the bands (ascending, distinct) and their colours."""

    edges: list[float]
    colours: list[str]

    def colour(self, risk: float | None) -> str:
        """Fill colour for a two-year risk (grey when there is no forecast)."""
        if risk is None or not self.edges:
            return NO_DATA
        return next(
            (c for edge, c in zip(self.edges, self.colours, strict=True) if risk <= edge),
            self.colours[-1],
        )

    def legend(self, risks: list[float]) -> list[Band]:
        """One band per colour with its range and country count (none is empty)."""
        bands = []
        lower = min(risks) if risks else 0.0
        for i, (edge, colour) in enumerate(zip(self.edges, self.colours, strict=True)):
            below = self.edges[i - 1] if i else None
            count = sum(1 for r in risks if r <= edge and (below is None or r > below))
            bands.append(Band(colour, f"{_pct(lower)}–{_pct(edge)}", count, lower, edge))
            lower = edge
        return bands


def fitted_scale(risks: list[float]) -> RiskScale:
    """Quantile bands over ``risks``; tied edges merge, so every band holds a country."""
    edges = sorted(set(risk_scale(risks, bands=len(COLOURS))))
    # Spread the colours over however many distinct bands remain, darkest on top.
    step = (len(COLOURS) - 1) / max(1, len(edges) - 1)
    colours = [COLOURS[round(i * step)] for i in range(len(edges))]
    if len(edges) == 1:
        colours = [COLOURS[-1]]
    return RiskScale(edges, colours)
