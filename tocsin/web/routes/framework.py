"""Framework of Analysis workbench: documents with their excerpts, tagging with a few
keystrokes, search, taxonomy, country assessments (editor, view, history), a
country-page section, and the JSON API under /api/v1."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import (
    APIRouter,
    Depends,
    FastAPI,
    File,
    Form,
    HTTPException,
    Path,
    Query,
    Request,
    UploadFile,
)
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.analysis.framework import assessments, suggest, tagging
from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.extract import (
    MAX_BYTES,
    SUFFIX_TYPES,
    Extracted,
    ExtractError,
    extract_bytes,
)
from tocsin.analysis.framework.feeds import poll_due
from tocsin.analysis.framework.ingest import ItemReport, locker_depositor, store_extracted
from tocsin.analysis.framework.search import Filters, search
from tocsin.reference.countries import UnknownCountryError, lookup
from tocsin.store import locker
from tocsin.store.models import Assessment, Country, Document, Excerpt, Suggestion, Tag
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import get_session, templates
from tocsin.web.extensions import (
    CountrySection,
    NavLink,
    add_country_section,
    add_evidence_link,
    add_nav_link,
)

logger = logging.getLogger(__name__)
FEED_CHECK_SECONDS = 300  # how often the server looks for feeds that are due


async def _poll_feeds_forever(app: FastAPI) -> None:
    """Every FEED_CHECK_SECONDS, poll the feeds that are due (in a worker thread)."""
    while True:
        await asyncio.sleep(FEED_CHECK_SECONDS)
        try:
            await asyncio.to_thread(poll_due, app.state.db, "system:feeds")
        except Exception:  # noqa: BLE001 - a failing round must not stop the schedule
            logger.exception("feed polling round failed")


@asynccontextmanager
async def _feed_scheduler(app: FastAPI) -> AsyncIterator[None]:
    """While the server runs, feeds are polled on their schedule; stopped on shutdown."""
    task = asyncio.create_task(_poll_feeds_forever(app))
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


router = APIRouter(lifespan=_feed_scheduler)
add_nav_link(NavLink("Workbench", "/framework", order=40))
add_evidence_link("excerpt", "/framework/excerpts/{ref}")

Level = Literal["none", "low", "moderate", "high", "very high"]
Confidence = Literal["low", "medium", "high"]
Status = Literal["accepted", "rejected"]
ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]
FactorCode = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9._-]+$")]
CountryKey = Annotated[str, Path(min_length=1, max_length=100)]


def _clean(value: str) -> str:
    """Refuse text that cannot be stored (lone surrogates, NUL characters)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


CleanText = Annotated[str, AfterValidator(_clean)]


def _country_code(key: str) -> str:
    try:
        return lookup(_clean(key)).code
    except (UnknownCountryError, ValueError) as exc:
        raise HTTPException(404, str(exc)) from None


def _excerpt_or_404(session: Session, excerpt_id: int) -> Excerpt:
    excerpt = session.get(Excerpt, excerpt_id)
    if excerpt is None:
        raise HTTPException(404, f"no excerpt {excerpt_id}")
    return excerpt


def _document_or_404(session: Session, document_id: int) -> Document:
    doc = session.get(Document, document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id}")
    return doc


# ---------------------------------------------------------------- API models


class IndicatorOut(BaseModel):
    """An indicator of a risk factor."""

    code: str
    label: str
    description: str
    keywords: list[str]


class FactorOut(BaseModel):
    """A risk factor with its indicators."""

    code: str
    kind: str
    name: str
    description: str
    indicators: list[IndicatorOut]


class TaxonomyOut(BaseModel):
    """The active taxonomy."""

    name: str
    version: str
    title: str
    factors: list[FactorOut]


class TagOut(BaseModel):
    """An analyst's tag."""

    id: int
    excerpt_id: int
    indicator: str
    status: str
    country: str | None
    observed_on: date | None
    confidence: str
    note: str
    origin: str
    created_by: str
    updated_at: str


class SuggestionOut(BaseModel):
    """A suggested indicator with its score."""

    indicator: str
    label: str
    score: float
    rank: int
    tagger: str


class ExcerptOut(BaseModel):
    """A paragraph of a document with its stable key, countries, tags and suggestions."""

    id: int
    key: str
    document_id: int
    position: int
    text: str
    language: str | None
    countries: list[str]
    tags: list[TagOut]
    suggestions: list[SuggestionOut]


class DocumentOut(BaseModel):
    """A document (without its excerpts)."""

    id: int
    title: str
    source: str
    url: str | None
    published: date | None
    language: str | None
    media_type: str
    content_hash: str
    ingested_at: str
    excerpts: int
    copies: list[dict[str, Any]]


class DocumentDetail(DocumentOut):
    """A document with its excerpts."""

    items: list[ExcerptOut]


class DocumentPage(BaseModel):
    """A page of documents."""

    total: int
    limit: int
    offset: int
    items: list[DocumentOut]


class DocumentIn(BaseModel):
    """A document given as text (files and URLs go through `tocsin docs ingest`)."""

    title: CleanText = Field(min_length=1, max_length=500)
    text: CleanText = Field(min_length=20, max_length=2_000_000)
    source: CleanText = Field(min_length=1, max_length=200)
    url: CleanText | None = Field(None, max_length=2000, pattern=r"^https?://")
    published: date | None = None


class IngestOut(BaseModel):
    """What ingesting did: ``new``, ``exact`` or ``near`` duplicate."""

    status: str
    document_id: int | None
    excerpts: int
    message: str


class TagIn(BaseModel):
    """A tag on an excerpt."""

    indicator: CleanText = Field(min_length=1, max_length=20)
    status: Status = "accepted"
    country: CleanText | None = Field(None, max_length=100)
    observed_on: date | None = None
    confidence: Confidence = "medium"
    note: CleanText = Field("", max_length=4000)
    origin: Literal["manual", "suggestion"] = "manual"


class HitOut(BaseModel):
    """A search hit."""

    excerpt_id: int
    excerpt_key: str
    document_id: int
    title: str
    source: str
    published: date | None
    text: str
    countries: list[str]


class SearchOut(BaseModel):
    """Search results."""

    total: int
    limit: int
    offset: int
    items: list[HitOut]


class AssessmentOut(BaseModel):
    """One version of a country's rating on a risk factor."""

    id: int
    country: str
    factor: str
    version: int
    level: str
    confidence: str
    summary: str
    evidence: list[int]
    status: str
    created_by: str
    created_at: str
    published_at: str | None


class AssessmentVersion(AssessmentOut):
    """A version with what changed since the one before."""

    changes: dict[str, list[Any]]


class RollupOut(BaseModel):
    """A country's factors with their latest published and draft versions."""

    country: str
    overall: str | None
    factors: list[dict[str, Any]]


class AssessmentIn(BaseModel):
    """A new version of a rating."""

    country: CleanText = Field(min_length=1, max_length=100)
    factor: CleanText = Field(min_length=1, max_length=20)
    level: Level
    confidence: Confidence = "medium"
    summary: CleanText = Field("", max_length=8000)
    evidence: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        default_factory=list, max_length=500
    )
    publish: bool = False


class UncertainOut(BaseModel):
    """An untagged excerpt the tagger is least sure about."""

    excerpt_id: int
    margin: float
    text: str


# ---------------------------------------------------------------- helpers


def _tag_out(t: Tag) -> TagOut:
    return TagOut(
        id=t.id,
        excerpt_id=t.excerpt_id,
        indicator=t.indicator,
        status=t.status,
        country=t.country_code,
        observed_on=t.observed_on,
        confidence=t.confidence,
        note=t.note,
        origin=t.origin,
        created_by=t.created_by,
        updated_at=t.updated_at.isoformat(),
    )


def _labels(session: Session) -> dict[str, str]:
    return {ind.code: ind.label for _f, ind in tax.active(session).indicators()}


def _excerpts_out(session: Session, excerpts: list[Excerpt]) -> list[ExcerptOut]:
    ids = [e.id for e in excerpts]
    tags = tagging.tags_for(session, ids)
    labels = _labels(session)
    suggestions: dict[int, list[SuggestionOut]] = {i: [] for i in ids}
    if ids:
        for s in session.scalars(
            select(Suggestion).where(Suggestion.excerpt_id.in_(ids)).order_by(Suggestion.rank)
        ):
            suggestions[s.excerpt_id].append(
                SuggestionOut(
                    indicator=s.indicator,
                    label=labels.get(s.indicator, s.indicator),
                    score=s.score,
                    rank=s.rank,
                    tagger=s.tagger,
                )
            )
    return [
        ExcerptOut(
            id=e.id,
            key=e.key,
            document_id=e.document_id,
            position=e.position,
            text=e.text,
            language=e.language,
            countries=list(e.countries),
            tags=[_tag_out(t) for t in tags[e.id]],
            suggestions=suggestions[e.id],
        )
        for e in excerpts
    ]


def _document_out(doc: Document, excerpt_count: int) -> DocumentOut:
    return DocumentOut(
        id=doc.id,
        title=doc.title,
        source=doc.source,
        url=doc.url,
        published=doc.published,
        language=doc.language,
        media_type=doc.media_type,
        content_hash=doc.content_hash,
        ingested_at=doc.ingested_at.isoformat(),
        excerpts=excerpt_count,
        copies=[
            {"relation": s.relation, "location": s.location, "similarity": s.similarity}
            for s in doc.sources
        ],
    )


def _documents(session: Session, limit: int, offset: int) -> tuple[int, list[DocumentOut]]:
    total = session.scalar(select(func.count()).select_from(Document)) or 0
    counts = dict(
        session.execute(
            select(Excerpt.document_id, func.count()).group_by(Excerpt.document_id)
        ).all()
    )
    docs = session.scalars(
        select(Document)
        .order_by(Document.ingested_at.desc(), Document.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return total, [_document_out(d, counts.get(d.id, 0)) for d in docs]


def _assessment_out(a: Assessment) -> AssessmentOut:
    return AssessmentOut(**{k: v for k, v in assessments.state(a).items()})


def _versions(session: Session, code: str, factor: str) -> list[AssessmentVersion]:
    versions = assessments.history(session, code, factor)
    out = []
    for newer, older in zip(versions, [*versions[1:], None], strict=False):
        changes = {k: [a, b] for k, (a, b) in assessments.diff(older, newer).items()}
        out.append(AssessmentVersion(**_assessment_out(newer).model_dump(), changes=changes))
    return out


def _save_tag(session: Session, excerpt: Excerpt, body: TagIn, user: User) -> Tag:
    try:
        return tagging.set_tag(
            session,
            excerpt,
            tagging.TagInput(
                body.indicator,
                body.status,
                body.country,
                body.observed_on,
                body.confidence,
                body.note,
                body.origin,
            ),
            user.username,
        )
    except (tagging.TaggingError, UnknownCountryError) as exc:
        raise HTTPException(422, str(exc)) from None


def _save_assessment(session: Session, body: AssessmentIn, user: User) -> Assessment:
    try:
        return assessments.save(
            session,
            body.country,
            body.factor,
            body.level,
            body.confidence,
            body.summary,
            body.evidence,
            user.username,
            body.publish,
        )
    except UnknownCountryError as exc:
        raise HTTPException(404, str(exc)) from None
    except assessments.AssessmentError as exc:
        raise HTTPException(422, str(exc)) from None


# ---------------------------------------------------------------- API


@router.get("/api/v1/framework/taxonomy", response_model=TaxonomyOut, tags=["framework"])
def taxonomy_api(
    session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> TaxonomyOut:
    """The active risk-factor taxonomy."""
    return TaxonomyOut.model_validate(tax.active(session).model_dump(mode="json"))


@router.get("/api/v1/documents", response_model=DocumentPage, tags=["framework"])
def documents_api(
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> DocumentPage:
    """Documents, newest first."""
    total, items = _documents(session, limit, offset)
    return DocumentPage(total=total, limit=limit, offset=offset, items=items)


@router.post("/api/v1/documents", response_model=IngestOut, tags=["framework"])
def ingest_api(
    body: DocumentIn,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> IngestOut:
    """Add a document given as text (deduplicated, split, tagged with suggestions)."""
    item = Extracted(
        location=body.url or f"api:{body.source}:{body.title}"[:2000],
        title=body.title,
        text=body.text.strip(),
        media_type="text",
        raw=body.text.encode("utf-8"),
    )
    report = store_extracted(session, item, body.source, user.username, body.published)
    return IngestOut(
        status=report.status,
        document_id=report.document_id,
        excerpts=report.excerpts,
        message=report.message,
    )


@router.get("/api/v1/documents/{document_id}", response_model=DocumentDetail, tags=["framework"])
def document_api(
    document_id: ObjectId,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> DocumentDetail:
    """A document with its excerpts, tags and suggestions."""
    doc = _document_or_404(session, document_id)
    items = _excerpts_out(session, list(doc.excerpts))
    return DocumentDetail(**_document_out(doc, len(items)).model_dump(), items=items)


@router.get("/api/v1/excerpts/{excerpt_id}", response_model=ExcerptOut, tags=["framework"])
def excerpt_api(
    excerpt_id: ObjectId,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> ExcerptOut:
    """One excerpt with its tags and suggestions."""
    return _excerpts_out(session, [_excerpt_or_404(session, excerpt_id)])[0]


@router.post("/api/v1/excerpts/{excerpt_id}/tags", response_model=TagOut, tags=["framework"])
def tag_api(
    excerpt_id: ObjectId,
    body: TagIn,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> TagOut:
    """Tag an excerpt with an indicator, or reject one (analysts; audited)."""
    return _tag_out(_save_tag(session, _excerpt_or_404(session, excerpt_id), body, user))


@router.delete("/api/v1/tags/{tag_id}", status_code=204, tags=["framework"])
def untag_api(
    tag_id: ObjectId,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> None:
    """Remove a tag (analysts; audited)."""
    try:
        tagging.remove_tag(session, tag_id, user.username)
    except tagging.TaggingError as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/api/v1/suggestions/uncertain", response_model=list[UncertainOut], tags=["framework"])
def uncertain_api(
    limit: int = Query(20, ge=1, le=200),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[UncertainOut]:
    """Untagged excerpts the tagger is least sure about: label these first."""
    out = []
    for excerpt_id, margin in suggest.least_certain(session, limit):
        text = session.get(Excerpt, excerpt_id).text
        out.append(UncertainOut(excerpt_id=excerpt_id, margin=round(margin, 4), text=text))
    return out


@router.post("/api/v1/suggestions/retrain", tags=["framework"])
def retrain_api(
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> dict[str, int]:
    """Retrain the learned tagger on the stored tags and refresh every suggestion."""
    tagger = suggest.trained_tagger(session, retrain=True)
    refreshed = suggest.refresh_suggestions(session, tagger=tagger)
    labels = len(suggest.examples_from_store(session))
    from tocsin.store import audit

    audit.record(
        session,
        user.username,
        "retrain",
        "tagger",
        tagger.name,
        after={"labels": labels, "refreshed": refreshed},
    )
    return {"labels": labels, "refreshed": refreshed}


@router.get("/api/v1/framework/search", response_model=SearchOut, tags=["framework"])
def search_api(
    q: str = Query("", max_length=500),
    country: str | None = Query(None, max_length=100),
    indicator: str | None = Query(None, max_length=20),
    source: str | None = Query(None, max_length=200),
    since: date | None = Query(None),
    until: date | None = Query(None),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> SearchOut:
    """Full-text search over excerpts, filterable by country, indicator, source and date."""
    code = _country_code(country) if country else None
    try:
        total, hits = search(
            session, _clean(q), Filters(code, indicator, source, since, until), limit, offset
        )
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    items = [HitOut(**{k: getattr(h, k) for k in HitOut.model_fields}) for h in hits]
    return SearchOut(total=total, limit=limit, offset=offset, items=items)


@router.get("/api/v1/assessments/{country}", response_model=RollupOut, tags=["framework"])
def rollup_api(
    country: CountryKey,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> RollupOut:
    """A country's roll-up across the risk factors."""
    code = _country_code(country)
    rows = assessments.rollup(session, code)
    factors = [
        {
            "factor": r.factor.code,
            "name": r.factor.name,
            "published": _assessment_out(r.published).model_dump() if r.published else None,
            "draft": _assessment_out(r.draft).model_dump() if r.draft else None,
        }
        for r in rows
    ]
    return RollupOut(country=code, overall=assessments.overall(rows), factors=factors)


@router.get(
    "/api/v1/assessments/{country}/{factor}",
    response_model=list[AssessmentVersion],
    tags=["framework"],
)
def history_api(
    country: CountryKey,
    factor: FactorCode,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[AssessmentVersion]:
    """Every version of one rating, newest first, each with what changed."""
    return _versions(session, _country_code(country), factor)


@router.post("/api/v1/assessments", response_model=AssessmentOut, tags=["framework"])
def assess_api(
    body: AssessmentIn,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> AssessmentOut:
    """Save a new version of a rating (optionally published; analysts; audited)."""
    return _assessment_out(_save_assessment(session, body, user))


@router.post(
    "/api/v1/assessments/versions/{assessment_id}/publish",
    response_model=AssessmentOut,
    tags=["framework"],
)
def publish_api(
    assessment_id: ObjectId,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> AssessmentOut:
    """Publish a draft version (analysts; audited)."""
    try:
        return _assessment_out(assessments.publish_version(session, assessment_id, user.username))
    except assessments.AssessmentError as exc:
        raise HTTPException(404 if "no assessment" in str(exc) else 422, str(exc)) from None


# ---------------------------------------------------------------- pages


@router.get("/framework", response_class=HTMLResponse, include_in_schema=False)
def workbench_page(
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """Documents, the excerpts to label first, and the search box."""
    total, docs = _documents(session, 200, 0)
    uncertain = [
        (session.get(Excerpt, i), margin) for i, margin in suggest.least_certain(session, 10)
    ]
    tags = session.scalar(select(func.count()).select_from(Tag)) or 0
    return templates.TemplateResponse(
        request,
        "framework/index.html",
        {"docs": docs, "total": total, "uncertain": uncertain, "tags": tags, "user": user},
    )


MAX_UPLOADS = 50


@router.post("/framework/documents", response_class=HTMLResponse, include_in_schema=False)
async def upload_form(
    request: Request,
    files: list[UploadFile] = File(...),
    source: str = Form("upload", max_length=200),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> HTMLResponse:
    """Upload reports (text, Markdown, HTML, PDF, Word); each is reported on its own."""
    reports: list[ItemReport] = []
    settings = request.app.state.settings
    depositor = locker_depositor(locker.default_root(settings.data_dir), user.username)
    for upload in files[:MAX_UPLOADS]:
        name = FilePath(upload.filename or "upload").name[:200]
        media_type = SUFFIX_TYPES.get(FilePath(name).suffix.lower(), "unsupported")
        raw = await upload.read(MAX_BYTES + 1)
        try:
            item = extract_bytes(raw, media_type, name)
        except ExtractError as exc:
            reports.append(ItemReport(name, "refused", message=str(exc)))
            continue
        report = store_extracted(
            session, item, source or "upload", user.username, depositor=depositor
        )
        reports.append(report)
    return templates.TemplateResponse(
        request, "framework/uploaded.html", {"reports": reports, "user": user}
    )


@router.get("/framework/taxonomy", response_class=HTMLResponse, include_in_schema=False)
def taxonomy_page(
    request: Request, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> HTMLResponse:
    """The risk factors and their indicators."""
    return templates.TemplateResponse(
        request, "framework/taxonomy.html", {"taxonomy": tax.active(session)}
    )


@router.get(
    "/framework/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False
)
def document_page(
    document_id: ObjectId,
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """A document's excerpts with suggestions; analysts tag with the keyboard."""
    doc = _document_or_404(session, document_id)
    excerpts = _excerpts_out(session, list(doc.excerpts))
    can_tag = user is not None and user.role != "viewer"
    return templates.TemplateResponse(
        request,
        "framework/document.html",
        {
            "doc": _document_out(doc, len(excerpts)),
            "excerpts": excerpts,
            "user": user,
            "can_tag": can_tag,
            "labels": _labels(session),
        },
    )


@router.get("/framework/excerpts/{excerpt_id}", include_in_schema=False)
def excerpt_page(excerpt_id: ObjectId, session: Session = Depends(get_session)) -> RedirectResponse:
    """An excerpt, shown in its document."""
    excerpt = _excerpt_or_404(session, excerpt_id)
    return RedirectResponse(f"/framework/documents/{excerpt.document_id}#ex-{excerpt.id}", 303)


@router.post("/framework/excerpts/{excerpt_id}/tags", include_in_schema=False)
def tag_form(
    excerpt_id: ObjectId,
    indicator: str = Form(..., max_length=20),
    status: Status = Form("accepted"),
    confidence: Confidence = Form("medium"),
    country: str = Form("", max_length=100),
    observed_on: str = Form("", max_length=10),
    note: str = Form("", max_length=4000),
    origin: Literal["manual", "suggestion"] = Form("manual"),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """The tag form on the document page."""
    excerpt = _excerpt_or_404(session, excerpt_id)
    try:
        observed = date.fromisoformat(observed_on) if observed_on else None
        body = TagIn(
            indicator=indicator.strip().upper(),
            status=status,
            country=country or None,
            observed_on=observed,
            confidence=confidence,
            note=note,
            origin=origin,
        )
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    _save_tag(session, excerpt, body, user)
    return RedirectResponse(f"/framework/documents/{excerpt.document_id}#ex-{excerpt.id}", 303)


@router.post("/framework/tags/{tag_id}/delete", include_in_schema=False)
def untag_form(
    tag_id: ObjectId,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Remove a tag from the document page."""
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise HTTPException(404, f"no tag {tag_id}")
    excerpt = session.get(Excerpt, tag.excerpt_id)
    tagging.remove_tag(session, tag_id, user.username)
    return RedirectResponse(f"/framework/documents/{excerpt.document_id}#ex-{excerpt.id}", 303)


@router.get("/framework/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    q: str = Query("", max_length=500),
    country: str = Query("", max_length=100),
    indicator: str = Query("", max_length=20),
    source: str = Query("", max_length=200),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """Search excerpts with filters."""
    error = None
    total, hits = 0, []
    try:
        filters = Filters(
            _country_code(country) if country else None,
            indicator or None,
            source or None,
            date.fromisoformat(since) if since else None,
            date.fromisoformat(until) if until else None,
        )
        if q or country or indicator or source:
            total, hits = search(session, _clean(q), filters, 100)
    except (ValueError, HTTPException) as exc:
        error = getattr(exc, "detail", None) or str(exc)
    sources = session.scalars(select(Document.source).distinct().order_by(Document.source)).all()
    return templates.TemplateResponse(
        request,
        "framework/search.html",
        {
            "q": q,
            "country": country,
            "indicator": indicator,
            "source": source,
            "since": since,
            "until": until,
            "total": total,
            "hits": hits,
            "error": error,
            "sources": sources,
            "taxonomy": tax.active(session),
        },
    )


def _country_name(session: Session, code: str) -> str:
    country = session.scalars(select(Country).where(Country.code == code)).one_or_none()
    return country.name if country else lookup(code).name


@router.get("/framework/countries/{country}", response_class=HTMLResponse, include_in_schema=False)
def assessment_page(
    country: CountryKey,
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """A country's assessment: every factor's published rating with its evidence."""
    code = _country_code(country)
    rows = assessments.rollup(session, code)
    evidence_ids = sorted({i for r in rows if r.published for i in r.published.evidence})
    evidence = {
        e.id: e for e in session.scalars(select(Excerpt).where(Excerpt.id.in_(evidence_ids)))
    }
    return templates.TemplateResponse(
        request,
        "framework/assessment.html",
        {
            "code": code,
            "name": _country_name(session, code),
            "rows": rows,
            "overall": assessments.overall(rows),
            "evidence": evidence,
            "user": user,
        },
    )


def _candidate_evidence(session: Session, code: str) -> list[tuple[Excerpt, list[str]]]:
    """Excerpts tagged (accepted) for this country, with their indicators."""
    rows = session.execute(
        select(Excerpt, Tag.indicator)
        .join(Tag, Tag.excerpt_id == Excerpt.id)
        .where(Tag.status == "accepted", Tag.country_code == code)
        .order_by(Excerpt.id)
    )
    grouped: dict[int, tuple[Excerpt, list[str]]] = {}
    for excerpt, indicator in rows:
        grouped.setdefault(excerpt.id, (excerpt, []))[1].append(indicator)
    return list(grouped.values())


@router.get(
    "/framework/countries/{country}/{factor}",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def assess_page(
    country: CountryKey,
    factor: FactorCode,
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """The assessment editor for one factor, with its version history and diffs."""
    code = _country_code(country)
    taxonomy = tax.active(session)
    try:
        factor_def = taxonomy.factor(factor)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    versions = _versions(session, code, factor)
    own = {i.code for i in factor_def.indicators}
    candidates = _candidate_evidence(session, code)
    candidates.sort(key=lambda c: (not own.intersection(c[1]), c[0].id))
    return templates.TemplateResponse(
        request,
        "framework/assess.html",
        {
            "code": code,
            "name": _country_name(session, code),
            "factor": factor_def,
            "versions": versions,
            "latest": versions[0] if versions else None,
            "candidates": candidates,
            "levels": assessments.LEVELS,
            "user": user,
            "can_edit": user is not None and user.role != "viewer",
        },
    )


@router.post("/framework/countries/{country}/{factor}", include_in_schema=False)
def assess_form(
    country: CountryKey,
    factor: FactorCode,
    level: Level = Form(...),
    confidence: Confidence = Form("medium"),
    summary: str = Form("", max_length=8000),
    evidence: list[int] = Form([]),
    more_evidence: str = Form("", max_length=2000),
    publish: bool = Form(False),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Save a new version from the editor (and publish it when ticked)."""
    code = _country_code(country)
    try:
        extra = [int(x) for x in more_evidence.replace(",", " ").split()]
    except ValueError:
        raise HTTPException(422, "other evidence must be excerpt ids separated by commas") from None
    body = AssessmentIn(
        country=code,
        factor=factor,
        level=level,
        confidence=confidence,
        summary=summary,
        evidence=[*evidence, *extra],
        publish=publish,
    )
    _save_assessment(session, body, user)
    target = f"/framework/countries/{code}" if publish else f"/framework/countries/{code}/{factor}"
    return RedirectResponse(target, 303)


@router.post("/framework/assessments/{assessment_id}/publish", include_in_schema=False)
def publish_form(
    assessment_id: ObjectId,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Publish a draft from the editor's version list."""
    row = publish_api(assessment_id, user, session)
    return RedirectResponse(f"/framework/countries/{row.country}", 303)


def _country_assessment(session: Session, country: Country) -> dict[str, object]:
    rows = assessments.rollup(session, country.code)
    return {"rows": rows, "overall": assessments.overall(rows), "code": country.code}


add_country_section(
    CountrySection(
        "framework",
        "Framework of Analysis assessment",
        "framework/_country.html",
        _country_assessment,
        order=15,
    )
)
