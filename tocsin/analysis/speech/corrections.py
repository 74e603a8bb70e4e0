"""Analysts correct the model: the right label, category and target of a post.

A correction updates what the post shows, keeps what the model said, is audited, and is
training data for the next ``tocsin speech train`` (see :func:`training_rows`).
"""

from __future__ import annotations

from typing import Literal, get_args

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.analysis.speech.corpora import hash_split
from tocsin.analysis.speech.cues import CATEGORIES, TARGETS
from tocsin.store import audit
from tocsin.store.models import SpeechCorrection, SpeechPost

Label = Literal["hateful", "non-hateful"]
LABELS: tuple[Label, ...] = get_args(Label)


class CorrectionError(ValueError):
    """A correction names an unknown post, label, category or target."""


def correct(
    session: Session,
    post_id: int,
    actor: str,
    label: str,
    category: str = "",
    target: str = "",
    note: str = "",
) -> SpeechCorrection:
    """Record an analyst's correction of post ``post_id`` and apply it to the post.

    A non-hateful label clears category and target; a hateful one needs a category other
    than ``none`` (default ``derogation``)."""
    post = session.get(SpeechPost, post_id)
    if post is None:
        raise CorrectionError(f"no speech post with id {post_id}")
    if label not in LABELS:
        raise CorrectionError(f"label {label!r}: expected one of {', '.join(LABELS)}")
    if label == "non-hateful":
        category, target = "none", ""
    else:
        category = category or "derogation"
        if category not in CATEGORIES or category == "none":
            known = ", ".join(c for c in CATEGORIES if c != "none")
            raise CorrectionError(f"category {category!r}: expected one of {known}")
        if target and target not in TARGETS:
            raise CorrectionError(f"target {target!r}: expected one of {', '.join(TARGETS)}")
    before = {"label": post.label, "category": post.category, "target": post.target}
    row = SpeechCorrection(
        post_id=post.id,
        text=post.text,
        lang=post.lang,
        label=label,
        category=category,
        target=target,
        note=note,
        previous=before | {"score": post.score, "model": post.model},
        actor=actor,
    )
    session.add(row)
    post.label, post.category, post.target = label, category, target
    session.flush()
    after = {"label": label, "category": category, "target": target, "note": note}
    audit.record(session, actor, "speech.correct", "speech_post", post.id, before, after)
    return row


def corrections_of(session: Session, post_id: int) -> list[SpeechCorrection]:
    """Every correction of one post, oldest first."""
    query = select(SpeechCorrection).where(SpeechCorrection.post_id == post_id)
    return list(session.scalars(query.order_by(SpeechCorrection.id)))


def training_rows(session: Session) -> pd.DataFrame:
    """The latest correction of each post as rows in the corpora layout (dataset
    ``corrections``; a stable fifth held out by text hash to measure the new model)."""
    rows = session.scalars(select(SpeechCorrection).order_by(SpeechCorrection.id)).all()
    latest = {r.post_id: r for r in rows}
    frame = pd.DataFrame(
        [
            {
                "text": r.text,
                "lang": r.lang or "",
                "hateful": int(r.label == "hateful"),
                "category": r.category if r.label == "hateful" else "none",
                "target": r.target if r.label == "hateful" else "",
                "dataset": "corrections",
            }
            for r in latest.values()
        ],
        columns=["text", "lang", "hateful", "category", "target", "dataset"],
    )
    frame["split"] = hash_split(frame["text"]) if len(frame) else pd.Series(dtype=str)
    return frame
