"""How well do Tocsin's alert signals warn of mass killing, against a naive rule?

    .venv/bin/python bench/alerts.py --mirror ../shared/data

Replays the monthly signals over every UCDP GED event series with history that the
mirror holds (the 15 per-country GED files, the Central African Republic and Mexico) and
scores them with ``tocsin.alerts.record`` against two outcomes defined from the
phenomenon: EWP mass-killing onsets (``mk_onset`` of the modelling panel, dated January
of the onset year) and one-sided spikes (the first month with ``--spike`` or more civilian
deaths after 12 months below it). Side by side, in the same run, the naive rule "any month
with >= 25 civilian deaths".

Alerts are counted as the engine opens them: a firing month starts an alert unless the
same key fired in the previous 3 months (the signals' ``quiet_periods``). The naive rule
is shown both ways (every month it fires, and grouped the same way). The engine row is the
union of the atrocity signals (civilian surge by country and by admin-1 unit, new area,
new perpetrator), per country.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from tocsin.alerts.record import (
    WINDOW_MONTHS,
    SignalRecord,
    episode_starts,
    score,
    spike_onsets,
)
from tocsin.alerts.surge import (
    AdminCivilianSurge,
    CivilianSurge,
    ConflictSurge,
    NewAreaOfViolence,
    NewPerpetrator,
    after_quiet,
)
from tocsin.analysis.events.series import monthly
from tocsin.config import load_settings
from tocsin.reference.countries import lookup
from tocsin.sources import fetch
from tocsin.sources.catalog.events import GED_COUNTRY_DATASETS
from tocsin.sources.ewp import read_predictors
from tocsin.sources.importers import IMPORTERS

NAIVE_DEATHS = 25.0
QUIET_MONTHS = 3
# the engine's signals on violence against civilians, replayed together
ATROCITY_SIGNALS = ("civilian-surge", "civilian-surge-admin1", "new-area", "new-perpetrator")
DATASETS = (*GED_COUNTRY_DATASETS, "ucdp-ged-car", "ucdp-ged-mexico")


def load_events(settings, mirror: Path) -> pd.DataFrame:  # noqa: ANN001 - Settings
    """Every GED event series in the mirror, as the frame the signals read."""
    importer = IMPORTERS.create("ucdp-ged")
    parts = [importer.read(fetch.ensure(settings, n, mirror)).events for n in DATASETS]
    events = pd.concat(parts, ignore_index=True).drop_duplicates("source_id")
    return pd.DataFrame(
        {
            "country_id": events["country_code"],  # codes stand in for store ids
            "month": pd.to_datetime(events["event_date"]).dt.to_period("M"),
            "admin1": events["admin1"],
            "category": events["category"],
            "against_civilians": events["against_civilians"].astype(bool),
            "actor1": events["actor1"],
            "fatalities": events["fatalities_best"].fillna(0.0),
        }
    )


def firings(signal: CivilianSurge, series: pd.DataFrame) -> pd.DataFrame:
    """Every (key, code, month) the signal fires for, month by month."""
    measure = signal.settings.measure
    floor = signal.settings.min_count
    by = list(signal.by)
    keys = series[by].astype(str).agg(":".join, axis=1)
    series = series.assign(_key=keys)
    rows = []
    for month in sorted(series.loc[series[measure] >= floor, "month"].unique()):
        busy = series.loc[(series["month"] == month) & (series[measure] >= floor), "_key"]
        part = series[series["_key"].isin(set(busy))].drop(columns="_key")
        for candidate in signal.detect_in(None, part, month):
            code = candidate.dedup_key.split(":")[0]
            rows.append({"key": candidate.dedup_key, "code": code, "month": month})
    return pd.DataFrame(rows, columns=["key", "code", "month"])


def quiet_firings(signal: NewAreaOfViolence | NewPerpetrator, frame: pd.DataFrame) -> pd.DataFrame:
    """Every (key, code, month) the new-area or new-perpetrator signal fires for, with its
    own settings, computed as ``detect`` does for each month."""
    s = signal.settings
    first_seen = frame.groupby("country_id")["month"].min()
    civilians = frame[frame["against_civilians"]]
    if isinstance(signal, NewPerpetrator):
        civilians = civilians[civilians["actor1"].notna()]
        keys, counted = ["country_id", "actor1"], civilians["fatalities"] > 0
    else:
        civilians = civilians[civilians["admin1"].notna()]
        keys, counted = ["country_id", "admin1"], None
    fired = after_quiet(civilians, keys, s.quiet_months, s.min_events, counted, first_seen)
    return pd.DataFrame(
        {
            "key": fired[keys].astype(str).agg(":".join, axis=1),
            "code": fired["country_id"],
            "month": fired["month"],
        },
        columns=["key", "code", "month"],
    )


def naive(series: pd.DataFrame) -> pd.DataFrame:
    """Every country-month with at least 25 civilian deaths."""
    fired = series[series["civilian_fatalities"] >= NAIVE_DEATHS]
    return pd.DataFrame(
        {"key": fired["country_id"], "code": fired["country_id"], "month": fired["month"]}
    )


def covered_onsets(onsets: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Onsets whose country's event series covers the 12 months before them."""
    spans = series.groupby("country_id")["month"].agg(["min", "max"])
    keep = [
        row.code in spans.index
        and row.month - WINDOW_MONTHS >= spans.loc[row.code, "min"]
        and row.month <= spans.loc[row.code, "max"] + 1
        for row in onsets.itertuples()
    ]
    return onsets[keep]


def main() -> None:
    """Replay, score and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mirror", type=Path, default=Path("../shared/data"))
    parser.add_argument("--spike", type=float, default=100.0, help="civilian deaths a month")
    args = parser.parse_args()
    console = Console(width=160)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as data_dir:
        settings = load_settings(data_dir=Path(data_dir), mirror=args.mirror)
        panel = read_predictors(fetch.ensure(settings, "ewp-predictors", args.mirror))
        frame = load_events(settings, args.mirror)
    rows = panel[panel["mk_onset"] == 1]
    onsets = pd.DataFrame(
        {
            "code": [lookup(n).code for n in rows["ewp_name"]],
            "month": [pd.Period(f"{int(y)}-01", freq="M") for y in rows["year"]],
        }
    )
    series = monthly(frame)
    onsets = covered_onsets(onsets, series)
    spikes = spike_onsets(series.rename(columns={"country_id": "code"}), args.spike)
    country_years = int(
        series.groupby("country_id")["month"].agg(lambda m: m.dt.year.nunique()).sum()
    )
    admin_series = monthly(frame[frame["admin1"].notna()], ("country_id", "admin1"))

    fired = {
        "civilian-surge": firings(CivilianSurge(), series),
        "civilian-surge-admin1": firings(AdminCivilianSurge(), admin_series),
        "new-area": quiet_firings(NewAreaOfViolence(), frame),
        "new-perpetrator": quiet_firings(NewPerpetrator(), frame),
        "conflict-surge (context)": firings(ConflictSurge(), series),
        "naive >= 25 civilian deaths": naive(series),
    }
    alerts = {name: episode_starts(f, QUIET_MONTHS) for name, f in fired.items()}
    engine = pd.concat([fired[name] for name in ATROCITY_SIGNALS])
    alerts["engine (atrocity signals)"] = episode_starts(
        engine.assign(key=engine["code"]), QUIET_MONTHS
    )
    alerts["naive, every month"] = fired["naive >= 25 civilian deaths"]

    records: list[SignalRecord] = []
    for name, starts in alerts.items():
        for outcome, found in (("EWP onset", onsets), ("one-sided spike", spikes)):
            records.append(score(name, starts[["code", "month"]], found, outcome, country_years))

    table = Table(
        title=(
            f"Alerts over {series['country_id'].nunique()} GED event series "
            f"({country_years} country-years, {len(frame):,} events); warned = an alert "
            f"0-{WINDOW_MONTHS} months before; spike = first month >= {args.spike:g} "
            "civilian deaths after 12 below"
        )
    )
    columns = ("signal / rule", "outcome", "outcomes", "warned", "share", "median lead (months)")
    for column in (*columns, "alerts", "alerts per country-year", "precision"):
        table.add_column(column, justify="right" if column != "signal / rule" else "left")
    for r in records:
        table.add_row(
            r.signal,
            r.outcome,
            str(r.outcomes),
            str(r.warned),
            f"{r.share_warned:.2f}" if r.share_warned is not None else "-",
            f"{r.median_lead:.0f}" if r.median_lead is not None else "-",
            str(r.alerts),
            f"{r.alerts_per_country_year:.2f}" if r.alerts_per_country_year is not None else "-",
            f"{r.precision:.2f}" if r.precision is not None else "-",
        )
    console.print(table)
    records_opened = sum(len(alerts[name]) for name in ATROCITY_SIGNALS)
    console.print(
        "The engine row counts one alert per country episode (3 quiet months end it); the "
        "atrocity signals open "
        f"{records_opened} alert records on their own keys (country, admin-1 unit or actor)."
    )
    console.print(
        "EWP onsets covered: "
        f"{sorted(zip(onsets['code'], onsets['month'].astype(str), strict=True))}"
    )
    console.print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
