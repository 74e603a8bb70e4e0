"""Words the cue lists lacked: the words of vermin, filth and beasts in every supported
language (model 2.32, decision 0544): each language reads the animals and vermin the
others read, the templates' own vermin fillers are cues, hyphenated words are read, and
words with an everyday sense were left out; Italian "odio" as a verb (2.33, 0545); and the
verbs of hate and contempt each language lacked (2.35, 0547); plague, cancer and tumour
where a language lacked them (2.41, 0555)."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech.augment import FRAMES
from tocsin.analysis.speech.classifier import analyse


@pytest.mark.parametrize("lang", sorted(FRAMES))
def test_every_vermin_filler_of_the_templates_is_a_dehumanising_cue(lang: str) -> None:
    # "دون البشر" (less than human) begins with a negator, which opens a scope
    unread = [w for w in FRAMES[lang]["v"] if "__dehum__" not in analyse(w).extras]
    assert unread == (["دون البشر"] if lang == "ar" else [])


@pytest.mark.parametrize(
    "text",
    [
        "Nadhani Waislamu ni vimelea",
        "Les Juifs sont des chiens",
        "les Juifs sont des sous-hommes",
        "Muslims are sub-human",
        "immigrants are leeches",
        "Los gitanos son escoria",
        "Die Flüchtlinge sind Läuse",
        "gli zingari sono topi",
        "os ciganos são sub-humanos",
        "moslims zijn bloedzuigers",
        "Żydzi to psy",
        "اللاجئون وحوش",
        "मुसलमान जोंक हैं",
        "穆斯林是人渣",
    ],
)
def test_a_vermin_word_said_of_a_group_is_hostile(text: str) -> None:
    assert {"__dehum__", "__grp_hostile__"} <= set(analyse(text).extras)


@pytest.mark.parametrize(
    "text",
    [
        "De migranten wilden naar Engeland",  # Dutch "wanted", not "savages"
        "The refugees mull over the offer",  # German "Müll" normalises to "mull"
        "Los refugiados sufren una enfermedad",  # words of disease are not listed
    ],
)
def test_words_with_an_everyday_sense_are_not_cues(text: str) -> None:
    assert "__grp_hostile__" not in analyse(text).extras


@pytest.mark.parametrize(
    ("text", "hostile"),
    [
        ("Odio i musulmani", True),  # the verb (model 2.33, decision 0545)
        ("Odio le donne", True),
        ("Io odio profondamente i neri", True),
        ("Li odio, questi rom", True),
        ("Gli italiani odiano gli zingari", True),
        ("L'odio contro i musulmani è inaccettabile", False),  # the noun, condemned
        ("Odio i politici", False),  # a non-protected group: abuse, not hate
    ],
)
def test_italian_odio_is_read_as_the_verb_where_it_cannot_be_the_noun(
    text: str, hostile: bool
) -> None:
    assert ("__grp_hostile__" in analyse(text).extras) is hostile


@pytest.mark.parametrize(
    "text",
    [
        "Ich verabscheue Muslime",  # the verbs of hate and contempt (2.35, decision 0547)
        "Aborrezco a los musulmanes",
        "Ik walg van moslims",
        "Ik minacht moslims",
        "Brzydzę się muzułmanami",
        "أمقت المسلمين",
        "我鄙视穆斯林",
        "Ninawachukia Wasomali",
    ],
)
def test_the_verbs_of_hate_and_contempt_said_of_a_group_are_hostile(text: str) -> None:
    assert "__grp_hostile__" in analyse(text).extras


@pytest.mark.parametrize(
    "text",
    [
        "Die Ausländer sind eine Seuche",
        "Cyganie to dżuma",
        "اليهود طاعون",
        "移民是社会的毒瘤",
        "मुसलमान देश के लिए नासूर हैं",
        "Wakimbizi ni tauni",
        "Waislamu ni saratani",
    ],
)
def test_plague_cancer_and_tumour_said_of_a_group_dehumanise(text: str) -> None:
    """Model 2.41, decision 0555: the words each language lacked."""
    assert {"__dehum__", "__grp_hostile__"} <= set(analyse(text).extras)


@pytest.mark.parametrize(
    "text",
    [
        "Los refugiados sufren una enfermedad",
        "शरणार्थियों में बीमारी फैल रही है",  # disease spreads among refugees
        "Wakimbizi wengi wana ugonjwa",  # many refugees have a disease
        "Kobiety i rak piersi",  # women and breast cancer
    ],
)
def test_words_of_disease_in_general_are_not_cues(text: str) -> None:
    assert "__dehum__" not in analyse(text).extras
