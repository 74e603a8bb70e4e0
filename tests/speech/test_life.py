"""A life denied to a group is a death wish (decision 0560): "{g} don't deserve to live",
"{g} should not exist" read as threats; a denial of saying, a question, a quotation, a
life denied in more words, or to no group, do not."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.life_frames import LIFE_FRAMES


@pytest.mark.parametrize(
    "text",
    [
        "Refugees don't deserve to live.",
        "Muslims should not exist.",
        "Jews have no right to exist.",
        "Les juifs ne méritent pas de vivre.",
        "Los gitanos no merecen vivir.",
        "Muslime verdienen es nicht zu leben.",
        "Gli zingari non dovrebbero esistere.",
        "Os judeus não merecem viver.",
        "Moslims verdienen het niet om te leven.",
        "Cyganie nie powinni istnieć.",
        "اليهود لا يستحقون الحياة",
        "मुसलमानों को जीने का हक नहीं है",
        "穆斯林不应该存在",
        "Wakimbizi hawastahili kuishi.",
    ],
)
def test_a_life_denied_to_a_group_reads_as_a_threat(text: str) -> None:
    assert "__threat__" in analyse(text).extras


@pytest.mark.parametrize(
    "text",
    [
        "Refugees deserve to live in peace.",
        "Refugees do not deserve to live in such conditions.",  # the clause goes on
        "Don't refugees deserve to live?",  # a question asks
        'He said "Muslims should not exist" and was banned.',  # quoted
        "I would never say that Muslims should not exist.",  # two negators
        "Unicorns do not exist.",  # no group
        "You don't deserve to live.",  # abuse of one person, no group
    ],
)
def test_other_denials_of_life_are_not_threats(text: str) -> None:
    assert "__threat__" not in analyse(text).extras


def test_life_frames_only_measure() -> None:
    """Every language has life frames, each with a twin that grants the life it denies;
    all are held out and never learnt (split ``measure``)."""
    assert set(LIFE_FRAMES) == set(augment.SUPPORTED)
    assert "life" in augment.MEASURE_ONLY
    for lang, frames in LIFE_FRAMES.items():
        held = augment.held_out_frames(lang)
        for frame, twin in frames.items():
            assert frame in held and twin in held, (lang, frame)
            assert "__threat__" not in analyse(twin.format(g="muslims"), lang).extras
    made = augment.augmentation(200, with_lists=True)
    assert set(made.loc[made["frame_list"] == "life", "split"]) == {"measure"}
