"""Spelling tricks are undone before matching and scoring."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech.normalise import normalise


@pytest.mark.parametrize(
    ("tricked", "plain"),
    [
        ("V3RM1N", "vermin"),
        ("c@ncer", "cancer"),
        ("mu$lims", "muslims"),
        ("k!ll them", "kill them"),
        ("i m m i g r a n t s", "immigrants"),
        ("j.e.w.s", "jews"),
        ("k-i-l-l", "kill"),
        ("kiiiiiill", "kill"),
        ("Ｖｅｒｍｉｎ", "vermin"),  # full-width letters
        ("ver\u200bmin", "vermin"),  # zero-width space
        ("Dégagé", "degage"),
    ],
)
def test_spelling_tricks(tricked: str, plain: str) -> None:
    assert normalise(tricked) == plain


@pytest.mark.parametrize(
    ("spaced", "word"),
    [
        ("म ु स ल म ा न", "मुसलमान"),  # vowel signs count as letters (decision 0565)
        ("स ि ख", "सिख"),
        ("औ र त े ं", "औरतें"),  # the nasal sign too
        ("ई.स.ा.ई", "ईसाई"),
        ("द-ल-ि-त", "दलित"),
    ],
)
def test_spaced_out_devanagari_is_joined(spaced: str, word: str) -> None:
    assert normalise(f"ये {spaced} हैं") == f"ये {word} हैं"


def test_devanagari_words_are_not_joined() -> None:
    """Only runs of single letters or signs are joined: whole words stay apart."""
    assert normalise("वे इंसान नहीं हैं") == "वे इंसान नहीं हैं"
    assert normalise("मैं और तुम") == "मैं और तुम"


def test_numbers_punctuation_and_ordinary_words_are_left_alone() -> None:
    assert normalise("In 2024, 300 people came!") == "in 2024, 300 people came!"
    assert normalise("good bookkeeper") == "good bookkeeper"


def test_twitter_debris_and_entities() -> None:
    assert (
        normalise("RT @bob: see https://t.co/x &amp; more") == "rt usertoken : see urltoken & more"
    )


def test_arabic_diacritics_and_letter_variants() -> None:
    assert normalise("أُمّة") == "امه"
    assert normalise("إسلام") == normalise("اسلام")


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Muzułmanie", "muzulmanie"),  # Polish ł does not decompose into l and a mark
        ("WYŁAPAĆ", "wylapac"),
        ("मुसलमान कीड़े हैं", "मुसलमान कीडे हैं"),  # the nukta, precomposed or combining
        ("क़ानून", "कानून"),
        ("\u095c", "\u0921"),
        ("cœur", "coeur"),
    ],
)
def test_letters_typed_without_their_diacritic_read_the_same(written: str, typed: str) -> None:
    """Decision 0521: a text typed without its diacritics reads like the text written
    with them."""
    assert normalise(written) == normalise(typed)
    assert normalise(written).isascii() == typed.isascii()
