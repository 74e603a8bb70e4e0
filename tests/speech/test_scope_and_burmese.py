"""Cue scope (hostile words said of a group, denied or quoted), phrase cues in Mandarin,
and the non-commercial Burmese corpus: read only when asked for, and a model trained on
it is marked non-commercial."""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import missing_shared_data
from tocsin.analysis.speech import augment, corpora, cues
from tocsin.analysis.speech.classifier import (
    ModelFileError,
    NgramClassifier,
    analyse,
    cues_fired,
    load_model,
)
from tocsin.analysis.speech.language import UNSUPPORTED
from tocsin.analysis.speech.normalise import normalise
from tocsin.analysis.speech.training import corpus_paths, train
from tocsin.config import Settings
from tocsin.sources.catalog.speech import NON_COMMERCIAL_SPEECH_DATASETS, SPEECH_DATASETS
from tocsin.sources.datasets import get


def test_hostile_words_count_against_a_group_not_when_denied_or_aimed_at_one_person() -> None:
    assert "__grp_hostile__" in analyse("Roma are filthy thieves").extras
    assert "__grp_hostile__" not in analyse("you are a filthy thief, Tom").extras
    denied = analyse("Roma are not filthy")
    assert "__grp_neg_hostile__" in denied.extras
    assert "__grp_hostile__" not in denied.extras
    assert "__grp_neg_hostile__" in analyse("I don't hate Jews").extras
    assert "__quote_hostile__" in analyse('he called migrants "vermin"').extras
    assert "__grp_positive__" in analyse("we welcome Muslims").extras
    assert "__grp_positive__" not in analyse("welcome to hell, Muslims are scum").extras


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Migranten sind faul", "Migranten sind nicht faul"),
        ("Dlaczego imigranci są tacy leniwi?", "Imigranci nie są leniwi"),
        ("المهاجرون كسالى", "المهاجرون ليسوا كسالى"),
        ("मुसलमान आलसी हैं", "मुसलमान आलसी नहीं हैं"),
        ("Wakimbizi ni wavivu", "Sidhani kama wakimbizi ni wavivu"),
        # Polish liars, cheats and worthless (decision 0538)
        ("Romowie to kłamcy i oszuści.", "Żydzi nie są kłamcami."),
        ("Uchodźcy są bezwartościowi.", "Uchodźcy nie są bezwartościowi."),
    ],
)
def test_stereotype_words_are_hostile_about_a_group_and_can_be_denied(
    text: str, denied: str
) -> None:
    assert "__grp_hostile__" in analyse(text).extras
    assert "__grp_neg_hostile__" in analyse(denied).extras


@pytest.mark.parametrize(
    "text",
    [
        "Roma are nothing but vermin",
        "Jews are no better than rats",
        "Muslime sind keine Menschen sondern Ratten",
        "ما هم إلا حشرات",
    ],
)
def test_what_follows_but_or_than_is_asserted_not_denied(text: str) -> None:
    analysis = analyse(text)
    assert not any(t.startswith("n_") for t in analysis.tokens[-1:]), analysis.tokens
    assert "__grp_neg_hostile__" not in analysis.extras
    assert "__neg_hostile__" not in analysis.extras


@pytest.mark.parametrize(
    "text",
    [
        "Keiner sollte Juden hassen",  # every form of German "kein" (decision 0518)
        "Keinen Flüchtling darf man töten",
        "Von keinem Juden würde ich sagen, dass er Ungeziefer ist",
        "اللاجئين مش حشرات",  # Levantine and Egyptian: refugees are not insects (0523)
        "المسلمين مو حيوانات",  # Gulf and Iraqi: Muslims are not animals
        "لست أكره اليهود",  # every person of "ليس": I do not hate Jews
        "أنتم لستم حشرات أيها اللاجئون",
    ],
)
def test_every_form_of_a_negator_negates(text: str) -> None:
    analysis = analyse(text)
    assert "__grp_neg_hostile__" in analysis.extras
    assert "__grp_hostile__" not in analysis.extras


@pytest.mark.parametrize(
    "text",
    ["Spalcie tych Żydów", "Wymordujcie wszystkich uchodźców", "Zastrzelcie wszystkich imigrantów"],
)
def test_polish_threats_in_the_imperative_are_threats(text: str) -> None:
    """Decision 0526: a threat is most often a call to act."""
    extras = analyse(text).extras
    assert "__threat__" in extras and "__grp_hostile__" in extras


def test_a_polish_threat_stem_does_not_read_an_ordinary_word() -> None:
    assert "__threat__" not in analyse("Ta utopia nigdy się nie spełni").extras


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Imigranci są przestępcami", None),  # the instrumental after "są"
        ("Muzułmanie są zwierzętami", "__dehum__"),
        ("Kobiety są głupie", None),  # the plural of women and things
        ("Nienawidzę tych brudnych Cyganów", None),
        ("Żydzi to szkodniki", "__dehum__"),
        ("Precz z imigrantami", None),  # a group in the instrumental
        ("Wybić wszystkich muzułmanów", "__threat__"),
    ],
)
def test_polish_hostile_words_are_read_in_every_case_and_gender(text: str, cue: str | None) -> None:
    """Decision 0528."""
    extras = analyse(text).extras
    assert "__grp_hostile__" in extras and (cue is None or cue in extras)


@pytest.mark.parametrize(
    "text",
    [
        "Je pense que les femmes sont inférieures",
        "Las gitanas son sucias",
        "Le donne sono stupide",
        "As ciganas são burras",  # a group word in the feminine too
        "Diese dummen Ausländerinnen",
        "Die vieze Marokkanen",
        "Uważam, że kobiety są gorsze",
    ],
)
def test_words_of_contempt_are_read_in_every_gender_and_number(text: str) -> None:
    """Decision 0530."""
    assert "__grp_hostile__" in analyse(text).extras


@pytest.mark.parametrize(
    "word",
    [
        *("sujeito", "fault", "crimine", "ganancia", "sucinto"),  # decision 0530
        *("Insektensterben", "terrorystyczny", "śmiech", "wyrzuty", "wybieramy"),  # 0528
    ],
)
def test_a_word_that_begins_like_a_listed_hostile_word_is_not_one(word: str) -> None:
    """The lists are read in every language: whole words where a stem would read another
    word ("a terrorist attack", "laughter", "remorse", "we elect")."""
    assert not cues.INDEX.kinds(normalise(word)) & {"cue:derog", "cue:dehum", "cue:threat"}


def test_polish_hostile_words_denied_are_read_as_denied() -> None:
    extras = analyse("Nie uważam, że Żydzi to szkodniki").extras
    assert "__grp_neg_hostile__" in extras and "__grp_hostile__" not in extras


def test_a_word_with_another_meaning_in_a_supported_language_does_not_end_negation() -> None:
    """Texts are read without their language: Italian "ma" (but) is Polish "has"."""
    assert "n_ma" in analyse("nie ma miejsca dla nich").tokens
    assert "n_mais" in analyse("não quero mais isso").tokens  # Portuguese "more"


def test_letters_are_not_read_when_every_hostile_word_is_denied() -> None:
    """The scaffolding left by a denial ("should not") reads as hate in letters."""
    assert analyse("Jews should not be exterminated").chars == ""
    assert analyse("I would never call Muslims vermin").chars == ""
    # hostility said outside the denial keeps the letters
    kept = analyse("Jews are not people, they are vermin")
    assert "vermin" in kept.chars
    assert analyse("the weather is not nice today").chars  # no hostile word denied


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("I would never say that Jews are cockroaches", "cockroaches"),
        ("No one should claim the Roma are subhuman trash", "trash"),
        ("je ne dirais jamais que les juifs sont des rats", "rats"),
        ("Ich würde nie sagen, dass Juden Ratten sind", "ratten"),  # comma before "dass"
        ("Nigdy nie powiem, że Żydzi to szczury", "szczury"),
        # the negator after the verb, and a reflexive or "żeby" before the claim (0533)
        ("Ich glaube nicht, dass Juden Ratten sind", "ratten"),
        ("Je crois pas que les juifs sont des rats", "rats"),
        ("Nie zgadzam się, że Romowie to szczury", "szczury"),
        ("Nie sądzę, żeby muzułmanie byli szczurami", "szczurami"),
        ("Nigdy nie powiedziałbym, że Żydzi to szczury", "szczury"),
        # the Polish past and split conditional, Arabic verbs of claiming (0538)
        ("Nigdy bym nie powiedział, że Romowie są szczurami", "szczurami"),
        ("Nigdy nie twierdziłam, że uchodźcy są karaluchami", "karaluchami"),
        ("لا ينبغي لأحد أن يدعي أن اليهود حشرات", "حشرات"),
        ("لم أقل أبدا أن المسيحيين حثالة", "حثاله"),
    ],
)
def test_a_denied_verb_of_saying_denies_its_whole_clause(text: str, denied: str) -> None:
    """Four words of scope stop before the claim; a denied "say" denies the claim."""
    analysis = analyse(text)
    assert "n_" + denied in analysis.tokens, analysis.tokens
    assert analysis.chars == ""


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("It is not true that refugees are vermin", "vermin"),
        ("Es ist nicht wahr, dass Flüchtlinge Ratten sind", "ratten"),
        ("Non è vero che gli immigrati sono ratti", "ratti"),
        ("To nieprawda, że uchodźcy to szczury", "szczury"),  # "untrue", one word
    ],
)
def test_a_denied_word_of_truth_denies_its_whole_clause(text: str, denied: str) -> None:
    """Decision 0529: "not true that ..." denies the claim, as "never say that ..." does."""
    analysis = analyse(text)
    assert "n_" + denied in analysis.tokens, analysis.tokens
    assert "__grp_neg_hostile__" in analysis.extras and "__grp_hostile__" not in analysis.extras


@pytest.mark.parametrize(
    ("word", "target"),
    [("للسوريين", "nationality"), ("للاجئين", "migrants"), ("لليهود", "religion")],
)
def test_arabic_lam_before_the_article_is_read(word: str, target: str) -> None:
    """ "ل" + "السوريين" is written "للسوريين" (decision 0538)."""
    assert f"grp:{target}" in cues.INDEX.kinds(normalise(word))


def test_arabic_templates_write_lam_before_the_article_as_arabic_does() -> None:
    frame = augment.augmentation(300)
    arabic = frame.loc[frame["lang"] == "ar", "text"]
    assert not arabic.str.contains(r"(?<!\S)لال", regex=True).any()
    assert arabic.str.contains("لا مكان لل").any()


def test_the_widened_scope_ends_with_its_clause() -> None:
    """What follows a sentence break, a comma that starts no reported clause, or "but" is
    said, not denied."""
    for text in (
        "I would never say that. Jews are rats",
        "I don't say it often, but Jews are rats",
        "I never said so, Jews are rats",
        "I think not, Jews are rats",
    ):
        analysis = analyse(text)
        assert "rats" in analysis.plain.split(), text
        assert "__grp_hostile__" in analysis.extras, text
    # without a verb of saying the scope stays short
    assert "rats" in analyse("Jews are not welcome here because they are rats").plain.split()


def test_cues_shown_to_analysts_name_only_target_groups_as_groups() -> None:
    """What is said of a group ("hostile words about a group") is a cue, not a group."""
    said = cues_fired(analyse("Muslims are vermin"))
    assert "group: religion" in said
    assert "hostile words about a group" in said
    assert not [c for c in said if c in ("group: hostile", "group: neg hostile")]
    denied = cues_fired(analyse("I would never say that Jews are vermin"))
    assert "hostile words about a group denied" in denied
    assert not [c for c in denied if c.startswith("group:")], denied
    assert "group: sexual orientation" in cues_fired(analyse("gay people are welcome"))


def test_negators_that_follow_the_word_they_deny_hindi() -> None:
    denied = analyse("दलित गंदे नहीं हैं")
    assert "n_गंदे" in denied.tokens
    assert "गंदे" not in denied.plain.split()
    assert "__neg_hostile__" in denied.extras or "__grp_neg_hostile__" in denied.extras
    assert "गंदे" in analyse("दलित गंदे हैं").plain.split()


def test_mandarin_cues_of_several_characters_are_found() -> None:
    assert "__counter__" in analyse("我谴责这种言论").extras
    assert "__counter__" not in analyse("我喜欢这个城市").extras


def test_burmese_is_read_per_syllable() -> None:
    tokens = analyse("ဖော်လော်မော်မဟုတ်လို့").tokens
    assert tokens == ["ဖော်", "လော်", "မော်", "မ", "ဟုတ်", "လို့"]


def test_myhatespeech_mapping_and_it_stays_out_of_the_default_corpora(
    shared_data: Path, settings: Settings
) -> None:
    path = shared_data / get("myhatespeech").relative_path
    if not path.exists():
        missing_shared_data(f"myHateSpeech missing: {path}")
    frame = corpora.read_myhatespeech(path)
    # racist 122 + religious 101 + sexist 291 hateful; lethal and unlabelled lines dropped
    assert int(frame["hateful"].sum()) == 514
    assert len(frame) == 9814
    assert set(frame["lang"]) == {"my"}
    assert frame.loc[frame["hateful"] == 1, "target"].value_counts().to_dict() == {
        "gender": 291,
        "ethnicity": 122,
        "religion": 101,
    }
    assert not frame["text"].str.contains(r"/(?:ab|ra|re|no)\b").any()
    assert not frame["text"].str.contains(r"[\u1000-\u109f] [\u1000-\u109f]").any()
    assert "myhatespeech" not in SPEECH_DATASETS
    assert "myhatespeech" in NON_COMMERCIAL_SPEECH_DATASETS
    assert "myhatespeech" not in corpus_paths(settings, shared_data)
    assert "myhatespeech" in corpus_paths(settings, shared_data, non_commercial=True)


def test_myhatespeech_reader_names_an_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "my.txt"
    bad.write_text("no tab and no label here\n", encoding="utf-8")
    try:
        corpora.read_myhatespeech(bad)
    except corpora.CorpusFormatError as exc:
        assert str(bad) in str(exc)
    else:
        raise AssertionError("a file without labelled lines was accepted")


def _tiny(dataset_of_burmese: str) -> pd.DataFrame:
    rows = []
    for i in range(60):
        rows.append((f"refugees are vermin number {i}", "en", 1, "", "migrants", "templates"))
        rows.append((f"refugees are welcome number {i}", "en", 0, "none", "", "templates"))
        rows.append((f"ရိုဟင်ဂျာ ခွေး {i}", "my", 1, "", "ethnicity", dataset_of_burmese))
        rows.append((f"မင်္ဂလာပါ သူငယ်ချင်း {i}", "my", 0, "none", "", dataset_of_burmese))
    frame = pd.DataFrame(rows, columns=list(corpora.COLUMNS)[:6])
    frame["split"] = corpora.hash_split(frame["text"])
    return frame


def test_a_model_trained_on_non_commercial_data_is_marked(settings: Settings) -> None:
    marked = train(settings, corpus=_tiny("myhatespeech"))
    assert "NON-COMMERCIAL" in str(marked.metrics["licence"])
    assert marked.path.name.endswith("-nc.joblib")
    assert "my" in marked.metrics["languages"]
    assert (marked.path.with_suffix(".metrics.json")).read_text().count("NON-COMMERCIAL") == 1
    open_model = train(settings, corpus=_tiny("project-burmese"))
    assert "NON-COMMERCIAL" not in str(open_model.metrics["licence"])
    assert not open_model.path.name.endswith("-nc.joblib")


def test_default_model_marks_burmese_and_amharic_unsupported(small_model: NgramClassifier) -> None:
    pred = small_model.predict(["ရိုဟင်ဂျာတွေကိုသတ်ပစ်", "ትግሬዎችን ሁሉ ግደሏቸው"])
    assert pred.label == [UNSUPPORTED, UNSUPPORTED]
    assert pred.lang == ["my", "am"]
    assert "my" not in small_model.languages


def test_a_model_trained_before_2_5_is_refused_with_what_to_do(
    tmp_path: Path, small_model: NgramClassifier
) -> None:
    old = copy.deepcopy(small_model)
    old.metrics = {"version": "2.4"}
    old.save(tmp_path / "old.joblib")
    with pytest.raises(ModelFileError, match="tocsin speech train"):
        load_model(tmp_path / "old.joblib")
    old.metrics = {"version": NgramClassifier.version}
    old.save(tmp_path / "new.joblib")
    assert load_model(tmp_path / "new.joblib").metrics["version"] == "2.47"
    old.metrics = {"version": "2.46"}  # 2.47 joins spaced-out Devanagari: retrain
    old.save(tmp_path / "previous.joblib")
    with pytest.raises(ModelFileError, match="2.46"):
        load_model(tmp_path / "previous.joblib")


@pytest.mark.parametrize(
    "text",
    [
        "Gli ebrei meritano di morire",
        "Los gitanos merecen la muerte",
        "Homo's verdienen de dood",
        "Mort aux juifs",
        "Tod den Juden",
    ],
)
def test_wishing_a_group_dead_is_a_threat_in_every_language(text: str) -> None:
    """Decision 0534: "deserve to die" and "death to", as English lists them."""
    extras = analyse(text).extras
    assert "__threat__" in extras and "__grp_hostile__" in extras


@pytest.mark.parametrize(
    ("said", "denied"),
    [
        ("I musulmani sono tutti terroristi", "I musulmani non sono terroristi"),
        ("Les Arabes sont des voleurs", "Les Arabes ne sont pas des voleurs"),
    ],
)
def test_stereotype_words_are_read_in_every_language(said: str, denied: str) -> None:
    """Decision 0534: "terrorists" and "thieves", as English lists them."""
    assert "__grp_hostile__" in analyse(said).extras
    extras = analyse(denied).extras
    assert "__grp_neg_hostile__" in extras and "__grp_hostile__" not in extras
