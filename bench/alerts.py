"""How well do Tocsin's surge detectors warn of mass-killing onsets?

    .venv/bin/python bench/alerts.py --mirror ../shared/data

1. **Yearly, all countries** (UCDP deaths per country-year; EWP onsets 1994-2022 from the
   modelling panel's ``mk_onset``). For each country-year the product's yearly-surge rule
   (``tocsin.alerts.yearly``: negative binomial tail probability against the previous ten
   years below alpha, at least 25 deaths) is compared with a naive rule (more deaths than
   in any earlier year, at least 25). An onset in year y is *warned* when an alert fired in
   y - 1 (the previous 12 months at yearly resolution); *lead* is y minus the earliest alert
   year in the unbroken run of alert years that ends in y - 1; *precision* is the share of
   alerts followed by an onset in the next year.
2. **Monthly, where full event histories exist** (UCDP GED for the Central African Republic
   1991-2022 and Mexico 1989-2023): the civilian-surge signal and the naive rule month by
   month; onsets warned by an alert in the 12 months before their year began.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from tocsin.alerts.surge import CivilianSurge, SurgeSettings
from tocsin.alerts.yearly import YearlySurgeSettings, yearly_surges
from tocsin.analysis.events.series import monthly
from tocsin.analysis.events.yearly import zero_filled
from tocsin.config import load_settings
from tocsin.reference.countries import lookup
from tocsin.sources import fetch
from tocsin.sources.ewp import read_predictors
from tocsin.sources.importers import IMPORTERS
from tocsin.sources.ucdp_yearly import read_country_year

MIN_DEATHS = 25


def yearly_flags(series: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Per country-year: the product's surge rule and the naive previous-maximum rule."""
    flags = yearly_surges(series, YearlySurgeSettings(alpha=alpha, min_deaths=MIN_DEATHS))
    flags["naive"] = (flags["observed"] >= MIN_DEATHS) & (flags["observed"] > flags["previous_max"])
    return flags.rename(columns={"country_id": "code"})


def score_yearly(flags: pd.DataFrame, onsets: set[tuple[str, int]], rule: str) -> dict:
    """Warned onsets, lead time, alerts and precision of one rule."""
    fired = set(zip(flags.loc[flags[rule], "code"], flags.loc[flags[rule], "year"], strict=True))
    first, last = int(flags["year"].min()), int(flags["year"].max())
    covered = [(c, y) for c, y in onsets if first + 1 <= y <= last + 1]
    leads = []
    for code, year in covered:
        lead = 0
        while (code, year - lead - 1) in fired:
            lead += 1
        if lead:
            leads.append(lead)
    hits = sum((c, y + 1) in onsets for c, y in fired)
    return {
        "onsets": len(covered),
        "warned": len(leads),
        "same_year": sum((c, y) in fired for c, y in covered),
        "lead": sum(leads) / len(leads) if leads else float("nan"),
        "alerts": len(fired),
        "precision": hits / len(fired) if fired else float("nan"),
        "rate": len(fired) / len(flags),
    }


def monthly_flags(series: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Per country-month: the civilian-surge signal and the naive previous-maximum rule."""
    signal = CivilianSurge(SurgeSettings(alpha=alpha))
    rows = []
    for month in sorted(series["month"].unique()):
        surged = {c.dedup_key.split(":")[0] for c in signal.detect_in(None, series, month)}
        for country_id, part in series[series["month"] <= month].groupby("country_id"):
            values = part.set_index("month")["civilian_fatalities"]
            if month not in values.index or len(values) < 2:
                continue
            observed, before = values[month], values[values.index < month]
            rows.append(
                {
                    "code": country_id,
                    "month": month,
                    "surge": str(country_id) in surged,
                    "naive": bool(
                        observed >= signal.settings.min_count and observed > before.max()
                    ),
                }
            )
    return pd.DataFrame(rows)


def score_monthly(flags: pd.DataFrame, onsets: set[tuple[str, int]], rule: str) -> dict:
    """Onsets with an alert in the 12 months before their year; alerts per country-month."""
    fired = flags[flags[rule]]
    covered = [
        (c, y)
        for c, y in onsets
        if c in set(flags["code"]) and flags["month"].min().year < y <= flags["month"].max().year
    ]
    warned = sum(
        ((fired["code"] == c) & (fired["month"].map(lambda m: m.year) == y - 1)).any()
        for c, y in covered
    )
    return {
        "onsets": len(covered),
        "warned": warned,
        "alerts": len(fired),
        "rate": len(fired) / len(flags),
    }


def main() -> None:
    """Run both evaluations and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mirror", type=Path, default=Path("../shared/data"))
    parser.add_argument("--alpha", type=float, default=0.01)
    args = parser.parse_args()
    console = Console(width=150)
    with tempfile.TemporaryDirectory() as data_dir:
        settings = load_settings(data_dir=Path(data_dir), mirror=args.mirror)
        panel = read_predictors(fetch.ensure(settings, "ewp-predictors", args.mirror))
        rows = panel[(panel["mk_onset"] == 1) & (panel["year"] >= 1990)]
        onsets = {
            (lookup(n).code, int(y)) for n, y in zip(rows["ewp_name"], rows["year"], strict=True)
        }
        by_type = read_country_year(
            fetch.ensure(settings, "ucdp-organizedviolence-cy-25.1", args.mirror)
        )
        importer = IMPORTERS.create("ucdp-ged")
        events = pd.concat(
            [
                importer.read(fetch.ensure(settings, name, args.mirror)).events
                for name in ("ucdp-ged-car", "ucdp-ged-mexico")
            ],
            ignore_index=True,
        )

    yearly = Table(title=f"Yearly: warning of EWP onsets from UCDP deaths (alpha {args.alpha})")
    columns = (
        "deaths",
        "rule",
        "onsets",
        "warned y-1",
        "mean lead (years)",
        "alerted same year",
        "alerts",
        "precision",
        "alerts per country-year",
    )
    for column in columns:
        yearly.add_column(column, justify="right")
    kinds = {
        "one-sided": by_type.frame[by_type.frame["kind"] == "one-sided"],
        "all organised violence": by_type.frame,
        "state-based": by_type.frame[by_type.frame["kind"] == "state-based"],
    }
    for label, frame in kinds.items():
        series = frame.rename(columns={"code": "country_id"})
        years = int(series["year"].min()), int(series["year"].max())
        flags = yearly_flags(zero_filled(series, *years), args.alpha)
        for rule in ("surge", "naive"):
            m = score_yearly(flags, onsets, rule)
            yearly.add_row(
                label,
                rule,
                str(m["onsets"]),
                str(m["warned"]),
                f"{m['lead']:.1f}",
                str(m["same_year"]),
                str(m["alerts"]),
                f"{m['precision']:.3f}",
                f"{m['rate']:.3f}",
            )
    console.print(yearly)

    monthly_table = Table(
        title="Monthly: civilian fatalities in UCDP GED (CAR 1991-2022, "
        f"Mexico 1989-2023; alpha {args.alpha})"
    )
    for column in (
        "rule",
        "onsets covered",
        "warned in the 12 months before",
        "alerts",
        "alerts per country-month",
    ):
        monthly_table.add_column(column, justify="right")
    ids, codes = pd.factorize(events["country_code"])  # integer ids, as in the store
    frame = pd.DataFrame(
        {
            "country_id": ids,
            "month": pd.to_datetime(events["event_date"]).dt.to_period("M"),
            "admin1": events["admin1"],
            "category": events["category"],
            "against_civilians": events["against_civilians"].astype(bool),
            "fatalities": events["fatalities_best"].fillna(0.0),
        }
    )
    flags = monthly_flags(monthly(frame), args.alpha)
    flags["code"] = flags["code"].map(dict(enumerate(codes)))
    for rule in ("surge", "naive"):
        m = score_monthly(flags, onsets, rule)
        monthly_table.add_row(
            rule, str(m["onsets"]), str(m["warned"]), str(m["alerts"]), f"{m['rate']:.3f}"
        )
    console.print(monthly_table)


if __name__ == "__main__":
    main()
