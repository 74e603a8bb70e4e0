"""The normative frames and their twins of support (decision 0558)."""

from __future__ import annotations

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.normative_frames import NORMATIVE_FRAMES, SUPPORT, normative_twin


def test_every_language_says_what_should_be_done_both_ways() -> None:
    assert set(NORMATIVE_FRAMES) == set(SUPPORT) == set(augment.SUPPORTED)
    for lang, frames in NORMATIVE_FRAMES.items():
        held = augment.held_out_frames(lang)
        ok = augment.frames_of(lang, "ok")
        for frame in frames:
            twin = normative_twin(frame)
            assert "{y}" in frame and "{g}" in frame and "{w}" in twin and twin in ok
            assert (frame in held) == (twin in held), (lang, frame)  # split together
        assert 0 < len(set(frames) & held) < len(frames), lang


def test_words_of_support_fire_no_hostile_cue() -> None:
    """A twin differs from its frame only in what should be done: no word of support may
    read as hostile ("يدعموا", be supported, is one letter swap from "يعدموا", be
    executed, and is not used)."""
    frame = augment.augmentation(300, with_lists=True)
    normative = frame[frame["frame_list"] == "normative"]
    assert not normative["text"].str.contains(r"[{}]").any()
    for lang, words in SUPPORT.items():
        for word in words:
            extras = analyse(word, lang).extras
            assert not {"__threat__", "__dehum__", "__slur__"} & set(extras), (lang, word)
