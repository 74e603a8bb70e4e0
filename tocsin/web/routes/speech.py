"""Speech monitor pages and API: flagged posts with why, trends per group in a country,
the lexicon, Rabat worksheets, and a country-page section."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup, escape
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.analysis.speech import lexicon, rabat, trends
from tocsin.analysis.speech.batch import score_texts
from tocsin.analysis.speech.classifier import ModelFileError
from tocsin.analysis.speech.cues import CATEGORIES, TARGETS
from tocsin.analysis.speech.training import current_model
from tocsin.store.models import Country, RabatWorksheet, SpeechPost
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import get_app_settings, get_session, templates
from tocsin.web.extensions import (
    CountrySection,
    NavLink,
    add_country_section,
    add_evidence_link,
    add_nav_link,
)
from tocsin.web.routes.dashboard import country_or_404

router = APIRouter()
add_nav_link(NavLink("Speech", "/speech", order=40))
add_evidence_link("post", "/speech/posts/{ref}")

PostId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Post id.")]
By = Literal["target", "category"]
PALETTE = (
    "#8b1a1a",
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


class PostOut(BaseModel):
    """A post with its score and why it was flagged."""

    id: int
    source: str
    channel: str
    author: str
    posted_at: datetime
    country_code: str | None
    text: str
    url: str
    followers: int | None
    views: int | None
    shares: int | None
    score: float | None
    label: str
    category: str
    target: str
    lexicon_terms: list[str]


class PostPage(BaseModel):
    """A page of posts."""

    total: int
    limit: int
    offset: int
    items: list[PostOut]


class ClassifyIn(BaseModel):
    """Texts to classify."""

    texts: list[Annotated[str, Field(max_length=20_000)]] = Field(
        ..., min_length=1, max_length=1000
    )
    lang: str | None = Field(None, max_length=8)
    country: str | None = Field(None, max_length=100)


class ClassifyOut(BaseModel):
    """Scores of one text."""

    score: float
    label: str
    category: str
    target: str
    lexicon_terms: list[str]


class TermIn(BaseModel):
    """A lexicon term."""

    term: str = Field(..., min_length=1, max_length=200)
    meaning: str = Field("", max_length=5000)
    target: Literal[TARGETS] = "other"  # type: ignore[valid-type]
    severity: Literal["low", "medium", "high"] = "medium"
    category: Literal[CATEGORIES[:-1]] = "derogation"  # type: ignore[valid-type]
    country: str = Field("", max_length=100)
    lang: str = Field("", max_length=8)
    source: str = Field("", max_length=5000)


class TermOut(TermIn):
    """A stored lexicon term."""


class FactorIn(BaseModel):
    """One Rabat factor: notes and a rating 0-3."""

    notes: str = Field("", max_length=5000)
    rating: int | None = Field(None, ge=0, le=3)


class WorksheetIn(BaseModel):
    """A Rabat worksheet."""

    factors: dict[Literal[rabat.FACTOR_KEYS], FactorIn] = Field(default_factory=dict)  # type: ignore[valid-type]
    conclusion: Literal[("", *rabat.CONCLUSIONS)] = ""  # type: ignore[valid-type]
    summary: str = Field("", max_length=10000)
    status: Literal["draft", "complete"] = "draft"


class WorksheetOut(BaseModel):
    """A saved worksheet."""

    id: int
    post_id: int
    country_code: str | None
    analyst: str
    status: str
    factors: dict[str, Any]
    prefill: dict[str, Any]
    conclusion: str
    summary: str
    updated_at: datetime


class TrendPoint(BaseModel):
    """Flagged posts in one week for one group (or category)."""

    week: str
    key: str
    flagged: int
    posts: int


def _codes(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Country.id, Country.code)).all())


def _post_out(post: SpeechPost, codes: dict[int, str]) -> PostOut:
    return PostOut(
        id=post.id,
        source=post.source,
        channel=post.channel,
        author=post.author,
        posted_at=post.posted_at,
        country_code=codes.get(post.country_id or 0),
        text=post.text,
        url=post.url,
        followers=post.followers,
        views=post.views,
        shares=post.shares,
        score=post.score,
        label=post.label,
        category=post.category,
        target=post.target,
        lexicon_terms=list(post.lexicon_terms or []),
    )


def _sheet_out(sheet: RabatWorksheet, codes: dict[int, str]) -> WorksheetOut:
    return WorksheetOut(
        id=sheet.id,
        post_id=sheet.post_id,
        country_code=codes.get(sheet.country_id or 0),
        analyst=sheet.analyst,
        status=sheet.status,
        factors=sheet.factors,
        prefill=sheet.prefill,
        conclusion=sheet.conclusion,
        summary=sheet.summary,
        updated_at=sheet.updated_at,
    )


def query_posts(
    session: Session,
    country: Country | None = None,
    label: str | None = "hateful",
    target: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[PostOut]]:
    """Posts (flagged ones by default), newest first, with the total count."""
    query = select(SpeechPost)
    if label:
        query = query.where(SpeechPost.label == label)
    if country is not None:
        query = query.where(SpeechPost.country_id == country.id)
    if target:
        query = query.where(SpeechPost.target == target)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order = (SpeechPost.posted_at.desc(), SpeechPost.id.desc())
    rows = session.scalars(query.order_by(*order).limit(limit).offset(offset))
    codes = _codes(session)
    return total, [_post_out(p, codes) for p in rows]


def _post_or_404(session: Session, post_id: int) -> SpeechPost:
    post = session.get(SpeechPost, post_id)
    if post is None:
        raise HTTPException(404, f"no post {post_id}")
    return post


def trend_points(frame: pd.DataFrame, by: str) -> list[TrendPoint]:
    """Rows of a weekly trend frame as API points."""
    return [
        TrendPoint(
            week=str(r["week"]), key=str(r[by]), flagged=int(r["flagged"]), posts=int(r["posts"])
        )
        for _, r in frame.iterrows()
    ]


def trend_svg(frame: pd.DataFrame, by: str, width: int = 640, height: int = 240) -> Markup:
    """A multi-line SVG chart of flagged posts per week, one line per group."""
    if frame.empty or frame["flagged"].sum() == 0:
        return Markup('<p class="muted">No flagged posts in this period.</p>')
    weeks = sorted(frame["week"].unique())
    keys = sorted(frame[by].unique())
    left, right, top, bottom = 40, 150, 10, 28
    top_value = max(int(frame["flagged"].max()), 1)
    span = max(len(weeks) - 1, 1)

    def sx(i: int) -> float:
        return left + i * (width - left - right) / span

    def sy(v: float) -> float:
        return top + (height - top - bottom) * (1 - v / top_value)

    parts = [
        f'<svg class="chart speech-trend" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Flagged posts per week by {by}">'
    ]
    for v in sorted({0, top_value // 2, top_value}):
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{sy(v):.1f}" '
            f'y2="{sy(v):.1f}"/><text class="tick" x="{left - 6}" y="{sy(v) + 4:.1f}" '
            f'text-anchor="end">{v}</text>'
        )
    step = max(len(weeks) // 6, 1)
    for i in range(0, len(weeks), step):
        parts.append(
            f'<text class="tick" x="{sx(i):.1f}" y="{height - 8}" text-anchor="middle">'
            f"{weeks[i]:%d %b}</text>"
        )
    for n, key in enumerate(keys):
        colour = PALETTE[n % len(PALETTE)]
        series = frame[frame[by] == key].set_index("week")["flagged"]
        points = " ".join(
            f"{sx(i):.1f},{sy(float(series.get(w, 0))):.1f}" for i, w in enumerate(weeks)
        )
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}">'
            f"<title>{escape(key)}</title></polyline>"
        )
        y = top + 14 * n + 8
        parts.append(
            f'<rect x="{width - right + 10}" y="{y - 8}" width="10" height="10" '
            f'fill="{colour}"/><text class="tick" x="{width - right + 24}" y="{y + 1}">'
            f"{escape(key)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


# ---------------------------------------------------------------- API


@router.post("/api/v1/speech/classify", response_model=list[ClassifyOut], tags=["speech"])
def classify_api(
    body: ClassifyIn,
    request: Request,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[ClassifyOut]:
    """Score texts with the current model and the lexicon (nothing is stored)."""
    try:
        model = current_model(get_app_settings(request))
    except ModelFileError as exc:  # 409: the server is not ready for this yet
        raise HTTPException(409, str(exc)) from None
    code = country_or_404(session, body.country).code if body.country else None
    matcher = lexicon.matcher_from_store(session)
    results = score_texts(model, list(body.texts), matcher, body.lang, [code] * len(body.texts))
    return [
        ClassifyOut(
            score=float(r["score"]),
            label=str(r["label"]),
            category=str(r["category"]),
            target=str(r["target"]),
            lexicon_terms=[t for t in str(r["lexicon_terms"]).split("; ") if t],
        )
        for r in results
    ]


@router.get("/api/v1/speech/posts", response_model=PostPage, tags=["speech"])
def posts_api(
    country: str | None = Query(None, max_length=100),
    label: Literal["hateful", "non-hateful", "all"] = Query("hateful"),
    target: str | None = Query(None, max_length=40),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> PostPage:
    """Posts (flagged by default), newest first."""
    place = country_or_404(session, country) if country else None
    total, items = query_posts(
        session, place, None if label == "all" else label, target, limit, offset
    )
    return PostPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/api/v1/speech/posts/{post_id}", response_model=PostOut, tags=["speech"])
def post_api(
    post_id: PostId, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> PostOut:
    """One post."""
    return _post_out(_post_or_404(session, post_id), _codes(session))


@router.get("/api/v1/speech/trends", response_model=list[TrendPoint], tags=["speech"])
def trends_api(
    country: str = Query(..., max_length=100),
    by: By = Query("target"),
    weeks: int = Query(26, ge=1, le=520),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[TrendPoint]:
    """Flagged posts per week by target group (or category) in a country."""
    place = country_or_404(session, country)
    return trend_points(trends.country_trend(session, place, weeks, by), by)


@router.get("/api/v1/speech/lexicon", response_model=list[TermOut], tags=["speech"])
def lexicon_api(
    country: str | None = Query(None, max_length=100),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[TermOut]:
    """Lexicon terms (for a country: its own and those for no country)."""
    code = country_or_404(session, country).code if country else None
    return [TermOut(**t.__dict__) for t in lexicon.stored_terms(session, code)]


def _save_term(session: Session, body: dict[str, str], user: User) -> lexicon.Term:
    try:
        term = lexicon.validate_term(body)
    except (lexicon.LexiconFormatError, LookupError) as exc:
        raise HTTPException(422, str(exc)) from None
    lexicon.save_terms(session, [term], user.username)
    return term


@router.post("/api/v1/speech/lexicon", response_model=TermOut, status_code=201, tags=["speech"])
def lexicon_add_api(
    body: TermIn,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> TermOut:
    """Add or update a term (analysts and up; audited)."""
    return TermOut(**_save_term(session, body.model_dump(), user).__dict__)


@router.get("/api/v1/speech/worksheets", response_model=list[WorksheetOut], tags=["speech"])
def worksheets_api(
    country: str | None = Query(None, max_length=100),
    post_id: int | None = Query(None, ge=1, le=2**31 - 1),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[WorksheetOut]:
    """Saved Rabat worksheets, newest first."""
    query = select(RabatWorksheet).order_by(RabatWorksheet.updated_at.desc()).limit(500)
    if country:
        query = query.where(RabatWorksheet.country_id == country_or_404(session, country).id)
    if post_id:
        query = query.where(RabatWorksheet.post_id == post_id)
    codes = _codes(session)
    return [_sheet_out(s, codes) for s in session.scalars(query)]


@router.get("/api/v1/speech/posts/{post_id}/prefill", tags=["speech"])
def prefill_api(
    post_id: PostId, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> dict[str, Any]:
    """What the data shows for each Rabat factor of a post."""
    return rabat.prefill(session, _post_or_404(session, post_id))


@router.post(
    "/api/v1/speech/posts/{post_id}/worksheets",
    response_model=WorksheetOut,
    status_code=201,
    tags=["speech"],
)
def worksheet_add_api(
    post_id: PostId,
    body: WorksheetIn,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> WorksheetOut:
    """Save a Rabat worksheet for a post (analysts and up; audited)."""
    _post_or_404(session, post_id)
    factors = {k: v.model_dump() for k, v in body.factors.items()}
    try:
        sheet = rabat.save_worksheet(
            session, post_id, user.username, factors, body.conclusion, body.summary, body.status
        )
    except rabat.WorksheetError as exc:
        raise HTTPException(422, str(exc)) from None
    return _sheet_out(sheet, _codes(session))


# ---------------------------------------------------------------- pages


@router.get("/speech", response_class=HTMLResponse, include_in_schema=False)
def flagged_page(
    request: Request,
    country: str | None = Query(None, max_length=100),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """Flagged posts, newest first, with why."""
    place = country_or_404(session, country) if country else None
    total, items = query_posts(session, place, limit=200)
    countries = session.execute(
        select(Country.code, Country.name)
        .join(SpeechPost, SpeechPost.country_id == Country.id)
        .distinct()
        .order_by(Country.name)
    ).all()
    return templates.TemplateResponse(
        request,
        "speech/flagged.html",
        {
            "posts": items,
            "total": total,
            "country": place,
            "countries": countries,
        },
    )


@router.get("/speech/posts/{post_id}", response_class=HTMLResponse, include_in_schema=False)
def post_page(
    post_id: PostId,
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """One post: why it was flagged, its reach, and its worksheets."""
    post = _post_or_404(session, post_id)
    codes = _codes(session)
    sheets = session.scalars(
        select(RabatWorksheet)
        .where(RabatWorksheet.post_id == post_id)
        .order_by(RabatWorksheet.updated_at.desc())
    )
    return templates.TemplateResponse(
        request,
        "speech/post.html",
        {
            "post": _post_out(post, codes),
            "sheets": [_sheet_out(s, codes) for s in sheets],
            "user": user,
        },
    )


@router.get("/speech/posts/{post_id}/rabat", response_class=HTMLResponse, include_in_schema=False)
def rabat_page(
    post_id: PostId,
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
    error: str | None = None,
) -> HTMLResponse:
    """The Rabat worksheet form, pre-filled from the data (and the latest saved sheet)."""
    post = _post_or_404(session, post_id)
    latest = session.scalars(
        select(RabatWorksheet)
        .where(RabatWorksheet.post_id == post_id)
        .order_by(RabatWorksheet.updated_at.desc())
    ).first()
    return templates.TemplateResponse(
        request,
        "speech/rabat.html",
        {
            "post": _post_out(post, _codes(session)),
            "prefill": rabat.prefill(session, post),
            "factors": rabat.FACTORS,
            "conclusions": rabat.CONCLUSIONS,
            "sheet": latest,
            "user": user,
            "error": error,
        },
        status_code=422 if error else 200,
    )


@router.post("/speech/posts/{post_id}/rabat", include_in_schema=False, response_model=None)
async def rabat_form(
    post_id: PostId,
    request: Request,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse | HTMLResponse:
    """Save the worksheet form (analysts and up; audited)."""
    _post_or_404(session, post_id)
    form = await request.form()
    factors = {
        f.key: {
            "notes": str(form.get(f"{f.key}_notes", ""))[:5000],
            "rating": form.get(f"{f.key}_rating") or None,
        }
        for f in rabat.FACTORS
    }
    sheet_id = form.get("worksheet_id")
    try:
        sheet = rabat.save_worksheet(
            session,
            post_id,
            user.username,
            factors,
            str(form.get("conclusion", "")),
            str(form.get("summary", ""))[:10000],
            "complete" if form.get("status") == "complete" else "draft",
            int(str(sheet_id)) if sheet_id and str(sheet_id).isdigit() else None,
        )
    except rabat.WorksheetError as exc:
        session.rollback()
        return rabat_page(post_id, request, session, user, str(exc))
    return RedirectResponse(f"/speech/posts/{post_id}?saved={sheet.id}", 303)


@router.get("/speech/trends/{code}", response_class=HTMLResponse, include_in_schema=False)
def trends_page(
    code: str,
    request: Request,
    by: By = Query("target"),
    weeks: int = Query(26, ge=1, le=520),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """Flagged posts per week by group (or category) in a country, as a chart and table."""
    place = country_or_404(session, code)
    frame = trends.country_trend(session, place, weeks, by)
    table = (
        frame.pivot_table(index="week", columns=by, values="flagged", fill_value=0)
        if not frame.empty
        else pd.DataFrame()
    )
    return templates.TemplateResponse(
        request,
        "speech/trends.html",
        {
            "country": place,
            "chart": trend_svg(frame, by),
            "by": by,
            "weeks": weeks,
            "table": table,
        },
    )


@router.get("/speech/lexicon", response_class=HTMLResponse, include_in_schema=False)
def lexicon_page(
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
    error: str | None = None,
) -> HTMLResponse:
    """The lexicon, with a form to add a term (analysts)."""
    return templates.TemplateResponse(
        request,
        "speech/lexicon.html",
        {
            "terms": lexicon.stored_terms(session),
            "user": user,
            "targets": TARGETS,
            "categories": CATEGORIES[:-1],
            "error": error,
        },
        status_code=422 if error else 200,
    )


@router.post("/speech/lexicon", include_in_schema=False, response_model=None)
async def lexicon_form(
    request: Request,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse | HTMLResponse:
    """Add a term from the lexicon page (audited)."""
    form = await request.form()
    fields = {k: str(form.get(k, ""))[:5000] for k in lexicon.LEXICON_COLUMNS}
    try:
        term = lexicon.validate_term(fields)
    except (lexicon.LexiconFormatError, LookupError) as exc:
        return lexicon_page(request, session, user, str(exc))
    lexicon.save_terms(session, [term], user.username)
    return RedirectResponse("/speech/lexicon", 303)


def _country_speech(session: Session, country: Country) -> dict[str, object]:
    frame = trends.country_trend(session, country, 26, "target")
    codes = _codes(session)
    sheets = session.scalars(
        select(RabatWorksheet)
        .where(RabatWorksheet.country_id == country.id)
        .order_by(RabatWorksheet.updated_at.desc())
        .limit(10)
    )
    total, recent = query_posts(session, country, limit=5)
    return {
        "chart": trend_svg(frame, "target"),
        "flagged": total,
        "recent": recent,
        "sheets": [_sheet_out(s, codes) for s in sheets],
    }


add_country_section(
    CountrySection(
        "speech", "Hate speech and incitement", "speech/_country.html", _country_speech, order=40
    )
)
