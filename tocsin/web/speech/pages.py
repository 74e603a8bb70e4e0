"""Speech monitor pages: flagged posts with why, a post, its Rabat worksheet, trends per
group in a country, the lexicon, and the country page's speech section."""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tocsin.analysis.speech import corrections, lexicon, queries, rabat, trends
from tocsin.analysis.speech.cues import CATEGORIES, TARGETS
from tocsin.reference.countries import UnknownCountryError
from tocsin.store.models import Country, SpeechPost
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import (
    CountryInPath,
    CountryInQuery,
    get_session,
    stored_or_404,
)
from tocsin.web.errors import Conflict, Invalid, respond
from tocsin.web.extensions import (
    CountrySection,
    NavLink,
    add_country_section,
    add_evidence_link,
    add_nav_link,
)
from tocsin.web.speech.api import (
    ImportFormat,
    _codes,
    _post_out,
    _sheet_out,
    correction_out,
    import_uploads,
    query_posts,
    save_correction,
)
from tocsin.web.speech.schemas import By, CorrectionIn, PostId
from tocsin.web.templating import flash, templates

router = APIRouter()


add_nav_link(NavLink("Speech", "/speech", order=40))


add_evidence_link("post", "/speech/posts/{ref}")


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


TREND_WEEKS = 12


def _form_page(
    request: Request, template: str, context: dict[str, object], error: str | None
) -> Response:
    """A form page; with ``error`` (what a form sent could not be used for) the page answers
    as :class:`Invalid`, the error shown above the form."""
    context = {**context, "error": error}
    if error:
        return respond(request, Invalid(error, template=template, context=context))
    return templates.TemplateResponse(request, template, context)


@router.get("/speech", response_class=HTMLResponse, include_in_schema=False)
def flagged_page(
    request: Request,
    place: CountryInQuery,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """Flagged posts, newest first, with why; flagged speech by country and language."""
    total, items = query_posts(session, place, limit=200)
    countries = queries.countries_with_posts(session)
    languages = trends.country_language_table(session, TREND_WEEKS)
    if place is not None:
        languages = languages[languages["code"] == place.code]
    chart = (
        trend_svg(trends.country_trend(session, place, TREND_WEEKS, "lang"), "lang")
        if place is not None
        else None
    )
    return templates.TemplateResponse(
        request,
        "speech/flagged.html",
        {
            "posts": items,
            "total": total,
            "country": place,
            "countries": countries,
            "languages": languages.to_dict("records"),
            "weeks": TREND_WEEKS,
            "lang_chart": chart,
            "user": user,
        },
    )


@router.get("/speech/posts/{post_id}", response_class=HTMLResponse, include_in_schema=False)
def post_page(
    post_id: PostId,
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
    corrected: int | None = Query(None, ge=1, le=2**31 - 1),
    error: str | None = None,
) -> Response:
    """One post: why it was flagged, its reach, its corrections and its worksheets, with
    the correction form for analysts."""
    post = stored_or_404(session, SpeechPost, post_id, "post")
    codes = _codes(session)
    sheets = queries.worksheets(session, post_id=post_id)
    fixes = [correction_out(r) for r in reversed(corrections.corrections_of(session, post_id))]
    return _form_page(
        request,
        "speech/post.html",
        {
            "post": _post_out(post, codes),
            "sheets": [_sheet_out(s, codes) for s in sheets],
            "corrections": fixes,
            "confirmed": next((c for c in fixes if c.id == corrected), None),
            "categories": CATEGORIES[:-1],
            "targets": TARGETS,
            "user": user,
        },
        error,
    )


@router.post("/speech/posts/{post_id}/corrections", include_in_schema=False, response_model=None)
async def correction_form(
    post_id: PostId,
    request: Request,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> Response:
    """Save an analyst's correction from the post page (audited), then show it."""
    form = await request.form()
    fields = {k: str(form.get(k, "")) for k in ("label", "category", "target", "note")}
    try:
        body = CorrectionIn.model_validate(fields)
        if body.label == "non-hateful":
            body = body.model_copy(update={"category": "", "target": ""})
        saved = save_correction(session, post_id, user, body)
    except ValidationError as exc:
        problems = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in exc.errors())
        return post_page(post_id, request, session, user, None, problems)
    except Invalid as exc:
        session.rollback()
        return post_page(post_id, request, session, user, None, str(exc))
    return RedirectResponse(f"/speech/posts/{post_id}?corrected={saved.id}", 303)


@router.get("/speech/import", response_class=HTMLResponse, include_in_schema=False)
def import_page(
    request: Request,
    user: User | None = Depends(reader),
    error: str | None = None,
) -> Response:
    """The form to import posts from exported files (analysts)."""
    return _form_page(request, "speech/import.html", {"user": user, "reports": None}, error)


@router.post("/speech/import", response_class=HTMLResponse, include_in_schema=False)
async def import_form(
    request: Request,
    files: list[UploadFile] = File(...),
    fmt: ImportFormat = Form("auto", alias="format"),
    country: str = Form("", max_length=100),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> Response:
    """Import posts from the browser; a report per file like the document upload."""
    try:
        reports = await import_uploads(request, session, user, files, fmt, country or None)
    except (UnknownCountryError, Conflict) as exc:
        return import_page(request, user, str(exc))
    return templates.TemplateResponse(
        request, "speech/import.html", {"user": user, "error": None, "reports": reports}
    )


@router.get("/speech/posts/{post_id}/rabat", response_class=HTMLResponse, include_in_schema=False)
def rabat_page(
    post_id: PostId,
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
    error: str | None = None,
) -> Response:
    """The Rabat worksheet form, pre-filled from the data (and the latest saved sheet)."""
    post = stored_or_404(session, SpeechPost, post_id, "post")
    latest = next(iter(queries.worksheets(session, post_id=post_id, limit=1)), None)
    return _form_page(
        request,
        "speech/rabat.html",
        {
            "post": _post_out(post, _codes(session)),
            "prefill": rabat.prefill(session, post),
            "factors": rabat.FACTORS,
            "conclusions": rabat.CONCLUSIONS,
            "sheet": latest,
            "user": user,
        },
        error,
    )


@router.post("/speech/posts/{post_id}/rabat", include_in_schema=False, response_model=None)
async def rabat_form(
    post_id: PostId,
    request: Request,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> Response:
    """Save the worksheet form (analysts and up; audited)."""
    stored_or_404(session, SpeechPost, post_id, "post")
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
    flash(request, f"Saved Rabat worksheet {sheet.id}.")
    return RedirectResponse(f"/speech/posts/{post_id}?saved={sheet.id}", 303)


@router.get("/speech/trends/{code}", response_class=HTMLResponse, include_in_schema=False)
def trends_page(
    place: CountryInPath,
    request: Request,
    by: By = Query("target"),
    weeks: int = Query(26, ge=1, le=520),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """Flagged posts per week by group (or category) in a country, as a chart and table."""
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
) -> Response:
    """The lexicon, with a form to add a term (analysts)."""
    return _form_page(
        request,
        "speech/lexicon.html",
        {
            "terms": lexicon.stored_terms(session),
            "user": user,
            "targets": TARGETS,
            "categories": CATEGORIES[:-1],
        },
        error,
    )


@router.post("/speech/lexicon", include_in_schema=False, response_model=None)
async def lexicon_form(
    request: Request,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> Response:
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
    sheets = queries.worksheets(session, country, limit=10)
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
