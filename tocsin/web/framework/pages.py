"""Framework of Analysis workbench pages: documents with their excerpts, tagging with a
few keystrokes, search, taxonomy, the assessment editor and the country-page section."""

from __future__ import annotations

from datetime import date

from fastapi import (
    APIRouter,
    Depends,
    Form,
    Query,
    Request,
)
from fastapi import Path as FastPath
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from tocsin.analysis.framework import assessments, drafts, queries, suggest, tagging
from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.search import Filters, Hit, search
from tocsin.analysis.framework.tagging import Origin
from tocsin.store.accounts import role_at_least
from tocsin.store.models import Country, Document, Excerpt, Tag
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import get_session, stored_or_404
from tocsin.web.errors import FormError, Invalid, NotFound
from tocsin.web.extensions import (
    CountrySection,
    NavLink,
    add_country_section,
    add_evidence_link,
    add_nav_link,
)
from tocsin.web.framework.api import (
    _country_code,
    _document_out,
    _documents,
    _excerpts_out,
    _labels,
    _save_assessment,
    _save_tag,
    _versions,
    publish_api,
)
from tocsin.web.framework.schemas import (
    AssessmentIn,
    Confidence,
    CountryKey,
    FactorCode,
    Level,
    ObjectId,
    Status,
    TagIn,
    clean_text,
)
from tocsin.web.templating import flash, snapshot, templates

router = APIRouter()


add_nav_link(NavLink("Workbench", "/framework", order=40))


add_evidence_link("excerpt", "/framework/excerpts/{ref}")


@router.get("/framework", response_class=HTMLResponse, include_in_schema=False)
def workbench_page(
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """Documents, the excerpts to label first, and the search box."""
    total, docs = _documents(session, 200, 0)
    uncertain = suggest.least_certain_excerpts(session, 10)
    tags = queries.tag_count(session)
    return templates.TemplateResponse(
        request,
        "framework/index.html",
        {
            "docs": docs,
            "total": total,
            "uncertain": uncertain,
            "tags": tags,
            "user": user,
            "form": {"source": "upload", "country": "", "published": ""},
            "errors": {},
        },
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
    """A document's excerpts with their open suggestions; analysts tag with the keyboard."""
    doc = stored_or_404(session, Document, document_id, "document")
    return templates.TemplateResponse(
        request, "framework/document.html", _document_context(session, doc, user)
    )


def _document_context(
    session: Session,
    doc: Document,
    user: User | None,
    form: dict[str, object] | None = None,
) -> dict[str, object]:
    """What the document page shows; ``form`` is the tag form to show again (its
    ``excerpt`` and the values typed) after an error."""
    excerpts = _excerpts_out(session, list(doc.excerpts))
    return {
        "doc": _document_out(doc, len(excerpts)),
        "excerpts": excerpts,
        "user": snapshot(user),
        "can_tag": user is not None and role_at_least(user.role, "analyst"),
        "labels": _labels(session),
        "form": form or {},
        "errors": {},
    }


@router.get("/framework/excerpts/{excerpt_id}", include_in_schema=False)
def excerpt_page(
    excerpt_id: ObjectId,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> RedirectResponse:
    """An excerpt, shown in its document."""
    excerpt = stored_or_404(session, Excerpt, excerpt_id, "excerpt")
    return RedirectResponse(f"/framework/documents/{excerpt.document_id}#ex-{excerpt.id}", 303)


@router.post("/framework/excerpts/{excerpt_id}/tags", include_in_schema=False)
def tag_form(
    request: Request,
    excerpt_id: ObjectId,
    indicator: str = Form(..., max_length=20),
    status: Status = Form("accepted"),
    confidence: Confidence = Form("medium"),
    country: str = Form("", max_length=100),
    observed_on: str = Form("", max_length=10),
    note: str = Form("", max_length=4000),
    origin: Origin = Form("manual"),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """The tag form on the document page; an error shows the form again, filled in."""
    excerpt = stored_or_404(session, Excerpt, excerpt_id, "excerpt")
    code = indicator.strip().upper()
    form = {"excerpt": excerpt.id, "indicator": indicator, "confidence": confidence}
    form |= {"country": country, "observed_on": observed_on, "note": note}
    errors: dict[str, str] = {}
    if code not in _labels(session):
        errors["indicator"] = f"unknown indicator code {indicator!r}; codes look like RF9.1"
    try:
        observed = date.fromisoformat(observed_on) if observed_on else None
    except ValueError:
        errors["observed_on"] = f"{observed_on!r} is not a date (YYYY-MM-DD)"
    if not errors:
        body = TagIn(
            indicator=code,
            status=status,
            country=country or None,
            observed_on=observed,
            confidence=confidence,
            note=note,
            origin=origin,
        )
        try:
            _save_tag(session, excerpt, body, user)
        except Invalid as exc:
            errors["country" if country else "indicator"] = str(exc)
    if errors:
        doc = stored_or_404(session, Document, excerpt.document_id, "document")
        raise FormError(
            "framework/document.html", _document_context(session, doc, user, form), errors
        )
    flash(request, f"Saved: {code} {status} on excerpt #{excerpt.id}.")
    return RedirectResponse(f"/framework/documents/{excerpt.document_id}#ex-{excerpt.id}", 303)


@router.post("/framework/excerpts/{excerpt_id}/suggestions/{number}", include_in_schema=False)
def suggestion_key_form(
    request: Request,
    excerpt_id: ObjectId,
    number: int = FastPath(..., ge=1, le=9),
    status: Status = Form("accepted"),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Accept (or reject) an excerpt's ``number``-th open suggestion, as its key does;
    without one the page says so."""
    excerpt = stored_or_404(session, Excerpt, excerpt_id, "excerpt")
    try:
        suggestion = suggest.suggestion_at(session, excerpt.id, number)
    except ValueError as exc:
        doc = stored_or_404(session, Document, excerpt.document_id, "document")
        context = _document_context(session, doc, user, {"excerpt": excerpt.id})
        raise FormError("framework/document.html", context, {"suggestion": str(exc)}) from None
    body = TagIn(
        indicator=suggestion.indicator, status=status, country=None, note="", origin="suggestion"
    )
    _save_tag(session, excerpt, body, user)
    flash(request, f"Saved: {suggestion.indicator} {status} on excerpt #{excerpt.id}.")
    return RedirectResponse(f"/framework/documents/{excerpt.document_id}#ex-{excerpt.id}", 303)


@router.post("/framework/tags/{tag_id}/delete", include_in_schema=False)
def untag_form(
    request: Request,
    tag_id: ObjectId,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Remove a tag from the document page."""
    tag = stored_or_404(session, Tag, tag_id, "tag")
    excerpt = stored_or_404(session, Excerpt, tag.excerpt_id, "excerpt")
    tagging.remove_tag(session, tag_id, user.username)
    flash(request, f"Removed tag {tag.indicator} from excerpt #{excerpt.id}.")
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
    total, hits = 0, list[Hit]()
    try:
        filters = Filters(
            _country_code(country) if country else None,
            indicator or None,
            source or None,
            date.fromisoformat(since) if since else None,
            date.fromisoformat(until) if until else None,
        )
        if q or country or indicator or source:
            total, hits = search(session, clean_text(q), filters, 100)
    except (ValueError, LookupError) as exc:  # an unknown country is a LookupError
        error = str(exc)
    sources = queries.document_sources(session)
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
    evidence = queries.excerpts_by_id(session, evidence_ids)
    return templates.TemplateResponse(
        request,
        "framework/assessment.html",
        {
            "code": code,
            "name": queries.country_name(session, code),
            "rows": rows,
            "overall": assessments.overall(rows),
            "evidence": evidence,
            "user": user,
            "can_act": user is not None and role_at_least(user.role, "analyst"),
            "levels": assessments.LEVELS,
            **_drafts(session, code),
        },
    )


def _drafts(session: Session, code: str) -> dict[str, object]:
    """The drafts from data (confirm / override: tocsin.web.framework.drafts), or why none."""
    try:
        return {"drafts": drafts.country_drafts(session, code), "drafts_error": None}
    except drafts.DraftError as exc:
        return {"drafts": [], "drafts_error": str(exc)}


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
    return templates.TemplateResponse(
        request, "framework/assess.html", _assess_context(session, country, factor, user)
    )


def _assess_context(
    session: Session, country: str, factor: str, user: User | None
) -> dict[str, object]:
    code = _country_code(country)
    try:
        factor_def = tax.active(session).factor(factor)
    except KeyError as exc:
        raise NotFound(str(exc.args[0])) from None
    versions = _versions(session, code, factor)
    own = {i.code for i in factor_def.indicators}
    candidates = queries.tagged_evidence(session, code)
    candidates.sort(key=lambda c: (not own.intersection(c[1]), c[0].id))
    latest = versions[0] if versions else None
    return {
        "code": code,
        "name": queries.country_name(session, code),
        "factor": factor_def,
        "versions": versions,
        "candidates": candidates,
        "levels": assessments.LEVELS,
        "user": snapshot(user),
        "can_edit": user is not None and role_at_least(user.role, "analyst"),
        "form": {
            "level": latest.level if latest else None,
            "confidence": latest.confidence if latest else "medium",
            "summary": latest.summary if latest else "",
            "evidence": list(latest.evidence) if latest else [],
            "more_evidence": "",
            "publish": False,
        },
        "errors": {},
    }


@router.post("/framework/countries/{country}/{factor}", include_in_schema=False)
def assess_form(
    request: Request,
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
    """Save a new version from the editor (and publish it when ticked); an error shows
    the editor again with what was chosen and typed."""
    code = _country_code(country)
    typed: dict[str, object] = {"level": level, "confidence": confidence, "summary": summary}
    typed |= {"evidence": evidence, "more_evidence": more_evidence, "publish": publish}
    errors: dict[str, str] = {}
    try:
        extra = [int(x) for x in more_evidence.replace(",", " ").split()]
    except ValueError:
        errors["more_evidence"] = "other evidence must be excerpt ids separated by commas"
    if not errors:
        body = AssessmentIn(
            country=code,
            factor=factor,
            level=level,
            confidence=confidence,
            summary=summary,
            evidence=[*evidence, *extra],
            publish=publish,
        )
        try:
            _save_assessment(session, body, user)
        except Invalid as exc:
            errors["evidence"] = str(exc)
    if errors:
        context = _assess_context(session, code, factor, user) | {"form": typed}
        raise FormError("framework/assess.html", context, errors)
    flash(
        request, f"Saved {code} {factor}: {level}" + (" (published)." if publish else " (draft).")
    )
    target = f"/framework/countries/{code}" if publish else f"/framework/countries/{code}/{factor}"
    return RedirectResponse(target, 303)


@router.post("/framework/assessments/{assessment_id}/publish", include_in_schema=False)
def publish_form(
    request: Request,
    assessment_id: ObjectId,
    user: User = Depends(require_role("reviewer")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Publish a draft from the editor's version list."""
    row = publish_api(assessment_id, user, session)
    flash(request, f"Published {row.country} {row.factor} v{row.version}.")
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
