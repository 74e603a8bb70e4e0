"""Group words in every supported language (model 2.6): the cue index reads a group
named in any supported language as that group, so that what is said of it (hostile,
denied, praised) becomes a feature the same in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.analysis.speech import augment, cues, gazetteer
from tocsin.analysis.speech.classifier import analyse
from tocsin.analysis.speech.normalise import normalise

# one hostile sentence per supported language, each naming a group differently
HOSTILE = {
    "en": "Refugees are vermin",
    "fr": "Les Roms sont des rats",
    "es": "Los musulmanes son ratas",
    "de": "Die Juden sind Ratten",
    "it": "Gli ebrei sono ratti",
    "pt": "Os muçulmanos são ratos",
    "nl": "De moslims zijn ratten",
    "pl": "Muzułmanie to szczury",
    "ar": "المسيحيين حشرات",
    "hi": "मुसलमान कीड़े हैं",
    "zh": "穆斯林是老鼠",
    "sw": "Waislamu ni panya",
}


def test_every_supported_language_has_a_hostile_probe() -> None:
    assert set(HOSTILE) == set(augment.SUPPORTED)


@pytest.mark.parametrize("lang", sorted(HOSTILE))
def test_a_group_named_in_any_supported_language_is_read_as_a_group(lang: str) -> None:
    extras = analyse(HOSTILE[lang]).extras
    assert any(e in extras for e in ("__grp_religion__", "__grp_ethnicity__", "__grp_migrants__"))
    assert "__grp_hostile__" in extras


@pytest.mark.parametrize(
    ("with_umlaut", "without"),
    [
        ("Die Flüchtlinge sind Ungeziefer", "Die Fluechtlinge sind Ungeziefer"),
        ("Ausländer sind Abschaum", "Auslaender sind Abschaum"),
        ("Alle Türken raus", "Alle Tuerken raus"),
        ("Mädchen sind dumm", "Maedchen sind dumm"),
    ],
)
def test_german_group_words_typed_without_umlauts_are_read_as_groups(
    with_umlaut: str, without: str
) -> None:
    """Decision 0524: "ue" for "ü", as keyboards without umlauts type it."""
    groups = [e for e in analyse(with_umlaut).extras if e.startswith("__grp_")]
    assert groups and [e for e in analyse(without).extras if e.startswith("__grp_")] == groups


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("nienawidzę lesbijek", "__grp_sexual_orientation__"),
        ("wyrżnąć wszystkich Murzynów", "__grp_ethnicity__"),
        ("wyrzucić cudzoziemców z kraju", "__grp_migrants__"),
        ("spalić kościoły chrześcijan", "__grp_religion__"),
    ],
)
def test_polish_group_words_are_read_as_the_objects_of_a_sentence(text: str, group: str) -> None:
    """Decision 0525: the genitive and accusative plural, the case of what is threatened
    or hated."""
    assert group in analyse(text).extras


def test_every_group_of_the_templates_and_the_gazetteer_is_read_as_a_group() -> None:
    names = [g for spec in augment.FRAMES.values() for g in spec["g"]]
    # Burmese is read per syllable, and only by the non-commercial model
    names += [row["name"] for row in gazetteer.entries() if row["lang"] != "my"]
    missed = [
        n
        for n in names
        if normalise(n) not in cues.EVERYDAY_WORDS
        and not any(e.startswith("__grp_") for e in analyse(n).extras)
    ]
    assert missed == []


def test_group_names_that_are_everyday_words_are_not_read_as_groups() -> None:
    # "على الفور": at once; "في السنة القادمة": next year
    assert not any(e.startswith("__grp_") for e in analyse("سأتصل بك على الفور").extras)
    assert not any(e.startswith("__grp_") for e in analyse("في السنة القادمة").extras)
    assert gazetteer.target_in(normalise("طرد الفور").split()) == "ethnicity"


def test_everyday_words_stay_out_whichever_file_lists_them(tmp_path: Path) -> None:
    words = tmp_path / "group_words.csv"
    words.write_text("lang,target,term\nar,religion,السنة\nar,religion,الشيعة\n", encoding="utf-8")
    religion = cues.group_terms(words)["religion"]
    assert normalise("الشيعة") in religion
    assert normalise("السنة") not in religion


def test_no_word_names_two_kinds_of_group() -> None:
    for table in (cues.INDEX.exact, cues.INDEX.stems):
        doubled = {w: k for w, k in table.items() if sum(x[:4] == "grp:" for x in k) > 1}
        assert doubled == {}


def test_arabic_clitics_are_read_off() -> None:
    assert "__threat__" in analyse("سنقوم بـحرق المساليت").extras  # bi- + burning
    assert "__threat__" in analyse("ويجب قتلهم").extras  # killing + them
    assert "__grp_religion__" in analyse("هذا مفيد للمسلمين").extras  # li- + al- + Muslims
    assert "__dehum__" in analyse("هم مثل الخنازير").extras  # al- + pigs
    assert analyse("والدي طبيب").extras == []  # "my father is a doctor": nothing read off


@pytest.mark.parametrize(
    "text",
    [
        "اقتلوهم جميعا",  # kill them all: "اقتلوا" + "هم", the silent alif dropped
        "سنحرق قرى المساليت",  # we will burn the Masalit villages: future "س" + "نحرق"
        "وسنذبح اليزيديين",  # and we will slaughter the Yazidis
        "يجب إبادة الروهينغا",  # "إبادة" as listed, with "ة"
    ],
)
def test_arabic_threats_with_the_future_or_an_object_pronoun_are_read(text: str) -> None:
    """Decision 0527."""
    assert "__threat__" in analyse(text).extras


def test_the_future_is_read_off_a_verb_in_the_present_only() -> None:
    assert list(cues.arabic_cores("سنقتل")) == ["نقتل"]
    assert "لام" not in cues.arabic_cores("سلام")  # "peace": no prefix of the present
    assert analyse("ستتحسن الأحوال قريبا").extras == []  # things will improve soon


@pytest.mark.parametrize(
    ("nominative", "oblique"),
    [("السوريون حشرات", "السوريين حشرات"), ("الفلسطينيون كلاب", "الفلسطينيين كلاب")],
)
def test_arabic_plurals_are_read_as_groups_in_the_nominative(nominative: str, oblique: str) -> None:
    """Decision 0527: "ـون" as the subject of a sentence, "ـين" otherwise."""
    groups = [e for e in analyse(oblique).extras if e.startswith("__grp_")]
    assert groups and [e for e in analyse(nominative).extras if e.startswith("__grp_")] == groups


def test_every_listed_cue_is_in_the_form_texts_are_read_in() -> None:
    """Texts are normalised before they are read, so a term that normalisation would
    change ("إبادة" -> "اباده") could never match: the index holds normalised terms."""
    for table in (cues.INDEX.exact, cues.INDEX.stems):
        assert [t for t in table if normalise(t) != t and not cues._CJK_TERM.search(t)] == []


def test_a_malformed_group_words_file_says_which_line(tmp_path: Path) -> None:
    bad = tmp_path / "group_words.csv"
    bad.write_text("lang,target,term\nde,religion,juden\nde,relgion,muslime\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3: unknown target 'relgion'"):
        cues.group_terms(bad)
    bad.write_text("lang,target,term\nde,religion,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: lang and term must not be empty"):
        cues.group_terms(bad)


def test_french_and_italian_elisions_are_read_off() -> None:
    assert "__grp_migrants__" in analyse("Des hordes d'immigrés partout").extras
    assert "__grp_positive__" in analyse("J'admire les femmes de mon quartier").extras
    assert "__grp_religion__" in analyse("L'ebreo è arrivato").extras
    # English contractions are not elisions
    assert cues.INDEX.kinds("don't") == cues.INDEX.spelled("don't")


@pytest.mark.parametrize(
    "text",
    [
        "Immigrants are a burden on all of us",
        "Muslims should go back where they came from",
        "Les réfugiés sont des envahisseurs",
        "الفلسطينيين عبء علينا",
        "难民是负担",
    ],
)
def test_exclusion_said_of_a_group_is_hostile(text: str) -> None:
    assert "__grp_hostile__" in analyse(text).extras


def test_exclusion_denied_is_not_hostile() -> None:
    extras = analyse("Refugees are not a burden").extras
    assert "__grp_hostile__" not in extras
    assert "__grp_neg_hostile__" in extras


@pytest.mark.parametrize(
    ("said", "denied"),
    [
        ("اللاجئون متخلفون", "اللاجئون ليسوا متخلفين"),  # backward
        ("المسلمون إرهابيون", "المسلمون ليسوا إرهابيين"),  # terrorists
        ("اليهود وسخين", "اليهود مش وسخين"),  # dirty, in a dialect
    ],
)
def test_arabic_words_of_contempt_are_read_in_both_cases(said: str, denied: str) -> None:
    """Decision 0531: "ـون" as a subject's predicate, "ـين" after "ليس" or "أن"."""
    assert "__grp_hostile__" in analyse(said).extras
    extras = analyse(denied).extras
    assert "__grp_neg_hostile__" in extras and "__grp_hostile__" not in extras


def test_a_report_of_a_terrorist_attack_on_a_group_is_not_hostility_to_it() -> None:
    assert "__grp_hostile__" not in analyse("هجوم إرهابي على المسيحيين").extras


def test_template_words_are_also_read_as_typed_without_umlauts() -> None:
    assert "cue:derog" in cues.INDEX.kinds("boese")  # "böse", evil
