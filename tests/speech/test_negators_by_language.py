"""A word listed as a negator that is another word in the text's language opens no
negation scope there (decision 0548): Portuguese "no" is "in the", Polish "no" is
"well". Without a language, every listed negator reads as before."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import cues
from tocsin.analysis.speech.classifier import NgramClassifier, analyse

IN_THE = "Os muçulmanos no Brasil são terroristas."


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (IN_THE, "pt"),
        ("Os ciganos no nosso bairro são ladrões.", "pt"),
        ("No i znowu ci Żydzi, to pasożyty.", "pl"),
    ],
)
def test_no_is_not_a_negator_where_it_is_another_word(text: str, lang: str) -> None:
    extras = analyse(text, lang).extras
    assert "__grp_hostile__" in extras and "__negation__" not in extras


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los gitanos no son ladrones.", "es"),
        ("Muslims are no terrorists.", "en"),
        ("Os ciganos não são ladrões.", "pt"),  # Portuguese negates with "não"
        ("Cyganie nie są złodziejami.", "pl"),
        (IN_THE, None),  # the language unknown: every listed negator negates
    ],
)
def test_the_negators_of_each_language_still_deny(text: str, lang: str | None) -> None:
    extras = analyse(text, lang).extras
    assert "__grp_neg_hostile__" in extras and "__grp_hostile__" not in extras


def test_every_language_keeps_its_own_negators() -> None:
    for lang, words in cues.NOT_NEGATORS.items():
        assert words <= cues.NEGATORS, lang  # each is listed for some other language
        assert not words & cues.negators_of(lang)
        assert words <= cues.negators_of("es") and words <= cues.negators_of(None)


def test_the_classifier_reads_each_text_in_its_language(small_model: NgramClassifier) -> None:
    """Scoring passes the routed language to the reading: the cues an analyst sees for a
    Portuguese text say that hostile words are said of a group, not denied."""
    pt, es = small_model.predict([IN_THE], lang="pt"), small_model.predict([IN_THE], lang="es")
    assert "hostile words about a group" in pt.cues[0] and "negation" not in pt.cues[0]
    assert "hostile words about a group denied" in es.cues[0]
