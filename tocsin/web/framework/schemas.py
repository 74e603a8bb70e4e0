"""Request and response models of the Framework of Analysis workbench API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import (
    Path,
)
from pydantic import AfterValidator, BaseModel, Field

from tocsin.analysis.framework.assessments import Level
from tocsin.analysis.framework.tagging import Confidence, Origin, TagStatus
from tocsin.web.pagination import Page

Status = TagStatus
ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]
FactorCode = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9._-]+$")]
CountryKey = Annotated[str, Path(min_length=1, max_length=100)]


def clean_text(value: str) -> str:
    """Refuse text that cannot be stored (lone surrogates, NUL characters)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


CleanText = Annotated[str, AfterValidator(clean_text)]


class RiskIndicatorOut(BaseModel):
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
    indicators: list[RiskIndicatorOut]


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


class DocumentPage(Page[DocumentOut]):
    """A page of documents."""


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
    origin: Origin = "manual"


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


class SearchOut(Page[HitOut]):
    """Search results."""


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
