"""Request and response models of the speech monitor API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, Field

from tocsin.analysis.speech import rabat
from tocsin.analysis.speech.corrections import Label
from tocsin.analysis.speech.cues import HarmCategory, Target
from tocsin.analysis.speech.lexicon import TermSeverity
from tocsin.web.pagination import Page

PostId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Post id.")]
By = Literal["target", "category", "lang"]

LEXICON_TERMS = (
    "Lexicon terms found; a term found only inside quotation marks ends in ' (quoted)' and "
    "flagged nothing."
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
    lexicon_terms: list[str] = Field(default_factory=list, description=LEXICON_TERMS)
    lang: str = Field("", description="Language identified (or given at import).")
    status: str = Field(
        "", description="scored, unsupported-language, not scored, or scored (first ...)."
    )
    cues: list[str] = Field(default_factory=list, description="Cues that fired (why).")


class PostPage(Page[PostOut]):
    """A page of posts."""


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
    lexicon_terms: list[str] = Field(default_factory=list, description=LEXICON_TERMS)
    lang: str = Field("", description="Language identified, or the one given.")
    status: str = Field("", description="scored, unsupported-language, scored (first ...).")
    cues: list[str] = Field(default_factory=list, description="Cues that fired (why).")


class CorrectionIn(BaseModel):
    """An analyst's correction of the model on one post."""

    label: Label
    category: Literal["", HarmCategory] = Field(
        "", description="For hateful: the category (default derogation)."
    )
    target: Literal["", Target] = Field("", description="For hateful: the group targeted.")
    note: str = Field("", max_length=5000, description="Why (kept with the correction).")


class CorrectionOut(BaseModel):
    """A stored correction, with what the model said before."""

    id: int
    post_id: int
    label: str
    category: str
    target: str
    note: str
    previous: dict[str, Any]
    actor: str
    created_at: datetime


class RejectedRow(BaseModel):
    """A row of an imported file that was skipped: its line (or message position) and why."""

    line: int
    reason: str


class ImportReport(BaseModel):
    """What the import of one uploaded file did."""

    file: str
    status: Literal["imported", "refused"]
    message: str = ""
    import_id: int | None = None
    importer: str = ""
    inserted: int = 0
    updated: int = 0
    flagged: int = 0
    rejected: int = 0
    rejected_rows: list[RejectedRow] = Field(default_factory=list, description="Up to 100.")
    evidence: str | None = Field(
        default=None, description="SHA-256 of the file in the evidence locker."
    )


class TermIn(BaseModel):
    """A lexicon term."""

    term: str = Field(..., min_length=1, max_length=200)
    meaning: str = Field("", max_length=5000)
    target: Target = "other"
    severity: TermSeverity = "medium"
    category: HarmCategory = "derogation"
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

    # The keys are those of rabat.FACTORS, known only at run time; pydantic checks them.
    factors: dict[Literal[rabat.FACTOR_KEYS], FactorIn] = Field(default_factory=dict)  # type: ignore[valid-type]
    conclusion: Literal["", rabat.Conclusion] = ""
    summary: str = Field("", max_length=10000)
    status: rabat.WorksheetStatus = "draft"


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
