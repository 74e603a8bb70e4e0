"""Lexicon terms are found through spelling tricks; analysts' edits are stored and audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tocsin.analysis.speech.lexicon import (
    LexiconFormatError,
    LexiconMatcher,
    Term,
    read_lexicon_csv,
    save_terms,
    seed_terms,
    stored_terms,
    validate_term,
)
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import AuditEntry

TERMS = [
    Term(
        "inyenzi",
        lang="rw",
        country="RWA",
        target="ethnicity",
        severity="high",
        category="dehumanisation",
    ),
    Term(
        "fagia wote",
        lang="sw",
        country="KEN",
        target="ethnicity",
        severity="high",
        category="threat",
    ),
    Term("daylight hyenas", country="ETH", target="political affiliation"),
    Term("cockroach", target="other", severity="low"),
]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("they are inyenzi", "inyenzi"),
        ("they are 1NY3NZ1!", "inyenzi"),  # leetspeak
        ("i n y e n z i must go", "inyenzi"),  # inserted spaces
        ("inyeeeeenzi everywhere", "inyenzi"),  # repeated letters
        ("the inyezi again", "inyenzi"),  # a dropped letter
        ("time for fagia-wote", "fagia wote"),  # punctuation inside a phrase
        ("f.a.g.i.a w.o.t.e", "fagia wote"),
        ("those daylight   hyenas", "daylight hyenas"),
    ],
)
def test_matches_through_spelling_tricks(text: str, found: str) -> None:
    assert [m.term.term for m in LexiconMatcher(TERMS).match(text)] == [found]


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("ကုလား", "ဒီကုလားတွေကိုမောင်းထုတ်"),  # Burmese, written without spaces
        ("कीड़े", "वे सब कीड़े हैं"),  # Hindi: the vowel signs stay inside the word
        ("蟑螂", "他们都是蟑螂"),  # Mandarin, written without spaces
        ("inyenzi", "ce sont d'inyenzi"),  # a French elision
    ],
)
def test_terms_match_inside_text_as_the_model_reads_it(term: str, text: str) -> None:
    assert [m.term.term for m in LexiconMatcher([Term(term)]).match(text)] == [term]


@pytest.mark.parametrize(
    ("term", "lang", "text", "found"),
    [
        ("zurga", "ar", "drive out the zurgas", "zurgas"),  # a loanword in English
        ("ennemi dans la maison", "fr", "les ennemis dans la maison", "ennemis dans la maison"),
        ("anglofou", "fr", "ces anglofous", "anglofous"),
        ("termite", "en", "termites, all of them", "termites"),
        ("عبيد", "ar", "اطردوا العبيد", "العبيد"),  # the Arabic article
        ("عبيد", "ar", "وعبيدهم", "وعبيدهم"),  # a conjunction and a pronoun
    ],
)
def test_plural_and_attached_forms_match(term: str, lang: str, text: str, found: str) -> None:
    matches = LexiconMatcher([Term(term, lang=lang)]).match(text)
    assert [(m.term.term, m.found, m.fuzzy) for m in matches] == [(term, found, False)]


@pytest.mark.parametrize(
    ("term", "lang", "text"),
    [
        ("mende", "sw", "Mendes scored twice"),  # Swahili makes plurals with prefixes
        ("mtn", "en", "two mtns"),  # too short to take an ending
        ("galla", "en", "a gallant effort"),  # not a plural ending
        ("zurga", "ar", "zurgaon"),
    ],
)
def test_other_endings_do_not_match(term: str, lang: str, text: str) -> None:
    assert LexiconMatcher([Term(term, lang=lang)]).match(text) == []


def test_a_term_only_inside_quotes_is_found_as_quoted() -> None:
    matcher = LexiconMatcher(TERMS)
    quoted = {
        text: [m.quoted for m in matcher.match(text)]
        for text in (
            'the radio called them "inyenzi" in 1994',
            "« inyenzi », disait la radio",
            'no inyenzi should survive, "they" said',  # a negation denies nothing here
            'the inyenzi must go, and I mean the "inyenzi"',  # said once outright
        )
    }
    assert list(quoted.values()) == [[True], [True], [False], [False]]


def test_no_false_matches_on_ordinary_words() -> None:
    matcher = LexiconMatcher(TERMS)
    assert matcher.match("the hyenas at the zoo were fed in daylight") == []
    assert matcher.match("infinity and beyond") == []


def test_country_specific_terms_apply_only_there() -> None:
    matcher = LexiconMatcher(TERMS)
    assert [m.term.term for m in matcher.match("inyenzi", country="RWA")] == ["inyenzi"]
    assert matcher.match("inyenzi", country="KEN") == []
    assert [m.term.term for m in matcher.match("cockroach", country="KEN")] == ["cockroach"]


def test_validation_names_the_problem() -> None:
    with pytest.raises(LexiconFormatError, match="severity 'extreme'"):
        validate_term({"term": "x", "severity": "extreme"})
    with pytest.raises(LexiconFormatError, match="target 'aliens'"):
        validate_term({"term": "x", "target": "aliens"})
    with pytest.raises(LexiconFormatError, match="empty term"):
        validate_term({"term": "  "})
    assert validate_term({"term": "x", "country": "Kenya"}).country == "KEN"


def test_csv_import_keeps_good_rows_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "lex.csv"
    path.write_text(
        "term,country,target,severity\n"
        "madoadoa,Kenya,ethnicity,high\n"
        ",KEN,ethnicity,high\n"
        "x,Atlantis,ethnicity,high\n"
        "kwekwe,KEN,ethnicity,severe\n"
        "kwekwe,KEN,ethnicity,medium\n"
    )
    terms, errors = read_lexicon_csv(path)
    assert [t.term for t in terms] == ["madoadoa", "kwekwe"]
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4", "line 5"]


def test_seed_lexicon_is_valid_and_sourced() -> None:
    terms = seed_terms()
    assert len(terms) >= 10 and all(t.source and t.meaning for t in terms)


def test_saved_terms_are_audited_and_updated_in_place(database: Database) -> None:
    load_ewp(database, [])
    with database.session() as session:
        assert save_terms(session, TERMS, "analyst1") == (4, 0)
    with database.session() as session:
        changed = Term("cockroach", target="ethnicity", severity="high", category="dehumanisation")
        assert save_terms(session, [changed, TERMS[0]], "analyst2") == (0, 1)
    with database.session() as session:
        terms = {t.term: t for t in stored_terms(session)}
        assert terms["cockroach"].severity == "high" and len(terms) == 4
        assert [t.term for t in stored_terms(session, "KEN")] == ["cockroach", "fagia wote"]
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "lexicon.save").order_by(AuditEntry.id)
        ).all()
        assert len(entries) == 5
        assert entries[-1].actor == "analyst2" and entries[-1].before["severity"] == "low"


def test_a_file_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"term\ncaf\xe9\n")
    with pytest.raises(LexiconFormatError, match="latin1.csv: not UTF-8"):
        read_lexicon_csv(path)
