"""Frames of hate and disgust in the forms the base templates lack (decision 0550): the
past ("i have always hated {g}"), the plural ("we hate {g}"), disgust ("{g} make me
sick") and, in Hindi, the verb form most people use ("मैं {g} से नफरत करता हूँ").

Each hateful frame has a non-hateful twin, made by :func:`feeling_twin`, that says the
same of a group that is not protected ("{p}": politicians, bankers ...). The list is
kept only to measure (``augment.MEASURE_ONLY``): neither model learns it, since trained
on, its words around the feeling ("mich", "mnie") became hate. It is drawn on a budget
of its own (``augment.OWN_BUDGET``), so every other frame keeps the texts it had. These
frames are the project's own; they are not frames of the functional suite, and no
external test suite was used.
"""

from __future__ import annotations

FEELING_FRAMES: dict[str, list[str]] = {
    "en": [
        "i have always hated {g}",
        "we hate {g}, every one of them",
        "{g} make me sick",
        "the sight of {g} makes me sick",
        "i hated {g} then and i hate them now",
    ],
    "fr": [
        "j'ai toujours détesté les {g}",
        "nous haïssons les {g}",
        "les {g} me rendent malade",
        "ces {g} me dégoûtent",
        "je hais tous ces {g}",
    ],
    "es": [
        "siempre he odiado a los {g}",
        "odiamos a los {g}",
        "me dan asco todos los {g}",
        "los {g} me revuelven el estómago",
        "los {g} me repugnan",
    ],
    "de": [
        "ich habe {g} schon immer gehasst",
        "wir hassen {g}",
        "{g} machen mich krank",
        "diese {g} ekeln mich an",
        "{g} widern mich an",
    ],
    "it": [
        "ho sempre odiato gli {g}",
        "noi odiamo gli {g}",
        "gli {g} mi fanno schifo",
        "gli {g} mi disgustano",
        "mi fa schifo solo vedere gli {g}",
    ],
    "pt": [
        "sempre odiei os {g}",
        "nós odiamos os {g}",
        "esses {g} me dão nojo",
        "os {g} me enojam",
        "odiei os {g} a vida toda",
    ],
    "nl": [
        "ik heb een hekel aan {g}",
        "ik heb {g} altijd gehaat",
        "wij haten {g}",
        "{g} maken me misselijk",
        "{g} maken me ziek",
    ],
    "pl": [
        "{g} budzą we mnie wstręt",
        "{g} mnie obrzydzają",
        "zawsze nienawidziłem, kiedy {g} tu byli",
        "nienawidzimy tego, że {g} tu są",
        "mam mdłości, kiedy widzę, że {g} tu są",
    ],
    "ar": [
        "كرهت {g} طول عمري",
        "نحن نكره {g}",
        "{g} يقرفونني",
        "أشعر بالاشمئزاز من {g}",
        "كرهنا {g} وسنبقى نكرههم",
    ],
    "hi": [
        "मैं {g} से नफरत करता हूँ",
        "मैं {g} से नफरत करती हूँ",
        "हम {g} से नफरत करते हैं",
        "{g} को देखकर मुझे घिन आती है",
        "मुझे हमेशा से {g} से नफरत रही है",
    ],
    "zh": [
        "我一直都讨厌{g}",
        "我们恨{g}",
        "{g}真让我恶心",
        "看到{g}我就作呕",
        "{g}让我反胃",
    ],
    "sw": [
        "siku zote nimewachukia {g}",
        "tunawachukia {g} wote",
        "hawa {g} wananichukiza",
        "{g} wananitia kinyaa",
        "nikiwaona {g} napata kichefuchefu",
    ],
}

# where the article before a group differs from the one before a non-protected group:
# Italian "gli islamici" but "i politici"
_TWIN_ARTICLES = {"it": ("gli {g}", "i {g}")}


def feeling_twin(lang: str, frame: str) -> str:
    """The non-hateful twin of a feeling frame of ``lang``: the same feeling about a
    non-protected group, with the article that group takes."""
    group_article, other_article = _TWIN_ARTICLES.get(lang, ("{g}", "{g}"))
    return frame.replace(group_article, other_article).replace("{g}", "{p}")
