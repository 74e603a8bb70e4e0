"""The event-importer plug-in interface.

An importer reads one published event format and returns a frame in Tocsin's
normalised event layout (:data:`EVENT_COLUMNS`) plus the rows it rejected, each with its
line number and reason. Rows with an unknown country, a date in the future, or negative
fatalities are rejected, never loaded. Every importer passes the shared checks in
``tests/conformance/test_importers.py``.
"""

from __future__ import annotations

import csv
import gzip
from abc import abstractmethod
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from tocsin.plugins import Plugin, Registry
from tocsin.reference.countries import UnknownCountryError, lookup

EVENT_COLUMNS = (
    "source",  # importer name, e.g. "ucdp-ged"
    "source_id",  # the event's id in its source
    "event_date",  # datetime.date (start date)
    "date_precision",  # 1 = exact day ... as published
    "country_code",  # Tocsin country code
    "admin1",
    "latitude",
    "longitude",
    "category",  # state-based | non-state | one-sided (GED); ACLED event type
    "sub_type",
    "against_civilians",  # bool: one-sided violence / violence against civilians
    "actor1",
    "actor2",
    "fatalities_best",
    "fatalities_low",
    "fatalities_high",
    "notes",
)


class EventFormatError(ValueError):
    """The file is not in the importer's format at all (missing columns, unreadable)."""


@dataclass(frozen=True)
class RowError:
    """A rejected row: its line in the file (header is line 1), the column, and why."""

    line: int
    reason: str
    column: str | None = None

    def __str__(self) -> str:
        where = f", column {self.column!r}" if self.column else ""
        return f"line {self.line}{where}: {self.reason}"


@dataclass
class ImportResult:
    """Normalised events and the rows rejected."""

    events: pd.DataFrame
    rejected: list[RowError] = field(default_factory=list)


class EventImporter(Plugin):
    """Base class of event importers; subclasses set ``name`` and ``required_columns``."""

    required_columns: tuple[str, ...] = ()
    # Other names some exports give a required column (e.g. GED Explorer's "best_est").
    column_aliases: dict[str, str] = {}

    def read(self, path: Path, today: date | None = None) -> ImportResult:
        """Read ``path`` (CSV, or gzip-compressed CSV) and return normalised events plus
        rejected rows. Cells are read as text: quoted line breaks stay inside their cell,
        ``n/a`` stays text, and whole numbers written as floats ("48528.0") are read."""
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, low_memory=False)
            raw.attrs["lines"] = record_lines(path, len(raw))
        except pd.errors.EmptyDataError:
            raise EventFormatError(f"{path}: empty file, no header line") from None
        except (OSError, UnicodeDecodeError, pd.errors.ParserError, EOFError) as exc:
            raise EventFormatError(f"{path}: cannot be read as CSV: {exc}") from exc
        aliases = {a: c for a, c in self.column_aliases.items() if c not in raw.columns}
        raw = raw.rename(columns=aliases)
        missing = [c for c in self.required_columns if c not in raw.columns]
        if missing:
            raise EventFormatError(
                f"{path}: not a {self.name} file, missing column(s): {', '.join(missing)}"
            )
        return self.normalise(raw, today or date.today())

    @abstractmethod
    def normalise(self, raw: pd.DataFrame, today: date) -> ImportResult:
        """Map the raw string columns onto :data:`EVENT_COLUMNS`, rejecting bad rows."""


def record_lines(path: Path, records: int) -> list[int] | None:
    """The line of the file on which each data record starts (the header is line 1), so
    that errors name the line an editor shows even after cells with quoted line breaks;
    None if the records cannot be matched with what pandas read."""
    opener = gzip.open if path.suffix == ".gz" else open
    starts = []
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        line = 1
        for row in reader:
            if row and line > 1:  # blank lines are skipped, as pandas does
                starts.append(line)
            line = reader.line_num + 1
    return starts if len(starts) == records else None


def row_lines(raw: pd.DataFrame) -> pd.Series:
    """Each row's line in its file (see :func:`record_lines`); the row number counting the
    header as 1 when lines are not known (e.g. rows from an API)."""
    lines = raw.attrs.get("lines")
    if lines is None:
        return raw.index.to_series() + 2
    return pd.Series(lines, index=raw.index)


def country_code(value: str | int) -> str:
    """Tocsin code for a country name or code (raises UnknownCountryError)."""
    return lookup(value).code


# reason -> the raw cell an error quotes
_RAW_DETAIL = {"unknown country": "_country_raw", "deaths are not a number": "_deaths_raw"}


def validate(
    frame: pd.DataFrame,
    lines: pd.Series,
    today: date,
    columns: dict[str, str] | None = None,
) -> ImportResult:
    """Reject rows with unknown countries (already None), impossible or future dates,
    negative deaths; ``columns`` names the file's column for country, date, deaths, id."""
    names = {
        "country": "country",
        "date": "date",
        "deaths": "deaths",
        "id": "id",
        "category": "category",
    }
    names.update(columns or {})
    rejected: list[RowError] = []
    bad = pd.Series(False, index=frame.index)
    deaths = frame[["fatalities_best", "fatalities_low", "fatalities_high"]]
    future = frame["event_date"].map(lambda d: d is not None and d == d and d > today)
    not_number = frame["_deaths_raw"].str.strip().ne("") & frame["fatalities_best"].isna()
    checks = [
        (frame["country_code"].isna(), "unknown country", "country"),
        (frame["category"].isna(), "unknown kind of violence", "category"),
        (frame["event_date"].isna(), "missing or impossible date", "date"),
        (future.astype(bool), "date in the future", "date"),
        (not_number, "deaths are not a number", "deaths"),
        ((deaths < 0).any(axis=1), "negative fatalities", "deaths"),
        (frame["source_id"].isin(["", None]), "missing event id", "id"),
        (frame["source_id"].duplicated(), "event id repeated from an earlier line", "id"),
    ]
    for mask, reason, column in checks:
        for index in frame.index[mask & ~bad]:
            detail = _RAW_DETAIL.get(reason, "")
            detail = frame.at[index, detail] if detail else ""
            rejected.append(
                RowError(
                    int(lines[index]), f"{reason}{f' {detail!r}' if detail else ''}", names[column]
                )
            )
        bad |= mask
    kept = frame[~bad].drop(columns=list(_RAW_DETAIL.values())).reset_index(drop=True)
    return ImportResult(kept[list(EVENT_COLUMNS)], sorted(rejected, key=lambda e: e.line))


def resolve_countries(values: pd.Series) -> pd.Series:
    """Country codes for raw values; None where unknown (looked up once per value)."""
    codes: dict[str, str | None] = {}
    for value in values.unique():
        try:
            codes[value] = country_code(value)
        except UnknownCountryError:
            codes[value] = None
    return values.map(codes)


IMPORTERS: Registry[EventImporter] = Registry("event importer")
