"""Duplicate detection: exact copies by SHA-256 of the normalised text, near-duplicates
(the same wire story on two sites) by MinHash over word 5-grams (datasketch)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.store.models import Document

NUM_PERM = 128
SHINGLE_WORDS = 5
NEAR_THRESHOLD = 0.7  # estimated Jaccard similarity of the 5-gram sets


def normalise(text: str) -> str:
    """Lower case, words only, single spaces: what two copies of a text share."""
    return " ".join(re.findall(r"\w+", text.lower()))


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def signature(text: str) -> list[int]:
    """The MinHash signature of the text's word 5-grams."""
    words = normalise(text).split()
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    sketch = MinHash(num_perm=NUM_PERM)
    sketch.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in sketch.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if len(a) != len(b) or not a:
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


@dataclass(frozen=True)
class Match:
    """A stored document this text duplicates: ``exact`` or ``near`` (with similarity)."""

    document: Document
    relation: str
    similarity: float


def find_duplicate(session: Session, digest: str, sketch: list[int]) -> Match | None:
    """The stored document with the same hash, else the most similar one above the threshold."""
    same = session.scalars(select(Document).where(Document.content_hash == digest)).one_or_none()
    if same is not None:
        return Match(same, "exact", 1.0)
    best: tuple[float, int] | None = None
    for doc_id, stored in session.execute(select(Document.id, Document.minhash)):
        score = similarity(sketch, stored)
        if score >= NEAR_THRESHOLD and (best is None or score > best[0]):
            best = (score, doc_id)
    if best is None:
        return None
    return Match(session.get_one(Document, best[1]), "near", best[0])
