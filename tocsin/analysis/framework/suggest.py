"""Indicator suggestions: the Tagger plug-in interface, a cold-start tagger built from the
taxonomy's own words, and a learned tagger trained on analysts' accepted and rejected tags.

A tagger is fitted on :class:`Example` objects (an excerpt's text, the indicators an
analyst accepted and those they rejected) and scores texts against every indicator of
the taxonomy. Scores are in [0, 1]; higher is likelier.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from pydantic import Field
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.pipeline import FeatureUnion
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tocsin.analysis.framework import queries
from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.dedup import normalise
from tocsin.analysis.framework.excerpts import is_prose
from tocsin.plugins import Plugin, PluginSettings, Registry
from tocsin.store.models import Excerpt, Suggestion, Tag

TOP_K = 3
DEFAULT_TAGGER = "prototypes"  # see bench/suggest.py and docs/decisions/0400


@dataclass(frozen=True)
class Example:
    """A labelled excerpt: indicators accepted (positives) and rejected (negatives)."""

    text: str
    accepted: frozenset[str]
    rejected: frozenset[str] = field(default_factory=frozenset)


class Tagger(Plugin):
    """Suggests indicators for excerpts. Subclasses set ``name``, ``summary``, ``Settings``."""

    def __init__(self, settings: PluginSettings | None = None) -> None:
        super().__init__(settings)
        self.taxonomy: tax.Taxonomy | None = None

    @abstractmethod
    def fit(self, taxonomy: tax.Taxonomy, examples: list[Example]) -> Tagger:
        """Prepare for ``taxonomy``, learning from ``examples`` where the tagger learns."""

    @abstractmethod
    def score(self, texts: list[str]) -> np.ndarray:
        """A (texts x indicators) matrix of scores in [0, 1], columns in taxonomy order."""

    @property
    def indicator_codes(self) -> list[str]:
        """Column order of :meth:`score`."""
        if self.taxonomy is None:
            raise RuntimeError(f"tagger {self.name!r} is used before fit()")
        return [ind.code for _f, ind in self.taxonomy.indicators()]

    def suggest(self, texts: list[str], k: int = TOP_K) -> list[list[tuple[str, float]]]:
        """The ``k`` best (indicator, score) pairs for each text, best first."""
        if not texts:
            return []
        scores = self.score(texts)
        codes = self.indicator_codes
        out = []
        for row in scores:
            order = np.argsort(-row, kind="stable")[:k]
            out.append([(codes[j], float(row[j])) for j in order])
        return out


TAGGERS: Registry[Tagger] = Registry("tagger")


VOCABULARY_FILE = Path(__file__).parent / "data" / "indicator_vocabulary.json"
MIN_SCORE = 0.05  # below this a suggestion is noise, not a head start


@cache
def framework_vocabulary() -> dict[str, str]:
    """Longer wording of each indicator, paraphrased from the Framework of Analysis
    (2014): the taxonomy's one-line descriptions share too few words with real reports."""
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return dict(data["indicators"])


def _indicator_texts(taxonomy: tax.Taxonomy, vocabulary: bool = True) -> list[str]:
    words = framework_vocabulary() if vocabulary else {}
    return [
        f"{ind.label}. {ind.description} {' '.join(ind.keywords)} {' '.join(ind.keywords)} "
        f"{words.get(ind.code, '')} {factor.name}"
        for factor, ind in taxonomy.indicators()
    ]


def _text_features(char_ngrams: bool = True) -> FeatureUnion:
    """Words and word pairs, plus character n-grams inside words so that "burned",
    "burning" and "burnt" or "village" and "villages" still meet."""
    parts: list[tuple[str, TfidfVectorizer]] = [
        (
            "words",
            TfidfVectorizer(
                ngram_range=(1, 2),
                sublinear_tf=True,
                stop_words="english",
                preprocessor=normalise,
            ),
        ),
    ]
    if char_ngrams:
        parts.append(
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(4, 5),
                    sublinear_tf=True,
                    preprocessor=_without_stop_words,
                ),
            )
        )
    return FeatureUnion(parts)


def _without_stop_words(text: str) -> str:
    return " ".join(w for w in normalise(text).split() if w not in ENGLISH_STOP_WORDS)


class KeywordSettings(PluginSettings):
    """How much a literal keyword hit adds to the text similarity; whether indicators are
    described with the Framework vocabulary and texts compared on character n-grams too
    (both off: the taxonomy's own words only, as before; see bench/suggest.py)."""

    keyword_weight: float = Field(
        0.15, ge=0, description="Score added for a literal keyword of the indicator."
    )
    vocabulary: bool = Field(
        True, description="Describe each indicator with the Framework vocabulary as well."
    )
    char_ngrams: bool = Field(True, description="Compare texts on character n-grams too.")


@TAGGERS.register
class KeywordTagger(Tagger):
    """Cold start: TF-IDF similarity to each indicator's label, description and keywords,
    plus a bonus for each keyword found verbatim."""

    name = "keywords"
    summary = "Cold start from the taxonomy's descriptions and keywords (no training)"
    Settings = KeywordSettings
    settings: KeywordSettings

    def fit(self, taxonomy: tax.Taxonomy, examples: list[Example]) -> KeywordTagger:
        """Index the indicator descriptions (examples only widen the vocabulary)."""
        self.taxonomy = taxonomy
        s = self.settings
        docs = _indicator_texts(taxonomy, s.vocabulary)
        self._vectorizer = _text_features(s.char_ngrams).fit(docs + [e.text for e in examples])
        self._matrix = self._vectorizer.transform(docs)
        self._keywords = [
            [f" {normalise(k)} " for k in ind.keywords] for _f, ind in taxonomy.indicators()
        ]
        return self

    def score(self, texts: list[str]) -> np.ndarray:
        """Cosine similarity plus keyword hits, squashed into [0, 1]."""
        sims = cosine_similarity(self._vectorizer.transform(texts), self._matrix)
        hits = np.array(
            [[sum(k in f" {normalise(t)} " for k in kws) for kws in self._keywords] for t in texts],
            dtype=float,
        )
        raw = sims + self.settings.keyword_weight * np.log1p(hits)
        return np.clip(raw, 0.0, 1.0)


class LearnedSettings(PluginSettings):
    """Regularisation, and how many positives it takes to trust the model over the prior."""

    c: float = Field(4.0, gt=0, description="Inverse regularisation of the logistic model.")
    prior_strength: float = Field(
        3.0, ge=0, description="Positives it takes to weigh the model as much as the prior."
    )


@TAGGERS.register
class LearnedTagger(Tagger):
    """One logistic regression per indicator on TF-IDF features, trained on analysts'
    accepted (positive) and rejected or omitted (negative) indicators, blended with the
    cold-start score by how many positives each indicator has."""

    name = "learned"
    summary = "Learns from accepted and rejected tags (scikit-learn), cold start before that"
    Settings = LearnedSettings
    settings: LearnedSettings

    def fit(self, taxonomy: tax.Taxonomy, examples: list[Example]) -> LearnedTagger:
        """Train on ``examples``; indicators without both classes keep the prior only."""
        self.taxonomy = taxonomy
        self._prior = KeywordTagger().fit(taxonomy, examples)
        codes = self.indicator_codes
        self._models: dict[int, LogisticRegression] = {}
        self._weights = np.zeros(len(codes))
        self.labels = len(examples)
        if not examples:
            return self
        self._vectorizer = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=1, preprocessor=normalise
        ).fit([e.text for e in examples] + _indicator_texts(taxonomy))
        features = self._vectorizer.transform([e.text for e in examples])
        s = self.settings
        for j, code in enumerate(codes):
            y = np.array([1 if code in e.accepted else 0 for e in examples])
            positives = int(y.sum())
            if positives == 0 or positives == len(y):
                continue
            model = LogisticRegression(
                C=s.c,
                class_weight="balanced",
                solver="liblinear",
            )
            self._models[j] = model.fit(features, y)
            self._weights[j] = positives / (positives + s.prior_strength)
        return self

    def score(self, texts: list[str]) -> np.ndarray:
        """The learned probability blended with the cold-start prior."""
        prior = self._prior.score(texts)
        if not self._models:
            return prior
        features = self._vectorizer.transform(texts)
        out = prior * (1 - self._weights)
        for j, model in self._models.items():
            out[:, j] += self._weights[j] * model.predict_proba(features)[:, 1]
        return out


class PrototypeSettings(PluginSettings):
    """How far labelled examples move an indicator's prototype, and the keyword bonus."""

    positive_weight: float = Field(
        1.0, ge=0, description="How far an accepted example moves the prototype."
    )
    negative_weight: float = Field(
        0.25, ge=0, description="How far a rejected example moves the prototype away."
    )
    keyword_weight: float = Field(
        0.15, ge=0, description="Score added for a literal keyword of the indicator."
    )
    vocabulary: bool = Field(
        True, description="Describe each indicator with the Framework vocabulary as well."
    )
    char_ngrams: bool = Field(True, description="Compare texts on character n-grams too.")


@TAGGERS.register
class PrototypeTagger(Tagger):
    """Relevance feedback (Rocchio): each indicator is a TF-IDF prototype, starting from its
    description and keywords and moved towards the excerpts analysts accepted for it and
    away from those they rejected; an excerpt scores its cosine similarity to each."""

    name = "prototypes"
    summary = "Indicator prototypes moved by accepted and rejected tags (Rocchio)"
    Settings = PrototypeSettings
    settings: PrototypeSettings

    def fit(self, taxonomy: tax.Taxonomy, examples: list[Example]) -> PrototypeTagger:
        """Build one prototype per indicator."""
        self.taxonomy = taxonomy
        s = self.settings
        prior_settings = KeywordSettings(
            keyword_weight=s.keyword_weight, vocabulary=s.vocabulary, char_ngrams=s.char_ngrams
        )
        self._prior = KeywordTagger(prior_settings).fit(taxonomy, examples)
        self._vectorizer = self._prior._vectorizer
        base = self._prior._matrix.toarray()
        if examples:
            vectors = self._vectorizer.transform([e.text for e in examples]).toarray()
            for j, code in enumerate(self.indicator_codes):
                pos = [i for i, e in enumerate(examples) if code in e.accepted]
                neg = [i for i, e in enumerate(examples) if code in e.rejected]
                if pos:
                    base[j] += s.positive_weight * vectors[pos].mean(axis=0) * len(pos) ** 0.5
                if neg:
                    base[j] -= s.negative_weight * vectors[neg].mean(axis=0)
        np.clip(base, 0, None, out=base)
        norms = np.linalg.norm(base, axis=1, keepdims=True)
        self._prototypes = base / np.where(norms == 0, 1, norms)
        return self

    def score(self, texts: list[str]) -> np.ndarray:
        """Cosine similarity to each prototype plus the keyword bonus, in [0, 1]."""
        features = self._vectorizer.transform(texts).toarray()
        norms = np.linalg.norm(features, axis=1, keepdims=True)
        sims = (features / np.where(norms == 0, 1, norms)) @ self._prototypes.T
        bonus = self._prior.score(texts) - cosine_similarity(
            self._vectorizer.transform(texts), self._prior._matrix
        )
        return np.clip(sims + np.clip(bonus, 0, None), 0.0, 1.0)


def examples_from_store(session: Session) -> list[Example]:
    """One example per excerpt an analyst has tagged, in excerpt order."""
    rows = session.execute(
        select(Tag.excerpt_id, Tag.indicator, Tag.status, Excerpt.text)
        .join(Excerpt, Excerpt.id == Tag.excerpt_id)
        .order_by(Tag.excerpt_id)
    )
    texts: dict[int, str] = {}
    accepted: dict[int, set[str]] = {}
    rejected: dict[int, set[str]] = {}
    for excerpt_id, indicator, status, text in rows:
        texts[excerpt_id] = text
        (accepted if status == "accepted" else rejected).setdefault(excerpt_id, set()).add(
            indicator
        )
        accepted.setdefault(excerpt_id, set())
    return [
        Example(texts[i], frozenset(accepted[i]), frozenset(rejected.get(i, set()))) for i in texts
    ]


_CACHE: dict[tuple[str, str, int, str], Tagger] = {}


def trained_tagger(session: Session, name: str = DEFAULT_TAGGER, retrain: bool = False) -> Tagger:
    """The tagger fitted on the active taxonomy and the stored tags (cached until tags change)."""
    taxonomy = tax.active(session)
    examples = examples_from_store(session)
    stamp = str(
        hash(
            tuple((e.text, tuple(sorted(e.accepted)), tuple(sorted(e.rejected))) for e in examples)
        )
    )
    key = (name, taxonomy.version, len(examples), stamp)
    if retrain or key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = TAGGERS.create(name).fit(taxonomy, examples)
    return _CACHE[key]


def refresh_suggestions(
    session: Session, excerpt_ids: list[int] | None = None, tagger: Tagger | None = None
) -> int:
    """Recompute the stored top suggestions for the given excerpts (all when None).
    Indicators an analyst has already answered for an excerpt are not suggested again."""
    tagger = tagger or trained_tagger(session)
    query = select(Excerpt.id, Excerpt.text)
    if excerpt_ids is not None:
        query = query.where(Excerpt.id.in_(excerpt_ids))
    rows = list(session.execute(query.order_by(Excerpt.id)))
    if not rows:
        return 0
    ids = [r[0] for r in rows]
    answered: dict[int, set[str]] = {}
    for chunk in range(0, len(ids), 500):
        batch = ids[chunk : chunk + 500]
        session.execute(delete(Suggestion).where(Suggestion.excerpt_id.in_(batch)))
        for excerpt_id, indicator in session.execute(
            select(Tag.excerpt_id, Tag.indicator).where(Tag.excerpt_id.in_(batch))
        ):
            answered.setdefault(excerpt_id, set()).add(indicator)
    most = max((len(a) for a in answered.values()), default=0)
    ranked = tagger.suggest([r[1] for r in rows], k=TOP_K + most)
    for (excerpt_id, _t), top in zip(rows, ranked, strict=True):
        done = answered.get(excerpt_id, set())
        fresh = [t for t in top if t[1] >= MIN_SCORE and t[0] not in done][:TOP_K]
        for rank, (code, score) in enumerate(fresh, start=1):
            session.add(
                Suggestion(
                    excerpt_id=excerpt_id,
                    indicator=code,
                    score=round(score, 4),
                    rank=rank,
                    tagger=tagger.name,
                )
            )
    session.flush()
    return len(rows)


def open_suggestions(session: Session, excerpt_ids: list[int]) -> dict[int, list[Suggestion]]:
    """The stored suggestions of each excerpt that no analyst has answered yet (accepted
    or rejected), best first: the "Suggested" list."""
    out: dict[int, list[Suggestion]] = {i: [] for i in excerpt_ids}
    if not excerpt_ids:
        return out
    answered = set(
        session.execute(
            select(Tag.excerpt_id, Tag.indicator).where(Tag.excerpt_id.in_(excerpt_ids))
        )
    )
    for row in session.scalars(
        select(Suggestion)
        .where(Suggestion.excerpt_id.in_(excerpt_ids))
        .order_by(Suggestion.excerpt_id, Suggestion.rank)
    ):
        if (row.excerpt_id, row.indicator) not in answered:
            out[row.excerpt_id].append(row)
    return out


def suggestion_at(session: Session, excerpt_id: int, number: int) -> Suggestion:
    """The ``number``-th (1-based) open suggestion of an excerpt, as a key press picks it;
    a :class:`ValueError` that says so when there is none."""
    suggestions = open_suggestions(session, [excerpt_id])[excerpt_id]
    if not 1 <= number <= len(suggestions):
        have = f"only {len(suggestions)}" if suggestions else "no open suggestions"
        raise ValueError(f"excerpt {excerpt_id} has {have}; there is no suggestion {number}")
    return suggestions[number - 1]


def least_certain(session: Session, limit: int = 20) -> list[tuple[int, float]]:
    """Untagged excerpts worth labelling next, the ones the tagger is least sure about
    first: the smallest margin between its first and second choice, relative to the
    first. Excerpts that are not prose (headings, fragments stored by older versions)
    and excerpts the tagger finds nothing in (every score 0) are left out: a label there
    teaches nothing. Returns (excerpt id, margin)."""
    tagged = select(Tag.excerpt_id).distinct()
    rows = [
        row
        for row in session.execute(
            select(Excerpt.id, Excerpt.text).where(Excerpt.id.not_in(tagged)).order_by(Excerpt.id)
        )
        if is_prose(row[1])
    ]
    if not rows:
        return []
    scores = trained_tagger(session).score([r[1] for r in rows])
    top2 = -np.sort(-scores, axis=1)[:, :2]
    keep = np.flatnonzero(top2[:, 0] > 0)
    margins = (top2[keep, 0] - top2[keep, 1]) / top2[keep, 0]
    order = np.lexsort((-top2[keep, 0], margins))[:limit]
    return [(rows[keep[i]][0], float(margins[i])) for i in order]


def least_certain_excerpts(session: Session, limit: int = 20) -> list[tuple[Excerpt, float]]:
    """:func:`least_certain`, with the excerpts themselves instead of their ids."""
    ranked = least_certain(session, limit)
    by_id = queries.excerpts_by_id(session, (excerpt_id for excerpt_id, _ in ranked))
    return [(by_id[excerpt_id], margin) for excerpt_id, margin in ranked]
