"""Threats in the forms their speakers make them (model 2.39, decision 0552): the future
and the first person, beating, burning down and stabbing, in every supported language;
places of worship name their community, and Polish names groups in the singular too.
German and Dutch verbs of violence whose particle ends the clause (2.40, decision 0554)."""

from __future__ import annotations

import pytest

from tocsin.analysis.speech.classifier import analyse, named_groups


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to stab the next Muslim I see",
        "We will set fire to their synagogues",
        "Nous brûlerons les mosquées",
        "Je vais tabasser chaque Arabe que je croise",
        "Quemaremos sus mezquitas",
        "Voy a golpear a todos los gitanos",
        "Bruceremo le vostre moschee",
        "Voglio picchiare ogni musulmano",
        "Vamos queimar as vossas mesquitas",
        "Quero espancar todos os ciganos",
        "Wir werden eure Synagogen niederbrennen",
        "Ich will jeden Zigeuner verprügeln",
        "We gaan jullie moskeeën platbranden",
        "Ik ga die homo's in elkaar slaan",
        "Spalimy wasze meczety",
        "Pobijemy każdego Cygana",
        "سنحرق مساجدهم",
        "हर मुसलमान को पीटेंगे",
        "我们会把他们的清真寺烧毁",
        "我要揍每一个黑人",
        "Tutawachoma Wakristo wote",
    ],
)
def test_a_threat_in_the_future_or_the_first_person_is_read(text: str) -> None:
    assert {"__threat__", "__grp_hostile__"} <= set(analyse(text).extras)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("La nuova moschea apre domani", "religion"),
        ("Die Moschee lädt zum Tag der offenen Tür ein", "religion"),
        ("Odwiedziliśmy stary meczet w Kruszynianach", "religion"),
        ("मस्जिद में नमाज़ हुई", "religion"),
        ("Znam jednego Cygana z Krakowa", "ethnicity"),
        ("Mój sąsiad jest gejem", "sexual orientation"),
    ],
)
def test_places_of_worship_and_polish_singulars_name_their_group(text: str, target: str) -> None:
    assert named_groups(analyse(text)) == [target]


@pytest.mark.parametrize(
    "text",
    [
        "The table is stable again",  # "stab" is listed as a word, not a stem
        "Il mercato apre domani mattina",
        "Ik ga morgen in de tuin werken",
    ],
)
def test_words_that_share_a_threat_s_letters_are_not_threats(text: str) -> None:
    assert "__threat__" not in analyse(text).extras


@pytest.mark.parametrize(
    "text",
    [
        "Ich bringe jeden Juden um, den ich sehe",
        "Bringt die Schwulen um!",
        "Wir stechen jeden Moslem ab",
        "Wir schlagen jeden Türken tot",
        "Wir brennen die Moschee nieder",
        "Ik maak alle moslims af",
        "Ik schiet die vluchtelingen dood",
        "We slaan alle homo's dood",
    ],
)
def test_a_verb_of_violence_whose_particle_ends_the_clause_threatens(text: str) -> None:
    """Model 2.40, decision 0554: German and Dutch separable verbs."""
    assert {"__threat__", "__grp_hostile__"} <= set(analyse(text).extras)


@pytest.mark.parametrize(
    "text",
    [
        "Wir bringen die Juden nicht um",  # the particle is denied
        'Er schrieb "bringt die Juden um", und das ist Hetze',  # quoted
        "Ich bringe die Kinder um acht zur Schule",  # "um" does not end the clause
        "Um acht bringe ich die Flüchtlinge zur Schule",  # the particle before the verb
        "Die Flüchtlinge bringen Kuchen mit",  # another particle
    ],
)
def test_a_particle_denied_quoted_or_elsewhere_is_no_threat(text: str) -> None:
    assert "__threat__" not in analyse(text).extras
