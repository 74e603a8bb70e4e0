"""Reader for UCDP's yearly deaths per country, as UCDP itself attributes them.

The UCDP Country-Year Dataset on Organized Violence within Country Borders
(``organizedviolencecy_v*.csv``) gives, per Gleditsch-Ward country and year, the deaths
of state-based conflict, non-state conflict and one-sided violence (violence against
civilians) that took place inside the country's borders. Tocsin stores these figures as
published: a conflict fought in several countries is never split evenly among them.

Rows ``code, gwno, year, kind, best, low, high`` are returned; a Gleditsch-Ward code the
reference does not know is an error naming file, row and column (nothing is stored).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

import pandas as pd

from tocsin.reference.countries import UnknownCountryError, lookup_gw

YEARLY_COLUMNS = ["code", "gwno", "year", "kind", "best", "low", "high"]
# the kinds of deaths the country-year file counts, violence against civilians first
DeathKind = Literal["one-sided", "state-based", "non-state"]
DEATH_KINDS: tuple[DeathKind, ...] = get_args(DeathKind)
# measure -> column stem in the country-year file
COUNTRY_YEAR_MEASURES: dict[DeathKind, str] = {
    "state-based": "sb_total_deaths",
    "non-state": "ns_total_deaths",
    "one-sided": "os_total_deaths",
}


class YearlyFormatError(ValueError):
    """A yearly deaths file is not laid out as its codebook says."""


@dataclass
class YearlyDeaths:
    """Deaths per country-year, and what could not be mapped to a country."""

    frame: pd.DataFrame
    unmapped: dict[str, int] = field(default_factory=dict)  # name or code -> rows


def read_csv_text(path: Path) -> pd.DataFrame:
    """Every cell as text, as UCDP writes it: quoted line breaks kept, ``n/a`` kept as
    text (only empty cells are missing)."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise YearlyFormatError(f"{path}: cannot be read as CSV: {exc}") from exc


def _require(path: Path, raw: pd.DataFrame, required: tuple[str, ...]) -> None:
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise YearlyFormatError(f"{path}: missing column(s): {', '.join(missing)}")


def _numbers(path: Path, raw: pd.DataFrame, column: str, whole: bool = False) -> pd.Series:
    """A column as non-negative numbers ("48528.0" reads as 48528); the first bad cell is
    an error naming file, row (1 = first data row) and column."""
    values = pd.to_numeric(raw[column].fillna("").str.strip(), errors="coerce")
    bad = values.isna() | (values < 0)
    if whole:
        bad |= values.notna() & (values % 1 != 0)
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise YearlyFormatError(
            f"{path}: column {column!r}, row {row + 1}: {raw[column].iloc[row]!r} "
            f"is not a non-negative {'whole ' if whole else ''}number"
        )
    return values


def read_country_year(path: Path) -> YearlyDeaths:
    """Deaths per country-year by type of violence from UCDP's country-year file."""
    raw = read_csv_text(path)
    stems = COUNTRY_YEAR_MEASURES.values()
    columns = tuple(f"{s}_{b}_cy" for s in stems for b in ("best", "low", "high"))
    _require(path, raw, ("country_id_cy", "year_cy", *columns))
    gwno = _numbers(path, raw, "country_id_cy", whole=True).astype(int)
    year = _numbers(path, raw, "year_cy", whole=True).astype(int)
    too_early = (year < 1946) | (year > 2100)
    if too_early.any():
        row = int(too_early.to_numpy().argmax())
        raise YearlyFormatError(
            f"{path}: column 'year_cy', row {row + 1}: {year.iloc[row]} is not a possible year"
        )
    codes: dict[tuple[int, int], str] = {}
    for row, (gw, yr) in enumerate(zip(gwno, year, strict=True)):
        if (gw, yr) not in codes:
            try:
                codes[(gw, yr)] = lookup_gw(gw, yr).code
            except UnknownCountryError as exc:
                raise YearlyFormatError(
                    f"{path}: column 'country_id_cy', row {row + 1}: {exc}"
                ) from None
    code = pd.Series([codes[k] for k in zip(gwno, year, strict=True)], index=raw.index)
    parts = []
    for kind, stem in COUNTRY_YEAR_MEASURES.items():
        values = {b: _numbers(path, raw, f"{stem}_{b}_cy") for b in ("best", "low", "high")}
        parts.append(
            pd.DataFrame({"code": code, "gwno": gwno, "year": year, "kind": kind, **values})
        )
    frame = pd.concat(parts, ignore_index=True)
    duplicated = frame.duplicated(["code", "year", "kind"])
    if duplicated.any():
        first = frame[duplicated].iloc[0]
        raise YearlyFormatError(
            f"{path}: {first['code']} {first['year']} appears more than once "
            "(one row per country-year expected)"
        )
    return YearlyDeaths(frame[YEARLY_COLUMNS])
