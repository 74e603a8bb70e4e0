"""Frames that deny a group a right (decision 0561): "{g} should not be allowed to {r}",
"los {g} no deberían poder {r}", "{g} sollten nicht {r} dürfen". Each has a twin that
grants the right (:data:`RIGHTS_FRAMES` maps each frame to its twin); {r} is one of
:data:`RIGHTS` in the frame's language. The list is kept only to measure
(``augment.MEASURE_ONLY``): neither model learns it, since trained on, such frames taught
"not allowed to" as hate whoever it was said of (decision 0557). These frames are the
project's own; they are not frames of the functional suite, and no external test suite was
used.
"""

from __future__ import annotations

RIGHTS: dict[str, list[str]] = {
    "en": [
        "vote",
        "work here",
        "marry",
        "own land",
        "hold public office",
        "become citizens",
        "have children",
        "go to school",
        "live in our neighbourhoods",
    ],
    "fr": [
        "voter",
        "travailler ici",
        "se marier",
        "posséder des terres",
        "devenir citoyens",
        "faire des enfants",
        "vivre parmi nous",
        "pratiquer leur religion",
    ],
    "es": [
        "votar",
        "trabajar aquí",
        "casarse",
        "tener tierras",
        "ser ciudadanos",
        "tener hijos",
        "ir a la escuela",
        "vivir entre nosotros",
    ],
    "de": [
        "wählen",
        "hier arbeiten",
        "heiraten",
        "Land besitzen",
        "Bürger werden",
        "Kinder haben",
        "zur Schule gehen",
        "unter uns leben",
    ],
    "it": [
        "votare",
        "lavorare qui",
        "sposarsi",
        "possedere terre",
        "diventare cittadini",
        "avere figli",
        "andare a scuola",
        "vivere tra noi",
    ],
    "pt": [
        "votar",
        "trabalhar aqui",
        "se casar",
        "ter terras",
        "ser cidadãos",
        "ter filhos",
        "ir à escola",
        "viver entre nós",
    ],
    "nl": [
        "stemmen",
        "hier werken",
        "trouwen",
        "land bezitten",
        "burger worden",
        "kinderen krijgen",
        "naar school gaan",
        "tussen ons wonen",
    ],
    "pl": [
        "głosować",
        "tu pracować",
        "tu mieszkać",
        "chodzić do szkoły",
        "zostać obywatelami",
        "kandydować w wyborach",
        "mieć dzieci",
        "studiować",
    ],
    "ar": [
        "التصويت",
        "العمل هنا",
        "الزواج",
        "امتلاك الأرض",
        "الحصول على الجنسية",
        "إنجاب الأطفال",
        "دخول المدارس",
        "العيش بيننا",
    ],
    "hi": [
        "वोट देने",
        "यहाँ काम करने",
        "शादी करने",
        "ज़मीन रखने",
        "नागरिक बनने",
        "बच्चे पैदा करने",
        "स्कूल जाने",
        "हमारे बीच रहने",
    ],
    "zh": ["投票", "在这里工作", "结婚", "拥有土地", "成为公民", "生孩子", "上学", "住在我们中间"],
    "sw": [
        "kupiga kura",
        "kufanya kazi hapa",
        "kuoa",
        "kumiliki ardhi",
        "kuwa raia",
        "kuzaa watoto",
        "kwenda shule",
        "kuishi kati yetu",
    ],
}

RIGHTS_FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "{g} should not be allowed to {r}": "{g} should be allowed to {r}",
        "{g} must never be allowed to {r}": "{g} must always be allowed to {r}",
    },
    "fr": {
        "les {g} ne devraient pas avoir le droit de {r}": "les {g} devraient avoir le droit de {r}",
        "les {g} ne doivent jamais pouvoir {r}": "les {g} doivent toujours pouvoir {r}",
    },
    "es": {
        "los {g} no deberían poder {r}": "los {g} deberían poder {r}",
        "los {g} no deben tener derecho a {r}": "los {g} deben tener derecho a {r}",
    },
    "de": {
        "{g} sollten nicht {r} dürfen": "{g} sollten {r} dürfen",
        "{g} sollten niemals {r} dürfen": "{g} sollten immer {r} dürfen",
    },
    "it": {
        "gli {g} non dovrebbero poter {r}": "gli {g} dovrebbero poter {r}",
        "gli {g} non devono avere il diritto di {r}": "gli {g} devono avere il diritto di {r}",
    },
    "pt": {
        "os {g} não deveriam poder {r}": "os {g} deveriam poder {r}",
        "os {g} não devem ter o direito de {r}": "os {g} devem ter o direito de {r}",
    },
    "nl": {
        "{g} zouden niet mogen {r}": "{g} zouden mogen {r}",
        "{g} zouden nooit mogen {r}": "{g} zouden altijd mogen {r}",
    },
    "pl": {
        "{g} nie powinni móc {r}": "{g} powinni móc {r}",
        "{g} nigdy nie powinni {r}": "{g} zawsze powinni móc {r}",
    },
    "ar": {
        "يجب ألا يسمح ل{g} ب{r}": "يجب أن يسمح ل{g} ب{r}",
        "{g} لا يجب أن يكون لهم حق {r}": "{g} يجب أن يكون لهم حق {r}",
    },
    "hi": {
        "{g} को {r} का हक़ नहीं होना चाहिए": "{g} को {r} का हक़ होना चाहिए",
        "{g} को {r} की इजाज़त नहीं मिलनी चाहिए": "{g} को {r} की इजाज़त मिलनी चाहिए",
    },
    "zh": {"不应该允许{g}{r}": "应该允许{g}{r}", "{g}不应该有{r}的权利": "{g}应该有{r}的权利"},
    "sw": {
        "{g} hawapaswi kuruhusiwa {r}": "{g} wanapaswa kuruhusiwa {r}",
        "{g} wasiruhusiwe kamwe {r}": "{g} waruhusiwe {r}",
    },
}
