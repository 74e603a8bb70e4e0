"""Violence by type as forecast predictors, from UCDP's country-year file (25.1).

For each country-year: deaths in one-sided violence (``os``), non-state conflict (``ns``)
and state-based conflict (``sb``), UCDP best estimates within the country's borders
(``organizedviolencecy_v25_1.csv``). Features, all looking backwards only:

- ``{t}.pc``: log2(1 + deaths per million inhabitants) in the year, with the population
  of the EWP panel's ``popsize.log2`` (see :func:`per_capita`); the model feature;
- ``{t}.log2``: log2(1 + deaths) in the year (kept in the panel, as ``{t}.d1`` is its
  change; no longer a model feature since ``tocsin-enet`` 3.1 and ``tocsin-gbm`` 1.1);
- ``{t}.d1``: the change of ``{t}.log2`` since the previous year;
- ``{t}.since_spike``: log2(1 + years since the last year with >= ``SPIKE`` deaths of that
  type), counted from 1988 when there was none since UCDP's coverage began (censored);
- ``nb_{t}.log2`` and ``nb_{t}.d1``: the same level and change for the deaths of all
  land neighbours together (``neighbours.csv``, see ``neighbours.py``).

Per-capita deaths replaced raw deaths as the level feature in ``tocsin-ensemble`` 2.1
(chosen on backtest origins 1991-2005 only; docs/forecast.md, decision 0104).

**Filling rule.** UCDP covers 1989 onwards and only states in its list for the year.
A country-year it does not cover gets ``ucdp.missing`` = 1 and its violence features
are left missing (NaN): tree models route missing values themselves; linear models
replace them by 0 *together with* the indicator, whose coefficient absorbs the
difference, so a missing year never reads as a peaceful one. A country-year UCDP covers
with no recorded deaths is a true zero, per capita too; deaths in a country-year without
a population figure leave ``{t}.pc`` missing. Neighbour sums use covered neighbours only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tocsin.analysis.forecast.neighbours import neighbour_pairs

DATASET = "ucdp-organizedviolence-cy-25.1"
FIRST_YEAR = 1989
SPIKE = 100  # deaths of one type in a year that count as a spike
TYPES = {
    "os": "os_total_deaths_best_cy",
    "ns": "ns_total_deaths_best_cy",
    "sb": "sb_total_deaths_best_cy",
}
TYPE_NAMES = {
    "os": "one-sided violence against civilians",
    "ns": "non-state conflict",
    "sb": "state-based armed conflict",
}
MISSING = "ucdp.missing"
POPULATION = "popsize.log2"  # EWP panel: log2 of the population (inhabitants)
_COW_TO_GW = {255: 260, 679: 678}  # EWP's ccode is Correlates of War; UCDP uses Gleditsch-Ward


class ViolenceDataError(ValueError):
    """The violence file does not cover the panel's years or countries."""


def violence_columns() -> list[str]:
    """Every violence feature, in a fixed order."""
    own = [f"{t}.{k}" for t in TYPES for k in ("pc", "d1", "since_spike")]
    neighbours = [f"nb_{t}.{k}" for t in TYPES for k in ("log2", "d1")]
    return [*own, *neighbours, MISSING]


def violence_labels() -> dict[str, str]:
    """Each violence feature in words."""
    labels = {MISSING: "No UCDP violence data for this country-year (before 1989 or not listed)"}
    for t, name in TYPE_NAMES.items():
        labels[f"{t}.log2"] = f"Deaths in {name} (log2)"
        labels[f"{t}.pc"] = f"Deaths in {name} per million inhabitants (log2)"
        labels[f"{t}.d1"] = f"Deaths in {name}: change over 1 year (log2)"
        labels[f"{t}.since_spike"] = f"Years since {SPIKE}+ deaths in {name} (log2)"
        labels[f"nb_{t}.log2"] = f"Deaths in {name} in neighbouring countries (log2)"
        labels[f"nb_{t}.d1"] = f"Deaths in {name} in neighbouring countries: change (log2)"
    return labels


def read_country_year(path: Path) -> pd.DataFrame:
    """Read UCDP's country-year file: gwcode, year, and deaths by type (os, ns, sb).

    Raises :class:`ViolenceDataError` naming the file and column if a column is missing
    or holds non-numbers.
    """
    # Text cells hold the literal "n/a"; only empty cells are missing.
    raw = pd.read_csv(path, keep_default_na=False, na_values=[""], low_memory=False)
    needed = ["country_id_cy", "year_cy", *TYPES.values()]
    absent = [c for c in needed if c not in raw.columns]
    if absent:
        raise ViolenceDataError(f"{path.name}: missing column(s) {', '.join(absent)}")
    frame = pd.DataFrame({"gwcode": raw["country_id_cy"], "year": raw["year_cy"]})
    for short, column in TYPES.items():
        values = pd.to_numeric(raw[column], errors="coerce")
        bad = values.isna() | (values < 0)
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 1
            raise ViolenceDataError(
                f"{path.name}, column {column}, data row {row}: {raw[column].iloc[row - 1]!r} "
                "is not a number of deaths"
            )
        frame[short] = values.astype(float)
    return frame.astype({"gwcode": int, "year": int})


def gw_of(ccode: pd.Series) -> pd.Series:
    """Gleditsch-Ward codes of EWP's Correlates of War codes."""
    return ccode.astype(int).map(lambda c: _COW_TO_GW.get(c, c))


def check_coverage(violence: pd.DataFrame, panel: pd.DataFrame, source: str) -> None:
    """Refuse a violence file that lacks a whole year or a whole country of the panel.

    Single country-years it lacks are filled by the rule in the module docstring; a
    year with no rows at all, or a panel country with no row in any year, means the
    wrong or an outdated file, and the message names them.
    """
    years = set(panel.loc[panel["year"] >= FIRST_YEAR, "year"].astype(int))
    missing_years = sorted(years - set(violence["year"]))
    if missing_years:
        raise ViolenceDataError(
            f"{source} has no rows for year(s) {', '.join(map(str, missing_years))}, which the "
            "forecast panel has: use a UCDP release that covers them"
        )
    recent = panel[panel["year"] >= FIRST_YEAR]
    codes = recent.assign(gw=gw_of(recent["ccode"]))
    absent = codes[~codes["gw"].isin(set(violence["gwcode"]))]
    if not absent.empty:
        names = sorted({f"{r.ewp_name} (GW {r.gw})" for r in absent.itertuples()})
        raise ViolenceDataError(f"{source} has no rows for countries: {', '.join(names)}")


def since_spike(frame: pd.DataFrame, column: str, spike: float = SPIKE) -> pd.Series:
    """log2(1 + years since ``column`` last reached ``spike``), per ``gwcode`` (sorted)."""
    spike_year = frame["year"].where(frame[column] >= spike)
    last = spike_year.groupby(frame["gwcode"]).ffill().fillna(FIRST_YEAR - 1)
    return np.log2(1 + frame["year"] - last)


def violence_features(violence: pd.DataFrame, neighbours: pd.DataFrame) -> pd.DataFrame:
    """Per (gwcode, year): the violence features of the module docstring."""
    frame = violence.sort_values(["gwcode", "year"]).reset_index(drop=True)
    by_country = frame.groupby("gwcode", sort=False)
    out = frame[["gwcode", "year"]].copy()
    for t in TYPES:
        level = np.log2(1 + frame[t])
        out[f"{t}.log2"] = level
        # The first covered year has no previous one: its change is unknown, not zero.
        previous = level.groupby(frame["gwcode"]).shift(1)
        consecutive = by_country["year"].diff() == 1
        out[f"{t}.d1"] = (level - previous).where(consecutive)
        out[f"{t}.since_spike"] = since_spike(frame, t)
    pairs = neighbours.merge(frame, left_on="neighbour", right_on="gwcode")
    sums = pairs.groupby(["country", "year"])[list(TYPES)].sum()
    sums.index = sums.index.set_names(["gwcode", "year"])
    keyed = out.set_index(["gwcode", "year"])
    for t in TYPES:
        level = np.log2(1 + sums[t]).reindex(keyed.index).fillna(0.0)  # no covered neighbour
        keyed[f"nb_{t}.log2"] = level
        previous = level.groupby(level.index.get_level_values("gwcode")).shift(1)
        keyed[f"nb_{t}.d1"] = level - previous
    return keyed.reset_index()


def per_capita(level: pd.Series, population_log2: pd.Series) -> pd.Series:
    """log2(1 + deaths per million inhabitants) from log2(1 + deaths) and log2(population).

    Missing where the deaths are missing (not covered), and where a country-year with
    deaths has no population; a covered year without deaths is 0 whatever the population.
    """
    deaths = np.exp2(level) - 1
    per_million = deaths * 1e6 / np.exp2(population_log2)
    return pd.Series(np.log2(1 + per_million), index=level.index).mask(deaths == 0, 0.0)


def join_violence(panel: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    """``panel`` with the violence features of each row's country-year (rule above).

    Per-capita deaths use the panel's ``popsize.log2``; in a panel without it they are
    missing (NaN) wherever deaths were recorded, like any other unknown value.
    """
    frame = join_country_years(panel, features)
    population = (
        frame[POPULATION].astype(float)
        if POPULATION in frame.columns
        else pd.Series(np.nan, index=frame.index)
    )
    for t in TYPES:
        frame[f"{t}.pc"] = per_capita(frame[f"{t}.log2"], population)
    frame[MISSING] = frame["os.log2"].isna().astype(float)
    return frame


def join_country_years(panel: pd.DataFrame, columns: pd.DataFrame) -> pd.DataFrame:
    """``panel`` with the ``columns`` (keyed by ``gwcode`` and ``year``) of each row's
    country-year, matched through :func:`gw_of`; missing where there is no such row."""
    keyed = columns.set_index(["gwcode", "year"])
    index = pd.MultiIndex.from_arrays([gw_of(panel["ccode"]), panel["year"].astype(int)])
    found = keyed.reindex(index)
    frame = panel.copy()
    for column in keyed.columns:
        frame[column] = found[column].to_numpy()
    return frame


def ensure_violence_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the violence columns as missing (``ucdp.missing`` = 1) to a panel without them."""
    absent = [c for c in violence_columns() if c not in frame.columns]
    if not absent:
        return frame
    frame = frame.copy()
    for column in absent:
        frame[column] = 1.0 if column == MISSING else np.nan
    return frame


def load_violence(
    path: Path, panel: pd.DataFrame, neighbours: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Read, check against ``panel`` and featurise the violence file; returns the panel joined."""
    violence = read_country_year(path)
    check_coverage(violence, panel, path.name)
    return join_violence(
        panel, violence_features(violence, neighbour_pairs() if neighbours is None else neighbours)
    )
