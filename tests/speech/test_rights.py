"""A right denied to a group (decision 0561): "{g} should not be allowed to vote" reads as
hostility towards the group; a report of a law, an obligation, coercion, a question, a
quotation or a right denied to no group does not."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.rights_frames import RIGHTS, RIGHTS_FRAMES


@pytest.mark.parametrize(
    "text",
    [
        "Muslims should not be allowed to vote.",
        "Jews should not have the right to vote.",
        "Gay people must not be allowed to marry or adopt.",
        "Las mujeres no deberían poder votar.",
        "Les musulmans ne devraient pas avoir le droit de voter.",
        "Frauen sollten nicht arbeiten dürfen.",
        "Muslime sollten kein Wahlrecht haben.",
        "Gli immigrati non dovrebbero avere il diritto di votare.",
        "Os imigrantes não deveriam ter direito a votar.",
        "Moslims zouden niet mogen stemmen.",
        "Kobiety nie powinny mieć prawa do pracy.",
        "Muslims should not be allowed to live here.",
    ],
)
def test_a_right_denied_to_a_group_is_hostile(text: str) -> None:
    assert "__grp_hostile__" in analyse(text).extras


@pytest.mark.parametrize(
    "text",
    [
        "Women should be allowed to vote.",  # granted
        "Children should not be allowed to drive.",  # no group, and no right
        "Prisoners should not be allowed to vote, says the minister.",  # no protected group
        "Rohingya are not allowed to vote.",  # a report of the law: no "should" or "must"
        "Uyghurs must not be forced to work.",  # coercion
        "Refugees should not have to work for free.",  # obligation
        "Refugees should not stay in camps.",  # "stay" is no right of its own
        'He said "Muslims should not be allowed to vote".',  # quoted
        "Should Muslims not be allowed to vote?",  # asked
    ],
)
def test_other_sentences_of_rights_are_not(text: str) -> None:
    assert "__grp_hostile__" not in analyse(text).extras


def test_rights_frames_only_measure() -> None:
    """Every language has rights frames, each with a twin that grants the right; all are
    held out and never learnt (split ``measure``)."""
    assert set(RIGHTS_FRAMES) == set(RIGHTS) == set(augment.SUPPORTED)
    assert "rights" in augment.MEASURE_ONLY
    for lang, frames in RIGHTS_FRAMES.items():
        held = augment.held_out_frames(lang)
        for frame, twin in frames.items():
            assert "{r}" in frame and "{r}" in twin
            assert frame in held and twin in held, (lang, frame)
    made = augment.augmentation(200, with_lists=True)
    rights = made[made["frame_list"] == "rights"]
    assert set(rights["split"]) == {"measure"}
    assert not rights["text"].str.contains(r"[{}]").any()
