"""Hate in the past and the plural, and disgust (decision 0550): the words people use
for them are read as hostile when said of a group, and not when said of anyone else or
denied; every supported language has frames of them to measure the reading, each with
a twin about a group that is not protected."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.feeling_frames import FEELING_FRAMES, feeling_twin


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Refugees make me sick.", "en"),
        ("I have always hated Roma.", "en"),
        ("Les Juifs me rendent malade.", "fr"),
        ("Los gitanos me revuelven el estómago.", "es"),
        ("Flüchtlinge widern mich an.", "de"),
        ("I rom mi fanno schifo.", "it"),
        ("Os judeus me enojam.", "pt"),
        ("Ik heb een hekel aan joden.", "nl"),
        ("Muzułmanie mnie obrzydzają.", "pl"),
        ("كرهت اليهود دائما", "ar"),
        ("मुझे मुसलमानों से घिन आती है", "hi"),
        ("一看到穆斯林就反胃", "zh"),
        ("Wakimbizi wananichukiza.", "sw"),
    ],
)
def test_disgust_and_past_hate_of_a_group_are_hostile(text: str, lang: str) -> None:
    assert "__grp_hostile__" in analyse(text, lang).extras


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Politicians make me sick.", "en"),  # no group
        ("This weather makes me sick.", "en"),
        ("Refugees don't make me sick, racists do.", "en"),  # denied
        ("Les banquiers me rendent malade.", "fr"),
        ("Ik heb een hekel aan maandagen.", "nl"),
    ],
)
def test_the_same_words_not_said_of_a_group_are_not(text: str, lang: str) -> None:
    assert "__grp_hostile__" not in analyse(text, lang).extras


def test_feeling_frames_only_measure_each_with_a_twin_about_a_non_protected_group() -> None:
    """Every language has five feeling frames, each with a twin that says the same of a
    group that is not protected; all are held out and never learnt (split ``measure``)."""
    assert set(FEELING_FRAMES) == set(augment.SUPPORTED)
    assert "feeling" in augment.MEASURE_ONLY
    for lang, frames in FEELING_FRAMES.items():
        held = augment.held_out_frames(lang)
        ok = augment.frames_of(lang, "ok")
        assert len(frames) == len(set(frames)) == 5, lang
        for frame in frames:
            twin = feeling_twin(lang, frame)
            assert "{g}" in frame and "{p}" in twin and "{g}" not in twin and twin in ok
            assert frame in held and twin in held, (lang, frame)
    made = augment.augmentation(200, with_lists=True)
    assert set(made.loc[made["frame_list"] == "feeling", "split"]) == {"measure"}


def test_an_italian_twin_takes_the_article_of_its_group() -> None:
    assert feeling_twin("it", "gli {g} mi fanno schifo") == "i {p} mi fanno schifo"
    assert feeling_twin("fr", "les {g} me dégoûtent") == "les {p} me dégoûtent"
