"""Numbered footnotes: each distinct source text gets one number, cited as often as needed."""

from __future__ import annotations

from collections.abc import Callable

from tocsin.store.models import ForecastRun


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


def forecast_run_note(run: ForecastRun, _: Callable[[str], str]) -> str:
    """The note citing a forecast run: model, version, base year, run, date and the
    checksum of every dataset it was fitted on."""
    sums = ", ".join(f"{k} SHA-256 {v}" for k, v in sorted(run.data_checksums.items()))
    return _(
        "Forecast: model {model} version {version}, base year {base}, run {run} of {date}; "
        "data {data}"
    ).format(
        model=run.model,
        version=run.model_version,
        base=run.base_year,
        run=run.id,
        date=f"{run.created_at:%Y-%m-%d}",
        data=sums,
    )
