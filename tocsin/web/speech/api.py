"""The speech monitor API under /api/v1/speech: classify texts, posts, trends, lexicon,
Rabat worksheets."""

from __future__ import annotations

from typing import Any, Literal, cast

import pandas as pd
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from sqlalchemy.orm import Session

from tocsin.analysis.speech import corrections, lexicon, posts, queries, rabat, trends
from tocsin.analysis.speech.batch import score_texts
from tocsin.analysis.speech.classifier import ModelFileError
from tocsin.analysis.speech.training import current_model
from tocsin.store import locker
from tocsin.store.models import Country, RabatWorksheet, SpeechCorrection, SpeechPost
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import (
    CountryInQuery,
    country_or_404,
    get_app_settings,
    get_session,
    stored_or_404,
)
from tocsin.web.errors import Conflict, Invalid
from tocsin.web.speech.schemas import (
    By,
    ClassifyIn,
    ClassifyOut,
    CorrectionIn,
    CorrectionOut,
    ImportReport,
    PostId,
    PostOut,
    PostPage,
    RejectedRow,
    TermIn,
    TermOut,
    TrendPoint,
    WorksheetIn,
    WorksheetOut,
)
from tocsin.web.uploads import receive

router = APIRouter()


def _codes(session: Session) -> dict[int, str]:
    return queries.country_codes(session)


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
        lang=post.lang,
        status=queries.post_status(post),
        cues=list(post.cues or []),
    )


def correction_out(row: SpeechCorrection) -> CorrectionOut:
    """A stored correction as the API shows it."""
    return CorrectionOut(
        id=row.id,
        post_id=row.post_id,
        label=row.label,
        category=row.category,
        target=row.target,
        note=row.note,
        previous=dict(row.previous or {}),
        actor=row.actor,
        created_at=row.created_at,
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
    total, rows = queries.posts(session, country, label, target, limit, offset)
    codes = _codes(session)
    return total, [_post_out(p, codes) for p in rows]


def trend_points(frame: pd.DataFrame, by: str) -> list[TrendPoint]:
    """Rows of a weekly trend frame as API points."""
    return [
        TrendPoint(
            week=str(r["week"]), key=str(r[by]), flagged=int(r["flagged"]), posts=int(r["posts"])
        )
        for _, r in frame.iterrows()
    ]


ANONYMOUS_TEXTS = 10
ANONYMOUS_TEXT_CHARS = 2_000


def anonymous_classify_limits(texts: list[str]) -> None:
    """Refuse (422) more than :data:`ANONYMOUS_TEXTS` texts, or a text longer than
    :data:`ANONYMOUS_TEXT_CHARS` characters, from a caller who is not signed in."""
    if len(texts) > ANONYMOUS_TEXTS or any(len(t) > ANONYMOUS_TEXT_CHARS for t in texts):
        raise Invalid(
            f"without signing in, classify takes at most {ANONYMOUS_TEXTS} texts of "
            f"{ANONYMOUS_TEXT_CHARS:,} characters; use an API token for more"
        )


@router.post("/api/v1/speech/classify", response_model=list[ClassifyOut], tags=["speech"])
def classify_api(
    body: ClassifyIn,
    request: Request,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[ClassifyOut]:
    """Score texts with the current model and the lexicon (nothing is stored).
    Anonymous callers may send a few short texts (:func:`anonymous_classify_limits`)."""
    if _u is None:
        anonymous_classify_limits(body.texts)
    try:
        model = current_model(get_app_settings(request))
    except ModelFileError as exc:  # 409: the server is not ready for this yet
        raise Conflict(str(exc)) from None
    code = country_or_404(session, body.country).code if body.country else None
    matcher = lexicon.matcher_from_store(session)
    results = score_texts(model, list(body.texts), matcher, body.lang, [code] * len(body.texts))
    return [
        ClassifyOut(
            score=float(cast(float, r["score"])),
            label=str(r["label"]),
            category=str(r["category"]),
            target=str(r["target"]),
            lexicon_terms=[t for t in str(r["lexicon_terms"]).split("; ") if t],
            lang=str(r["lang"]),
            status=str(r["status"]),
            cues=[c for c in str(r["cues"]).split("; ") if c],
        )
        for r in results
    ]


@router.get("/api/v1/speech/posts", response_model=PostPage, tags=["speech"])
def posts_api(
    place: CountryInQuery,
    label: Literal["hateful", "non-hateful", "all"] = Query("hateful"),
    target: str | None = Query(None, max_length=40),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> PostPage:
    """Posts (flagged by default), newest first."""
    total, items = query_posts(
        session, place, None if label == "all" else label, target, limit, offset
    )
    return PostPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/api/v1/speech/posts/{post_id}", response_model=PostOut, tags=["speech"])
def post_api(
    post_id: PostId, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> PostOut:
    """One post."""
    return _post_out(stored_or_404(session, SpeechPost, post_id, "post"), _codes(session))


def save_correction(
    session: Session, post_id: int, user: User, body: CorrectionIn
) -> CorrectionOut:
    """Apply an analyst's correction to a post (audited by the service)."""
    stored_or_404(session, SpeechPost, post_id, "post")
    try:
        row = corrections.correct(
            session, post_id, user.username, body.label, body.category, body.target, body.note
        )
    except corrections.CorrectionError as exc:
        raise Invalid(str(exc)) from None
    return correction_out(row)


@router.post(
    "/api/v1/speech/posts/{post_id}/corrections",
    response_model=CorrectionOut,
    status_code=201,
    tags=["speech"],
)
def correction_add_api(
    post_id: PostId,
    body: CorrectionIn,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> CorrectionOut:
    """Correct the label, category and target of a post (analysts and up; audited). The
    correction is training data for the next `tocsin speech train`."""
    return save_correction(session, post_id, user, body)


@router.get(
    "/api/v1/speech/posts/{post_id}/corrections",
    response_model=list[CorrectionOut],
    tags=["speech"],
)
def corrections_api(
    post_id: PostId, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> list[CorrectionOut]:
    """Analysts' corrections of a post, newest first."""
    stored_or_404(session, SpeechPost, post_id, "post")
    return [correction_out(r) for r in reversed(corrections.corrections_of(session, post_id))]


MAX_IMPORT_FILES = 20
MAX_IMPORT_BYTES = 50_000_000
ImportFormat = Literal["auto", "csv", "jsonl", "telegram"]


async def import_uploads(
    request: Request,
    session: Session,
    user: User,
    files: list[UploadFile],
    fmt: str = "auto",
    country: str | None = None,
) -> list[ImportReport]:
    """Import uploaded exports of posts, each reported on its own: stored, scored with the
    current model and lexicon, deposited in the evidence locker, audited. An unknown
    country raises before anything is read; a model missing raises Conflict."""
    code = country_or_404(session, country).code if country else None
    settings = get_app_settings(request)
    try:
        model = current_model(settings)
    except ModelFileError as exc:
        raise Conflict(str(exc)) from None
    matcher = lexicon.matcher_from_store(session)
    root = locker.default_root(settings.data_dir)
    reports = []
    for upload in await receive(files, MAX_IMPORT_FILES, MAX_IMPORT_BYTES):
        name = upload.name
        if upload.refusal is not None:
            reports.append(ImportReport(file=name, status="refused", message=upload.refusal))
            continue
        try:
            importer = posts.importer_for(name, fmt)
            done = posts.ingest_upload(
                session, name, upload.data, importer, user.username, model, matcher, code, root
            )
        except posts.PostFormatError as exc:
            reports.append(ImportReport(file=name, status="refused", message=str(exc)))
            continue
        reports.append(
            ImportReport(
                file=name,
                status="imported",
                import_id=done.import_id,
                importer=importer,
                inserted=done.inserted,
                updated=done.updated,
                flagged=done.flagged,
                rejected=len(done.rejected),
                rejected_rows=[RejectedRow(line=b.line, reason=b.reason) for b in done.rejected][
                    :100
                ],
                evidence=done.locker_ref,
            )
        )
    return reports


@router.post(
    "/api/v1/speech/imports", response_model=list[ImportReport], status_code=201, tags=["speech"]
)
async def import_api(
    request: Request,
    files: list[UploadFile] = File(..., description="CSV, JSON Lines or Telegram exports."),
    fmt: ImportFormat = Form("auto", alias="format"),
    country: str | None = Form(None, max_length=100),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> list[ImportReport]:
    """Import posts from exported files (analysts and up; each file audited and kept in the
    evidence locker); one report per file."""
    return await import_uploads(request, session, user, files, fmt, country or None)


@router.get("/api/v1/speech/trends", response_model=list[TrendPoint], tags=["speech"])
def trends_api(
    country: str = Query(..., max_length=100),
    by: By = Query("target"),
    weeks: int = Query(26, ge=1, le=520),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[TrendPoint]:
    """Flagged posts per week by target group (or category, or language) in a country."""
    place = country_or_404(session, country)
    return trend_points(trends.country_trend(session, place, weeks, by), by)


@router.get("/api/v1/speech/lexicon", response_model=list[TermOut], tags=["speech"])
def lexicon_api(
    place: CountryInQuery,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[TermOut]:
    """Lexicon terms (for a country: its own and those for no country)."""
    code = place.code if place else None
    return [TermOut(**t.__dict__) for t in lexicon.stored_terms(session, code)]


def _save_term(session: Session, body: dict[str, str], user: User) -> lexicon.Term:
    try:
        term = lexicon.validate_term(body)
    except (lexicon.LexiconFormatError, LookupError) as exc:
        raise Invalid(str(exc)) from None
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
    place: CountryInQuery,
    post_id: int | None = Query(None, ge=1, le=2**31 - 1),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[WorksheetOut]:
    """Saved Rabat worksheets, newest first."""
    codes = _codes(session)
    return [_sheet_out(s, codes) for s in queries.worksheets(session, place, post_id)]


@router.get("/api/v1/speech/posts/{post_id}/prefill", tags=["speech"])
def prefill_api(
    post_id: PostId, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> dict[str, Any]:
    """What the data shows for each Rabat factor of a post."""
    return rabat.prefill(session, stored_or_404(session, SpeechPost, post_id, "post"))


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
    stored_or_404(session, SpeechPost, post_id, "post")
    factors = {k: v.model_dump() for k, v in body.factors.items()}
    try:
        sheet = rabat.save_worksheet(
            session, post_id, user.username, factors, body.conclusion, body.summary, body.status
        )
    except rabat.WorksheetError as exc:
        raise Invalid(str(exc)) from None
    return _sheet_out(sheet, _codes(session))
