"""Training frames of profanity aimed at a group (decision 0543): a profane word beside a
group's name ("those fucking {g} again", "{g} de mierda", "pierdoleni {g}") is hateful,
and the same words aimed at a non-protected group ("those fucking {p} again") are not.

Each hateful frame has a non-hateful twin made by :func:`profane_twin`; a frame and its
twin are on the same side of the training/held-out split, and the list is drawn on a
budget of its own (``augment.OWN_BUDGET``). Swahili has none: the project cannot write
its profanity with confidence. These frames are the project's own, for training only;
they are not frames of the functional suite, and no external test suite was used.
"""

from __future__ import annotations

PROFANE_FRAMES: dict[str, list[str]] = {
    "en": [
        "those fucking {g} again",
        "fuck the {g}",
        "goddamn {g} everywhere you look",
    ],
    "fr": [
        "putain de {g}",
        "encore ces {g} de merde",
        "j'emmerde les {g}",
    ],
    "es": [
        "putos {g}",
        "otra vez los {g} de mierda",
        "malditos {g}, siempre igual",
    ],
    "de": [
        "scheiß {g}",
        "diese verdammten {g} schon wieder",
        "verfickte {g} überall",
    ],
    "it": [
        "fottuti {g}",
        "ancora questi {g} di merda",
        "maledetti {g}, sempre uguali",
    ],
    "pt": [
        "uns {g} do caralho",
        "de novo esses {g} de merda",
        "porra de {g}, sempre a mesma coisa",
    ],
    "nl": [
        "klote {g}",
        "die kut {g} weer",
        "godverdomme die {g} ook altijd",
    ],
    "pl": [
        "pierdoleni {g}",
        "jebani {g} wszędzie",
        "zasrani {g}, zawsze to samo",
    ],
    "ar": [
        "يلعن أبو {g}",
        "تبا ل{g}",
        "لعنة على {g} كلهم",
    ],
    "hi": [
        "साले {g}",
        "ये हरामी {g} फिर से",
        "कमीने {g} हर जगह हैं",
    ],
    "zh": [
        "狗日的{g}",
        "他妈的{g}又来了",
        "这些该死的{g}到处都是",
    ],
}


def profane_twin(frame: str) -> str:
    """The non-hateful twin of a profane frame: the same words aimed at a non-protected
    group."""
    return frame.replace("{g}", "{p}")
