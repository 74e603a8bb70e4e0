"""The multilingual model: language routing and `unsupported-language`, the group
gazetteer, template augmentation kept apart from the functional suite, the new corpora
readers, analysts' corrections, and hostile batch input."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from tocsin.analysis.speech import augment, corpora, corrections, gazetteer
from tocsin.analysis.speech.batch import MAX_CHARS, score_file
from tocsin.analysis.speech.classifier import NgramClassifier, analyse
from tocsin.analysis.speech.language import UNSUPPORTED, detect
from tocsin.analysis.speech.mention_frames import IDENTITIES
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry, SpeechCorrection, SpeechPost

SUITE = Path(__file__).parents[2] / "bench" / "speech_functional.csv"
SUPPORTED = augment.SUPPORTED


def test_unsupported_language_is_never_silently_non_hateful(
    small_model: NgramClassifier,
) -> None:
    texts = ["Bütün göçmenler pislik ve hain, hepsini öldürün", "Я ненавижу всех мигрантов"]
    pred = small_model.predict(texts)
    assert pred.label == [UNSUPPORTED, UNSUPPORTED]
    assert pred.lang == ["tr", "ru"]


def test_supported_languages_are_routed(small_model: NgramClassifier) -> None:
    pred = small_model.predict(
        ["Les immigrés sont des rats", "Die Flüchtlinge sind Ungeziefer", "穆斯林都是老鼠"]
    )
    assert pred.lang == ["fr", "de", "zh"]
    assert UNSUPPORTED not in pred.label
    assert set(small_model.languages) >= set(SUPPORTED)


def test_language_hint_overrides_detection(small_model: NgramClassifier) -> None:
    assert small_model.predict(["ok"], lang="sw").lang == ["sw"]
    assert detect("12345 !!!", SUPPORTED) == ""


def test_gazetteer_names_groups_at_risk_as_their_target() -> None:
    assert gazetteer.target_in(["kill", "every", "zaghawa", "you", "find"]) == "ethnicity"
    assert gazetteer.target_in(["the", "yazidis", "must", "go"]) == "religion"
    assert gazetteer.target_in(["fulani", "herdsmen"]) == "ethnicity"
    assert gazetteer.target_in(["the", "weather", "is", "fine"]) is None
    # names inside Mandarin and Burmese running text, as the classifier reads them
    assert gazetteer.target_in(analyse("杀光所有维吾尔人").plain_words) == "ethnicity"
    assert gazetteer.target_in(analyse("ရိုဟင်ဂျာတွေကိုမောင်းထုတ်").plain_words) == "ethnicity"
    rows = gazetteer.entries()
    assert all(row["source"] for row in rows)
    countries = {row["country"] for row in rows}
    assert {"SDN", "MMR", "ETH", "RWA", "CHN", "IRQ", "MLI"} <= countries
    # groups at risk in countries high in the Early Warning Project's 2025 ranking
    assert {"TCD", "CMR", "CAF", "SOM", "LKA", "YEM", "IRN", "BGD", "IDN", "TUR"} <= countries


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("drive the Tamils into the sea", "ethnicity"),
        ("The Baha’is must be hunted down", "religion"),  # a curly apostrophe
        ("حان وقت التخلص من البهائيين", "religion"),
        ("ces camerounais anglophones sont des traîtres", "ethnicity"),
        ("the Somali Bantu are slaves", "ethnicity"),
        ("exterminate the Muhamasheen", "ethnicity"),
        ("the Alevis are heretics", "religion"),
    ],
)
def test_groups_at_risk_in_more_countries_get_their_target(text: str, target: str) -> None:
    assert gazetteer.target_in(analyse(text).plain_words) == target


def test_flagged_threat_against_zaghawa_targets_ethnicity(small_model: NgramClassifier) -> None:
    pred = small_model.predict(["Kill every Zaghawa you find, kill them all, exterminate them"])
    assert pred.label == ["hateful"]
    assert pred.target == ["ethnicity"]
    assert pred.category == ["threat"]


def test_augmentation_covers_every_language_and_shares_no_text_with_the_suite() -> None:
    frame = augment.augmentation(200)
    assert set(frame["lang"]) == set(SUPPORTED)
    assert frame.groupby("lang")["hateful"].nunique().eq(2).all()
    suite = pd.read_csv(SUITE, keep_default_na=False)
    normal = {corpora.normalise(t) for t in suite["text"]}
    overlap = [t for t in frame["text"] if corpora.normalise(t) in normal]
    assert overlap == []


def test_suite_has_forty_cases_per_phenomenon_and_language() -> None:
    suite = pd.read_csv(SUITE, keep_default_na=False)
    counts = suite.groupby(["lang", "phenomenon"]).size()
    reclaiming = {"de", "en", "es", "fr", "it", "pt"}  # where the suite has reclaimed terms
    for lang in SUPPORTED:
        for phenomenon in set(suite["phenomenon"]):
            if phenomenon != "reclaimed" or lang in reclaiming:
                assert counts.get((lang, phenomenon), 0) >= 40, (lang, phenomenon)


def test_germeval_and_told_br_label_mapping(tmp_path: Path) -> None:
    train, test = tmp_path / "train.txt", tmp_path / "test.txt"
    train.write_text("Alle Ausländer raus\tOFFENSE\tABUSE\nDu Idiot\tOFFENSE\tINSULT\n")
    test.write_text("Schönes Wetter|LBR|heute\tOTHER\tOTHER\n")
    frame = corpora.read_germeval(train, test)
    assert list(frame["hateful"]) == [1, 0, 0]
    assert list(frame["split"]) == ["train", "train", "test"]
    assert frame["text"].iloc[2] == "Schönes Wetter heute"
    told = tmp_path / "told.csv"
    told.write_text(
        "text,homophobia,obscene,insult,racism,misogyny,xenophobia\n"
        "a,0,0,0,3,0,0\nb,0,0,0,0,0,0\nc,0,2,0,0,0,0\nd,1,0,0,0,0,0\n"
    )
    frame = corpora.read_told_br(told)
    assert list(frame["text"]) == ["a", "b", "c"]  # one vote only: dropped as uncertain
    assert list(frame["hateful"]) == [1, 0, 0]
    assert frame["target"].iloc[0] == "ethnicity"


def test_germeval_reader_names_a_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "train.txt"
    bad.write_text("ok\tOTHER\tOTHER\nbroken line\n")
    with pytest.raises(corpora.CorpusFormatError, match="line 2"):
        corpora.read_germeval(bad, bad)


def _post(session, text: str = "Les immigrés sont des rats") -> SpeechPost:  # type: ignore[no-untyped-def]
    post = SpeechPost(
        source="csv",
        source_id="1",
        channel="c",
        posted_at=datetime(2026, 1, 1, tzinfo=UTC),
        text=text,
        lang="fr",
        score=0.2,
        label="non-hateful",
        category="none",
        model="tocsin-ngram-2.0",
    )
    session.add(post)
    session.flush()
    return post


def test_correction_updates_post_is_audited_and_becomes_training_data(
    database: Database,
) -> None:
    with database.session() as session:
        post = _post(session)
        row = corrections.correct(
            session, post.id, "ana", "hateful", "dehumanisation", "migrants", "rats"
        )
        assert row.previous["label"] == "non-hateful"
        assert (post.label, post.category, post.target) == (
            "hateful",
            "dehumanisation",
            "migrants",
        )
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "speech.correct"))
        audited = entry.one()
        assert audited.actor == "ana"
        corrections.correct(session, post.id, "bob", "non-hateful", note="satire")
        frame = corrections.training_rows(session)
    assert list(frame["hateful"]) == [0]  # the latest correction of the post counts
    assert list(frame["dataset"]) == ["corrections"]
    assert frame["split"].iloc[0] in {"train", "test"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((999, "ana", "hateful"), "no speech post"),
        ((None, "ana", "maybe"), "label 'maybe'"),
        ((None, "ana", "hateful", "insult"), "category 'insult'"),
        ((None, "ana", "hateful", "threat", "aliens"), "target 'aliens'"),
    ],
)
def test_bad_corrections_are_refused_and_store_nothing(
    sqlite_database: Database, args: tuple, message: str
) -> None:
    with sqlite_database.session() as session:
        post = _post(session)
        call = (post.id if args[0] is None else args[0], *args[1:])
        with pytest.raises(corrections.CorrectionError, match=message):
            corrections.correct(session, *call)
        assert session.scalars(select(SpeechCorrection)).all() == []
        assert post.label == "non-hateful"


def test_hostile_rows_each_get_a_status(tmp_path: Path, small_model: NgramClassifier) -> None:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    rows = [
        ["1", "Kill every Zaghawa you find"],
        ["2", ""],
        ["3", "hate " * 20_000],
        ["4", "Muslims ہیں 穆斯林 sind okay"],
        ["5", "Bütün göçmenler pislik"],
    ]
    with source.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        writer.writerows(rows)
    with source.open("ab") as fh:
        fh.write(b'6,"bad \xff\xfe bytes"\n')
    report = score_file(source, out, small_model, "text")
    assert [b.line for b in report.bad] == [3, 7]
    written = list(csv.DictReader(out.open()))
    assert [r["line"] for r in written] == ["2", "3", "4", "5", "6", "7"]
    assert written[1]["status"] == "not scored: empty text"
    assert written[5]["status"] == "not scored: text is not valid UTF-8 (wrong encoding?)"
    scored = {r["id"]: r for r in written if not r["status"].startswith("not scored")}
    assert set(scored) == {"1", "3", "4", "5"}
    assert scored["3"]["status"] == f"scored (first {MAX_CHARS:,} characters)"
    assert scored["4"]["status"] in {"scored", UNSUPPORTED}
    assert scored["5"]["status"] == UNSUPPORTED
    assert scored["5"]["label"] == UNSUPPORTED
    assert report.unsupported == {"tr": 1}


def test_identity_and_other_group_frames_in_every_language_are_split_and_non_hateful() -> None:
    frame = augment.augmentation(300, with_lists=True)
    new = frame[frame["frame_list"].isin(["identity", "other_groups"])]
    assert set(new["lang"]) == set(SUPPORTED) and new["hateful"].eq(0).all()
    assert new.groupby("frame_list")["split"].nunique().to_dict() == {
        "identity": 2,
        "other_groups": 2,
    }
    for lang in SUPPORTED:
        lists = augment.frame_lists(lang, "ok")
        held = augment.held_out_frames(lang)
        for name in ("identity", "other_groups"):
            assert 0 < len(set(lists[name]) & held) < len(lists[name]), (lang, name)
        # "{i}" is one person's identity; a vermin word is said of non-protected groups only
        assert all("{g}" in f or "{i}" in f for f in lists["identity"]), lang
        assert all("{p}" in f and "{g}" not in f for f in lists["other_groups"]), lang
    english = set(new.loc[new["lang"] == "en", "text"])
    # one person's identity fills "{i}" ("i am a muslim", "as a refugee, i want to ...")
    assert any(f"{who}," in t or t.endswith(who) for t in english for who in IDENTITIES["en"])
    # the lists name the training texts' frames: no text is without one
    assert (
        frame["frame_list"]
        .isin(["base", "hard", "scope", "identity", "other_groups", *augment.OWN_BUDGET, "slur"])
        .all()
    )


def test_each_template_text_names_its_frame_and_is_held_out_with_it() -> None:
    """The comparison bench leaves out texts of frames the reference trained on, by this
    column (decision 0537)."""
    frame = augment.augmentation(200, with_lists=True)
    for lang in SUPPORTED:
        mine = frame[frame["lang"] == lang]
        frames = set(augment.frames_of(lang, "hate") + augment.frames_of(lang, "ok"))
        assert set(mine["frame"]) <= frames, lang
        held = mine["frame"].isin(augment.held_out_frames(lang))
        assert (held == (mine["split"] != "train")).all(), lang
        measured = mine["frame_list"].isin(augment.MEASURE_ONLY)
        assert (measured == (mine["split"] == "measure")).all(), lang


def test_template_texts_of_held_out_frames_never_reach_training() -> None:
    frame = augment.augmentation(300)
    held = frame[frame["split"] != "train"]
    # every language has held-out frames of both classes, so its recall is measured too
    assert held.groupby("lang")["hateful"].nunique().to_dict() == dict.fromkeys(SUPPORTED, 2)
    assert not set(held["text"]) & set(frame.loc[frame["split"] == "train", "text"])
    for lang in SUPPORTED:
        for key in ("hate", "ok"):
            frames = augment.frames_of(lang, key)
            kept = [f for f in frames if f not in augment.held_out_frames(lang)]
            split = [f for f in frames if f not in augment.measure_only_frames(lang)]
            assert len(split) * 0.7 < len(kept) < len(split), (lang, key)
    # the hard cases are part of the frames (counter-speech, implicit derogation)
    assert "calling {g} {v} is hateful and wrong" in augment.frames_of("en", "ok")
    assert "{g} will never fit in here" in augment.frames_of("en", "hate")
