"""The Framework of Analysis JSON API under /api/v1: taxonomy, documents, excerpts,
tags, suggestions, search and country assessments."""

from __future__ import annotations

from datetime import date

from fastapi import (
    APIRouter,
    Depends,
    Query,
)
from sqlalchemy.orm import Session

from tocsin.analysis.framework import assessments, queries, retraining, suggest, tagging
from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.extract import (
    Extracted,
)
from tocsin.analysis.framework.ingest import store_extracted
from tocsin.analysis.framework.search import Filters, search
from tocsin.reference.countries import UnknownCountryError, lookup
from tocsin.store.accounts import role_at_least
from tocsin.store.models import Assessment, Document, Excerpt, Tag
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import get_session, stored_or_404
from tocsin.web.errors import Forbidden, Invalid, NotFound
from tocsin.web.framework.schemas import (
    AssessmentIn,
    AssessmentOut,
    AssessmentVersion,
    CountryKey,
    DocumentDetail,
    DocumentIn,
    DocumentOut,
    DocumentPage,
    ExcerptOut,
    FactorCode,
    HitOut,
    IngestOut,
    ObjectId,
    RollupOut,
    SearchOut,
    SuggestionOut,
    TagIn,
    TagOut,
    TaxonomyOut,
    UncertainOut,
    clean_text,
)

router = APIRouter()


def _country_code(key: str) -> str:
    """The country code for ``key``; an unknown one raises UnknownCountryError (404 with
    the closest names, as links on pages)."""
    try:
        return lookup(clean_text(key)).code
    except UnknownCountryError:
        raise
    except ValueError as exc:
        raise NotFound(str(exc)) from None


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
    stored = suggest.open_suggestions(session, ids)
    suggestions = {
        i: [
            SuggestionOut(
                indicator=s.indicator,
                label=labels.get(s.indicator, s.indicator),
                score=s.score,
                rank=s.rank,
                tagger=s.tagger,
            )
            for s in found
        ]
        for i, found in stored.items()
    }
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
    total, docs = queries.documents(session, limit, offset)
    return total, [_document_out(d, n) for d, n in docs]


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
        raise Invalid(str(exc)) from None


def _save_assessment(session: Session, body: AssessmentIn, user: User) -> Assessment:
    if body.publish and not role_at_least(user.role, "reviewer"):
        raise Forbidden("publishing a country assessment needs the reviewer role")
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
        raise NotFound(str(exc)) from None
    except assessments.AssessmentError as exc:
        raise Invalid(str(exc)) from None


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
    doc = stored_or_404(session, Document, document_id, "document")
    items = _excerpts_out(session, list(doc.excerpts))
    return DocumentDetail(**_document_out(doc, len(items)).model_dump(), items=items)


@router.get("/api/v1/excerpts/{excerpt_id}", response_model=ExcerptOut, tags=["framework"])
def excerpt_api(
    excerpt_id: ObjectId,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> ExcerptOut:
    """One excerpt with its tags and suggestions."""
    return _excerpts_out(session, [stored_or_404(session, Excerpt, excerpt_id, "excerpt")])[0]


@router.post("/api/v1/excerpts/{excerpt_id}/tags", response_model=TagOut, tags=["framework"])
def tag_api(
    excerpt_id: ObjectId,
    body: TagIn,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> TagOut:
    """Tag an excerpt with an indicator, or reject one (analysts; audited)."""
    return _tag_out(
        _save_tag(session, stored_or_404(session, Excerpt, excerpt_id, "excerpt"), body, user)
    )


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
        raise NotFound(str(exc)) from None


@router.get("/api/v1/suggestions/uncertain", response_model=list[UncertainOut], tags=["framework"])
def uncertain_api(
    limit: int = Query(20, ge=1, le=200),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[UncertainOut]:
    """Untagged excerpts the tagger is least sure about: label these first."""
    return [
        UncertainOut(excerpt_id=e.id, margin=round(margin, 4), text=e.text)
        for e, margin in suggest.least_certain_excerpts(session, limit)
    ]


@router.post("/api/v1/suggestions/retrain", tags=["framework"])
def retrain_api(
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> dict[str, int]:
    """Retrain the learned tagger on the stored tags and refresh every suggestion."""
    done = retraining.retrain(session, user.username)
    return {"labels": done.labels, "refreshed": done.refreshed}


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
            session, clean_text(q), Filters(code, indicator, source, since, until), limit, offset
        )
    except ValueError as exc:
        raise Invalid(str(exc)) from None
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
    user: User = Depends(require_role("reviewer")),
    session: Session = Depends(get_session),
) -> AssessmentOut:
    """Publish a draft version (reviewers; audited)."""
    stored_or_404(session, Assessment, assessment_id, "assessment")
    try:
        return _assessment_out(assessments.publish_version(session, assessment_id, user.username))
    except assessments.AssessmentError as exc:
        raise Invalid(str(exc)) from None
