"""Numbered footnotes: each distinct source text gets one number, cited as often as needed."""

from __future__ import annotations


class Footnotes:
    """Footnotes in order of first citation."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def cite(self, text: str) -> int:
        """The number of the footnote with ``text`` (added if new)."""
        return self._numbers.setdefault(" ".join(text.split()), len(self._numbers) + 1)

    @property
    def items(self) -> list[tuple[int, str]]:
        """(number, text) in order."""
        return [(n, text) for text, n in self._numbers.items()]

    def __len__(self) -> int:
        return len(self._numbers)
