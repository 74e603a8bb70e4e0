"""Frames that deny a group its rights (decision 0557): "{g} should not be allowed to
vote", "los {g} no deberían poder votar", "应该剥夺{g}投票的权利". Exclusion from voting,
work, marriage, land or schooling is hate, and a step on the way to persecution (the
Framework of Analysis's risk factor 7, "enabling circumstances or preparatory action").
The model read most such sentences as denials, since the hostility is in a negated verb
and no hostile word is said.

Each language has hateful frames, some with a negator and some without ("must lose the
right to", "hay que prohibir a los {g}"), and non-hateful ones in the same words: the
right granted or defended, and the same denial said of a group that is not protected
("{p}": politicians, bankers ...), so the model learns the denial together with the group,
not the words of the law. {r} is a right, from :data:`RIGHTS`, in the form each frame
needs. The lists are drawn on a budget of their own (``augment.OWN_BUDGET``). These frames
are the project's own; they are not frames of the functional suite, and no external test
suite was used.
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
        "studiować na uniwersytetach",
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

RIGHTS_FRAMES: dict[str, dict[str, list[str]]] = {
    "en": {
        "hate": [
            "{g} should not be allowed to {r}",
            "{g} must never be allowed to {r}",
            "{g} should lose the right to {r}",
            "{g} have no right to {r}",
            "ban {g} from the right to {r}",
        ],
        "ok": [
            "{g} should be allowed to {r}",
            "{g} have the right to {r} like everyone else",
            "{p} should not be allowed to {r}",
            "nobody can take away the right of {g} to {r}",
            "{g} must keep the right to {r}",
        ],
    },
    "fr": {
        "hate": [
            "les {g} ne devraient pas avoir le droit de {r}",
            "on ne devrait jamais laisser les {g} {r}",
            "les {g} doivent perdre le droit de {r}",
            "il faut interdire aux {g} de {r}",
            "les {g} n'ont aucun droit de {r} chez nous",
        ],
        "ok": [
            "les {g} devraient avoir le droit de {r}",
            "les {g} ont le droit de {r} comme tout le monde",
            "les {p} ne devraient pas avoir le droit de {r}",
            "personne ne peut interdire aux {g} de {r}",
            "les {g} doivent garder le droit de {r}",
        ],
    },
    "es": {
        "hate": [
            "los {g} no deberían poder {r}",
            "a los {g} no se les debería permitir {r}",
            "los {g} deben perder el derecho a {r}",
            "hay que prohibir a los {g} {r}",
            "jamás deberíamos dejar a los {g} {r}",
        ],
        "ok": [
            "los {g} deberían poder {r}",
            "los {g} tienen derecho a {r} como todos",
            "los {p} no deberían poder {r}",
            "nadie puede prohibir a los {g} {r}",
            "los {g} deben conservar el derecho a {r}",
        ],
    },
    "de": {
        "hate": [
            "{g} sollten nicht {r} dürfen",
            "{g} dürfen niemals {r}",
            "man sollte {g} nicht {r} lassen",
            "{g} darf man nie {r} lassen",
            "es ist Zeit, dass {g} nicht mehr {r} dürfen",
        ],
        "ok": [
            "{g} sollten {r} dürfen",
            "{g} dürfen {r} wie alle anderen",
            "{p} sollten nicht {r} dürfen",
            "man sollte {g} {r} lassen",
            "{g} müssen weiter {r} dürfen",
        ],
    },
    "it": {
        "hate": [
            "gli {g} non dovrebbero poter {r}",
            "non si dovrebbe mai permettere agli {g} di {r}",
            "gli {g} devono perdere il diritto di {r}",
            "bisogna vietare agli {g} di {r}",
            "gli {g} non hanno alcun diritto di {r}",
        ],
        "ok": [
            "gli {g} dovrebbero poter {r}",
            "gli {g} hanno il diritto di {r} come tutti",
            "i {p} non dovrebbero poter {r}",
            "nessuno può vietare agli {g} di {r}",
            "gli {g} devono conservare il diritto di {r}",
        ],
    },
    "pt": {
        "hate": [
            "os {g} não deveriam poder {r}",
            "os {g} não deveriam ter o direito de {r}",
            "os {g} devem perder o direito de {r}",
            "é preciso proibir os {g} de {r}",
            "jamais deixem os {g} {r}",
        ],
        "ok": [
            "os {g} deveriam poder {r}",
            "os {g} têm o direito de {r} como todos",
            "os {p} não deveriam poder {r}",
            "ninguém pode proibir os {g} de {r}",
            "os {g} devem manter o direito de {r}",
        ],
    },
    "nl": {
        "hate": [
            "{g} zouden niet mogen {r}",
            "{g} mogen nooit {r}",
            "laat {g} nooit {r}",
            "het wordt tijd dat {g} niet meer mogen {r}",
            "{g} moeten het recht verliezen, ze mogen niet {r}",
        ],
        "ok": [
            "{g} zouden moeten mogen {r}",
            "{g} mogen {r} zoals iedereen",
            "{p} zouden niet mogen {r}",
            "laat {g} gewoon {r}",
            "{g} moeten kunnen {r}",
        ],
    },
    "pl": {
        "hate": [
            "{g} nie powinni móc {r}",
            "{g} nigdy nie powinni {r}",
            "{g} nie mają prawa {r}",
            "trzeba odebrać prawo, by {g} mogli {r}",
            "nie wolno pozwolić, żeby {g} mogli {r}",
        ],
        "ok": [
            "{g} powinni móc {r}",
            "{g} mają prawo {r} jak wszyscy",
            "{p} nie powinni móc {r}",
            "nikt nie może odebrać prawa, by {g} mogli {r}",
            "{g} zawsze powinni móc {r}",
        ],
    },
    "ar": {
        "hate": [
            "يجب ألا يسمح ل{g} ب{r}",
            "{g} ليس لهم حق {r}",
            "يجب حرمان {g} من {r}",
            "لا يحق ل{g} {r}",
            "يجب منع {g} من {r}",
        ],
        "ok": [
            "يجب أن يسمح ل{g} ب{r}",
            "ل{g} الحق في {r} مثل الجميع",
            "يجب ألا يسمح ل{p} ب{r}",
            "لا يجوز حرمان {g} من {r}",
            "من حق {g} {r}",
        ],
    },
    "hi": {
        "hate": [
            "{g} को {r} का हक़ नहीं होना चाहिए",
            "{g} को {r} की इजाज़त नहीं मिलनी चाहिए",
            "{g} से {r} का अधिकार छीन लेना चाहिए",
            "{g} को कभी {r} नहीं देना चाहिए",
            "{g} पर {r} की पाबंदी लगनी चाहिए",
        ],
        "ok": [
            "{g} को {r} का हक़ होना चाहिए",
            "{g} को भी सबकी तरह {r} का अधिकार है",
            "{p} को {r} की इजाज़त नहीं मिलनी चाहिए",
            "{g} से {r} का अधिकार कोई नहीं छीन सकता",
            "{g} को {r} देना चाहिए",
        ],
    },
    "zh": {
        "hate": [
            "不应该允许{g}{r}",
            "{g}没有资格{r}",
            "应该剥夺{g}{r}的权利",
            "绝不能让{g}{r}",
            "应该禁止{g}{r}",
        ],
        "ok": [
            "应该允许{g}{r}",
            "{g}和大家一样有{r}的权利",
            "不应该允许{p}{r}",
            "谁也不能剥夺{g}{r}的权利",
            "{g}有权{r}",
        ],
    },
    "sw": {
        "hate": [
            "{g} hawapaswi kuruhusiwa {r}",
            "{g} wasiruhusiwe kamwe {r}",
            "{g} wanyimwe haki ya {r}",
            "{g} hawana haki ya {r}",
            "ni lazima {g} wazuiwe {r}",
        ],
        "ok": [
            "{g} wanapaswa kuruhusiwa {r}",
            "{g} wana haki ya {r} kama wote",
            "{p} hawapaswi kuruhusiwa {r}",
            "hakuna anayeweza kuwanyima {g} haki ya {r}",
            "{g} waendelee kuwa na haki ya {r}",
        ],
    },
}
