"""Profanity aimed at a group (decision 0543): a profane word beside a group's name is a
derogatory word said of the group; profanity elsewhere, aimed at a non-protected group,
denied or quoted is not."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import augment, cues
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.profane_frames import PROFANE_FRAMES, profane_twin


@pytest.mark.parametrize(
    "text",
    [
        "those fucking Muslims again",
        "fuck the Jews",
        "Putain de Juifs",
        "j'emmerde les musulmans",
        "gitanos de mierda",
        "Putos inmigrantes",
        "Scheiß Ausländer",
        "ancora questi ebrei di merda",
        "uns ciganos do caralho",
        "Kut buitenlanders",
        "Pierdoleni imigranci",
        "تبا للسوريين",
        "يلعن أبو السوريين",
        "साले मुसलमान",
        "该死的穆斯林",
    ],
)
def test_profanity_beside_a_group_is_hostile(text: str) -> None:
    assert cues.profanity_at_group(analyse(text).tokens)
    assert "__grp_hostile__" in analyse(text).extras


@pytest.mark.parametrize(
    "text",
    [
        "fucking politicians",  # a non-protected group
        "putain de banquiers",
        "Muslims fucking rock",  # after the group without a linking word
        "fuck, the Muslim festival was great",  # punctuation between
        "I fucking love Muslims",  # a word between that links nothing
        "fuck this printer, my Muslim neighbours fixed it",
        "I don't hate fucking Muslims",  # denied
        'he shouted "fucking Muslims" and was arrested',  # quoted
        "Scheiße, der Bus ist weg",
    ],
)
def test_profanity_not_aimed_at_a_group_is_not(text: str) -> None:
    assert not cues.profanity_at_group(analyse(text).tokens)


def test_profanity_alone_adds_no_feature() -> None:
    """Profanity beside no group name is not a cue: "putain" alone reads as before."""
    assert analyse("putain j'ai raté le bus").extras == []
    assert analyse("fuck this printer").extras == []


def test_profane_frames_only_measure() -> None:
    """Every language but Swahili has profane frames aimed at a group, each with a twin
    that aims the same words at a non-protected group; all are held out and never
    learnt (split ``measure``): trained on, they taught the profane words as hate."""
    assert set(PROFANE_FRAMES) == set(augment.SUPPORTED) - {"sw"}
    assert "profane" in augment.MEASURE_ONLY
    for lang, frames in PROFANE_FRAMES.items():
        held = augment.held_out_frames(lang)
        ok = augment.frames_of(lang, "ok")
        for frame in frames:
            twin = profane_twin(frame)
            assert "{g}" in frame and "{p}" in twin and "{g}" not in twin
            assert twin in ok and frame in held and twin in held, (lang, frame)
            assert augment.frames_of(lang, "hate").count(frame) == 1, frame  # no other list
    made = augment.augmentation(200, with_lists=True)
    assert set(made.loc[made["frame_list"] == "profane", "split"]) == {"measure"}


def test_profane_frames_are_read_as_profanity_at_a_group() -> None:
    """The frames, filled, are what the cue reads (but where a spelling trick hides the
    profane word or the group's name); their twins never are."""
    made = augment.augmentation(200, with_lists=True)
    rows = made[(made["frame_list"] == "profane")]
    read = [cues.profanity_at_group(analyse(t).tokens) for t in rows["text"]]
    hateful = rows["hateful"].astype(bool).tolist()
    assert not any(r for r, h in zip(read, hateful, strict=True) if not h)
    assert sum(r for r, h in zip(read, hateful, strict=True) if h) >= 0.75 * sum(hateful)
