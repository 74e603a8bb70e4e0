"""The country report's content: forecast with drivers, the 14 risk factors (drafted from
data or assessed by analysts), violence, alert episodes, speech trends, civil-society
report counts and documents cited; every statement carries a footnote to its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.analysis.events.yearly import country_yearly
from tocsin.analysis.forecast import queries
from tocsin.analysis.forecast.features import feature_labels
from tocsin.analysis.forecast.service import DEFAULT_MODEL
from tocsin.analysis.framework import assessments, drafts
from tocsin.analysis.speech.trends import posts_frame
from tocsin.intake.service import status_counts
from tocsin.reports.charts import line, stacked_bars, weekly_bars
from tocsin.reports.footnotes import Footnotes, forecast_run_note
from tocsin.reports.i18n import country_name, gettext_for, number, percent
from tocsin.store import panel
from tocsin.store.models import (
    Alert,
    Country,
    Document,
    Excerpt,
    ForecastRun,
    Provenance,
    Tag,
    YearlyDeath,
)

VIOLENCE_KINDS = {
    "state-based": "state-based conflict",
    "non-state": "non-state conflict",
    "one-sided": "one-sided violence",
    "battle": "battle deaths",
}
# Civil-society reports are shown only in coarse bands, never as exact small numbers.
COUNT_BANDS = ((0, "0"), (1, "1-4"), (5, "5-19"), (20, "20-99"), (100, "100+"))


class ReportError(ValueError):
    """A report that cannot be produced; the message says what is missing and where."""


def coarse(count: int) -> str:
    """A count as a coarse band (0, 1-4, 5-19, 20-99, 100+)."""
    return [label for low, label in COUNT_BANDS if count >= low][-1]


@dataclass
class FactorRow:
    """One risk factor as the report shows it."""

    code: str
    name: str
    kind: str
    level: str | None
    source: str  # "draft from data" | "analyst (published)" | "analyst (draft)"
    score: float | None
    evidence: list[dict[str, Any]]
    notes: str
    note_refs: list[int]


@dataclass
class CountryReport:
    """Everything a country report shows, already footnoted."""

    code: str
    name: str
    region: str | None
    lang: str
    generated: datetime
    model: str
    model_version: str
    base_year: int | None
    checksums: dict[str, str]
    notes: Footnotes
    summary: list[tuple[str, int]] = field(default_factory=list)
    forecast: dict[str, Any] = field(default_factory=dict)
    factors: list[FactorRow] = field(default_factory=list)
    violence: dict[str, Any] = field(default_factory=dict)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    speech: dict[str, Any] = field(default_factory=dict)
    civil_society: dict[str, Any] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)

    def change_line(self, key: str, before: Any, after: Any) -> str:
        """One line of "what changed since the previous version", in the report's language."""
        return gettext_for(self.lang)("{label}: {before} → {after}").format(
            label=change_label(key, self.lang),
            before=change_value(before, self.lang),
            after=change_value(after, self.lang),
        )

    @property
    def facts(self) -> dict[str, Any]:
        """The report's checkable statements as flat key -> value, for version diffs."""
        out: dict[str, Any] = {"model": f"{self.model} {self.model_version}"}
        out.update({f"data.{k}": v for k, v in sorted(self.checksums.items())})
        row = self.forecast.get("row")
        if row is not None:
            out["forecast.rank"] = row.rank_2yr
            out["forecast.risk_2yr"] = round(row.risk_2yr, 4)
        for f in self.factors:
            out[f"factor.{f.code}.level"] = f.level
            out[f"factor.{f.code}.source"] = f.source
        for kind, series in self.violence.get("series", {}).items():
            if series:
                year, deaths = series[-1]
                out[f"violence.{kind}.{year}"] = round(deaths)
        out["alerts"] = len(self.alerts)
        out["civil_society"] = self.civil_society.get("band")
        out["documents"] = len(self.documents)
        return out


def change_label(key: str, lang: str) -> str:
    """A fact key of the version diff (see :attr:`CountryReport.facts`) in words."""
    _ = gettext_for(lang)
    head, _sep, rest = key.partition(".")
    if head == "data":
        return _("data {dataset}").format(dataset=rest)
    if head == "factor":
        factor, _sep, what = rest.partition(".")
        return f"{factor} · " + (_("Rating") if what == "level" else _("source of the rating"))
    if head == "violence":
        kind, _sep, year = rest.partition(".")
        return _("deaths ({kind}, {year})").format(
            kind=_(VIOLENCE_KINDS.get(kind, kind)), year=year
        )
    names = {
        "model": _("model"),
        "forecast.rank": _("rank"),
        "forecast.risk_2yr": _("two-year risk"),
        "alerts": _("Alert episodes"),
        "civil_society": _("Civil-society reports"),
        "documents": _("Documents cited"),
    }
    return names.get(key, key)


def change_value(value: Any, lang: str) -> str:
    """A fact's value as the report shows it: words translated, numbers localised."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return number(value, lang, 4)
    return gettext_for(lang)(value) if isinstance(value, str) else str(value)


def _dataset_note(notes: Footnotes, session: Session, dataset: str, what: str, _: Any) -> int:
    prov = session.scalars(
        select(Provenance)
        .where(Provenance.dataset == dataset)
        .order_by(Provenance.loaded_at.desc())
    ).first()
    if prov is None:
        return notes.cite(_("{what}: dataset {dataset}").format(what=what, dataset=dataset))
    return notes.cite(
        _("{what}: dataset {dataset}, version {version}, SHA-256 {sha}").format(
            what=what, dataset=dataset, version=prov.version, sha=prov.sha256
        )
    )


def build(session: Session, country: str, lang: str = "en") -> CountryReport:
    """Gather and footnote everything the country report of ``country`` shows."""
    found = panel.find_country(session, country)
    _ = gettext_for(lang)
    run = queries.runs(session, DEFAULT_MODEL)
    latest_run: ForecastRun | None = run[0] if run else None
    checksums = {
        p.dataset: p.sha256
        for p in session.scalars(select(Provenance).order_by(Provenance.loaded_at))
    }
    report = CountryReport(
        code=found.code,
        name=country_name(found.code, found.name, lang),
        region=_(found.region) if found.region else None,
        lang=lang,
        generated=datetime.now().astimezone(),
        model=DEFAULT_MODEL,
        model_version=latest_run.model_version if latest_run else "none",
        base_year=latest_run.base_year if latest_run else None,
        checksums=checksums,
        notes=Footnotes(),
    )
    _forecast(session, found, report, latest_run, _)
    _factors(session, found, report, _)
    _violence(session, found, report, _)
    _alerts(session, found, report, _)
    _speech(session, found, report, _)
    _civil_society(session, found, report, _)
    _summary(report, _)
    return report


def _forecast(
    session: Session, country: Country, report: CountryReport, run: ForecastRun | None, _: Any
) -> None:
    row = queries.ranking_of(session, country, DEFAULT_MODEL)
    if run is None or row is None:
        report.forecast = {"row": None}
        return
    note = report.notes.cite(forecast_run_note(run, _))
    labels = feature_labels({i.name: i.label for i in panel.indicators(session)})
    drivers = queries.drivers(session, country, DEFAULT_MODEL)

    def named(items: list[Any]) -> list[dict[str, Any]]:
        return [
            {
                "label": _(labels.get(d.predictor, d.predictor)),
                "value": d.value,
                "contribution": d.contribution,
                "change": d.change_contribution,
            }
            for d in items
        ]

    history = queries.history(session, country, DEFAULT_MODEL)
    total = len(queries.rankings(session, DEFAULT_MODEL))
    report.forecast = {
        "row": row,
        "of": total,
        "note": note,
        "raise": named(
            sorted((d for d in drivers if d.contribution > 0), key=lambda d: -d.contribution)[:5]
        ),
        "lower": named(
            sorted((d for d in drivers if d.contribution < 0), key=lambda d: d.contribution)[:5]
        ),
        "changed": named(
            sorted(
                (d for d in drivers if d.change_contribution),
                key=lambda d: -abs(d.change_contribution or 0),
            )[:5]
        ),
    }
    if len(history) > 1:
        report.charts["risk"] = line(
            "forecast history",
            [(y, r) for y, r, _k in history],
            _("two-year risk (%)"),
            percent=True,
        )


def _factors(session: Session, country: Country, report: CountryReport, _: Any) -> None:
    try:
        drafted = drafts.country_drafts(session, country.code)
    except drafts.DraftError as exc:
        raise ReportError(f"{country.code}: {exc}") from None
    rolled = assessments.rollup(session, country.code)
    for draft, roll in zip(drafted, rolled, strict=True):
        evidence = []
        for e in draft.evidence:
            if e.dataset:
                ref = _dataset_note(report.notes, session, e.dataset, _(e.source), _)
            else:
                ref = report.notes.cite(f"{_(e.source)} ({e.year})")
            evidence.append(
                {
                    "label": _(e.line.label),
                    "value": e.value,
                    "trend": e.trend,
                    "percentile": e.percentile,
                    "year": e.year,
                    "rationale": _(e.line.rationale),
                    "ref": ref,
                }
            )
        analyst = roll.published or roll.draft
        refs = []
        level: str | None
        if analyst is not None:
            refs = [_excerpt_note(session, report, i, _) for i in analyst.evidence]
            level = analyst.level
            source = _("analyst, published") if roll.published else _("analyst, not yet published")
            refs.append(
                report.notes.cite(
                    _(
                        "Assessment {country} {factor} version {version} by {author}, "
                        "{date} ({status})"
                    ).format(
                        country=country.code,
                        factor=draft.factor.code,
                        version=analyst.version,
                        author=analyst.created_by,
                        date=f"{analyst.created_at:%Y-%m-%d}",
                        status=_(analyst.status),
                    )
                )
            )
        else:
            level, source = draft.level, _("draft from data")
        report.factors.append(
            FactorRow(
                draft.factor.code,
                draft.factor.name,
                draft.factor.kind,
                level,
                source,
                draft.score,
                evidence,
                _analyst_notes(analyst.summary, _) if analyst is not None else "",
                refs,
            )
        )
    tagged = session.scalars(
        select(Tag.excerpt_id)
        .where(Tag.country_code == country.code, Tag.status == "accepted")
        .distinct()
    )
    for excerpt_id in tagged:
        _excerpt_note(session, report, excerpt_id, _)


def _analyst_notes(summary: str, _: Any) -> str:
    """An assessment's summary for the report: a confirmed or overridden draft is said in
    the report's language (its evidence is in the table already), followed by the
    analyst's own words; a summary written in the editor is shown as written."""
    action = drafts.analyst_action(summary)
    if action is None:
        return summary
    if action.kind == "confirmed":
        said = _("Confirmed the draft from data.")
    else:
        said = _("Overrode the draft from data ({before} → {after}).").format(
            before=_(action.draft_level) if action.draft_level else _("no data"),
            after=_(action.level or ""),
        )
    return f"{said} {action.note}".strip()


def _excerpt_note(session: Session, report: CountryReport, excerpt_id: int, _: Any) -> int:
    excerpt = session.get(Excerpt, excerpt_id)
    if excerpt is None:
        return report.notes.cite(_("Excerpt {id} (no longer stored)").format(id=excerpt_id))
    doc: Document = excerpt.document
    text = " ".join(excerpt.text.split())
    quote = text if len(text) <= 280 else text[:277] + "..."
    ref = report.notes.cite(
        f"{doc.title}, {doc.source}"
        + (f", {doc.published:%Y-%m-%d}" if doc.published else "")
        + (f", {doc.url}" if doc.url else "")
        + ", "
        + _("excerpt {key}").format(key=excerpt.key)
        + f": \u201c{quote}\u201d"
    )
    if all(d["key"] != excerpt.key for d in report.documents):
        report.documents.append(
            {
                "key": excerpt.key,
                "title": doc.title,
                "source": doc.source,
                "url": doc.url,
                "ref": ref,
            }
        )
    return ref


def _violence(session: Session, country: Country, report: CountryReport, _: Any) -> None:
    series = country_yearly(session, country.id)
    labels = {kind: _(label) for kind, label in VIOLENCE_KINDS.items()}
    by_type = {k: v for k, v in series.items() if k != "battle"}
    report.violence = {"series": series, "labels": labels}
    if not series:
        return
    sources = dict(
        session.execute(
            select(YearlyDeath.kind, YearlyDeath.source)
            .where(YearlyDeath.country_id == country.id)
            .distinct()
        ).all()
    )
    report.violence["notes"] = {
        kind: _dataset_note(
            report.notes,
            session,
            source,
            _("UCDP yearly deaths ({kind})").format(kind=labels.get(kind, kind)),
            _,
        )
        for kind, source in sorted(sources.items())
    }
    report.violence["latest"] = {k: v[-1] for k, v in series.items() if v}
    if by_type:
        report.charts["violence"] = stacked_bars(
            "violence by type",
            {k: v[-25:] for k, v in by_type.items()},
            labels,
            _("deaths (best estimate)"),
        )


def _alerts(session: Session, country: Country, report: CountryReport, _: Any) -> None:
    rows = session.scalars(
        select(Alert)
        .where(Alert.country_id == country.id)
        .order_by(Alert.created_at.desc())
        .limit(15)
    )
    for alert in rows:
        report.alerts.append(
            {
                "title": alert.title,
                "severity": _(alert.severity),
                "status": _(alert.status),
                "closed": alert.status == "closed",
                "since": alert.since,
                "until": alert.period_end,
                "ref": report.notes.cite(
                    _("Alert {id} ({signal}), raised {date}").format(
                        id=alert.id, signal=alert.signal, date=f"{alert.created_at:%Y-%m-%d}"
                    )
                    + "".join(f"; {e.kind} {e.label or e.ref}" for e in alert.evidence[:3])
                ),
            }
        )


def _speech(session: Session, country: Country, report: CountryReport, _: Any) -> None:
    frame = posts_frame(session, country.id)
    if frame.empty:
        return
    flagged = frame[frame["flagged"]]
    weekly = flagged.groupby("week").size().sort_index()
    weeks = [(f"{w:%Y-%m-%d}", int(n)) for w, n in weekly.tail(26).items()]
    targets = flagged["target"].value_counts().head(5)
    report.speech = {
        "posts": len(frame),
        "flagged": len(flagged),
        "targets": [(t, int(n)) for t, n in targets.items()],
        "ref": report.notes.cite(
            _(
                "Speech monitor: {posts} stored posts, weeks {first} to {last}; labels from "
                "the Tocsin speech classifier"
            ).format(
                posts=len(frame),
                first=f"{min(frame['week']):%Y-%m-%d}",
                last=f"{max(frame['week']):%Y-%m-%d}",
            )
        ),
    }
    if weeks:
        report.charts["speech"] = weekly_bars("flagged speech per week", weeks, _("flagged posts"))


def _civil_society(session: Session, country: Country, report: CountryReport, _: Any) -> None:
    total = sum(status_counts(session, country.id).values())
    report.civil_society = {
        "band": coarse(total),
        "ref": report.notes.cite(
            _(
                "Secure intake: reports received about {country}, counted in bands; their "
                "content is sealed and never shown in reports"
            ).format(country=country.code)
        ),
    }


def _summary(report: CountryReport, _: Any) -> None:
    row = report.forecast.get("row")
    if row is not None:
        report.summary.append(
            (
                _(
                    "{name} ranks {rank} of {of} countries, with a {risk} estimated risk of a "
                    "new mass killing starting in {y1} or {y2}."
                ).format(
                    name=report.name,
                    rank=row.rank_2yr,
                    of=report.forecast["of"],
                    risk=percent(row.risk_2yr, report.lang),
                    y1=row.base_year + 1,
                    y2=row.base_year + 2,
                ),
                report.forecast["note"],
            )
        )
    else:
        report.summary.append(
            (
                _("No statistical forecast is stored for this country."),
                report.notes.cite(_("Tocsin forecast store: no run for this country")),
            )
        )
    high = [f for f in report.factors if f.level in ("high", "very high")]
    if high:
        refs = [f.evidence[0]["ref"] for f in high if f.evidence] or [
            report.notes.cite(_("Framework drafts"))
        ]
        report.summary.append(
            (
                _("{n} of 14 risk factors are rated high or very high: {codes}.").format(
                    n=len(high), codes=", ".join(f.code for f in high)
                ),
                refs[0],
            )
        )
    latest = report.violence.get("latest", {})
    if latest:
        by_type = {k: v for k, v in latest.items() if k != "battle"} or latest
        year = max(y for y, _d in by_type.values())
        deaths = sum(d for y, d in by_type.values() if y == year)
        note = report.violence["notes"][next(iter(by_type))]
        report.summary.append(
            (
                _("UCDP records {deaths} deaths in organised violence in {year}.").format(
                    deaths=number(deaths, report.lang, 0), year=year
                ),
                note,
            )
        )
    open_alerts = [a for a in report.alerts if not a["closed"]]
    if report.alerts:
        report.summary.append(
            (
                _("{n} escalation alerts, {open} not closed.").format(
                    n=len(report.alerts), open=len(open_alerts)
                ),
                report.alerts[0]["ref"],
            )
        )
