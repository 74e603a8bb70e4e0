"""Restrictive negation (decision 0559): "ne ... que", "no ... más que", "nichts als" say
"only", so what follows is read as said; every other negation still denies."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.restrictive_frames import RESTRICTIVE_FRAMES, restrictive_twin


@pytest.mark.parametrize(
    "text",
    [
        "Les musulmans ne sont que des parasites.",
        "Ces immigrés ne sont rien d'autre que des rats.",
        "Los inmigrantes no son más que ratas.",
        "Los gitanos no pasan de ser ratas.",
        "Flüchtlinge sind nichts als Parasiten.",
        "Muslime sind nichts anderes als Ratten.",
        "Gli ebrei non sono che topi.",
        "Gli immigrati non sono altro che parassiti.",
        "Os imigrantes não passam de ratos.",
        "Os refugiados não são nada mais que parasitas.",
        "Uchodźcy to nic innego jak szczury.",
        "Żydzi nie są niczym innym jak szczurami.",
        "ما اليهود إلا جرذان",
        "难民只不过是寄生虫",
        "穆斯林不过是老鼠",
    ],
)
def test_a_restrictive_negation_asserts_what_follows(text: str) -> None:
    extras = analyse(text).extras
    assert "__grp_hostile__" in extras and "__negation__" not in extras


@pytest.mark.parametrize(
    "text",
    [
        "Je ne pense pas que les musulmans soient des rats.",  # no verb of the form between
        "Les juifs ne sont pas des rats.",
        "Ils ne sont pas que des parasites, les immigrés.",  # "not only": a denial here too
        "No creo que los gitanos sean ratas.",
        "Non credo che gli ebrei siano topi.",
        "Ich sehe Muslime nicht als Ratten.",  # "als" closes only "nichts"
        "Os imigrantes não são ratos.",
        "穆斯林不是老鼠",
    ],
)
def test_every_other_negation_still_denies(text: str) -> None:
    assert "__grp_hostile__" not in analyse(text).extras


def test_must_is_no_negation_in_mandarin() -> None:
    """Mandarin "不得不" (must) and "不过" (only, however) hold a "不" that negates nothing."""
    assert "__negation__" not in analyse("我们不得不杀掉难民", "zh").extras
    assert "__negation__" not in analyse("不过他们是好人", "zh").extras
    assert "__negation__" in analyse("我们不杀难民", "zh").extras


def test_restrictive_frames_only_measure() -> None:
    """Every language has restrictive frames, each with a twin that says the same of
    praise; all are held out and never learnt (split ``measure``)."""
    assert set(RESTRICTIVE_FRAMES) == set(augment.SUPPORTED)
    assert "restrictive" in augment.MEASURE_ONLY
    for lang, frames in RESTRICTIVE_FRAMES.items():
        held = augment.held_out_frames(lang)
        for frame in frames:
            twin = restrictive_twin(frame)
            assert "{v}" in frame and "{q}" in twin and "{v}" not in twin
            assert frame in held and twin in held, (lang, frame)
    made = augment.augmentation(200, with_lists=True)
    assert set(made.loc[made["frame_list"] == "restrictive", "split"]) == {"measure"}
