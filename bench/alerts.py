"""How well does the surge detector warn of mass-killing onsets?

    .venv/bin/python bench/alerts.py --mirror ../shared/data

Monthly event data here cover too few countries and years, so the evaluation uses the
yearly UCDP deaths per country (1989-2022) and the onsets of the EWP panel (mk_onset).
For each country-year t from 1994, the surge detector compares t's deaths with the
country's own previous ten years (negative binomial tail probability < alpha, at least
25 deaths); the naive rule alerts when t's deaths exceed every earlier year's (and are at
least 25). An onset in year y counts as warned if an alert fired in y - 1 (the previous
12 months at yearly resolution) or, separately, in y itself. Precision is the share of
alerts followed by an onset in the next year.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from tocsin.alerts.surge import tail_probability
from tocsin.config import load_settings
from tocsin.reference.countries import UnknownCountryError, lookup
from tocsin.sources import fetch
from tocsin.sources.ewp import read_predictors

MIN_DEATHS = 25
HISTORY = 10


def yearly_deaths(path: Path, kind: str) -> pd.DataFrame:
    """Deaths per (country code, year) of one type of violence."""
    frame = pd.read_csv(path)
    frame = frame[frame["type_of_violence"] == kind]
    codes = {}
    for name in frame["entity"].unique():
        try:
            codes[name] = lookup(name).code
        except UnknownCountryError:
            codes[name] = None  # regions and the world total
    frame = frame.assign(code=frame["entity"].map(codes)).dropna(subset=["code"])
    return frame.groupby(["code", "year"])["best"].sum().reset_index()


def history_max(values: pd.Series, year: int) -> float:
    """The largest value before ``year``."""
    return float(values[values.index < year].max())


def alerts(deaths: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Surge and naive alerts per country-year."""
    rows = []
    for code, part in deaths.groupby("code"):
        values = part.set_index("year")["best"].sort_index()
        for year in values.index:
            history = values[(values.index < year) & (values.index >= year - HISTORY)]
            if len(history) < 5:
                continue
            observed = values[year]
            _, tail = tail_probability(history.to_numpy(float), observed)
            rows.append({
                "code": code, "year": year,
                "surge": bool(observed >= MIN_DEATHS and tail < alpha),
                "naive": bool(observed >= MIN_DEATHS and observed > history_max(values, year)),
            })  # fmt: skip
    return pd.DataFrame(rows)


def score(flags: pd.DataFrame, onsets: set[tuple[str, int]], rule: str) -> dict[str, float]:
    """Onsets warned one year before / same year, and precision of the alerts."""
    fired = flags[flags[rule]]
    fired_set = set(zip(fired["code"], fired["year"], strict=True))
    covered = {
        (c, y) for c, y in onsets if y - 1 >= flags["year"].min() and y <= flags["year"].max() + 1
    }
    before = sum((c, y - 1) in fired_set for c, y in covered)
    same = sum((c, y) in fired_set for c, y in covered)
    hits = sum((c, y + 1) in onsets for c, y in fired_set)
    return {
        "onsets": len(covered), "warned_year_before": before, "alerted_same_year": same,
        "alerts": len(fired_set),
        "precision_next_year": hits / len(fired_set) if fired_set else float("nan"),
        "alerts_per_country_year": len(fired_set) / len(flags),
    }  # fmt: skip


def main() -> None:
    """Run both rules for two violence types and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mirror", type=Path, default=Path("../shared/data"))
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/tocsin-bench-alerts"))
    parser.add_argument("--alpha", type=float, default=0.01)
    args = parser.parse_args()
    settings = load_settings(data_dir=args.data_dir, mirror=args.mirror)
    panel = read_predictors(fetch.ensure(settings, "ewp-predictors"))
    onset_rows = panel[(panel["mk_onset"] == 1) & (panel["year"] >= 1994)]
    onsets = {
        (lookup(n).code, int(y))
        for n, y in zip(onset_rows["ewp_name"], onset_rows["year"], strict=True)
    }
    deaths_file = fetch.ensure(settings, "ucdp-country-year-deaths")
    table = Table(
        title=f"Warning of EWP onsets 1994-2022 from yearly UCDP deaths (alpha {args.alpha})"
    )
    for column in (
        "deaths",
        "rule",
        "onsets",
        "warned y-1",
        "alerted same year",
        "alerts",
        "precision",
        "alerts per country-year",
    ):
        table.add_column(column, justify="right")
    for kind, label in (
        ("One-sided violence", "one-sided"),
        ("All types of organised violence", "all"),
    ):
        flags = alerts(yearly_deaths(deaths_file, kind), args.alpha)
        flags = flags[flags["year"] >= 1993]
        for rule in ("surge", "naive"):
            m = score(flags, onsets, rule)
            table.add_row(
                label, rule, str(m["onsets"]), str(m["warned_year_before"]),
                str(m["alerted_same_year"]), str(m["alerts"]),
                f"{m['precision_next_year']:.3f}", f"{m['alerts_per_country_year']:.3f}",
            )  # fmt: skip
    Console().print(table)


if __name__ == "__main__":
    main()
