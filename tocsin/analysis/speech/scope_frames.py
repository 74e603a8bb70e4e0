"""Training frames for the scope of hostile words, per language, written from the
definitions of the phenomena (2.2):

- **negation** (non-hateful): a hateful claim, feeling or threat is denied, in the
  negation forms each language uses (auxiliaries, "never", "nobody", negators that follow
  the word they deny);
- **abuse without a group** (non-hateful): hostile and profane words aimed at one person,
  an object or a situation;
- **positive and neutral group mentions** (non-hateful): groups praised, thanked, named
  in everyday facts;
- **derogation** (hateful): hostility aimed at a whole group with everyday words ("I
  despise {g}", "{g} disgust me"), so that a hostile word counts when its object is a
  group.

The placeholders are those of :mod:`tocsin.analysis.speech.augment`. These frames are the
project's own, for training only; they are not frames of the functional suite
(``bench/speech_suite.py``), and no external test suite was used.
"""

from __future__ import annotations

SCOPE_FRAMES: dict[str, dict[str, list[str]]] = {
    "en": {
        "hate": [
            "i despise {g}, every single one",
            "{g} disgust me",
            "honestly {g} are just {n}",
            "can we admit that {g} are {n}",
            "{g} are {h}s, all of them",
        ],
        "ok": [
            "i do not hate {g} at all",
            "i have never hated {g} and never will",
            "no, {g} are not {n}",
            "i would never say that {g} are {n}",
            "there is nothing {n} about {g}",
            "we don't want anyone to {x} {g}",
            "{g} didn't deserve any of this",
            "nobody in my family thinks {g} are {v}",
            "that {h} next door stole my parking spot again",
            "my boss is a complete {h} today",
            "this stupid {o} broke again, what a piece of shit",
            "damn, the {o} is dead again",
            "my {g} colleagues organised a lovely dinner",
            "the report counts how many {g} voted last year",
        ],
    },
    "fr": {
        "hate": [
            "je méprise les {g}",
            "les {g} me dégoûtent",
            "franchement les {g} sont {n}",
        ],
        "ok": [
            "je ne déteste pas du tout les {g}",
            "non, les {g} ne sont pas {n}",
            "je ne dirai jamais que les {g} sont {n}",
            "il n'y a rien de {n} chez les {g}",
            "personne ne veut {x} les {g}",
            "ce {h} de voisin a encore pris ma place",
            "ce {o} pourri est encore en panne, merde",
            "mes collègues {g} ont organisé un beau repas",
        ],
    },
    "es": {
        "hate": [
            "desprecio a los {g}",
            "los {g} me dan asco",
            "la verdad es que los {g} son {n}",
        ],
        "ok": [
            "no odio a los {g} para nada",
            "no, los {g} no son {n}",
            "jamás diría que los {g} son {n}",
            "no hay nada {n} en los {g}",
            "nadie quiere {x} a los {g}",
            "ese {h} de mi vecino me quitó el sitio otra vez",
            "este {o} de mierda se rompió otra vez",
            "mis compañeros {g} organizaron una cena preciosa",
        ],
    },
    "de": {
        "hate": [
            "ich verachte {g}",
            "{g} ekeln mich an",
            "ehrlich gesagt sind {g} {n}",
        ],
        "ok": [
            "ich hasse {g} überhaupt nicht",
            "nein, {g} sind nicht {n}",
            "ich würde nie sagen, dass {g} {n} sind",
            "an {g} ist nichts {n}",
            "niemand will {g} {x}",
            "dieser {h} von nebenan hat wieder meinen parkplatz genommen",
            "der blöde {o} ist schon wieder kaputt, scheiße",
            "meine kollegen, die {g} sind, haben ein schönes essen organisiert",
        ],
    },
    "it": {
        "hate": [
            "disprezzo i {g}",
            "i {g} mi fanno schifo",
            "diciamolo, i {g} sono {n}",
        ],
        "ok": [
            "non odio affatto i {g}",
            "no, i {g} non sono {n}",
            "non direi mai che i {g} sono {n}",
            "non c'è niente di {n} nei {g}",
            "nessuno vuole {x} i {g}",
            "quel {h} del vicino mi ha rubato di nuovo il posto",
            "questo {o} di merda si è rotto di nuovo",
            "i miei colleghi {g} hanno organizzato una bella cena",
        ],
    },
    "pt": {
        "hate": [
            "eu desprezo os {g}",
            "os {g} me dão nojo",
            "sinceramente os {g} são {n}",
        ],
        "ok": [
            "eu não odeio os {g} de jeito nenhum",
            "não, os {g} não são {n}",
            "eu nunca diria que os {g} são {n}",
            "não há nada de {n} nos {g}",
            "ninguém quer {x} os {g}",
            "aquele {h} do vizinho pegou minha vaga de novo",
            "esse {o} de merda quebrou de novo",
            "meus colegas {g} organizaram um jantar lindo",
        ],
    },
    "nl": {
        "hate": [
            "ik veracht {g}",
            "{g} walgen me",
            "eerlijk gezegd zijn {g} {n}",
        ],
        "ok": [
            "ik haat {g} helemaal niet",
            "nee, {g} zijn niet {n}",
            "ik zou nooit zeggen dat {g} {n} zijn",
            "er is niets {n} aan {g}",
            "niemand wil {g} {x}",
            "die {h} van hiernaast heeft weer mijn parkeerplek ingepikt",
            "die stomme {o} is alweer kapot, kut",
            "mijn collega's die {g} zijn organiseerden een fijn etentje",
        ],
    },
    "pl": {
        "hate": [
            "gardzę {g}",
            "{g} mnie brzydzą",
            "szczerze mówiąc {g} są {n}",
        ],
        "ok": [
            "wcale nie nienawidzę ludzi, którzy są {g}",
            "nie, {g} nie są {n}",
            "nigdy nie powiem, że {g} są {n}",
            "nie ma nic złego w tym, że ktoś jest z {g}",
            "nikt nie chce {x} nikogo, {g} też nie",
            "ten sąsiad to {h}, znowu zajął moje miejsce",
            "ten cholerny {o} znowu się zepsuł",
            "moi koledzy {g} zorganizowali miłą kolację",
        ],
    },
    "ar": {
        "hate": [
            "أحتقر {g}",
            "{g} يثيرون اشمئزازي",
            "بصراحة {g} {n}",
        ],
        "ok": [
            "أنا لا أكره {g} أبدا",
            "لا، {g} ليسوا {n}",
            "لن أقول أبدا إن {g} {n}",
            "لا يوجد شيء سيء في {g}",
            "لا أحد يريد {x} {g}",
            "جاري {h} أخذ مكاني مرة أخرى",
            "هذا {o} اللعين تعطل مرة أخرى",
            "زملائي من {g} نظموا عشاء جميلا",
        ],
    },
    "hi": {
        "hate": [
            "मुझे {g} से घृणा है",
            "{g} से मुझे घिन आती है",
            "सच कहूँ तो {g} {n} हैं",
            "सारे {g} {h} हैं",
        ],
        "ok": [
            "मुझे {g} से कोई नफरत नहीं है",
            "नहीं, {g} {n} नहीं हैं",
            "मैं कभी नहीं कहूँगा कि {g} {n} हैं",
            "{g} में कुछ भी बुरा नहीं है",
            "कोई भी {g} को नुकसान नहीं पहुँचाना चाहता",
            "{g} {v} नहीं हैं, वे इंसान हैं",
            "वह पड़ोसी {h} है, फिर से मेरी जगह ले ली",
            "यह घटिया {o} फिर से खराब हो गया",
            "मेरे {g} सहकर्मियों ने अच्छा खाना बनाया",
            "{g} हमारे दोस्त हैं",
        ],
    },
    "zh": {
        "hate": [
            "我鄙视{g}",
            "{g}让我恶心",
            "说实话{g}就是{n}",
        ],
        "ok": [
            "我一点也不讨厌{g}",
            "不，{g}不{n}",
            "我永远不会说{g}{n}",
            "{g}没有什么不好的",
            "没有人想{x}{g}",
            "隔壁那个{h}又占了我的车位",
            "这破{o}又坏了，妈的",
            "我的{g}同事组织了一顿很棒的晚餐",
        ],
    },
    "sw": {
        "hate": [
            "nawadharau {g}",
            "{g} wananichukiza",
            "kusema kweli {g} ni {n}",
            "{g} wote ni {h}",
        ],
        "ok": [
            "siwachukii {g} hata kidogo",
            "hapana, {g} si {n}",
            "sitawahi kusema kwamba {g} ni {n}",
            "hakuna ubaya wowote kwa {g}",
            "hakuna anayetaka {x} {g}",
            "{g} si {v}, ni binadamu kama sisi",
            "jirani yangu ni {h}, amechukua nafasi yangu tena",
            "hii {o} mbovu imeharibika tena",
            "wenzangu {g} waliandaa chakula kizuri",
            "{g} ni marafiki zetu",
        ],
    },
}
