"""Frames that deny a group life (decision 0560): "{g} don't deserve to live", "{g} have no
right to exist", "los {g} no merecen vivir", "{g}不配活着". They wish a group dead, as
"{g} should die" does, with a negator. Each has a twin that grants the life it denies
(:data:`LIFE_FRAMES` maps each frame to its twin). The list is kept only to measure
(``augment.MEASURE_ONLY``): neither model learns it. These frames are the project's own;
they are not frames of the functional suite, and no external test suite was used.
"""

from __future__ import annotations

LIFE_FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "{g} don't deserve to live": "{g} deserve to live",
        "{g} have no right to exist": "{g} have every right to exist",
    },
    "fr": {
        "les {g} ne méritent pas de vivre": "les {g} méritent de vivre",
        "les {g} ne devraient pas exister": "les {g} ont le droit d'exister",
    },
    "es": {
        "los {g} no merecen vivir": "los {g} merecen vivir",
        "los {g} no deberían existir": "los {g} tienen derecho a existir",
    },
    "de": {
        "{g} verdienen es nicht zu leben": "{g} verdienen es zu leben",
        "{g} sollten nicht existieren": "{g} haben ein Recht zu existieren",
    },
    "it": {
        "gli {g} non meritano di vivere": "gli {g} meritano di vivere",
        "gli {g} non dovrebbero esistere": "gli {g} hanno il diritto di esistere",
    },
    "pt": {
        "os {g} não merecem viver": "os {g} merecem viver",
        "os {g} não deveriam existir": "os {g} têm o direito de existir",
    },
    "nl": {
        "{g} verdienen het niet om te leven": "{g} verdienen het om te leven",
        "{g} zouden niet moeten bestaan": "{g} hebben het recht om te bestaan",
    },
    "pl": {
        "{g} nie zasługują na życie": "{g} zasługują na życie",
        "{g} nie powinni istnieć": "{g} mają prawo istnieć",
    },
    "ar": {
        "{g} لا يستحقون الحياة": "{g} يستحقون الحياة",
        "{g} لا يجب أن يوجدوا": "من حق {g} أن يوجدوا",
    },
    "hi": {
        "{g} को जीने का हक नहीं है": "{g} को जीने का हक है",
        "{g} को जीने का अधिकार नहीं होना चाहिए": "{g} को जीने का अधिकार होना चाहिए",
    },
    "zh": {"{g}不配活着": "{g}也有权活着", "{g}不应该存在": "{g}有权存在"},
    "sw": {
        "{g} hawastahili kuishi": "{g} wanastahili kuishi",
        "{g} hawapaswi kuwepo": "{g} wana haki ya kuwepo",
    },
}
