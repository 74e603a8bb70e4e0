"""Curated lexicons of coded or context-specific terms, matched alongside the model.

A term has a language, an optional country (ISO3) where it carries its coded meaning,
its meaning, the target group, a severity (low, medium, high), a category, and a
source. Matching works on normalised text (``normalise.py``), so leetspeak, inserted
spaces and repeated letters do not hide a term; single words of six letters or more
also match with one or two letters dropped or changed (Levenshtein ratio >= 0.85).
Words of terms also match with a plural ending (``zurgas``, ``ennemis dans la maison``:
the endings of the term's language, :data:`PLURAL_ENDINGS`) and, in Arabic script, with
an article, conjunction or pronoun attached (``العبيد``, :func:`cues.arabic_cores`).
Texts are read as the model reads them (``normalise.words``): Mandarin one character and
Burmese one syllable at a time, so terms match inside text written without spaces, and
Hindi or Burmese words keep their vowel signs. A term found only inside quotation marks
(``they called us "inyenzi"``) is reported as ``Match.quoted``: counter-speech and news
quote the words they condemn. A negation does not count: "no inyenzi should survive"
denies nothing.

A seed lexicon with public sources ships in ``data/seed_lexicon.csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal, get_args

from rapidfuzz import fuzz, process
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tocsin.analysis.speech.cues import HARM_CATEGORIES, TARGETS, arabic_cores
from tocsin.analysis.speech.normalise import CJK, MYANMAR, is_word, normalise, words
from tocsin.store import audit
from tocsin.store.models import LexiconTerm

TermSeverity = Literal["low", "medium", "high"]
SEVERITIES: tuple[TermSeverity, ...] = get_args(TermSeverity)
SEED_FILE = Path(__file__).parent / "data" / "seed_lexicon.csv"
LEXICON_COLUMNS = ("term", "lang", "country", "meaning", "target", "severity", "category", "source")
FUZZY_MIN_LENGTH = 6
FUZZY_RATIO = 85.0
# plural endings a term's words take in its language; a term written in Latin letters from a
# language in another script (Arabic "zurga", Burmese "kalar") is a loanword and takes
# those of the English and French texts it is borrowed into; Bantu languages such as
# Swahili and Kinyarwanda make plurals with prefixes, and other languages change the
# ending, so their terms match as written
PLURAL_ENDINGS: dict[str, tuple[str, ...]] = {
    "en": ("s", "es"),
    "fr": ("s", "x"),
    "es": ("s", "es"),
    "pt": ("s", "es"),
    "de": ("e", "en", "n", "s"),
    "nl": ("en", "s"),
}
LOANWORD_ENDINGS = ("s", "es", "x")
_NON_LATIN_SCRIPT_LANGS = frozenset({"ar", "am", "my", "hi", "zh", "fa", "ur", "ti", "ru"})
_INFLECTED_MIN_LENGTH = 4  # shorter words take no ending: "mtns" is not read as "mtn"


class LexiconFormatError(ValueError):
    """A lexicon row or file is invalid (names the line and the problem)."""


@dataclass(frozen=True)
class Term:
    """One lexicon entry."""

    term: str
    lang: str = ""
    country: str = ""
    meaning: str = ""
    target: str = "other"
    severity: str = "medium"
    category: str = "derogation"
    source: str = ""


@dataclass(frozen=True)
class Match:
    """A term found in a text."""

    term: Term
    found: str  # the normalised words that matched
    fuzzy: bool
    quoted: bool = False  # every occurrence is inside quotation marks


def validate_term(row: dict[str, str], where: str = "") -> Term:
    """A :class:`Term` from a mapping, refusing unknown severities, targets, categories."""
    at = f"{where}: " if where else ""
    row = {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in row.items()}
    term = (row.get("term") or "").strip()
    if not term or not normalise(term):
        raise LexiconFormatError(f"{at}empty term")
    severity = (row.get("severity") or "medium").strip().lower()
    if severity not in SEVERITIES:
        raise LexiconFormatError(f"{at}severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    target = (row.get("target") or "other").strip().lower()
    if target not in TARGETS:
        raise LexiconFormatError(f"{at}target {target!r} is not one of {', '.join(TARGETS)}")
    category = (row.get("category") or "derogation").strip().lower()
    if category not in HARM_CATEGORIES:
        raise LexiconFormatError(f"{at}category {category!r} is not one of {HARM_CATEGORIES}")
    country = (row.get("country") or "").strip()
    if country:
        from tocsin.reference.countries import lookup

        country = lookup(country).code
    return Term(
        term=term,
        lang=(row.get("lang") or "").strip().lower()[:8],
        country=country,
        meaning=(row.get("meaning") or "").strip(),
        target=target,
        severity=severity,
        category=category,
        source=(row.get("source") or "").strip(),
    )


def read_lexicon_csv(data: str | Path) -> tuple[list[Term], list[str]]:
    """Terms from a CSV (a path or its text) with the :data:`LEXICON_COLUMNS`; bad rows
    are returned as messages with their line numbers, the rest are kept."""
    try:
        text = data.read_text(encoding="utf-8-sig") if isinstance(data, Path) else data
    except UnicodeDecodeError as exc:
        raise LexiconFormatError(
            f"{data}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "term" not in reader.fieldnames:
        raise LexiconFormatError(f"lexicon CSV needs a header with at least 'term' ({data})")
    terms, errors = [], []
    for row in reader:
        try:
            terms.append(validate_term(row, f"line {reader.line_num}"))
        except (LexiconFormatError, LookupError) as exc:
            errors.append(
                str(exc) if str(exc).startswith("line") else f"line {reader.line_num}: {exc}"
            )
    return terms, errors


def seed_terms() -> list[Term]:
    """The curated seed lexicon shipped with Tocsin."""
    terms, errors = read_lexicon_csv(SEED_FILE)
    assert not errors, errors
    return terms


def _words_only(tokens: Iterable[str]) -> list[str]:
    """Tokens of :func:`normalise.words` without punctuation, split at apostrophes
    ("d'inyenzi")."""
    return [w for t in tokens if is_word(t) for w in t.split("'") if w]


def _endings(term: Term) -> tuple[str, ...]:
    if term.lang in PLURAL_ENDINGS:
        return PLURAL_ENDINGS[term.lang]
    return LOANWORD_ENDINGS if term.lang in _NON_LATIN_SCRIPT_LANGS else ()


def _joined(tokens: tuple[str, ...]) -> str:
    """Matched words as written: Mandarin and Burmese without spaces."""
    return ("" if CJK.search(tokens[0]) or MYANMAR.search(tokens[0]) else " ").join(tokens)


class LexiconMatcher:
    """Finds lexicon terms in texts (exact on normalised words, fuzzy for long words)."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = list(terms)
        self._index: dict[tuple[str, ...], list[Term]] = {}
        inflected: dict[str, str] = {}  # a term's word with a plural ending -> the word
        for term in self.terms:
            key = tuple(_words_only(words(normalise(term.term))))
            self._index.setdefault(key, []).append(term)
            if len(key) > 1:  # "madoa doa" is also written "madoadoa"
                self._index.setdefault(("".join(key),), []).append(term)
            for word in key:
                if len(word) >= _INFLECTED_MIN_LENGTH and word.isascii():
                    inflected.update((word + ending, word) for ending in _endings(term))
        self._words = {w for k in self._index for w in k}
        self._inflected = {k: v for k, v in inflected.items() if k not in self._words}
        self._bases: dict[str, str] = {w: w for w in self._words}  # grows as texts are read
        self._longest = max(map(len, self._index), default=0)
        self._starts = {k[0] for k in self._index if len(k) > 1}  # first words of phrases
        self._long = [k[0] for k in self._index if len(k) == 1 and len(k[0]) >= FUZZY_MIN_LENGTH]
        self._fuzzy_cache: dict[str, str | None] = {}

    def _fuzzy(self, word: str) -> str | None:
        if word in self._fuzzy_cache:
            return self._fuzzy_cache[word]
        best = process.extractOne(word, self._long, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO)
        hit = best[0] if best else None
        if len(self._fuzzy_cache) < 100_000:
            self._fuzzy_cache[word] = hit
        return hit

    def _base(self, word: str) -> str:
        """The term word ``word`` is an inflected form of, else ``word``."""
        base = self._bases.get(word)
        if base is None:
            base = self._inflected.get(word) or next(
                (core for core in arabic_cores(word) if core in self._words), word
            )
            if len(self._bases) < 100_000:
                self._bases[word] = base
        return base

    def _find(self, tokens: list[str]) -> dict[tuple[str, str], Match]:
        found: dict[tuple[str, str], Match] = {}
        bases = [self._base(t) for t in tokens]
        for i, word in enumerate(tokens):
            longest = min(self._longest, len(tokens) - i) if bases[i] in self._starts else 1
            for n in range(longest, 0, -1):
                key = tuple(bases[i : i + n])
                for term in self._index.get(key, ()):
                    found[(term.term, term.country)] = Match(
                        term, _joined(tuple(tokens[i : i + n])), False
                    )
            fuzzy = len(word) >= FUZZY_MIN_LENGTH - 1 and (bases[i],) not in self._index
            if self._long and fuzzy:
                hit = self._fuzzy(word)
                for term in self._index.get((hit,), ()) if hit else ():
                    found.setdefault((term.term, term.country), Match(term, word, True))
        return found

    def match(self, text: str, country: str | None = None, normalised: bool = False) -> list[Match]:
        """Terms in ``text``; terms tied to another country than ``country`` are skipped
        (all terms apply when ``country`` is None)."""
        norm = text if normalised else normalise(text)
        found = [
            m
            for m in self._find(_words_only(words(norm))).values()
            if not country or not m.term.country or m.term.country == country
        ]
        if not found:
            return []
        # the model's reader (with NumPy and scikit-learn) is imported only once a term is
        # found, so listing or editing the lexicon stays light (decision 0401)
        from tocsin.analysis.speech.classifier import analyse

        # which terms occur outside quotation marks (negation marks are dropped)
        tokens = (t.removeprefix("n_") for t in analyse(norm).tokens if t[:2] != "q_")
        unquoted = self._find(_words_only(tokens))
        return [
            m if (m.term.term, m.term.country) in unquoted else replace(m, quoted=True)
            for m in found
        ]


def _term_of(row: LexiconTerm) -> Term:
    return Term(
        term=row.term,
        lang=row.lang,
        country=row.country,
        meaning=row.meaning,
        target=row.target,
        severity=row.severity,
        category=row.category,
        source=row.source,
    )


def stored_terms(session: Session, country: str | None = None) -> list[Term]:
    """Terms in the database (all, or those for ``country`` and those for no country)."""
    query = select(LexiconTerm).order_by(LexiconTerm.country, LexiconTerm.term)
    if country:
        query = query.where(or_(LexiconTerm.country == country, LexiconTerm.country == ""))
    return [_term_of(row) for row in session.scalars(query)]


def save_terms(session: Session, terms: Iterable[Term], actor: str) -> tuple[int, int]:
    """Add or update terms (keyed by term and country), each audited. Returns (added,
    updated); unchanged terms are left alone."""
    added = updated = 0
    for term in terms:
        row = session.scalar(
            select(LexiconTerm).where(
                LexiconTerm.term == term.term, LexiconTerm.country == term.country
            )
        )
        before = asdict(_term_of(row)) if row is not None else None
        if row is None:
            row = LexiconTerm(term=term.term, country=term.country, added_by=actor)
            session.add(row)
            added += 1
        elif before == asdict(term):
            continue
        else:
            updated += 1
        for key, value in asdict(term).items():
            setattr(row, key, value)
        session.flush()
        audit.record(session, actor, "lexicon.save", "lexicon_term", row.id, before, asdict(term))
    return added, updated


def matcher_from_store(session: Session) -> LexiconMatcher:
    """A matcher over every stored term."""
    return LexiconMatcher(stored_terms(session))
