"""How serious an alert is, and how its numbers read.

Severity reflects the scale of killing of civilians: an alert about violence against
civilians ("atrocity") is graded by the civilian death toll of its period; an alert about
battles only ("conflict context") is never more than medium, so that it ranks below.
"""

from __future__ import annotations

import math

from tocsin.store.models.alerts import SEVERITIES, Severity

ATROCITY = "atrocity"
CONFLICT_CONTEXT = "conflict-context"
CATEGORIES = (ATROCITY, CONFLICT_CONTEXT)

# Civilian deaths in one period at which an alert becomes (critical, high, medium).
# A year of 1,000 civilians killed is the usual threshold of a mass killing.
SCALE = {"month": (250.0, 50.0, 10.0), "year": (1000.0, 250.0, 25.0)}


def scale_severity(deaths: float, category: str = ATROCITY, period: str = "month") -> Severity:
    """Severity from the death toll of one period; conflict context is at most medium."""
    critical, high, medium = SCALE[period]
    level: Severity
    if deaths >= critical:
        level = "critical"
    elif deaths >= high:
        level = "high"
    elif deaths >= medium:
        level = "medium"
    else:
        level = "low"
    if category == CONFLICT_CONTEXT and level in ("critical", "high"):
        return "medium"
    return level


def at_least(level: Severity, floor: Severity) -> Severity:
    """``level``, raised to ``floor`` when below it."""
    return max(level, floor, key=SEVERITIES.index)


def fmt_count(value: float | None, noun: str | None = None) -> str:
    """A whole count with thousands separators ("30,501"), with ``noun`` in the right
    number ("1 event", "2 events")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a" if noun is None else f"n/a {noun}s"
    number = f"{round(value):,}"
    if noun is None:
        return number
    return f"{number} {noun}" if round(value) == 1 else f"{number} {noun}s"


def fmt_probability(p: float | None) -> str:
    """A tail probability: two significant digits; below 1e-12 (or 0) as "< 1e-12"."""
    if p is None:
        return "n/a"
    return "< 1e-12" if p < 1e-12 else f"{p:.2g}"
