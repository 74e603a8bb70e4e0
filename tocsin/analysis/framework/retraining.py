"""Retrain the learned tagger on demand (from the API), audited."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tocsin.analysis.framework import suggest
from tocsin.store import audit


@dataclass(frozen=True)
class Retrained:
    """How many stored tags the tagger learned from, and how many suggestions changed."""

    labels: int
    refreshed: int


def retrain(session: Session, actor: str) -> Retrained:
    """Retrain the learned tagger on the stored tags, refresh every suggestion, and record
    who did it in the audit log."""
    tagger = suggest.trained_tagger(session, retrain=True)
    refreshed = suggest.refresh_suggestions(session, tagger=tagger)
    labels = len(suggest.examples_from_store(session))
    audit.record(
        session,
        actor,
        "retrain",
        "tagger",
        tagger.name,
        after={"labels": labels, "refreshed": refreshed},
    )
    return Retrained(labels=labels, refreshed=refreshed)
