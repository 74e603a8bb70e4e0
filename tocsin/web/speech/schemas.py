"""Request and response models of the speech monitor API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, Field

from tocsin.analysis.speech import rabat
from tocsin.analysis.speech.cues import CATEGORIES, TARGETS
from tocsin.web.pagination import Page

PostId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Post id.")]
By = Literal["target", "category"]


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
