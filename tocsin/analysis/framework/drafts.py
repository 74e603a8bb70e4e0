"""The Framework drafted from data: a rating per risk factor per country computed from the
quantitative indicators Tocsin holds, with the evidence behind it.

The mapping from indicators to risk factors is data (``data/indicator_map.csv``, one
line per indicator with a written rationale). Each line's value is placed among all
countries of the same year as a risk percentile (0 = lowest risk, 1 = highest; the
line's direction says which end is risky); a factor's score is the weighted mean of its
lines' percentiles, and its draft level follows from fixed score bands. A draft stays
"draft from data" until an analyst confirms it or overrides it with a reason, which
saves a new version in the assessment history (audited).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tocsin.analysis.framework import assessments
from tocsin.analysis.framework import taxonomy as tax
from tocsin.reference.countries import lookup
from tocsin.sources.ewp import INDICATOR_LABELS
from tocsin.store.models import (
    Alert,
    Assessment,
    Country,
    PanelValue,
    Provenance,
    SpeechPost,
    Submission,
    Tag,
    YearlyDeath,
)

MAP_PATH = Path(__file__).parent / "data" / "indicator_map.csv"
DRAFT_MARK = "draft from data"
# Score bands (upper-exclusive) for the draft level of a factor.
BANDS: tuple[tuple[float, str], ...] = (
    (0.2, "none"),
    (0.45, "low"),
    (0.65, "moderate"),
    (0.85, "high"),
    (1.01, "very high"),
)
TREND_YEARS = 3
PANEL_DATASET = "ewp-predictors"
# Where the sources outside the panel come from, for evidence lines.
SOURCE_NAMES = {
    "ucdp": "UCDP deaths by type of violence",
    "alerts": "Tocsin escalation alerts, last 365 days",
    "speech": "Tocsin speech monitor, flagged posts, last 26 weeks",
    "intake": "Civil-society reports received (count only)",
    "tags": "Accepted excerpt tags (Framework workbench)",
}


class DraftError(ValueError):
    """A draft that cannot be computed or acted on; the message says why."""


@dataclass(frozen=True)
class MappingLine:
    """One indicator mapped to a risk factor, with the reason why."""

    factor: str
    indicator: str
    variable: str  # "<source>:<name>", e.g. "panel:battledeaths.log2"
    direction: int  # +1: higher is riskier; -1: lower is riskier
    weight: float
    rationale: str

    @property
    def source(self) -> str:
        """The source part of ``variable``."""
        return self.variable.split(":", 1)[0]

    @property
    def name(self) -> str:
        """The variable part of ``variable``."""
        return self.variable.split(":", 1)[1]

    @property
    def label(self) -> str:
        """A readable name of the variable."""
        if self.source == "panel":
            return INDICATOR_LABELS.get(self.name, (self.name, ""))[0]
        if self.source == "ucdp":
            return f"Deaths in {self.name} violence"
        return SOURCE_NAMES.get(self.source, self.variable)


@cache
def mapping(path: Path = MAP_PATH) -> tuple[MappingLine, ...]:
    """The indicator-to-factor mapping, checked against the default taxonomy."""
    known = {f.code for f in tax.default_taxonomy().factors}
    lines = []
    with path.open(newline="", encoding="utf-8") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=2):
            if row["factor"] not in known or row["variable"].count(":") != 1:
                raise DraftError(f"{path.name}: line {number}: bad factor or variable {row}")
            if not row["rationale"].strip():
                raise DraftError(f"{path.name}: line {number}: a rationale is required")
            lines.append(
                MappingLine(
                    row["factor"],
                    row["indicator"],
                    row["variable"],
                    int(row["direction"]),
                    float(row["weight"]),
                    row["rationale"].strip(),
                )
            )
    return tuple(lines)


def level_for(score: float) -> str:
    """The draft level of a factor score in [0, 1]."""
    return next(level for bound, level in BANDS if score < bound)


def score_values(values: pd.DataFrame, year: int, lines: tuple[MappingLine, ...]) -> pd.DataFrame:
    """Per country and mapping line: value, trend, risk percentile among countries.

    ``values`` has columns code, year, variable, value (variable as in the mapping). The
    percentile is taken among the countries with a value in ``year``; ties share the lowest
    rank. Returns columns code, factor, indicator, variable, value, trend, percentile,
    risk, weight, year.
    """
    now = values[values["year"] == year]
    before = values[values["year"] == year - TREND_YEARS][["code", "variable", "value"]]
    spec = pd.DataFrame(
        {
            "line": range(len(lines)),
            "factor": [ln.factor for ln in lines],
            "indicator": [ln.indicator for ln in lines],
            "variable": [ln.variable for ln in lines],
            "direction": [ln.direction for ln in lines],
            "weight": [ln.weight for ln in lines],
        }
    )
    out = spec.merge(now, on="variable")
    out = out.merge(before.rename(columns={"value": "before"}), on=["code", "variable"], how="left")
    # risk percentile: the share of other countries with a strictly lower risk value, so
    # a zero shared by most countries ranks at 0 and the single worst country at 1
    signed = out["value"] * out["direction"]
    rank = signed.groupby(out["line"]).rank(method="min")
    n = out.groupby("line")["value"].transform("size")
    out["percentile"] = ((rank - 1) / (n - 1).clip(lower=1)).astype(float)
    out["risk"] = out["percentile"]
    out["trend"] = out["value"] - out["before"]
    out["year"] = year
    return out.drop(columns=["before", "direction"])


def factor_scores(scored: pd.DataFrame) -> pd.DataFrame:
    """Weighted mean risk percentile per (code, factor): columns code, factor, score, lines."""
    weighted = scored.assign(wr=scored["risk"] * scored["weight"])
    grouped = weighted.groupby(["code", "factor"])
    out = (grouped["wr"].sum() / grouped["weight"].sum()).rename("score").to_frame()
    out["lines"] = grouped.size()
    return out.reset_index()


def panel_values(frame: pd.DataFrame, lines: tuple[MappingLine, ...]) -> pd.DataFrame:
    """The panel's mapped variables in long form (code, year, variable, value)."""
    names = sorted({ln.name for ln in lines if ln.source == "panel"} & set(frame.columns))
    codes = {n: lookup(n).code for n in frame["ewp_name"].unique()}
    long = frame[["ewp_name", "year", *names]].melt(["ewp_name", "year"], var_name="variable")
    long = long.dropna(subset=["value"])
    long["code"] = long["ewp_name"].map(codes)
    long["variable"] = "panel:" + long["variable"]
    return long[["code", "year", "variable", "value"]]


# --- From the database -------------------------------------------------------------


@dataclass
class Evidence:
    """One mapped indicator's value for a country, placed among countries."""

    line: MappingLine
    value: float
    trend: float | None
    percentile: float
    risk: float
    year: int
    source: str
    dataset: str | None = None
    sha256: str | None = None


@dataclass
class FactorDraft:
    """A risk factor's draft rating for one country, with its evidence."""

    factor: tax.FactorDef
    score: float | None
    level: str | None
    evidence: list[Evidence] = field(default_factory=list)
    status: str = DRAFT_MARK  # or "confirmed" / "overridden" once an analyst acted

    @property
    def missing(self) -> bool:
        """True when no mapped indicator had a value."""
        return self.score is None


def _panel_year(session: Session) -> int:
    year = session.scalar(select(func.max(PanelValue.year)))
    if year is None:
        raise DraftError("no panel data in the database: run `tocsin load` first")
    return int(year)


def database_values(
    session: Session, year: int, lines: tuple[MappingLine, ...]
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Values of every mapped variable for all countries in ``year`` (and the trend year),
    from the panel, UCDP yearly deaths and Tocsin's own counts; and the source year of
    each non-panel variable."""
    codes = dict(session.execute(select(Country.id, Country.code)).all())
    names = sorted({ln.name for ln in lines if ln.source == "panel"})
    years = (year, year - TREND_YEARS)
    rows = session.execute(
        select(PanelValue.country_id, PanelValue.year, PanelValue.indicator, PanelValue.value)
        .where(PanelValue.indicator.in_(names), PanelValue.year.in_(years))
        .where(PanelValue.value.is_not(None))
    ).all()
    frame = pd.DataFrame(rows, columns=["country_id", "year", "variable", "value"])
    frame["variable"] = "panel:" + frame["variable"]
    universe = sorted(set(frame.loc[frame["year"] == year, "country_id"]))
    parts = [frame]
    source_years: dict[str, int] = {}
    for variable in sorted({ln.variable for ln in lines if ln.source == "ucdp"}):
        kind = variable.split(":", 1)[1]
        last = session.scalar(select(func.max(YearlyDeath.year)).where(YearlyDeath.kind == kind))
        if last is None:
            continue
        # the kind's latest year stands in for the scoring year when its data ends earlier
        use = min(year, int(last))
        source_years[variable] = use
        for target, y in ((year, use), (year - TREND_YEARS, use - TREND_YEARS)):
            got = dict(
                session.execute(
                    select(YearlyDeath.country_id, func.sum(YearlyDeath.best))
                    .where(YearlyDeath.kind == kind, YearlyDeath.year == y)
                    .group_by(YearlyDeath.country_id)
                ).all()
            )
            parts.append(_filled(universe, got, target, variable))
    for variable, counts in _tocsin_counts(session, lines).items():
        parts.append(_filled(universe, counts, year, variable))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["country_id"].isin(universe)]
    out["code"] = out["country_id"].map(codes)
    return out[["code", "year", "variable", "value"]], source_years


def _filled(
    universe: list[int], counts: dict[int, float], year: int, variable: str
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country_id": universe,
            "year": year,
            "variable": variable,
            "value": [float(counts.get(c, 0.0) or 0.0) for c in universe],
        }
    )


def _tocsin_counts(session: Session, lines: tuple[MappingLine, ...]) -> dict[str, dict[int, float]]:
    wanted = {ln.variable for ln in lines if ln.source in ("alerts", "speech", "intake")}
    since = datetime.now(UTC) - timedelta(days=365)
    out: dict[str, dict[int, float]] = {}
    if "alerts:all" in wanted:
        out["alerts:all"] = _counts(
            session,
            select(Alert.country_id, func.count())
            .where(Alert.created_at >= since, Alert.country_id.is_not(None))
            .group_by(Alert.country_id),
        )
    if "speech:flagged" in wanted:
        last = session.scalar(select(func.max(SpeechPost.posted_at)))
        start = (last or datetime.now(UTC)) - timedelta(weeks=26)
        out["speech:flagged"] = _counts(
            session,
            select(SpeechPost.country_id, func.count())
            .where(SpeechPost.label == "hateful", SpeechPost.posted_at >= start)
            .group_by(SpeechPost.country_id),
        )
    if "intake:reports" in wanted:
        out["intake:reports"] = _counts(
            session,
            select(Submission.country_id, func.count())
            .where(Submission.country_id.is_not(None))
            .group_by(Submission.country_id),
        )
    return out


def _counts(session: Session, query: Select[int | None, int]) -> dict[int, float]:
    return {int(k): float(v) for k, v in session.execute(query).all() if k is not None}


def tag_counts(session: Session, code: str) -> dict[str, int]:
    """Accepted excerpt tags per risk factor for one country."""
    factor_of = {i.code: f.code for f, i in tax.active(session).indicators()}
    factor_codes = {f.code for f in tax.active(session).factors}
    out: dict[str, int] = {}
    rows = session.execute(
        select(Tag.indicator, func.count())
        .where(Tag.status == "accepted", Tag.country_code == code)
        .group_by(Tag.indicator)
    )
    for indicator, n in rows:
        factor = factor_of.get(indicator, indicator if indicator in factor_codes else None)
        if factor:
            out[factor] = out.get(factor, 0) + int(n)
    return out


def country_drafts(session: Session, country: str, year: int | None = None) -> list[FactorDraft]:
    """The 14 risk factors of a country drafted from data (latest panel year by default),
    each with its evidence lines; factors an analyst has acted on carry their status."""
    code = lookup(country).code
    lines = mapping()
    year = year or _panel_year(session)
    values, source_years = database_values(session, year, lines)
    if values[values["year"] == year].empty:
        raise DraftError(f"no panel data for {year}")
    if code not in set(values.loc[values["year"] == year, "code"]):
        raise DraftError(f"{code} has no panel data for {year}; drafts need the EWP panel")
    scored = score_values(values, year, lines)
    mine = scored[scored["code"] == code]
    tags = tag_counts(session, code)
    checksums = {
        p.dataset: p.sha256
        for p in session.scalars(select(Provenance).order_by(Provenance.loaded_at))
    }
    ucdp_sets = dict(session.execute(select(YearlyDeath.kind, YearlyDeath.source).distinct()).all())
    drafts = []
    for factor in tax.active(session).factors:
        evidence = []
        for row in mine[mine["factor"] == factor.code].itertuples():
            line = lines[int(row.line)]
            dataset = PANEL_DATASET if line.source == "panel" else ucdp_sets.get(line.name)
            evidence.append(
                Evidence(
                    line,
                    float(row.value),
                    None if pd.isna(row.trend) else float(row.trend),
                    float(row.percentile),
                    float(row.risk),
                    source_years.get(line.variable, year),
                    _source_of(line),
                    dataset,
                    checksums.get(dataset) if dataset else None,
                )
            )
        total = sum(e.line.weight for e in evidence)
        score = sum(e.risk * e.line.weight for e in evidence) / total if total else None
        # tagged excerpts are evidence an analyst weighs; they raise a draft, never lower it
        tag_line = next(
            (ln for ln in lines if ln.factor == factor.code and ln.source == "tags"), None
        )
        if tag_line is not None and tags.get(factor.code):
            evidence.append(
                Evidence(
                    tag_line, float(tags[factor.code]), None, 1.0, 1.0, year, _source_of(tag_line)
                )
            )
            score = max(score or 0.0, level_floor("moderate"))
        drafts.append(
            FactorDraft(factor, score, None if score is None else level_for(score), evidence)
        )
    _apply_analyst_actions(session, code, drafts)
    return drafts


def level_floor(level: str) -> float:
    """The lowest score that drafts as ``level``."""
    bounds = [0.0] + [b for b, _ in BANDS]
    return bounds[[lv for _, lv in BANDS].index(level)]


def _source_of(line: MappingLine) -> str:
    if line.source == "panel":
        origin = INDICATOR_LABELS.get(line.name, ("", "EWP"))[1]
        return f"EWP statistical risk assessment panel ({origin})"
    return SOURCE_NAMES.get(line.source, line.source)


def _apply_analyst_actions(session: Session, code: str, drafts: list[FactorDraft]) -> None:
    for draft, row in zip(drafts, assessments.rollup(session, code), strict=True):
        latest = row.draft or row.published
        if latest is not None and latest.summary.startswith(("Confirmed", "Overridden")):
            draft.status = "confirmed" if latest.summary.startswith("Confirmed") else "overridden"


def describe(draft: FactorDraft) -> str:
    """The evidence of a draft as text, for the assessment summary."""
    parts = [
        f"{e.line.label} = {e.value:g} ({e.year}, percentile {e.percentile:.0%}; {e.source})"
        for e in draft.evidence
    ]
    return "; ".join(parts)


def confirm(session: Session, country: str, factor: str, actor: str, note: str = "") -> Assessment:
    """An analyst confirms the draft level: saved as a new assessment version (audited)."""
    draft = _one(session, country, factor)
    assert draft.level is not None
    summary = f"Confirmed {DRAFT_MARK} ({draft.score:.2f}). {note}".strip() + (
        f"\nEvidence: {describe(draft)}"
    )
    return assessments.save(session, country, factor, draft.level, "medium", summary, [], actor)


def override(
    session: Session, country: str, factor: str, level: str, reason: str, actor: str
) -> Assessment:
    """An analyst replaces the draft level, giving a reason (saved and audited)."""
    if not reason.strip():
        raise DraftError("overriding a draft needs a reason")
    draft = _one(session, country, factor)
    summary = (
        f"Overridden {DRAFT_MARK} ({draft.level}, score {draft.score:.2f}) to {level}: "
        f"{reason.strip()}\nEvidence: {describe(draft)}"
    )
    return assessments.save(session, country, factor, level, "medium", summary, [], actor)


@dataclass(frozen=True)
class AnalystAction:
    """What an analyst did with a draft, read back from the summary :func:`confirm` or
    :func:`override` saved: the system's words and the analyst's own kept apart."""

    kind: str  # "confirmed" | "overridden"
    draft_level: str | None  # the draft's level before an override
    level: str | None  # the level the analyst set (overrides)
    note: str  # the analyst's note or reason, in their own words


_CONFIRMED = re.compile(rf"Confirmed {DRAFT_MARK} \([^)]*\)\.\s*(?P<note>.*?)\nEvidence: ", re.S)
_OVERRIDDEN = re.compile(
    rf"Overridden {DRAFT_MARK} \((?P<draft>[^,]*), score [^)]*\) to (?P<level>[^:]*): "
    r"(?P<note>.*?)\nEvidence: ",
    re.S,
)


def analyst_action(summary: str) -> AnalystAction | None:
    """The action recorded in an assessment summary, or None for a summary an analyst
    wrote in the editor."""
    if found := _CONFIRMED.match(summary):
        return AnalystAction("confirmed", None, None, found["note"].strip())
    if found := _OVERRIDDEN.match(summary):
        draft = found["draft"] if found["draft"] != "None" else None
        return AnalystAction("overridden", draft, found["level"], found["note"].strip())
    return None


def _one(session: Session, country: str, factor: str) -> FactorDraft:
    found = next((d for d in country_drafts(session, country) if d.factor.code == factor), None)
    if found is None:
        raise DraftError(f"unknown risk factor {factor!r}")
    if found.level is None:
        raise DraftError(f"no data to draft {factor} for {country}")
    return found


# --- Evaluation ---------------------------------------------------------------------


def overall_scores(frame: pd.DataFrame, years: range) -> pd.DataFrame:
    """Per country and base year the mean of its drafted factor scores, from the panel
    only (the other sources are not held historically): ewp_name, base_year, risk, rank."""
    lines = tuple(ln for ln in mapping() if ln.source == "panel")
    values = panel_values(frame[frame["year"].between(years[0] - TREND_YEARS, years[-1])], lines)
    names = frame.drop_duplicates("ewp_name").set_index("ewp_name").index
    code_to_name = {lookup(n).code: n for n in names}
    parts = []
    for year in years:
        scores = factor_scores(score_values(values, year, lines))
        overall = scores.groupby("code")["score"].mean().rename("risk").reset_index()
        overall["base_year"] = year
        parts.append(overall)
    out = pd.concat(parts, ignore_index=True)
    out["ewp_name"] = out["code"].map(code_to_name)
    out["rank"] = out.groupby("base_year")["risk"].rank(ascending=False, method="min")
    return out[["ewp_name", "base_year", "risk", "rank"]]


def backtest_drafts(
    frame: pd.DataFrame, onset_years: tuple[int, int] = (1994, 2024)
) -> dict[str, float]:
    """Do the draft scores as of each year rank the countries where mass killing began in
    the next two years above the others? AUC and recall@k with the forecast backtest's
    own definitions (``maxrisk2``/``minrank2`` over the two prior base years). The drafts
    are not fitted to outcomes, so every year is out of sample."""
    from tocsin.analysis.forecast.backtest import _foos_table, score

    base = overall_scores(frame, range(onset_years[0] - 2, onset_years[1]))
    metrics, _per_year = score(_foos_table(base, frame, onset_years))
    return metrics
