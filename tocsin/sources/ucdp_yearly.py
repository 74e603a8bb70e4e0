"""Readers for UCDP's yearly death counts, validated and mapped to country codes.

- The Battle-Related Deaths dataset (dyad-year, ``BattleDeaths_v*.csv``): battle deaths
  per country where the battles took place and year. A dyad-year fought in several
  countries (``gwno_battle`` lists Gleditsch-Ward codes) has its deaths split evenly among
  them; the governments' own countries (``gwno_loc``) are not used, so a foreign power
  fighting abroad is not counted at home.
- Deaths by type of violence per country-year (Our World in Data's derivation of UCDP
  GED, ``ucdp_country_year_deaths_by_type.csv``): state-based, non-state, one-sided
  (violence against civilians).

Both return rows ``code, year, kind, best, low, high``. Rows whose country cannot be
resolved (regions, the world total, states that no longer exist in the reference) are
returned separately with the reason, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tocsin.reference.countries import UnknownCountryError, lookup, lookup_gw

YEARLY_COLUMNS = ["code", "year", "kind", "best", "low", "high"]
_OWID_KINDS = {
    "State-based conflict": "state-based",
    "Non-state conflict": "non-state",
    "One-sided violence": "one-sided",
}


class YearlyFormatError(ValueError):
    """A yearly deaths file is not laid out as its codebook says."""


@dataclass
class YearlyDeaths:
    """Deaths per country-year, and what could not be mapped to a country."""

    frame: pd.DataFrame
    unmapped: dict[str, int] = field(default_factory=dict)  # name or code -> rows


def _read(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise YearlyFormatError(f"{path}: cannot be read as CSV: {exc}") from exc
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise YearlyFormatError(f"{path}: missing column(s): {', '.join(missing)}")
    return raw


def _numbers(path: Path, raw: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    out = pd.DataFrame(index=raw.index)
    for column in columns:
        values = pd.to_numeric(raw[column].str.strip(), errors="coerce")
        bad = values.isna() | (values < 0)
        if bad.any():
            row = int(bad.idxmax())
            raise YearlyFormatError(
                f"{path}: column {column!r}, row {row + 1}: {raw.at[row, column]!r} "
                "is not a non-negative number"
            )
        out[column] = values
    return out


def _codes(keys: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Map names or GW codes to ISO3 codes; also return the keys that failed, with why."""
    found, failed = {}, {}
    for key in keys:
        try:
            found[key] = lookup(key).code
        except UnknownCountryError as exc:
            failed[key] = str(exc)
    return found, failed


def read_battle_deaths(path: Path) -> YearlyDeaths:
    """Battle deaths per location country and year from UCDP's dyad-year file."""
    raw = _read(path, ("gwno_battle", "year", "bd_best", "bd_low", "bd_high"))
    numbers = _numbers(path, raw, ("year", "bd_best", "bd_low", "bd_high"))
    locations = (
        raw["gwno_battle"].str.split(",").map(lambda xs: [x.strip() for x in xs if x.strip()])
    )
    empty = locations.map(len) == 0
    if empty.any():
        row = int(empty.idxmax()) + 1
        raise YearlyFormatError(f"{path}: column 'gwno_battle', row {row}: empty")
    share = 1.0 / locations.map(len)
    rows = pd.DataFrame(
        {
            "gw": locations,
            "year": numbers["year"].astype(int),
            "best": numbers["bd_best"] * share,
            "low": numbers["bd_low"] * share,
            "high": numbers["bd_high"] * share,
        }
    ).explode("gw")
    pairs, failed = {}, set()
    for gw, year in set(zip(rows["gw"], rows["year"], strict=True)):
        try:
            pairs[(gw, year)] = lookup_gw(int(gw), year).code if gw.isdigit() else lookup(gw).code
        except UnknownCountryError:
            failed.add(gw)
    unmapped = rows[rows["gw"].isin(failed)].groupby("gw").size().to_dict()
    keys = pd.Series(list(zip(rows["gw"], rows["year"], strict=True)), index=rows.index)
    rows = rows.assign(code=keys.map(pairs)).dropna(subset=["code"])
    frame = rows.groupby(["code", "year"], as_index=False)[["best", "low", "high"]].sum()
    return YearlyDeaths(frame.assign(kind="battle")[YEARLY_COLUMNS], unmapped)


def read_deaths_by_type(path: Path) -> YearlyDeaths:
    """Deaths per country-year by type of violence (state-based, non-state, one-sided)."""
    raw = _read(path, ("entity", "year", "type_of_violence", "best", "low_amend", "high_amend"))
    raw = raw[raw["type_of_violence"].isin(_OWID_KINDS)].reset_index(drop=True)
    numbers = _numbers(path, raw, ("year", "best", "low_amend", "high_amend"))
    codes, failed = _codes(sorted(raw["entity"].unique()))
    frame = pd.DataFrame(
        {
            "code": raw["entity"].map(codes),
            "year": numbers["year"].astype(int),
            "kind": raw["type_of_violence"].map(_OWID_KINDS),
            "best": numbers["best"],
            "low": numbers["low_amend"],
            "high": numbers["high_amend"],
        }
    ).dropna(subset=["code"])
    unmapped = raw[raw["entity"].isin(failed)].groupby("entity").size().to_dict()
    frame = frame.groupby(["code", "year", "kind"], as_index=False)[["best", "low", "high"]].sum()
    return YearlyDeaths(frame[YEARLY_COLUMNS], unmapped)
