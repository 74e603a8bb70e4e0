"""Slurs in every supported language (model 2.8): the cue index reads them, the training
frames use them of people (hateful) and condemn or quote them (non-hateful), and words
that only look like a slur are not read as one."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.slur_frames import SLUR_FRAMES, SLURS, neutral_twin


def test_every_supported_language_has_slurs_and_slur_frames_of_both_classes() -> None:
    assert set(SLURS) == set(SLUR_FRAMES) == set(augment.SUPPORTED)
    for lang, frames in SLUR_FRAMES.items():
        assert frames["hate"] and frames["ok"], lang
        assert all("{s}" in f for f in frames["hate"] + frames["ok"]), lang


def test_a_slur_frame_and_its_twin_are_on_the_same_side_of_the_split() -> None:
    for lang in augment.SUPPORTED:
        held = augment.held_out_frames(lang)
        ok = augment.frames_of(lang, "ok")
        for frame in SLUR_FRAMES[lang]["hate"]:
            twin = neutral_twin(frame)
            assert "{g}" in twin and "{s}" not in twin and twin in ok
            assert (frame in held) == (twin in held), (lang, frame)


@pytest.mark.parametrize("lang", sorted(SLURS))
def test_every_listed_slur_is_read_as_a_slur(lang: str) -> None:
    unread = [w for w in SLURS[lang] if "__slur__" not in analyse(w).extras]
    assert not unread


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ele pede desculpas", "pt"),  # "pédé" is written "pede" once normalised
        ("Le train a du retard", "fr"),
        ("I love spicy food", "en"),
        ("Pakistani cricket fans celebrated", "en"),
        ("The pedestrians crossed", "en"),
    ],
)
def test_a_word_that_only_looks_like_a_slur_is_not_one(text: str, lang: str) -> None:
    assert "__slur__" not in analyse(text).extras, (lang, text)


def test_slur_frames_reach_training_and_held_out_texts_with_their_classes() -> None:
    frame = augment.augmentation(300)
    for lang in augment.SUPPORTED:
        rows = frame[frame["lang"] == lang]
        slurs = SLURS[lang]
        slurred = rows[[any(s in text for s in slurs) for text in rows["text"]]]
        assert set(slurred["hateful"]) == {0, 1}, lang
        assert set(slurred["split"]) == {"train", "test"}, lang
