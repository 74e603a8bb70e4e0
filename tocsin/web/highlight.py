"""The passage of a text that matches a search, with the search terms marked."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

OPERATORS = {"and", "or", "not", "near"}


def terms(query: str) -> list[str]:
    """The words of a search query (no operators, quotes or punctuation)."""
    words = re.findall(r"\w+", query.lower())
    return [w for w in dict.fromkeys(words) if w not in OPERATORS]


def passage(text: str, query: str, width: int = 320) -> Markup:
    """About ``width`` characters of ``text`` where most of the terms of ``query`` meet,
    HTML escaped, each matching word (and the words it starts, as full-text search stems:
    "attack" marks "attacked") in ``<mark>``."""
    words = terms(query)
    if not words:
        return escape(text[:width] + ("…" if len(text) > width else ""))
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\w*", re.IGNORECASE)
    start = max(0, _best_start(text, pattern, width) - width // 6)
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + width // 2)
    window = text[start:end]
    out: list[str] = ["…" if start else ""]
    last = 0
    for match in pattern.finditer(window):
        out.append(str(escape(window[last : match.start()])))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(str(escape(window[last:])))
    out.append("…" if end < len(text) else "")
    return Markup("".join(out))


def _best_start(text: str, pattern: re.Pattern[str], width: int) -> int:
    """Where a window of ``width`` characters holds the most distinct matching terms."""
    matches = list(pattern.finditer(text))
    best, best_count = 0, 0
    for match in matches:
        inside = {
            m.group(0).lower()[:4]
            for m in matches
            if match.start() <= m.start() < match.start() + width
        }
        if len(inside) > best_count:
            best, best_count = match.start(), len(inside)
    return best
