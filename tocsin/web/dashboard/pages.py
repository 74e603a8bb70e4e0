"""Dashboard pages: world map, rankings, country page, model page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from sqlalchemy.orm import Session

from tocsin.alerts.queries import open_alert_codes
from tocsin.analysis.forecast import queries
from tocsin.analysis.forecast.features import predictor_labels
from tocsin.analysis.forecast.service import DEFAULT_MODEL
from tocsin.reports.scale import fitted_scale
from tocsin.store import panel
from tocsin.store.models.accounts import User
from tocsin.web import charts, geometry
from tocsin.web.auth import reader
from tocsin.web.dashboard import model_charts
from tocsin.web.deps import CountryInPath, get_session
from tocsin.web.errors import NotFound
from tocsin.web.extensions import NavLink, add_nav_link, country_sections
from tocsin.web.templating import templates

router = APIRouter(include_in_schema=False)


add_nav_link(NavLink("Map", "/", order=10))


add_nav_link(NavLink("Rankings", "/rankings", order=15))


add_nav_link(NavLink("Model", "/model", order=60))


SORTS: dict[str, Callable[[queries.IntervalRow], Any]] = {
    "rank": lambda i: i.row.rank_2yr,
    "name": lambda i: i.row.name,
    "region": lambda i: (i.row.region or "", i.row.rank_2yr),
    "change": lambda i: -(i.row.rank_change or 0),
}


@router.get("/", response_class=HTMLResponse)
def world_map(
    request: Request, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> HTMLResponse:
    """Countries coloured by current two-year risk; each links to its page."""
    rows = {r.iso_numeric: r for r in queries.rankings(session, DEFAULT_MODEL)}
    alerted = open_alert_codes(session)
    risks = [r.risk_2yr for r in rows.values()]
    colours = fitted_scale(risks)
    shapes = [
        {
            "path": s.path,
            "row": rows.get(s.iso_numeric),
            "fill": colours.colour(rows[s.iso_numeric].risk_2yr if s.iso_numeric in rows else None),
            "name": rows[s.iso_numeric].name if s.iso_numeric in rows else s.name,
            "alerted": s.iso_numeric in rows and rows[s.iso_numeric].code in alerted,
        }
        for s in geometry.world_shapes()
    ]
    top = sorted(rows.values(), key=lambda r: r.rank_2yr)[:10]
    return templates.TemplateResponse(
        request,
        "dashboard/map.html",
        {
            "shapes": shapes,
            "width": geometry.WIDTH,
            "height": geometry.HEIGHT,
            "legend": colours.legend(risks),
            "top": top,
            "base_year": top[0].base_year if top else None,
            "model": DEFAULT_MODEL,
        },
    )


@router.get("/rankings", response_class=HTMLResponse)
def rankings_page(
    request: Request,
    region: str | None = Query(None),
    sort: str = Query("rank", pattern="^(rank|name|region|change)$"),
    model: str = Query(DEFAULT_MODEL),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """All countries by risk with 80 % intervals; sortable, filterable by region, with
    rank change and a mark where a country cannot be told apart from the next-ranked."""
    rows = queries.rankings_with_intervals(session, model)
    regions = sorted({i.row.region for i in rows if i.row.region})
    if region:
        rows = [i for i in rows if i.row.region == region]
    rows.sort(key=SORTS[sort])
    return templates.TemplateResponse(
        request,
        "dashboard/rankings.html",
        {
            "rows": rows,
            "regions": regions,
            "region": region,
            "sort": sort,
            "model": model,
            "models": queries.models(session),
        },
    )


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(
    country: CountryInPath,
    request: Request,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """Risk over time, drivers, indicators with history, episodes, and registered sections."""
    history = queries.history(session, country, DEFAULT_MODEL)
    interval = queries.interval_of(session, country, DEFAULT_MODEL)
    effects = queries.driver_effects(session, country, DEFAULT_MODEL)
    labels = predictor_labels()
    indicator_rows = []
    for indicator in panel.indicators(session, kind="predictor"):
        series = panel.indicator_series(session, country, indicator.name)
        if series:
            indicator_rows.append(
                {
                    "name": indicator.name,
                    "label": indicator.label,
                    "latest": series[-1],
                    "spark": charts.sparkline([v for _, v in series[-30:]]),
                }
            )
    sections = [
        {
            "title": s.title,
            "template": s.template,
            "context": s.context(session, country, _u)
            if s.for_viewer
            else s.context(session, country),
        }
        for s in country_sections()
    ]
    return templates.TemplateResponse(
        request,
        "dashboard/country.html",
        {
            "country": country,
            "latest": history[-1] if history else None,
            "interval": interval,
            "updated": queries.monthly_updates(session, DEFAULT_MODEL).get(country.code),
            "risk_chart": charts.line_chart([(y, r) for y, r, _ in history]),
            "rank_chart": charts.line_chart(
                [(y, rank) for y, _, rank in history], y_format="{:.0f}", y_min=1, invert=True
            ),
            "raise": [e for e in effects if e[1].contribution > 0][:6],
            "lower": [e for e in effects if e[1].contribution < 0][:6],
            "moved": sorted(
                (
                    (labels.get(d.predictor, d.predictor), d)
                    for d in queries.drivers(session, country, DEFAULT_MODEL)
                    if abs(d.change_contribution or 0.0) > queries.MIN_EFFECT
                ),
                key=lambda e: -abs(e[1].change_contribution or 0.0),
            )[:6],
            "indicators": indicator_rows,
            "episodes": panel.episodes_for(session, country),
            "sections": sections,
            "model": DEFAULT_MODEL,
            "user": _u,  # sections show analysts' actions (e.g. the country-report button)
        },
    )


METRICS = ("auc", "average_precision", "recall@10", "recall@20", "recall@30", "brier", "onsets")


def backtest_dir(request: Request) -> Path:
    """Where `tocsin up` and `tocsin backtest` keep the latest backtest charts."""
    return request.app.state.settings.data_dir / "backtest"


@router.get("/model", response_class=HTMLResponse)
def model_page(
    request: Request, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> HTMLResponse:
    """Stored backtest metrics of each model; for each, the calibration of two-year risk
    against the two-year outcome and the share of onsets caught by rank; the model card."""
    charts_dir = backtest_dir(request)
    pngs = sorted(p.name for p in charts_dir.glob("*.png")) if charts_dir.is_dir() else []
    backtests = sorted(
        queries.latest_backtests(session), key=lambda b: (b.model != DEFAULT_MODEL, b.model)
    )
    results = []
    for backtest in backtests:
        bins = queries.calibration_bins(session, backtest.id)
        results.append(
            {
                "run": backtest,
                "bins": bins,
                "calibration": model_charts.calibration_chart(bins),
                "catch": model_charts.catch_chart(queries.catch_curve(session, backtest.id)),
            }
        )
    return templates.TemplateResponse(
        request,
        "dashboard/model.html",
        {
            "backtests": backtests,
            "results": results,
            "metrics": METRICS,
            "charts": pngs,
            "default": DEFAULT_MODEL,
        },
    )


@router.get("/model/charts/{name}")
def model_chart(name: str, request: Request, _u: User | None = Depends(reader)) -> FileResponse:
    """A backtest chart (PNG) by file name."""
    path = backtest_dir(request) / name
    if not name.endswith(".png") or "/" in name or not path.is_file():
        raise NotFound(f"no chart {name!r}")
    return FileResponse(path, media_type="image/png")
