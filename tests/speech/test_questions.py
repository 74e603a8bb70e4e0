"""Hate asked as a negated question (decision 0546): a negator among a question's first
words asks rather than denies, so what follows is read as said; a negator further on,
or in a statement, still denies."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.question_frames import QUESTION_FRAMES, question_twin


@pytest.mark.parametrize(
    "text",
    [
        "Aren't Muslims just a plague on this country?",
        "Don't you think Jews are vermin?",
        "Shouldn't we just kill all the refugees?",
        "Ne sont-ils pas des parasites, ces immigrés ?",
        "¿No son los gitanos una plaga?",
        "Non sono forse parassiti, gli immigrati?",
        "Sind Juden nicht einfach Ungeziefer?",
        "Zijn moslims niet gewoon ongedierte?",
        "Czy Żydzi nie są po prostu robactwem?",
        "ألا ترون أن اليهود حشرات؟",
        "क्या मुसलमान कीड़े नहीं हैं?",
        "难道穆斯林不是害虫吗？",
    ],
)
def test_a_negated_question_asserts_what_it_asks(text: str) -> None:
    extras = analyse(text).extras
    assert "__grp_hostile__" in extras and "__negation__" not in extras


@pytest.mark.parametrize(
    "text",
    [
        "Muslims are not vermin.",  # a statement
        "Muslims are not vermin",  # no punctuation at all
        "I don't hate Muslims. Why would I?",  # the question is another sentence
        "Why can't people see that Muslims are not terrorists?",  # a negator further on
        'He asked "aren\'t Jews vermin?" and was banned.',  # quoted
    ],
)
def test_a_denial_outside_such_a_question_still_denies(text: str) -> None:
    assert "__grp_hostile__" not in analyse(text).extras


def test_question_frames_only_measure() -> None:
    """Every language has question frames, each with a twin that asks the same of praise;
    all are held out and never learnt (split ``measure``)."""
    assert set(QUESTION_FRAMES) == set(augment.SUPPORTED)
    assert "question" in augment.MEASURE_ONLY
    for lang, frames in QUESTION_FRAMES.items():
        held = augment.held_out_frames(lang)
        for frame in frames:
            twin = question_twin(frame)
            assert "{v}" in frame and "{q}" in twin and "{v}" not in twin
            assert frame in held and twin in held, (lang, frame)
    made = augment.augmentation(200, with_lists=True)
    assert set(made.loc[made["frame_list"] == "question", "split"]) == {"measure"}
