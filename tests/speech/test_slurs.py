"""Slurs in every supported language (model 2.8): the cue index reads them, the training
frames use them of people (hateful) and condemn or quote them (non-hateful), words that
only look like a slur are not read as one, and a flagged text whose only group word is a
slur gets the group the slur targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.analysis.speech import augment, cues, slurs
from tocsin.analysis.speech.classifier import NgramClassifier, analyse
from tocsin.analysis.speech.slur_frames import (
    PLAIN_SLUR_FRAMES,
    RECLAIMED_SLURS,
    SLUR_FRAMES,
    SLURS,
    neutral_twin,
)


def test_every_supported_language_has_slurs_and_slur_frames_of_both_classes() -> None:
    assert set(SLURS) == set(SLUR_FRAMES) == set(augment.SUPPORTED)
    for lang, frames in SLUR_FRAMES.items():
        assert frames["hate"] and frames["ok"], lang
        assert all("{s}" in f for f in frames["hate"] + frames["ok"]), lang


def test_a_slur_frame_and_its_twin_are_on_the_same_side_of_the_split() -> None:
    for lang in augment.SUPPORTED:
        held = augment.held_out_frames(lang)
        ok = augment.frames_of(lang, "ok")
        for frame in SLUR_FRAMES[lang]["hate"] + PLAIN_SLUR_FRAMES[lang]:
            twin = neutral_twin(frame)
            assert "{g}" in twin and "{s}" not in twin and twin in ok
            assert (frame in held) == (twin in held), (lang, frame)


@pytest.mark.parametrize(
    ("name", "source", "langs", "splits"),
    [
        ("slur_plain", "PLAIN_SLUR_FRAMES", set(augment.SUPPORTED), {"train", "test"}),
        ("profane", "PROFANE_FRAMES", set(augment.SUPPORTED) - {"sw"}, {"measure"}),
        ("question", "QUESTION_FRAMES", set(augment.SUPPORTED), {"measure"}),
        ("feeling", "FEELING_FRAMES", set(augment.SUPPORTED), {"measure"}),
        ("normative", "NORMATIVE_FRAMES", set(augment.SUPPORTED), {"train", "test"}),
        ("restrictive", "RESTRICTIVE_FRAMES", set(augment.SUPPORTED), {"measure"}),
        ("life", "LIFE_FRAMES", set(augment.SUPPORTED), {"measure"}),
        ("rights", "RIGHTS_FRAMES", set(augment.SUPPORTED), {"measure"}),
    ],
)
def test_own_budget_lists_are_drawn_on_top_of_the_budget(
    monkeypatch: pytest.MonkeyPatch, name: str, source: str, langs: set[str], splits: set[str]
) -> None:
    """The plain slur frames (decision 0542), the profane (0543), question (0546),
    feeling (0550), normative (0558), restrictive (0559), life (0560) and rights frames
    (0561) add texts without taking any from the other frames: without one of them, every
    other text is drawn as it was."""
    with_all = augment.augmentation(300, with_lists=True)
    own = with_all[with_all["frame_list"] == name]
    assert set(own["lang"]) == langs
    assert own.groupby("lang")["hateful"].nunique().eq(2).all()  # frames and their twins
    assert set(own["split"]) == splits
    monkeypatch.setattr(augment, source, {})
    without = augment.augmentation(300, with_lists=True)
    assert name not in set(without["frame_list"])
    rest = with_all[with_all["frame_list"] != name]
    assert list(rest["text"]) == list(without["text"])
    assert list(rest["split"]) == list(without["split"])


def test_no_frame_is_in_two_lists() -> None:
    """A frame in two lists (or a twin that is another list's frame) would be split and
    drawn twice, and named after one list only (decision 0508)."""
    for lang in augment.SUPPORTED:
        listed = [
            frame
            for key in ("hate", "ok")
            for frames in augment.frame_lists(lang, key).values()
            for frame in set(frames)
        ] + list(augment._twins(lang).values())
        assert len(listed) == len(set(listed)), lang


def test_plain_slur_frames_leave_out_the_slurs_groups_reclaim() -> None:
    """A slur its group reclaims is ambiguous in a plain sentence (who speaks is not in
    the text): the plain frames of decision 0542 never use one; ``SLUR_FRAMES`` do."""
    frame = augment.augmentation(300, with_lists=True)
    for name, expected in (("slur_plain", False), ("slur", True)):
        rows = frame[(frame["frame_list"] == name) & (frame["hateful"] == 1)]
        used = any(
            word in text.split()
            for text, lang in zip(rows["text"], rows["lang"], strict=True)
            for word in RECLAIMED_SLURS.get(lang, [])
        )
        assert used is expected, name
    for lang, words in RECLAIMED_SLURS.items():
        assert set(words) < set(SLURS[lang]), lang  # listed slurs, and not all of them


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
        ("Una marcia per la pace", "it"),  # a march, not "marica" with letters swapped
        ("Nous avons dormi dans une yourte", "fr"),  # a yurt, not "youtre"
    ],
)
def test_a_word_that_only_looks_like_a_slur_is_not_one(text: str, lang: str) -> None:
    assert "__slur__" not in analyse(text).extras, (lang, text)


def test_slur_frames_reach_training_and_held_out_texts_with_their_classes() -> None:
    frame = augment.augmentation(300)
    for lang in augment.SUPPORTED:
        rows = frame[(frame["lang"] == lang) & (frame["split"] != "measure")]
        slurs = SLURS[lang]
        slurred = rows[[any(s in text for s in slurs) for text in rows["text"]]]
        assert set(slurred["hateful"]) == {0, 1}, lang
        assert set(slurred["split"]) == {"train", "test"}, lang


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Look at all those kikes", "religion"),
        ("Two faggots moved in next door", "sexual orientation"),
        ("Encore des bougnoules partout", "ethnicity"),
        ("到处都是绿绿", "religion"),  # Mandarin is read per character
        ("Schon wieder überall Kanacken", "ethnicity"),  # a listed stem
        # decision 0536: compounds, sectarian and casteist slurs, oblique plurals
        ("Alweer overal kankermarokkanen", "ethnicity"),
        ("يجب طرد المجوس الصفويين", "religion"),
        ("Jana wakuja walikuja sokoni kwetu", "ethnicity"),
        ("मेरे पड़ोस में चमार रहते हैं", "ethnicity"),
        ("इन मुल्लों को देखो", "religion"),
        ("我表妹在跟一个基佬谈恋爱", "sexual orientation"),
        ("W autobusie siedzieli dziś sami banderowcy", "nationality"),
        ("Otra vez bolleras por todas partes", "sexual orientation"),
        ("the weather is fine", None),
        ('calling people "kikes" is racist', None),  # quoted: not said of anyone
    ],
)
def test_a_slur_names_the_group_it_targets(text: str, target: str | None) -> None:
    assert cues.slur_target(analyse(text).plain_words) == target


def test_every_slur_row_has_a_known_target_and_a_supported_language() -> None:
    rows = slurs.entries()
    assert {row["target"] for row in rows} <= set(cues.TARGETS)
    assert {row["lang"] for row in rows} == set(augment.SUPPORTED)
    assert sum(len(words) for words in SLURS.values()) == sum(r["frames"] == "yes" for r in rows)


def test_a_malformed_slur_row_is_refused_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "slurs.csv"
    bad.write_text("lang,term,target,frames\nen,kikes,religion,yes\nen,spics,,\n")
    monkeypatch.setattr(slurs, "SLURS_FILE", bad)
    slurs.entries.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"line 3: empty target"):
            slurs.entries()
    finally:
        monkeypatch.undo()
        slurs.entries.cache_clear()


def test_a_flagged_text_that_names_a_group_only_by_a_slur_gets_its_target(
    small_model: NgramClassifier,
) -> None:
    pred = small_model.predict(["Kill all the ragheads, exterminate them, kill them all"])
    assert pred.label == ["hateful"]
    assert pred.target == ["religion"]
    assert pred.target_named == [True]
