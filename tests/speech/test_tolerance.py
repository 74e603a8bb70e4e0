"""A tolerance denied to a group (decision 0564): "i can't stand {g}" reads as hatred of
the group it names, which keeps its place in the negation's scope; the same words about a
thing, a group that is not protected, an event, a question, a quotation or a denied
saying do not."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.tolerance_frames import TOLERANCE_FRAMES


@pytest.mark.parametrize(
    "text",
    [
        "I can't stand Muslims.",
        "I really cannot stand these Jews anymore.",
        "Je ne supporte pas les musulmans.",
        "Je ne peux pas supporter les Roms.",
        "No soporto a los musulmanes.",
        "Ya no aguanto a los gitanos.",
        "Ich kann Muslime nicht ausstehen.",
        "Muslime kann ich nicht ausstehen.",
        "Ich ertrage diese Flüchtlinge nicht mehr.",
        "Non sopporto i musulmani.",
        "Não suporto os muçulmanos.",
        "Ik kan moslims niet uitstaan.",
        "Nie znoszę muzułmanów.",
        "لا أطيق المسلمين.",
        "मैं मुसलमानों को बर्दाश्त नहीं कर सकता।",
        "我受不了这些穆斯林。",
        "Siwezi kuwavumilia Waislamu.",
    ],
)
def test_a_tolerance_denied_to_a_group_is_hostile(text: str) -> None:
    analysis = analyse(text)
    assert "__grp_hostile__" in analysis.extras
    assert not {"__neg_hostile__", "__grp_neg_hostile__"} & set(analysis.extras)


@pytest.mark.parametrize(
    "text",
    ["No soporto a esos sudacas.", "Je ne supporte pas ces bougnoules.", "我受不了这些基佬。"],
)
def test_a_slur_after_a_tolerance_denied_is_said_not_denied(text: str) -> None:
    extras = analyse(text).extras
    assert "__slur__" in extras and "__neg_hostile__" not in extras


@pytest.mark.parametrize(
    "text",
    [
        "I can't stand the heat.",  # a thing
        "Non sopporto il caldo.",
        "I can't stand politicians.",  # not a protected group
        "Muslims can't stand the heat.",  # the group is who cannot stand something
        "Flüchtlinge können die Kälte nicht ertragen.",
        "मुसलमान गर्मी बर्दाश्त नहीं कर सकते।",
        "We will not tolerate attacks on Muslims.",  # "tolerate" is not read
        "Muslims do not bear the blame.",  # nor "bear"
        "I can't stand the way Muslims are treated.",  # what is not tolerated is an event
        'He said "I can\'t stand Muslims" and was fired.',  # quoted
        "Can't you stand Muslims?",  # asked
        "I never said I can't stand Muslims.",  # the saying is denied
        "这件事不容易。",  # 不容 is not "cannot stand"
    ],
)
def test_other_sentences_of_tolerance_are_not(text: str) -> None:
    assert "__grp_hostile__" not in analyse(text).extras


def test_the_words_keep_their_marks() -> None:
    """Every n-gram is as without the reading: the group stays in the negation's scope."""
    tokens = analyse("Je ne supporte pas les musulmans.").tokens
    assert tokens == ["je", "ne", "n_supporte", "n_pas", "n_les", "n_musulmans", "."]


def test_tolerance_frames_only_measure() -> None:
    """The tolerance frames of every language but Polish each have a twin about a group
    that is not protected; all are held out and never learnt (split ``measure``)."""
    assert set(TOLERANCE_FRAMES) == set(augment.SUPPORTED) - {"pl"}
    assert "tolerance" in augment.MEASURE_ONLY
    for lang, frames in TOLERANCE_FRAMES.items():
        held = augment.held_out_frames(lang)
        for frame in frames:
            assert "{g}" in frame and frame in held, (lang, frame)
        others = {
            f
            for key in ("hate", "ok")
            for name, listed in augment.frame_lists(lang, key).items()
            if name != "tolerance"
            for f in listed
        }
        assert others.isdisjoint(frames), lang  # a frame listed twice would leave training
    made = augment.augmentation(200, with_lists=True)
    tolerance = made[made["frame_list"] == "tolerance"]
    assert set(tolerance["split"]) == {"measure"}
    assert set(tolerance["hateful"]) == {0, 1}
    assert not tolerance["text"].str.contains(r"[{}]").any()
