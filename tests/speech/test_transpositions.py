"""Misspellings by two swapped neighbouring letters ("haet", "mulsims", "المسملين",
"मुलसमान") are read as the group name or cue they spell, and words of their own are not
read as misspellings."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from tocsin.analysis.speech import cues
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.normalise import normalise

# corpus words that match a term only by a swap and mean what the term means (French
# "nègre" is the slur German "Neger" is)
KNOWN_MISSPELLINGS = {"handicapped", "niggress", "queimando", "negre"}


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("I haet women", "__grp_hostile__"),
        ("Mulsims are vermin", "__grp_religion__"),
        ("Wmoen are disgusting", "__grp_gender__"),
        ("All immigarnts are criminals", "__grp_migrants__"),
        ("Refguees are parasites", "__grp_hostile__"),
        ("أنا أكره المسملين", "__grp_hostile__"),  # المسلمين (decision 0549)
        ("المسلمون حشارت", "__dehum__"),  # حشرات
        ("मुलसमान कीड़े हैं", "__grp_hostile__"),  # मुसलमान
        ("मुझे मुसलमानों से नफ़तर है", "__grp_hostile__"),  # नफ़रत
    ],
)
def test_a_swap_of_neighbouring_letters_is_read_as_the_word_it_spells(
    text: str, feature: str
) -> None:
    assert feature in analyse(text).extras


def test_what_is_not_read_as_a_swap() -> None:
    index = cues.INDEX
    assert index.kinds("hate") and not index.kinds("ahte")  # the first letter stays
    assert not index.kinds("heat")  # two swaps away from "hate"
    assert not index.kinds("moons")  # a word of its own, listed
    assert not index.kinds("asina")  # "asian*" is a stem of five letters: too short
    assert not index.kinds("هلا")  # three letters: too short
    assert not index.kinds("穆林斯")  # nor a script written without spaces
    assert not index.kinds("مفروض")  # a word of its own, listed


def test_every_corpus_word_read_as_a_swap_is_a_misspelling_or_listed(
    corpus: pd.DataFrame,
) -> None:
    """Scan the training corpora: a word used three times or more that matches a term
    only by a swap must be a known misspelling or in ``cues.TRANSPOSITION_WORDS``. A new
    cue or group term that makes a real word look like a misspelling fails here."""
    counts: Counter[str] = Counter()
    for text in corpus["text"]:
        counts.update(cues.SWAPPABLE_WORD.findall(normalise(str(text))))
    index = cues.INDEX
    read_as_swaps = {
        word
        for word, n in counts.items()
        if n >= 3
        and word not in cues.TRANSPOSITION_WORDS
        and not index.spelled(word)
        and index.swap_reading(word)  # read as a swap before any other reading
    }
    assert read_as_swaps <= KNOWN_MISSPELLINGS, sorted(read_as_swaps - KNOWN_MISSPELLINGS)


def test_every_word_listed_as_a_word_of_its_own_would_otherwise_be_read_as_a_swap() -> None:
    """The list holds no dead entries: each word in it is one swap of neighbouring letters
    away from a listed term ("marcia", a march, from the slur "marica")."""
    dead = [w for w in sorted(cues.TRANSPOSITION_WORDS) if not cues.INDEX.swap_reading(w)]
    assert dead == []
