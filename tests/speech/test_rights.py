"""The frames that deny a group its rights (decision 0557)."""

from __future__ import annotations

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.rights_frames import RIGHTS, RIGHTS_FRAMES


def test_every_language_denies_and_grants_rights_in_the_same_words() -> None:
    assert set(RIGHTS_FRAMES) == set(RIGHTS) == set(augment.SUPPORTED)
    for lang, frames in RIGHTS_FRAMES.items():
        assert all("{r}" in f and "{g}" in f for f in frames["hate"]), lang
        # the non-hateful side grants the right to a group, or denies it to one that is
        # not protected, so that the denial is learnt together with the group
        assert any("{p}" in f and "{g}" not in f for f in frames["ok"]), lang
        assert sum("{g}" in f for f in frames["ok"]) >= 3, lang
        held = augment.held_out_frames(lang)
        for key in ("hate", "ok"):
            assert 0 < len(set(frames[key]) & held) < len(frames[key]), (lang, key)


def test_rights_texts_are_filled_and_labelled() -> None:
    frame = augment.augmentation(300, with_lists=True)
    rights = frame[frame["frame_list"] == "rights"]
    assert not rights["text"].str.contains(r"[{}]").any()
    assert set(rights["split"]) == {"train", "test"}
    assert (rights.loc[rights["hateful"] == 0, "target"] == "").all()
    english = set(rights.loc[rights["lang"] == "en", "text"])
    assert any(t.endswith(" should not be allowed to vote") for t in english)
    # Arabic "ل" before the article contracts ("للمسلمين", never "لالمسلمين")
    arabic = " ".join(rights.loc[rights["lang"] == "ar", "text"])
    assert "لل" in arabic and " لال" not in f" {arabic}"
