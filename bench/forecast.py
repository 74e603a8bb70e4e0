"""Backtest the forecast models under EWP's protocol; print metrics and wall time.

.venv/bin/python bench/forecast.py --mirror ../shared/data   # all models, 1994-2024
.venv/bin/python bench/forecast.py --mirror ../shared/data --models tocsin-ensemble ewp-enet
.venv/bin/python bench/forecast.py --mirror ../shared/data --selection  # the model selection

``--selection`` re-runs the comparison that chose the default model's members, weights and
recalibration: every candidate is backtested on origins 1991-2005 only (onset years
1994-2009, nothing later is fitted, predicted or scored), the rule below picks one, and
the recalibration is fitted on the chosen ensemble's forecasts of that window. The full
backtest's numbers were not used to choose anything.
"""

from __future__ import annotations

import argparse
import itertools
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from tocsin.analysis.forecast import service
from tocsin.analysis.forecast.backtest import (
    BacktestResult,
    _foos_table,
    rank_within_year,
    run_backtest,
    score,
)
from tocsin.analysis.forecast.base import ForecastModel, logit
from tocsin.analysis.forecast.ensemble import (
    MEMBER_SETTINGS,
    MEMBERS,
    EnsembleSettings,
    make_member,
    platt,
    pool,
)
from tocsin.analysis.forecast.gbm import TocsinGbm, TocsinGbmSettings
from tocsin.analysis.forecast.tocsin_enet import TocsinEnet, TocsinEnetSettings
from tocsin.config import Settings, load_settings

EWP_R = {"auc": 0.827, "recall@10": 0.308, "recall@20": float("nan"), "recall@30": 0.692}
METRICS = (
    "auc",
    "recall@10",
    "recall@20",
    "recall@30",
    "brier",
    "average_precision",
    "cal_brier",
    "cal_slope",
    "calm_below_0.5%",
    "1yr_auc",
    "1yr_average_precision",
    "1yr_recall@30",
)
MODELS = ["tocsin-ensemble", "tocsin-enet", "tocsin-gbm", "ewp-two-variable", "ewp-enet"]
SELECTION_ORIGINS = range(1991, 2006)
SELECTION_YEARS = (1994, 2009)


def candidates() -> dict[str, Callable[[], ForecastModel]]:
    """Every member design compared on the selection window."""
    found: dict[str, Callable[[], ForecastModel]] = {
        "ewp-enet (replication, 39 predictors)": lambda: service.make_model("ewp-enet"),
        "ewp-two-variable": lambda: service.make_model("ewp-two-variable"),
    }
    for trees, rate, monotone in GBM_VARIANTS:
        found[gbm_label(trees, rate, monotone)] = partial(
            TocsinGbm, TocsinGbmSettings(trees=trees, learning_rate=rate, monotone=monotone)
        )
    found["tocsin-gbm, 120 trees x 0.05, 4 leaves"] = lambda: TocsinGbm(TocsinGbmSettings(leaves=4))
    for alpha in ENET_ALPHAS:
        for violence in (False, True):
            label = f"tocsin-enet L1 0.2, alpha {alpha}{', + violence' if violence else ''}"
            found[label] = partial(
                TocsinEnet, TocsinEnetSettings(alpha=alpha, l1_ratio=0.2, violence=violence)
            )
    return found


ENET_ALPHAS = (0.012, 0.024, 0.04)
GBM_VARIANTS = ((120, 0.05, False), (60, 0.1, False), (60, 0.1, True))  # trees, rate, monotone


def gbm_label(trees: int, rate: float, monotone: bool) -> str:
    """The candidate's name in the selection table."""
    return f"tocsin-gbm, {trees} trees x {rate}{', monotone' if monotone else ''}"


WEIGHT_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def _scored(base: pd.DataFrame, panel: pd.DataFrame) -> dict[str, float]:
    base = base.reset_index()
    base["rank"] = rank_within_year(base)
    metrics, _ = score(_foos_table(base, panel, SELECTION_YEARS))
    return metrics


def ensemble_candidates(
    results: dict[str, BacktestResult], panel: pd.DataFrame
) -> tuple[dict[str, dict[str, float]], dict[str, pd.DataFrame]]:
    """Every weighting of the members in steps of 0.25 (log-odds pooling), for each
    elastic-net penalty and boosting variant, plus rank averaging at the weights of 1.0;
    scored from the members' window forecasts. Also returns each pooled forecast."""
    keys = ["ewp_name", "base_year"]
    first = results["ewp-two-variable"].base_forecasts.set_index(keys)

    def risk(label: str) -> pd.Series:
        return results[label].base_forecasts.set_index(keys)["risk"].reindex(first.index)

    found, forecasts = {}, {}
    for alpha, (trees, rate, monotone) in itertools.product((0.024, 0.04), GBM_VARIANTS):
        names = (
            f"tocsin-enet L1 0.2, alpha {alpha}, + violence",
            gbm_label(trees, rate, monotone),
            "ewp-two-variable",
        )
        risks = [risk(n) for n in names]
        members = f"enet {alpha}, gbm {trees} trees{', monotone' if monotone else ''}"
        for weights in itertools.product(WEIGHT_GRID, repeat=len(MEMBERS)):
            if abs(sum(weights) - 1) > 1e-9 or max(weights) == 1:
                continue
            active = [(r, w) for r, w in zip(risks, weights, strict=True) if w > 0]
            base = first[["ccode", "mk_onset_1or2"]].copy()
            base["risk"] = pool([r for r, _ in active], np.array([w for _, w in active]))
            label = f"ensemble ({members}) weights {weights}"
            found[label], forecasts[label] = _scored(base, panel), base
        base = first[["ccode", "mk_onset_1or2"]].copy()
        ranks = [r.groupby(level="base_year").rank(pct=True) for r in risks]
        base["risk"] = 0.1 * sum(w * r for w, r in zip((0.5, 0.25, 0.25), ranks, strict=True))
        found[f"rank average ({members}) weights (0.5, 0.25, 0.25)"] = _scored(base, panel)
    return found, forecasts


def rule_table(
    title: str, rows: dict[str, dict[str, float]], console: Console
) -> tuple[str, float]:
    """Apply the selection rule to candidates' window metrics and print them: highest mean
    of AUC and recall@30; candidates within one caught onset of the best are tied and the
    tie goes to the lowest Brier score. Returns the pick and the tie margin."""
    onsets = next(iter(rows.values()))["onsets"]
    tie = 0.5 / onsets  # one caught onset more or less, in the mean of AUC and recall@30
    score_of = {label: (m["auc"] + m["recall@30"]) / 2 for label, m in rows.items()}
    best = max(score_of.values())
    tied = [label for label in rows if score_of[label] >= best - tie]
    chosen = min(tied, key=lambda label: rows[label]["brier"])
    table = Table(title=f"{title} ({onsets:.0f} onsets)")
    for column in ("candidate", "AUC", "AP", "r@10", "r@20", "r@30", "Brier", "(AUC+r@30)/2"):
        table.add_column(column, justify="left" if column == "candidate" else "right")
    for label, m in rows.items():
        mark = " <- rule's pick" if label == chosen else (" (tied)" if label in tied else "")
        table.add_row(
            label + mark,
            f"{m['auc']:.4f}",
            f"{m['average_precision']:.4f}",
            f"{m['recall@10']:.3f}",
            f"{m['recall@20']:.3f}",
            f"{m['recall@30']:.3f}",
            f"{m['brier']:.6f}",
            f"{score_of[label]:.4f}",
        )
    console.print(table)
    return chosen, tie


def selection(panel: pd.DataFrame, console: Console) -> None:
    """Backtest every candidate on origins <= 2005, apply the selection rule, and fit the
    chosen ensemble's recalibration on that window's forecasts."""
    results: dict[str, BacktestResult] = {}
    for label, make in candidates().items():
        results[label] = run_backtest(make, panel, SELECTION_ORIGINS, SELECTION_YEARS)
        console.print(f"  {label}: {results[label].seconds:.1f} s")
    rows = {label: r.metrics for label, r in results.items()}
    pooled, forecasts = ensemble_candidates(results, panel)
    rows.update(pooled)
    _, tie = rule_table("Selection window: origins 1991-2005, onset years 1994-2009", rows, console)
    console.print(
        "Rule: highest mean of AUC and recall@30; candidates within one caught onset "
        f"({tie:.3f}) of the best are tied, and the tie goes to the lowest Brier score "
        "(tocsin-ensemble 2.0 takes the tied 60-tree variant of the pick, for speed)."
    )
    weights = tuple(float(w) for w in EnsembleSettings().weights)
    label = (
        f"ensemble (enet {MEMBER_SETTINGS['tocsin-enet']['alpha']}, gbm 60 trees) weights {weights}"
    )
    window = forecasts[label].dropna(subset=["mk_onset_1or2"])
    intercept, slope = platt(
        logit(window["risk"].to_numpy()), window["mk_onset_1or2"].to_numpy(int)
    )
    console.print(
        f"Recalibration of {label}: two-year outcome on pooled log-odds, base years "
        f"{window.index.get_level_values('base_year').min()}-"
        f"{window.index.get_level_values('base_year').max()} ({len(window)} forecasts, "
        f"{int(window['mk_onset_1or2'].sum())} outcomes): a = {intercept:.2f}, b = {slope:.2f}"
    )


VIOLENCE_TRANSFORMS = {
    "current (2.0): deaths (log2), years since 100+ deaths": "",
    "(a) per-capita deaths added": "A",
    "(a) per-capita deaths instead of deaths (2.1)": "B",
    "(b) years since 25+ deaths instead of 100+": "C",
    "(b) years since 1000+ deaths instead of 100+": "D",
    "(b) years with 100+ deaths in the last 10 added": "E",
    "(c) per-capita instead of deaths + years with 100+ in the last 10": "BE",
}


def _transform_columns(panel: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The panel with every transform tried in issue 17 (own country only)."""
    from tocsin.analysis.forecast.violence import (
        TYPES,
        join_country_years,
        read_country_year,
        since_spike,
    )
    from tocsin.sources import fetch

    cy = read_country_year(fetch.pull_one(settings, "ucdp-organizedviolence-cy-25.1").path)
    cy = cy.sort_values(["gwcode", "year"]).reset_index(drop=True)
    extra = cy[["gwcode", "year"]].copy()
    for t in TYPES:
        extra[f"{t}.since_spike25"] = since_spike(cy, t, 25)
        extra[f"{t}.since_spike1000"] = since_spike(cy, t, 1000)
        spikes = (
            (cy[t] >= 100).astype(float).set_axis(pd.MultiIndex.from_frame(cy[["gwcode", "year"]]))
        )
        counts = [
            part.droplevel(0)
            .reindex(range(part.index[0][1], part.index[-1][1] + 1), fill_value=0.0)
            .rolling(10, min_periods=1)
            .sum()
            .reindex(part.index.get_level_values(1))
            .to_numpy()
            for _, part in spikes.groupby(level=0, sort=False)
        ]
        extra[f"{t}.spikes10"] = np.concatenate(counts)
    return join_country_years(panel, extra)


def _transform_features(parts: str) -> list[str]:
    """The violence features of one transform candidate (letters as in VIOLENCE_TRANSFORMS)."""
    from tocsin.analysis.forecast.violence import TYPES, violence_columns

    columns = [c.replace(".pc", ".log2") for c in violence_columns()]  # 2.0's set
    for t in TYPES:
        if "A" in parts:
            columns.insert(columns.index(f"{t}.log2") + 1, f"{t}.pc")
        if "B" in parts:
            columns[columns.index(f"{t}.log2")] = f"{t}.pc"
        for letter, threshold in (("C", 25), ("D", 1000)):
            if letter in parts:
                columns[columns.index(f"{t}.since_spike")] = f"{t}.since_spike{threshold}"
        if "E" in parts:
            columns.insert(columns.index(f"{t}.since_spike") + 1, f"{t}.spikes10")
    return columns


def violence_transforms(panel: pd.DataFrame, settings: Settings, console: Console) -> None:
    """Issue 17: other transforms of the violence-by-type features, each in both learned
    members of the ensemble (weights 0.5 / 0.25 / 0.25, log-odds, before recalibration),
    on the selection window only, with the selection rule."""
    from tocsin.analysis.forecast.violence import violence_columns

    frame = _transform_columns(panel, settings)
    current = set(violence_columns()) | {c.replace(".pc", ".log2") for c in violence_columns()}
    keys = ["ewp_name", "base_year"]
    two = run_backtest(
        lambda: make_member("ewp-two-variable"), frame, SELECTION_ORIGINS, SELECTION_YEARS
    )
    first = two.base_forecasts.set_index(keys)
    rows = {}
    for label, parts in VIOLENCE_TRANSFORMS.items():
        risks = []
        for name in ("tocsin-enet", "tocsin-gbm"):

            def make(n: str = name, p: str = parts) -> ForecastModel:
                model = make_member(n)
                own = [f for f in model.features if f not in current]  # type: ignore[attr-defined]
                model.features = own + _transform_features(p)  # type: ignore[attr-defined]
                return model

            result = run_backtest(make, frame, SELECTION_ORIGINS, SELECTION_YEARS)
            risks.append(result.base_forecasts.set_index(keys)["risk"].reindex(first.index))
        base = first[["ccode", "mk_onset_1or2"]].copy()
        base["risk"] = pool([*risks, first["risk"]], np.array([0.5, 0.25, 0.25]))
        rows[label] = _scored(base, frame)
    rule_table("Violence transforms, origins 1991-2005", rows, console)


# GED files that are not GED Global for the whole country (SOURCES.md): left out.
NOT_COMPARABLE = ("GED-Syria", "AQAP-subset")


def read_ged(folder: Path) -> pd.DataFrame:
    """Every comparable per-country GED file in ``folder``, normalised by the importer."""
    from tocsin.sources.importers import (
        IMPORTERS,
        formats,  # noqa: F401  (registers the importer)
    )

    importer = IMPORTERS.create("ucdp-ged")
    frames = []
    for path in sorted(folder.glob("*.csv.gz")):
        if not any(tag in path.name for tag in NOT_COMPARABLE):
            frames.append(importer.read(path).events)
    return pd.concat(frames, ignore_index=True)


def monthly(
    panel: service.PanelData, settings: Settings, ged_folder: Path, console: Console
) -> None:
    """Estimate the monthly update's slope on base years <= 2007 (origins <= 2005), then
    evaluate it on monthly origins in the GED-covered country-years."""
    from tocsin.analysis.forecast.monthly import fit_slope, one_sided_so_far, update_risks
    from tocsin.analysis.forecast.violence import read_country_year
    from tocsin.reference.countries import lookup
    from tocsin.sources import fetch

    frame = panel.frame
    make = lambda: service.make_model(service.DEFAULT_MODEL)  # noqa: E731
    early = run_backtest(make, frame, SELECTION_ORIGINS, SELECTION_YEARS).base_forecasts
    cy = read_country_year(fetch.pull_one(settings, "ucdp-organizedviolence-cy-25.1").path)
    os_deaths = cy.set_index(["gwcode", "year"])["os"]
    gw = early["ccode"].astype(int).map(lambda c: {255: 260, 679: 678}.get(c, c))
    nxt = os_deaths.reindex(pd.MultiIndex.from_arrays([gw, early["base_year"] + 1]))
    slope = fit_slope(early, pd.Series(nxt.to_numpy(), index=early.index))
    console.print(f"slope fitted on base years <= 2007: {slope:.3f} per log2 unit of deaths")

    full = run_backtest(make, frame).base_forecasts
    full["code"] = [lookup(n).code for n in full["ewp_name"]]
    onsets = frame.set_index(["ewp_name", "year"])["mk_onset"]
    events = read_ged(ged_folder)
    events["year"] = pd.to_datetime(events["event_date"]).dt.year
    rows = []
    for (code, year), _ in events.groupby(["country_code", "year"]):
        base = full[full["base_year"] == year - 1].set_index("code")
        if code not in base.index:
            continue
        name = base.loc[code, "ewp_name"]
        onset_now = onsets.get((name, year), 0) == 1
        onset_next = onsets.get((name, year + 1), 0) == 1
        mine = events[events["country_code"] == code]
        for month in range(1, 13):
            deaths = one_sided_so_far(mine, year, month)
            risk = base["risk"].copy()
            risk.loc[code] = update_risks(risk.loc[[code]], deaths, month, slope).iloc[0]
            rank = int(risk.rank(ascending=False, method="min").loc[code])
            rows.append(
                (code, year, month, int(base.loc[code, "rank"]), rank, onset_now, onset_next)
            )
    result = pd.DataFrame(
        rows, columns=["code", "year", "month", "rank", "rank_updated", "onset_now", "onset_next"]
    )
    result["moved_up"] = result["rank"] - result["rank_updated"]
    big = result["moved_up"] >= 10
    table = Table(title="Monthly update on GED country-years (each month of year T+1)")
    for column in ("group", "country-months", "mean places moved up", "moved up >= 10"):
        table.add_column(column, justify="left" if column == "group" else "right")
    groups = {
        "onset next year (T+2): before it happens": result["onset_next"],
        "onset this year (T+1)": result["onset_now"],
        "no onset in T+1 or T+2": ~result["onset_now"] & ~result["onset_next"],
    }
    for label, mask in groups.items():
        part = result[mask]
        table.add_row(
            label,
            str(len(part)),
            f"{part['moved_up'].mean():.1f}" if len(part) else "-",
            str(int(big[mask].sum())),
        )
    console.print(table)
    for code, year in sorted(
        set(result[result["onset_next"]][["code", "year"]].itertuples(index=False))
    ):
        part = result[(result["code"] == code) & (result["year"] == year)]
        console.print(
            f"  {code} onset {year + 1}: yearly rank {part['rank'].iloc[0]}, "
            f"updated ranks by month {part['rank_updated'].tolist()}"
        )
    false_moves = result[big & groups["no onset in T+1 or T+2"]]
    console.print(
        f"false moves (up >= 10 places, no onset in T+1/T+2): {len(false_moves)} country-months "
        f"in {false_moves[['code', 'year']].drop_duplicates().shape[0]} country-years of "
        f"{result[['code', 'year']].drop_duplicates().shape[0]}"
    )


def main() -> None:
    """Run the backtests and print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mirror", type=Path, default=Path("../shared/data"))
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/tocsin-bench"))
    parser.add_argument("--models", nargs="+", default=MODELS)
    parser.add_argument("--selection", action="store_true", help="re-run the model selection")
    parser.add_argument("--monthly", action="store_true", help="evaluate the monthly update")
    parser.add_argument(
        "--violence-transforms",
        action="store_true",
        help="re-run issue 17's comparison of violence-feature transforms (selection window)",
    )
    args = parser.parse_args()
    settings = load_settings(data_dir=args.data_dir, mirror=args.mirror)
    console = Console(width=140)
    start = time.perf_counter()
    panel = service.load_panel(settings)
    load_seconds = time.perf_counter() - start
    if args.selection:
        selection(panel.frame, console)
        return
    if args.violence_transforms:
        violence_transforms(panel.frame, settings, console)
        return
    if args.monthly:
        monthly(panel, settings, args.mirror / "events" / "ucdp" / "ged", console)
        return
    results = []
    for name in args.models:
        # Members are run as the default ensemble configures them.
        make = (
            (lambda n=name: make_member(n))
            if name in MEMBERS
            else (lambda n=name: service.make_model(n))
        )
        cpu = time.process_time()
        result = run_backtest(make, panel.frame)
        results.append((name, result, time.process_time() - cpu))
    table = Table(
        title=f"Backtest 1994-2024, origins 1991-2021 ({os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the end)"
    )
    table.add_column("metric")
    for name, result, _ in results:
        role = " (member)" if name in MEMBERS else ""
        table.add_column(f"{name} {result.version}{role}", justify="right")
    table.add_column("EWP R code (reported)", justify="right")
    for key in METRICS:
        table.add_row(
            key,
            *[
                f"{r.metrics.get(key, float('nan')):.{5 if 'brier' in key else 4}f}"
                for _, r, _ in results
            ],
            f"{EWP_R.get(key, float('nan')):.3f}",
        )
    for k in (10, 30):
        table.add_row(
            f"onsets caught @{k}",
            *[
                f"{r.metrics[f'caught@{k}']:.0f} of {r.metrics['onsets']:.0f}"
                for _, r, _ in results
            ],
            "27" if k == 30 else "12",
        )
    table.add_row("wall time, 31 fits (s)", *[f"{r.seconds:.1f}" for _, r, _ in results], "~30")
    table.add_row("CPU time, all threads (s)", *[f"{c:.1f}" for _, _, c in results], "")
    console.print(table)
    console.print(
        f"panel read, checked and featurised once in {load_seconds:.1f} s (not in the times)"
    )


if __name__ == "__main__":
    main()
