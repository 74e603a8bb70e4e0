"""`tocsin forecast` and `tocsin backtest`: the statistical risk assessment."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from tocsin.analysis.forecast import charts
from tocsin.analysis.forecast import service as forecasts
from tocsin.analysis.forecast.backtest import (
    FIRST_ORIGIN,
    LAST_ORIGIN,
    BacktestResult,
    run_backtest,
)
from tocsin.analysis.forecast.base import MODELS
from tocsin.cli.common import MirrorOption, console, database, friendly_errors, settings_with
from tocsin.reference.countries import lookup
from tocsin.store import migrate

ModelOption = typer.Option(
    forecasts.DEFAULT_MODEL, "--model", "-m", help="Forecast model (see `tocsin forecast --list`)."
)


def _drivers_table(result: forecasts.ForecastResult, code: str, top: int) -> Table:
    from tocsin.analysis.forecast.features import predictor_labels

    labels = predictor_labels()
    parts = forecasts.top_drivers(result.drivers, code, top)
    table = Table(
        title=f"Drivers of {lookup(code).name}'s risk (log-odds vs the average country-year)"
    )
    for column in ("", "predictor", "value", "effect", "change since last year"):
        table.add_column(column)
    for label, frame in (
        ("raises", parts["raise"]),
        ("lowers", parts["lower"]),
        ("moved", parts["changed"]),
    ):
        for row in frame.itertuples():
            change = (
                ""
                if row.change_contribution != row.change_contribution
                else f"{row.change_contribution:+.3f}"
            )
            value = "" if row.value is None or row.value != row.value else f"{row.value:.3g}"
            table.add_row(
                label,
                labels.get(row.predictor, row.predictor),
                value,
                f"{row.contribution:+.3f}",
                change,
            )
            label = ""
    return table


def _interval(row: Any) -> tuple[str, str]:
    """A row's 80% risk and rank intervals as text ('' when not computed)."""
    low, high = row.risk_2yr_low, row.risk_2yr_high
    if low is None or low != low:
        return "", ""
    return f"{low:.1%}-{high:.1%}", f"{int(row.rank_2yr_low)}-{int(row.rank_2yr_high)}"


def register(app: typer.Typer) -> None:
    """Add the `forecast` and `backtest` commands."""

    @app.command("forecast")
    def forecast_command(
        model: str = ModelOption,
        base_year: int | None = typer.Option(
            None, "--base-year", help="Default: latest panel year."
        ),
        mirror: Path | None = MirrorOption,
        out: Path | None = typer.Option(
            None, "--out", help="Also write the table as .csv or .json."
        ),
        explain: str | None = typer.Option(None, "--explain", help="Show a country's drivers."),
        top: int = typer.Option(20, "--top", help="Rows to show in the terminal."),
        list_models: bool = typer.Option(
            False, "--list", help="List the forecast models and exit."
        ),
        draws: int = typer.Option(
            20, "--draws", help="Bootstrap refits for the 80% intervals (0: none)."
        ),
    ) -> None:
        """Forecast the risk of mass-killing onset for every country, store it, show the top."""
        if list_models:
            for name, cls in MODELS.items():
                console.print(f"[bold]{name}[/] (v{cls.version}): {cls.summary}")
            return
        settings = settings_with(mirror)
        with friendly_errors():
            MODELS.get(model)
            if out is not None and out.suffix not in (".csv", ".json"):
                raise ValueError(f"--out must end in .csv or .json, not {out.name!r}")
            if explain is not None:
                explain = lookup(explain).code
            db = database(settings)
            migrate.upgrade(db)
            with console.status(f"fitting {model}"):
                panel = forecasts.load_panel(settings, settings.mirror)
                result = forecasts.forecast(panel, model, base_year, draws=draws)
            with db.session() as session:
                run = forecasts.store_forecast(session, result, panel.checksums)
                run_id = run.id
        yr = result.base_year
        table = Table(
            title=f"{model} v{result.version}: risk of a new mass killing, base year {yr}"
        )
        columns = ("rank", "country", f"risk {yr + 1}-{yr + 2}", "80% interval", "rank interval")
        for column in (*columns, f"risk {yr + 1}"):
            table.add_column(column, justify="right" if column != "country" else "left")
        shown = list(result.table.head(top).itertuples())
        for i, row in enumerate(shown):
            risk_range, rank_range = _interval(row)
            nxt = shown[i + 1] if i + 1 < len(shown) else None
            if risk_range and nxt is not None and row.risk_2yr_low <= nxt.risk_2yr_high:
                rank_range += " ≈ next"
            table.add_row(
                str(row.rank_2yr),
                row.name,
                f"{row.risk_2yr:.1%}",
                risk_range,
                rank_range,
                "" if row.risk_1yr != row.risk_1yr else f"{row.risk_1yr:.1%}",
            )
        console.print(table)
        if draws:
            console.print(
                f"80% intervals from {draws} bootstrap refits over countries; "
                "'≈ next': its interval overlaps the next country's, the data cannot "
                "order the two."
            )
        console.print(f"stored as forecast run {run_id} ({len(result.table)} countries)")
        if explain is not None:
            console.print(_drivers_table(result, explain, 5))
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            frame = result.table.assign(model=result.model, version=result.version, base_year=yr)
            if out.suffix == ".csv":
                frame.to_csv(out, index=False)
            else:
                out.write_text(frame.to_json(orient="records", indent=1))
            console.print(f"wrote {out}")

    @app.command("backtest")
    def backtest_command(
        out: Path = typer.Option(..., "--out", help="Directory for tables and charts."),
        model: str = ModelOption,
        compare: str | None = typer.Option(
            None,
            "--compare",
            help="A second model for the catch curve, e.g. ewp-enet (slow: it "
            "cross-validates 100 penalties x 10 folds at each origin).",
        ),
        mirror: Path | None = MirrorOption,
    ) -> None:
        """Run EWP's fully out-of-sample backtest (origins 1991-2021), store it and chart it."""
        settings = settings_with(mirror)
        with friendly_errors():
            names = [model] + ([compare] if compare and compare != model else [])
            for name in names:
                MODELS.get(name)
            panel = forecasts.load_panel(settings, settings.mirror)
            results: list[BacktestResult] = []
            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            with Progress(*columns, console=console) as progress:
                for name in names:
                    task = progress.add_task(name, total=LAST_ORIGIN - FIRST_ORIGIN + 1)

                    def advance(_origin: int, task: TaskID = task) -> None:
                        progress.advance(task)

                    results.append(
                        run_backtest(
                            partial(forecasts.make_model, name), panel.frame, on_origin=advance
                        )
                    )
            db = database(settings)
            migrate.upgrade(db)
            with db.session() as session:
                for result in results:
                    forecasts.store_backtest(session, result, panel.checksums)
        out.mkdir(parents=True, exist_ok=True)
        metrics = {}
        for result in results:
            result.table.to_csv(out / f"foos_{result.model}.csv", index=False)
            result.per_year.to_csv(out / f"per_year_{result.model}.csv", index=False)
            metrics[result.model] = {**result.metrics, "seconds": round(result.seconds, 2)}
            charts.calibration(result, out / f"calibration_{result.model}.png")
            charts.recall_per_year(result, out / f"recall_per_year_{result.model}.png")
        charts.catch_curve(results, out / "catch_curve.png")
        (out / "metrics.json").write_text(json.dumps(metrics, indent=2))
        table = Table(title="Backtest 1994-2024 (origins 1991-2021)")
        table.add_column("metric")
        for result in results:
            table.add_column(result.model, justify="right")
        for key in (
            "auc",
            "recall@10",
            "recall@20",
            "recall@30",
            "brier",
            "average_precision",
            "cal_slope",
            "1yr_auc",
            "1yr_recall@30",
            "onsets",
            "seconds",
        ):
            table.add_row(key, *[f"{metrics[r.model].get(key, float('nan')):.4g}" for r in results])
        console.print(table)
        console.print(f"stored in the database and wrote tables, metrics.json and charts to {out}")
