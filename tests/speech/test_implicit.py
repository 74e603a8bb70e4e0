"""Frames of implicit derogation both ways (decision 0566): each hateful frame has a twin
that reverses what is said of the group; both are trained on, one frame in five of each
language held out with its twin."""

from __future__ import annotations

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.implicit_frames import IMPLICIT_FRAMES


def test_every_language_has_implicit_frames_with_twins() -> None:
    assert set(IMPLICIT_FRAMES) == set(augment.SUPPORTED)
    for lang, frames in IMPLICIT_FRAMES.items():
        assert len(frames) == 8, lang
        for frame, twin in frames.items():
            assert "{g}" in frame and "{g}" in twin and frame != twin, (lang, frame)


def test_implicit_frames_are_no_frames_of_another_list() -> None:
    """A frame listed twice would be drawn on the wrong budget and split."""
    for lang, frames in IMPLICIT_FRAMES.items():
        others = {
            f
            for key in ("hate", "ok")
            for name, listed in augment.frame_lists(lang, key).items()
            if name != "implicit"
            for f in listed
        }
        assert others.isdisjoint([*frames, *frames.values()]), lang


def test_implicit_frames_are_learnt_and_a_fifth_held_out_with_twins() -> None:
    assert "implicit" not in augment.MEASURE_ONLY
    made = augment.augmentation(200, with_lists=True)
    implicit = made[made["frame_list"] == "implicit"]
    assert set(implicit["split"]) == {"train", "test"}
    assert not implicit["text"].str.contains(r"[{}]").any()
    for lang, frames in IMPLICIT_FRAMES.items():
        held = augment.held_out_frames(lang)
        held_frames = [f for f in frames if f in held]
        assert len(held_frames) == 2, lang
        assert all(frames[f] in held for f in held_frames), lang
        assert not any(twin in held for f, twin in frames.items() if f not in held), lang
