"""The yearly statistical risk report: map, ranking, biggest movers, what drives the top
30, model summary with backtest figures, methods and data credits, all footnoted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.analysis.forecast import queries
from tocsin.analysis.forecast.features import feature_labels
from tocsin.analysis.forecast.service import DEFAULT_MODEL
from tocsin.reports.country import ReportError
from tocsin.reports.footnotes import Footnotes, forecast_run_note
from tocsin.reports.geometry import HEIGHT, WIDTH, world_shapes
from tocsin.reports.i18n import gettext_for
from tocsin.reports.scale import NO_DATA, Band, fitted_scale
from tocsin.store import panel
from tocsin.store.models import ForecastDriver, ForecastRun, Provenance

TOP = 30
CREDITS = (
    "Early Warning Project, Statistical Risk Assessment 2025, United States Holocaust "
    "Memorial Museum (Simon-Skjodt Center) and Dartmouth College: modelling panel, episodes.",
    "V-Dem (Varieties of Democracy) indicators as prepared in the EWP panel.",
    "UCDP: Davies, Pettersson, Sollenberg & Öberg (2025), Journal of Peace Research 62(4); "
    "Sundberg & Melander (2013), JPR 50(4). CC BY 4.0.",
    "World Bank, World Development Indicators (CC BY 4.0); UN IGME infant mortality.",
    "Ethnic Power Relations, ETH Zürich (Vogt et al. 2015).",
    "Coup attempts after Powell & Thyne.",
    "Map: Natural Earth via world-atlas 2.0.2 (public domain / ISC).",
)


@dataclass
class AnnualReport:
    """Everything the annual report shows."""

    year: int
    base_year: int
    lang: str
    generated: datetime
    model: str
    model_version: str
    checksums: dict[str, str]
    notes: Footnotes
    rows: list[queries.RankingRow] = field(default_factory=list)
    intervals: dict[str, queries.IntervalRow] = field(default_factory=dict)
    risers: list[queries.RankingRow] = field(default_factory=list)
    fallers: list[queries.RankingRow] = field(default_factory=list)
    drivers: list[dict[str, Any]] = field(default_factory=list)
    top_driver: dict[str, str] = field(default_factory=dict)
    backtest: dict[str, Any] | None = None
    map_svg: str = ""
    legend: list[Band] = field(default_factory=list)
    no_data: str = NO_DATA
    refs: dict[str, int] = field(default_factory=dict)
    credits: tuple[str, ...] = CREDITS

    @property
    def has_intervals(self) -> bool:
        """True when the forecast stored 80 % intervals for the ranked countries."""
        return any(i.risk_low is not None for i in self.intervals.values())

    @property
    def facts(self) -> dict[str, Any]:
        """Checkable statements for version diffs: model, data and the top-30 ranks."""
        out: dict[str, Any] = {"model": f"{self.model} {self.model_version}"}
        out.update({f"data.{k}": v for k, v in sorted(self.checksums.items())})
        out.update({f"rank.{r.code}": r.rank_2yr for r in self.rows[:TOP]})
        return out


def build(session: Session, year: int, lang: str = "en") -> AnnualReport:
    """Gather the annual report for ``year``: forecasts from base year ``year - 1``."""
    base_year = year - 1
    _ = gettext_for(lang)
    rows = queries.rankings(session, DEFAULT_MODEL, base_year)
    if not rows:
        years = sorted(r.base_year for r in queries.runs(session, DEFAULT_MODEL))
        have = f"stored base years: {years[0]}-{years[-1]}" if years else "no forecasts stored"
        raise ReportError(
            f"no {DEFAULT_MODEL} forecast for base year {base_year} (report year {year}); "
            f"{have}. Run `tocsin forecast --base-year {base_year}` or `tocsin up`"
        )
    run = next(r for r in queries.runs(session, DEFAULT_MODEL) if r.base_year == base_year)
    report = AnnualReport(
        year=year,
        base_year=base_year,
        lang=lang,
        generated=datetime.now().astimezone(),
        model=run.model,
        model_version=run.model_version,
        checksums={
            p.dataset: p.sha256
            for p in session.scalars(select(Provenance).order_by(Provenance.loaded_at))
        },
        notes=Footnotes(),
        rows=rows,
        intervals={
            i.row.code: i
            for i in queries.rankings_with_intervals(session, DEFAULT_MODEL, base_year)
        },
    )
    report.refs["forecast"] = report.notes.cite(forecast_run_note(run, _))
    changed = [r for r in rows if r.rank_change]
    report.risers = sorted(
        (r for r in changed if (r.rank_change or 0) > 0), key=lambda r: -(r.rank_change or 0)
    )[:10]
    report.fallers = sorted(
        (r for r in changed if (r.rank_change or 0) < 0), key=lambda r: r.rank_change or 0
    )[:10]
    report.refs["movers"] = report.notes.cite(
        _("Rank change: rank in the {before} run minus rank in the {base} run of {model}").format(
            before=base_year - 1, base=base_year, model=run.model
        )
    )
    report.credits = tuple(_(c) for c in CREDITS)
    _drivers(session, report, run, _)
    _backtest(session, report, _)
    _map(report)
    return report


def _drivers(session: Session, report: AnnualReport, run: ForecastRun, _: Any) -> None:
    from tocsin.store.models import Country

    top_codes = [r.code for r in report.rows[:TOP]]
    ids = dict(
        session.execute(select(Country.code, Country.id).where(Country.code.in_(top_codes))).all()
    )
    labels = feature_labels({i.name: i.label for i in panel.indicators(session)})
    by_feature: dict[str, list[float]] = defaultdict(list)
    best: dict[int, tuple[float, str]] = {}
    query = select(ForecastDriver).where(
        ForecastDriver.run_id == run.id, ForecastDriver.country_id.in_(ids.values())
    )
    for d in session.scalars(query):
        by_feature[d.predictor].append(d.contribution)
        if d.country_id not in best or d.contribution > best[d.country_id][0]:
            best[d.country_id] = (d.contribution, d.predictor)
    n = max(len(ids), 1)
    ranked = sorted(by_feature.items(), key=lambda kv: -sum(kv[1]) / n)
    report.drivers = [
        {
            "label": _(labels.get(name, name)),
            "mean": sum(values) / n,
            "raising": sum(v > 0 for v in values),
        }
        for name, values in ranked[:12]
    ]
    report.top_driver = {
        code: _(labels.get(best[ids[code]][1], best[ids[code]][1]))
        for code in top_codes
        if ids.get(code) in best
    }
    report.refs["drivers"] = report.notes.cite(
        _(
            "Drivers: each feature's contribution to the two-year log-odds in run {run}, "
            "relative to the average country-year, averaged over the top {top}"
        ).format(run=run.id, top=TOP)
    )


def _backtest(session: Session, report: AnnualReport, _: Any) -> None:
    run = next((b for b in queries.latest_backtests(session) if b.model == report.model), None)
    if run is None:
        report.refs["backtest"] = report.notes.cite(
            _("No stored backtest of this model: run `tocsin backtest`")
        )
        return
    report.backtest = dict(run.metrics)
    report.refs["backtest"] = report.notes.cite(
        _(
            "Backtest {run} of {model} {version}, {date}: rolling-origin, fully out of "
            "sample (EWP protocol), onsets 1994-2024"
        ).format(
            run=run.id,
            model=run.model,
            version=run.model_version,
            date=f"{run.created_at:%Y-%m-%d}",
        )
    )


def _map(report: AnnualReport) -> None:
    shapes = world_shapes()
    if not shapes:
        raise ReportError(
            "world map geometry not installed (npm world-atlas@2.0.2 via scripts/setup.sh, "
            "or set TOCSIN_GEOMETRY to countries-110m.json)"
        )
    risk = {r.iso_numeric: r for r in report.rows if r.iso_numeric is not None}
    risks = [r.risk_2yr for r in report.rows]
    scale = fitted_scale(risks)  # the dashboard map's rule: bands fitted to these risks
    paths = []
    for s in shapes:
        row = risk.get(s.iso_numeric)
        fill = scale.colour(row.risk_2yr if row else None)
        paths.append(f'<path d="{s.path}" fill="{fill}" stroke="#fff" stroke-width="0.4"/>')
    report.map_svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}">'
        + "".join(paths)
        + "</svg>"
    )
    report.legend = scale.legend(risks)
