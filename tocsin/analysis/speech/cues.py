"""Word lists the classifier uses to generalise beyond memorised words: mentions of
groups (and which target group they name), negators, counter-speech cues, and the cues
of the two most dangerous categories, threats and dehumanisation, and (2.2) derogatory
and positive words whose scope the classifier reads. In the supported languages; all in
normalised form (see ``normalise.py``).

These are not hate lexicons: group names are neutral words. They let the model see
"a group is mentioned" and "this is negated or quoted" as features of their own. Group
words are data (``data/group_words.csv``, every supported language) joined by the
gazetteer's groups at risk (``data/groups.csv``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, get_args

from tocsin.analysis.speech import gazetteer, slurs
from tocsin.analysis.speech.augment import FRAMES
from tocsin.analysis.speech.normalise import normalise

Target = Literal[
    "ethnicity",
    "nationality",
    "religion",
    "gender",
    "sexual orientation",
    "disability",
    "migrants",
    "political affiliation",
    "other",
]
TARGETS: tuple[Target, ...] = get_args(Target)
# what a lexicon term or a hateful text may be; "none" for a text that is none of these
HarmCategory = Literal["dehumanisation", "threat", "derogation", "slur"]
Category = Literal[HarmCategory, "none"]
CATEGORIES: tuple[Category, ...] = get_args(Category)
HARM_CATEGORIES: tuple[HarmCategory, ...] = get_args(HarmCategory)

GROUP_WORDS_FILE = Path(__file__).parent / "data" / "group_words.csv"
# group names that are also everyday words are not read as groups, whichever file lists
# them: Arabic "الفور" (the Fur; "على الفور", at once) and "السنه" (the Sunnis; the year)
EVERYDAY_WORDS = frozenset({"الفور", "السنه"})


# German typed without umlauts writes them as two letters (decision 0524)
_UMLAUT_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


# the Arabic masculine plural ends in "ون" as a subject and "ين" otherwise ("ليسوا قذرين")
_AR_PLURAL_CASES = {"ين": "ون", "ون": "ين"}


def _spellings(term: str, lang: str) -> list[str]:
    """``term`` normalised; German also as typed without umlauts ("flüchtling*" ->
    "fluchtling*", "fluechtling*"), and an Arabic masculine plural in both its cases
    ("السوريين" -> "السوريون", decision 0527; "قذرون" -> "قذرين", decision 0531)."""
    norm = normalise(term)
    if lang == "de":
        typed = normalise(term.translate(_UMLAUT_DIGRAPHS))
        return [norm] + ([typed] if typed != norm else [])
    if lang == "ar" and norm[-2:] in _AR_PLURAL_CASES and len(norm) > 4:
        return [norm, norm[:-2] + _AR_PLURAL_CASES[norm[-2:]]]
    return [norm]


def group_terms(path: Path = GROUP_WORDS_FILE) -> dict[str, list[str]]:
    """Target -> the words that name such a group: ``path`` (protected groups in every
    supported language, columns lang, target, term; ``*`` ends a stem) and the
    gazetteer's groups at risk, all normalised (German words also as typed without
    umlauts, Arabic plurals in both cases)."""
    terms: dict[str, list[str]] = {t: [] for t in TARGETS}
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if not row.get("lang") or not row.get("term"):
                raise ValueError(f"{path}: line {line}: lang and term must not be empty")
            if row.get("target") not in terms:
                raise ValueError(
                    f"{path}: line {line}: unknown target {row.get('target')!r}; "
                    f"one of {', '.join(TARGETS)}"
                )
            terms[row["target"]] += _spellings(row["term"], row["lang"])
    for row in gazetteer.entries():
        terms[row["target"]] += _spellings(row["name"], row["lang"])
    return {t: [w for w in words if w not in EVERYDAY_WORDS] for t, words in terms.items() if words}


GROUP_TERMS = group_terms()

# words that deny the whole clause that follows them, as a denied word of truth does
# ("to nieprawda, że ...": it is untrue that ...; decision 0529)
CLAUSE_NEGATORS = {"untrue", "unwahr", "onwaar", "nieprawda", "nieprawdą"}

NEGATORS = {
    "not",
    "no",
    "never",
    "dont",
    "don't",
    "doesn't",
    "doesnt",
    "isn't",
    "isnt",
    "aren't",
    "arent",
    "wasn't",
    "weren't",
    "won't",
    "wont",
    "wouldn't",
    "cannot",
    "didn't",
    "didnt",
    "hasn't",
    "haven't",
    "hadn't",
    "shouldn't",
    "shouldnt",
    "couldn't",
    "mustn't",
    "ain't",
    "nothing",
    "neither",
    "nor",
    "none",
    "aucun",
    "aucune",
    "rien",
    "ningun",
    "ninguno",
    "ninguna",
    "jamas",
    "tampoco",
    "nichts",
    "weder",
    "niente",
    "nulla",
    "nemmeno",
    "neanche",
    "nem",
    "nenhum",
    "nada",
    "niets",
    "nergens",
    "nic",
    "zaden",
    "zadna",
    "hapana",
    "siyo",
    "ليست",
    "لسنا",
    "ولا",
    "ना",
    "can't",
    "cant",
    "nobody",
    "ne",
    "pas",
    "jamais",
    "personne",
    "nunca",
    "nadie",
    "لا",
    "ليس",
    "ليسوا",
    "لن",
    "لم",
    "ما",
    # the other persons of "ليس", and the negators of the dialects (decision 0523)
    "لست",
    "لستم",
    "لستن",
    "لسن",
    "ليسا",
    "ليستا",
    "مش",
    "مو",
    "مب",
    # German, Italian, Portuguese, Dutch, Polish, Swahili, Hindi, Mandarin (normalised)
    "nicht",
    "kein",
    "keine",
    "keinen",
    "keinem",
    "keiner",
    "keines",
    "nie",
    "niemals",
    "niemand",
    "non",
    "mai",
    "nessuno",
    "nao",
    "ninguem",
    "niet",
    "geen",
    "nooit",
    "nikt",
    "nigdy",
    "sio",
    "hakuna",
    "sitawahi",
    "sidhani",
    *(normalise(w) for w in CLAUSE_NEGATORS),
    "नहीं",
    "नही",
    "मत",
    "कभी",
    "不",
    "没",
    "别",
    "并不",
}

# listed negators that are other words in a language (decision 0548): Portuguese "no" is
# "in the" ("no Brasil"), Polish "no" is "well" ("no i znowu"); each says "não", "nie"
NOT_NEGATORS: dict[str, frozenset[str]] = {"pt": frozenset({"no"}), "pl": frozenset({"no"})}


def negators_of(lang: str | None) -> frozenset[str]:
    """The negators of texts in ``lang`` (every listed one when the language is unknown)."""
    return _NEGATORS_OF.get(lang or "", _ALL_NEGATORS)


_ALL_NEGATORS = frozenset(NEGATORS)
_NEGATORS_OF = {lang: _ALL_NEGATORS - words for lang, words in NOT_NEGATORS.items()}

# negators that follow what they deny (Hindi: "{group} गंदे नहीं हैं"): the word before
# them is in their scope as well as the words after
NEGATORS_AFTER = {"नहीं", "नही"}

# restrictive negation says "only", and what follows is asserted (decision 0559): "les {g}
# ne sont que des rats", "los {g} no son más que ratas", "{g} sind nichts als Ratten",
# "gli {g} non sono altro che ratti", "os {g} não passam de ratos", "{g} to nic innego jak
# szczury", Arabic "ما {g} إلا", Mandarin "不过" (only; also "however") and "不得不"
# (must). Each form: the negator, the verbs that may stand between it and the closing
# words (at most two; None: any words), how many of them it needs, and the closing words.
# A bare "que" or "che" needs a listed verb between: "je ne pense pas que ..." and "ils ne
# sont pas que ..." (not only) deny, and Italian "non è che ..." is "it is not that ...".
# English "nothing but", Dutch "niets dan", Polish "nic więcej niż", Arabic "ليسوا إلا",
# Hindi "सिवा" and Swahili "ila" already end the scope (SCOPE_ENDERS).
_FR_VERBS = (
    *("sont", "est", "étaient", "était", "seront", "sera", "seraient", "serait"),
    *("restent", "font", "fait", "savent", "sait", "sommes", "êtes"),
)
_ES_VERBS = (
    *("son", "es", "eran", "era", "serán", "será", "serían", "sería", "somos"),
    *("hacen", "hace", "saben", "sabe", "valen", "vale"),
)
_PT_VERBS = (
    *("são", "é", "eram", "era", "serão", "será", "seriam", "seria", "somos"),
    *("fazem", "faz", "sabem", "sabe", "valem", "vale"),
)
_IT_PLURAL = ("sono", "siete", "erano", "saranno", "sarebbero", "fanno", "sanno", "valgono")
_IT_VERBS = (*_IT_PLURAL, "è", "era", "sarà", "sarebbe", "fa", "sa", "vale")
_PL_VERBS = ("są", "jest", "byli", "będą", "to")
_RESTRICTIVE_SPEC: list[tuple[str, tuple[str, ...] | None, int, str]] = [
    *(("ne", _FR_VERBS, 1, closing) for closing in ("que", "qu'un", "qu'une")),
    *(("ne", _FR_VERBS, 0, f"rien {rest}que") for rest in ("", "d'autre ", "de plus ")),
    *(("rien", (), 0, closing) for closing in ("que", "d'autre que", "de plus que")),
    *(("no", _ES_VERBS, 0, closing) for closing in ("más que", "otra cosa que", "nada más que")),
    ("nada", (), 0, "más que"),
    *(("no", (), 0, closing) for closing in ("pasan de", "pasa de")),
    *(("não", (), 0, closing) for closing in ("passam de", "passa de")),
    *(
        ("não", _PT_VERBS, 0, f"{more} {than}")
        for more in ("mais", "nada mais")
        for than in ("que", "do que")
    ),
    *(
        ("não", _PT_VERBS, 0, closing)
        for closing in ("senão", "outra coisa que", "outra coisa senão")
    ),
    *(("nada", (), 0, closing) for closing in ("mais que", "mais do que")),
    ("non", _IT_PLURAL, 1, "che"),
    *(("non", _IT_VERBS, 0, closing) for closing in ("altro che", "nient'altro che", "se non")),
    *(("nichts", (), 0, closing) for closing in ("als", "anderes als", "weiter als", "mehr als")),
    ("nic", (), 0, "innego jak"),
    ("nie", _PL_VERBS, 0, "niczym innym jak"),
    # Arabic "ما ... إلا" with any one or two words between ("ما اليهود إلا جرذان")
    ("ما", None, 1, "إلا"),
    ("不", (), 0, "过"),
    ("不", (), 0, "得 不"),
]
RESTRICTIVE_FORMS: dict[str, list[tuple[frozenset[str] | None, int, tuple[str, ...]]]] = {}
for _negator, _verbs, _needs, _closing in _RESTRICTIVE_SPEC:
    RESTRICTIVE_FORMS.setdefault(normalise(_negator), []).append(
        (
            None if _verbs is None else frozenset(normalise(v) for v in _verbs),
            _needs,
            tuple(normalise(_closing).split()),
        )
    )
_RESTRICTIVE_REACH = 2  # words between the negator and the closing words


def restrictive_negators(tokens: list[str]) -> set[int]:
    """Positions of the negators that restrict rather than deny ("ne ... que", "nichts
    als", "不过"; :data:`RESTRICTIVE_FORMS`): every negator from the first word of the form
    to its closing words."""
    found: set[int] = set()
    if RESTRICTIVE_FORMS.keys().isdisjoint(tokens):  # most texts have none
        return found
    for i, tok in enumerate(tokens):
        for verbs, needs, closing in RESTRICTIVE_FORMS.get(tok, ()):
            for between in range(needs, _RESTRICTIVE_REACH + 1):
                start = i + 1 + between
                if verbs is not None and not verbs.issuperset(tokens[i + 1 : start]):
                    break
                if tuple(tokens[start : start + len(closing)]) == closing:
                    end = start + len(closing)
                    found.update(k for k in range(i, end) if tokens[k] in _ALL_NEGATORS)
                    break
    return found


# words that end a negation's scope: what follows "nothing but", "no better than", "not X
# but Y" is asserted, not denied ("they are nothing but vermin"). Texts are read without
# knowing their language, so only words that mean this in every supported language:
# French "que" also starts ordinary clauses ("je ne pense pas que ..."), French "mais" is
# Portuguese "more", Italian "ma" is Polish "has" ("nie ma" = "there is no"), Portuguese
# "mas" is Spanish "más" once accents are folded.
SCOPE_ENDERS = {
    normalise(w)
    for w in (
        *("but", "than", "except", "rather"),
        *("sondern", "aber", "sino", "pero", "maar", "dan", "ale", "niż"),
        *("bali", "ila", "لكن", "بل", "إلا", "लेकिन", "बल्कि", "सिवा"),
    )
}

# verbs of saying and neg-raising verbs ("think", "believe"): denied, they deny the whole
# clause that follows ("I would never say that {group} are vermin", "no one should claim
# {group} are filthy"), so the negation's scope runs on to the end of the clause instead
# of stopping after a few words. Normalised; Mandarin by character (说 say, 认 as in 认为
# consider, 觉 as in 觉得 feel, 称 call or claim, 叫 call).
SCOPE_WIDENERS = {
    normalise(w)
    for w in (
        *("say", "says", "said", "saying", "claim", "claims", "claimed", "call", "calls"),
        *("called", "think", "thinks", "believe", "believes", "agree", "suggest", "pretend"),
        *("accept", "tell", "assert", "imply"),
        *("dire", "dis", "dit", "dirais", "dirai", "dirait", "pretendre", "affirmer"),
        *("penser", "pense", "pensons", "croire", "crois", "croyons", "appeler", "traiter"),
        *("decir", "digo", "dice", "diria", "afirmar", "afirma", "pensar", "pienso", "creo"),
        *("creer", "llamar", "llamaria"),
        *("sagen", "sage", "sagt", "behaupten", "behaupte", "behauptet", "denke", "denken"),
        *("glaube", "glauben", "nennen", "nenne"),
        *("dico", "direi", "affermare", "penso", "pensare", "credo", "credere", "chiamare"),
        *("chiamerei", "dizer", "diz", "diria", "achar", "acho", "creio", "acreditar"),
        *("acredito", "chamar", "chamaria"),
        *("zeggen", "zeg", "zegt", "beweren", "beweer", "denk", "geloof", "geloven"),
        *("noemen", "noem"),
        *("powiedziec", "powiem", "mowic", "mowie", "twierdzic", "twierdze", "mysle"),
        *("myslec", "sadze", "nazywac", "uwazam"),
        # 2.26: the conditional, believing and agreeing (decision 0533)
        *("powiedziałbym", "powiedziałabym", "nazwałbym", "nazwałabym", "wierzę", "wierzyć"),
        *("zgadzam", "zgodzę"),
        # the past and the other persons (decision 0538): "nigdy bym nie powiedział, że"
        *("powiedział", "powiedziała", "powiedziałem", "powiedziałam", "powiedzieli"),
        *("mówił", "mówiła", "mówiłem", "mówiłam", "mówi", "mówią", "twierdził"),
        *("twierdziła", "twierdziłem", "twierdziłam", "twierdzi", "twierdzą", "myślałem"),
        *("myślałam", "sądziłem", "sądziłam", "uważałem", "uważałam", "nazwał", "nazwała"),
        *("sema", "kusema", "nasema", "sitasema", "kudai", "fikiri", "naamini", "amini"),
        *("कहूंगा", "कहूँगा", "कहना", "कहता", "कहती", "कहेंगे", "कहेगा", "सोचता", "सोचती"),
        *("मानता", "मानती"),
        *("أقول", "يقول", "نقول", "قال", "أعتقد", "يعتقد", "أظن"),
        # claiming, and "say" after "لم" (decision 0538): "لا ينبغي لأحد أن يدعي أن"
        *("يدعي", "يدعون", "تدعي", "أدعي", "ندعي", "ادعى", "يزعم", "يزعمون", "أزعم", "زعم"),
        *("يقولون", "تقول", "أقل"),
        *("说", "认", "觉", "称", "叫"),
        # words of truth: "it is not true that {group} are vermin" (decision 0529)
        *("true", "vrai", "cierto", "verdad", "wahr", "vero", "verdade", "waar", "prawda"),
        *("prawdą", "kweli", "صحيح", "صحيحا", "सच"),
        *CLAUSE_NEGATORS,
    )
}

# words that open the clause a verb of saying introduces ("that", "dass", "que", "कि")
COMPLEMENTISERS = {
    normalise(w)
    for w in ("that", "dass", "que", "che", "dat", "że", "żeby", "aby", "kwamba", "kuwa")
    + ("कि", "أن", "إن")
}

COUNTER_CUES = [
    "racism",
    "racist",
    "bigot*",
    "hate speech",
    "condemn*",
    "homophobia",
    "islamophobia",
    "antisemitism",
    "xenophobia",
    "misogyny",
    "is wrong",
    "are wrong",
    "must stop",
    "stand with",
    "solidarity",
    "never acceptable",
    "not acceptable",
    "no place",
    "dehumanising",
    "dehumanizing",
    "shameful",
    "is disgusting",
    "is unacceptable",
    "racisme",
    "raciste",
    "honteux",
    "condamne*",
    "discours de haine",
    "racismo",
    "inaceptable",
    "عنصري*",
    "الكراهيه",
]

# words that condemn, reject or report hate, per supported language (from the definition of
# counter-speech: the speaker opposes the hateful idea they repeat); words that only mean
# "hatred" are not among them, as haters use them too
_MORE_COUNTER = [
    "hateful",
    "ashamed",
    "shame on",
    "sickening",
    "propaganda",
    "unacceptable",
    "inexcusable",
    "report them",
    "speak up",
    "speak out",
    "bigotry",
    "haineux",
    "haineuse",
    "inacceptable",
    "propagande",
    "mensonge",
    "racista",
    "verguenza",
    "condeno",
    "mentira",
    "discriminacion",
    "rassismus",
    "rassistisch",
    "menschenverachtend",
    "hetze",
    "verurteile",
    "unertraglich",
    "schande",
    "luge",
    "razzismo",
    "razzista",
    "vergogna",
    "condanno",
    "inaccettabile",
    "vergonha",
    "inaceitavel",
    "discurso de odio",
    "racisme",
    "racistisch",
    "haatdragend",
    "veroordeel",
    "onaanvaardbaar",
    "rasizm",
    "nienawisci",
    "potepiam",
    "niedopuszczalne",
    "hanba",
    "خطاب كراهيه",
    "ادين",
    "مرفوض",
    "عنصريه",
    "नस्लवाद",
    "निंदा",
    "仇恨言论",
    "歧视",
    "谴责",
    "不可接受",
    "ubaguzi",
    "nalaani",
]

THREAT_CUES = [
    "kill*",
    "murder*",
    "slaughter*",
    "exterminat*",
    "eliminat*",
    "wipe out",
    "wipe them",
    "burn*",
    "hang*",
    "lynch*",
    "shoot*",
    "gas them",
    "behead*",
    "massacre*",
    "genocide",
    "cleanse",
    "cleansing",
    "to die",
    "should die",
    "must die",
    "hunt*",
    "rape*",
    "beat*",
    "bomb*",
    "guns",
    "machete*",
    "death to",
    "tuer",
    "tuez",
    "bruler",
    "bruleront",
    "exterminer",
    "massacrer",
    "chasser",
    "matar",
    "maten",
    "quemar",
    "exterminar",
    "اقتلوا",
    "اقتل",
    "قتل",
    "ذبح",
    "اذبحوا",
    "ابادة",
    "ابادتهم",
    "احرقوا",
]

DEHUMANISING_CUES = [
    "cockroach*",
    "vermin",
    "rat",
    "rats",
    "parasit*",
    "animal*",
    "subhuman*",
    "sub-human",
    "insect*",
    "snake*",
    "dogs",
    "pigs",
    "apes",
    "monkeys",
    "disease*",
    "plague",
    "cancer",
    "infest*",
    "swarm*",
    "invasion",
    "invaders",
    "filth",
    "scum",
    "termites",
    "weeds",
    "hyenas",
    "savages",
    "vermine",
    "cafards",
    "rats",
    "sauvages",
    "cucarachas",
    "ratas",
    "plaga",
    "parasitos",
    "animales",
    "حيوانات",
    "حشرات",
    "كلاب",
    "خنازير",
    "قرود",
    "سرطان",
    "جرذان",
]

# Threat and dehumanisation cues in the other supported languages (German, Italian,
# Portuguese, Spanish, French, Dutch, Polish, Hindi, Swahili, Mandarin, Arabic), written
# naturally and normalised below; Mandarin words are space-separated characters because
# Mandarin text is tokenised per character.
_MORE_THREAT = [
    "töten",
    "umbring*",
    "erschieß*",
    "erschossen",
    "aufhäng*",
    "aufgehängt",
    "vergas*",
    "ausrott*",
    "ausgerottet",
    "abschlacht*",
    "abknall*",
    "verbrenn*",
    "vernicht*",
    "uccid*",
    "uccis*",
    "ammazz*",
    "stermin*",
    "impicc*",
    "fucil*",
    "bruciar*",
    "bruciat*",
    "massacr*",
    "enforc*",
    "queimar",
    "queimad*",
    "extermin*",
    "mortos",
    "ahorc*",
    "colgar",
    "colgad*",
    "masacr*",
    "eliminar",
    "liquidar",
    "pendre",
    "pendus",
    "abattre",
    "égorg*",
    "buter",
    "éliminer",
    "doden",
    "neerschiet*",
    "ophang*",
    "opgehangen",
    "uitroei*",
    "uitgeroeid",
    "vergast",
    "afslacht*",
    "vermoord*",
    "afmaken",
    "zabić",
    "zabij*",
    "rozstrzel*",
    "powiesi*",
    "powieszeni",
    "wytępi*",
    "wymordowa*",
    "spalić",
    "spaleni",
    "मार",
    "मारो",
    "काट",
    "जला",
    "मिटा",
    "फांसी",
    "kuwaua",
    "waua*",
    "kuua",
    "kuwachinja",
    "wachinjw*",
    "kuwachoma",
    "wachomw*",
    "kuwamaliza",
    "wamalizw*",
    "kuwafyeka",
    "wanyongw*",
    "杀",
    "نذبح",
    "نقتل",
    "نحرق",
    "نبيد",
    "يذبحوا",
    "يقتلوا",
    "يحرقوا",
    "يبادوا",
    "يشنقوا",
    "شنق",
    "حرق",
    # 2.10: the forms threats take in the passive ("they should be killed"), whose
    # participle the stems above do not reach (decision 0512)
    "gassed",
    "wiped out",
    "shot dead",
    "executed",
    "abattus",
    "brûlés",
    "fusillés",
    "éliminés",
    "asesinados",
    "asesinar",
    "fusilados",
    "quemados",
    "gaseados",
    "eliminados",
    "assassinados",
    "fuzilados",
    "gassati",
    "eliminati",
    "sgozz*",
    "getötet",
    "ermord*",
    "umgebracht",
    "abgeschlachtet",
    "verbrannt",
    "hingerichtet",
    "erhängt",
    "gedood",
    "neergeschoten",
    "doodgeschoten",
    "afgeslacht",
    "afgemaakt",
    "verbrand",
    "opgeknoopt",
    "geëxecuteerd",
    "zabici",
    "zagazowa*",
    "wyrżnąć",
    "wyrżnięci",
    "wybici",
    "eksterminowa*",
    "zlikwidowa*",
    # Polish imperatives and the verbs of shooting, drowning, beating to death (0526)
    *("spalcie", "spalmy", "wymorduj*", "zagazuj*", "wyrżnij*", "eksterminuj*"),
    *("zlikwiduj*", "wytępmy", "powieśmy", "zastrzel*", "wystrzela*", "odstrzel*"),
    *("utopić", "utopcie", "utopmy", "zatłuc", "zatłuczcie", "zatłuczmy"),
    "मारे जाने",
    "मारे जाएं",
    "मारना",
    "मारने",
    "काटो",
    "काटे",
    "जलाओ",
    "मिटाओ",
    "मिटाना",
    "कत्ल",
    "क़त्ल",
    "kuwaangamiza",
    "waangamizw*",
    "اعدام",
    "اعدموا",
    # 2.21: the imperatives of exterminating, hanging, stoning and crushing (decision 0527)
    *("ابيدوا", "اشنقوا", "ارجموا", "اسحقوا", "نشنق", "نعدم"),
    "يعدموا",
    # 2.11: wishing a group dead, as "should die" and "must die" above (decision 0513)
    "sollen sterben",
    "sollten sterben",
    "müssen sterben",
    "verreck*",
    "crever",
    "crevez",
    "crèvent",
    "doivent mourir",
    "devraient mourir",
    "qu'ils meurent",
    "deberían morir",
    "deben morir",
    "que mueran",
    "muéranse",
    "devem morrer",
    "deveriam morrer",
    "que morram",
    "devono morire",
    "dovrebbero morire",
    "crepare",
    "crepino",
    "muoiano",
    "moeten dood",
    "moeten sterven",
    "verrekken",
    "powinni zginąć",
    "powinni umrzeć",
    "zdycha*",
    "zdechnąć",
    "zdechną",
    "niech giną",
    # 2.27: "deserve to die" and "death to", which English lists, in the other languages
    # (decision 0534)
    *("meritano di morire", "meritano la morte", "merecen morir", "merecen la muerte"),
    *("méritent de mourir", "méritent la mort", "verdienen den tod", "verdienen zu sterben"),
    *("merecem morrer", "merecem a morte", "verdienen de dood", "verdienen te sterven"),
    *("zasługują na śmierć", "يستحقون الموت", "يستحق الموت", "wanastahili kufa"),
    *("mort aux", "muerte a los", "morte agli", "morte ai", "tod den", "morte aos", "dood aan"),
    # 2.22: wiping out, and to the gallows (decision 0528); "wybi*" is not a stem: it
    # would read "wybierać" (to choose)
    *("wybić", "wybijcie", "wybijmy", "na szubienicę"),
    "मरो",
    "मर जाओ",
    "मरना चाहिए",
    "मर जाना चाहिए",
    "wafe",
    "موتوا",
    "يموتوا",
] + ["枪 毙", "烧 死", "吊 死", "灭 绝", "屠 杀", "消 灭", "处 死", "弄 死", "砍 死", "活 埋"]
_MORE_THREAT += ["去 死", "都 该 死", "死 光"]  # Mandarin: go die, all deserve to die, die out
# 2.39: threats in the forms their speakers make them, the future and "I"/"we", and the
# verbs of beating, burning down and stabbing (decision 0552); stems end where no common
# word shares them ("stab*" would read "stable")
_MORE_THREAT += [
    *("stab", "stab them", "set fire to", "set them on fire", "torch them", "drown them"),
    *("tuerai", "tuerons", "tueront", "brûlerai", "brûlerons", "brûleront", "brûlons"),
    *("incendier", "incendierons", "tabass*", "poignarder", "poignarderai"),
    *("mataré", "mataremos", "matarlos", "quemaré", "quemaremos", "quemarlos", "golpear"),
    *("golpearé", "golpearemos", "apalear*", "apuñal*", "linchar*"),
    *("brucer*", "bruciamo", "bruciamoli", "picchiare", "picchierò", "picchieremo"),
    *("picchiamoli", "pestarli", "accoltell*"),
    *("matarei", "queimarei", "queimaremos", "espanc*", "esfaquear*"),  # Portuguese
    *("niederbrenn*", "abfackel*", "verprügel*", "erstech*", "abstech*", "totschlagen"),
    *("platbrand*", "in brand steken", "in de fik steken", "in elkaar slaan"),
    *("in elkaar trappen", "doodslaan", "doodschieten", "neersteken"),
    *("spalimy", "spalę", "spalą", "podpal*", "pobić", "pobiję", "pobijemy", "pobijcie"),
    *("pobijmy", "rozwalimy", "zadźgam", "zadźgamy", "dźgnę"),
    *("पीट*", "जला देंगे", "मार देंगे", "मार डालेंगे"),
    *("揍", "打 死", "烧 毁", "烧 光", "捅 死"),
    *("tutawachoma", "nitawachoma", "tutawaua", "nitawaua", "tutawapiga", "nitawapiga"),
    *("wachomwe", "wauawe", "wapigwe"),
]
# 2.45: a life denied to a group, in Swahili, whose negation is in the verb (decision 0560;
# the other languages read it with DENIED_LIFE)
_MORE_THREAT += ["hawastahili kuishi", "hawapaswi kuishi", "hawapaswi kuwepo", "wasiwepo"]
_MORE_THREAT += ["hawana haki ya kuishi", "hawana haki ya kuwepo", "wasiishi"]
# 2.40: German and Dutch verbs of violence whose particle ends the clause, apart from the
# verb ("ich bringe jeden ... um", "ik sla ze dood"): particle -> the verbs it makes
# violent (decision 0554); "*" ends a stem. "auf" (hängt die Wäsche auf) and "um" with
# "leg-" (legt die Kosten um) are left out: their everyday sense is common.
SEPARABLE_THREATS: dict[str, tuple[str, ...]] = {
    "um": ("bring*", "brach*"),
    "ab": ("stech*", "stach*", "knall*", "schlacht*", "fackel*", "murks*"),
    "tot": ("schlag*", "schläg*", "schlug*", "prügel*", "tret*", "tritt*", "schieß*", "schoss*"),
    "nieder": ("brenn*", "brann*", "schieß*", "schoss*", "stech*", "stach*", "metzel*", "mäh*"),
    "kalt": ("mach*",),
    "af": ("maak", "maakt", "maken", "slacht*"),
    "dood": ("schiet*", "schoot", "sla", "slaat", "slaan", "sloeg*", "steek", "steekt", "steken")
    + ("trap*", "schop*", "maak", "maakt", "maken"),
    "neer": ("schiet*", "schoot", "steek", "steekt", "steken", "knal*", "maai*"),
    "plat": ("brand*",),
}
_MORE_DEHUMANISING = [
    "ratten",
    "kakerlaken",
    "ungeziefer",
    "parasiten",
    "tiere",
    "schweine",
    "affen",
    "untermensch*",
    "pest",
    "krebsgeschwür",
    "insekten",
    "ratti",
    "scarafaggi",
    "parassiti",
    "bestie",
    "animali",
    "porci",
    "scimmie",
    "subumani",
    "vermi",
    "peste",
    "cancro",
    "ratos",
    "baratas",
    "vermes",
    "parasitas",
    "animais",
    "porcos",
    "macacos",
    "praga",
    "alimañas",
    "cerdos",
    "monos",
    "infrahumanos",
    "animaux",
    "porcs",
    "singes",
    "sous-hommes",
    "maladie",
    "kakkerlakken",
    "ongedierte",
    "parasieten",
    "beesten",
    "varkens",
    "apen",
    "kanker",
    "dieren",
    "szczur*",
    "karaluch*",
    "robactw*",
    "pasożyt*",
    "zwierzęta",
    "świnie",
    "małpy",
    "zaraza",
    "rakiem",
    # 2.22: Polish nouns of vermin and filth in every case ("są zwierzętami", they are
    # animals; "tych szkodników", of these pests) and more of them (decision 0528)
    *("zwierzętami", "zwierząt", "świniami", "świń", "małpami", "małp"),
    *("szkodnik*", "robak*", "pluskw*", "gnidy", "bydło", "bydłem", "ścierw*", "padlin*"),
    *("śmieć", "śmiecie", "śmieciami", "śmieciem", "podludz*", "hołot*", "insektami"),
    *("insektów", "insekty"),
    "चूहे",
    "कॉकरोच",
    "कीड़े",
    "परजीवी",
    "जानवर",
    "सूअर",
    "बंदर",
    "दीमक",
    "कुत्ते",
    "कैंसर",
    "महामारी",
    "panya",
    "mende",
    "wadudu",
    "wanyama",
    "nguruwe",
    "nyani",
    "madoadoa",
    "kwekwe",
    "nyoka",
    "kansa",
    "猪",
    "狗",
    "صراصير",
    "طفيليات",
    "قردة",
    "وباء",
    # 2.32: what one language listed and the next lacked, and the templates' own vermin
    # fillers; a hyphenated word as the reader splits it (decision 0544)
    *("rodents", "leeches", "lice", "maggots", "locusts", "pests", "swine", "beasts"),
    *("garbage", "sub - human"),
    *("chiens", "sangsues", "poux", "asticots", "déchets", "serpents", "nuisibles"),
    *("bêtes", "microbes", "vermines", "sous - hommes"),
    *("perros", "sanguijuelas", "piojos", "gusanos", "serpientes", "bestias", "escoria"),
    *("hunde", "blutsauger", "läuse", "maden", "schlangen", "schädlinge", "bestien"),
    "viecher",
    *("topi", "maiali", "cani", "sanguisughe", "pidocchi", "spazzatura", "serpenti"),
    "insetti",
    *("cães", "cachorros", "sanguessugas", "piolhos", "escória", "cobras", "bestas"),
    *("insetos", "sub - humanos"),
    *("honden", "bloedzuigers", "luizen", "afval", "slangen", "uitschot"),
    *("psy", "psami", "psów", "pijawki", "pijawkami", "wszy", "wszami", "węże", "wężami"),
    "węży",
    *("فئران", "قمامة", "زبالة", "ثعابين", "وحوش"),
    *("जोंक", "जूँ", "कचरा", "सांप", "गंदगी"),
    *("vimelea", "mbwa", "kunguni", "chawa", "uchafu", "nzige", "funza"),
] + [
    *("老 鼠", "蟑 螂", "害 虫", "寄 生", "畜 生", "瘟 疫", "虫 子", "癌 症"),
    *("猴 子", "蚂 蟥", "虱 子", "禽 兽", "败 类", "人 渣"),  # 2.32 (decision 0544)
    # 2.41: plague, cancer and tumour where a language lacked them (decision 0555)
    *("seuche", "dżuma", "dżumą", "طاعون", "毒 瘤", "नासूर", "प्लेग", "tauni", "saratani"),
]


# every form of every listed slur (``data/slurs.csv``, read by ``slurs.py``)
SLUR_TERMS = [row["term"] for row in slurs.entries()]

# Words that say something bad about whoever they describe ("disgusting", "scum",
# "idiot") and words that hate, in every supported language: on their own they are abuse,
# hateful only when aimed at a group. With a group word they make ``__grp_hostile__``;
# inside a negation's scope ``__neg_hostile__``. The training templates' fillers for
# negative descriptors and insults (``augment.FRAMES``) are added to these in
# :data:`INDEX`.
DEROGATORY_CUES = [
    "hate",
    "hates",
    "despise*",
    "detest*",
    "loathe*",
    "filth*",
    "lazy",
    "dishonest",
    "thieves",
    "terrorists",
    # 2.27: the same stereotype words in the other languages (decision 0534)
    *("voleurs", "ladrones", "ladri", "diebe", "ladrões", "dieven", "terroristes"),
    *("terroristas", "terroristi", "terroristen"),
    "deteste*",
    "hais",
    "haissent",
    "meprise*",
    "racaille",
    "odio a",
    "odian",
    "desprecio",
    "hasse",
    "hassen",
    "gesindel",
    "pack",
    "detesto",
    # 2.33: Italian "odio" where it is the verb, not the noun: before an article, a
    # determiner or an adverb, or after a pronoun; the verb's other forms (decision 0545)
    *("odio i", "odio gli", "odio le", "odio tutti", "odio tutte", "odio questi"),
    *("odio queste", "odio quei", "odio quegli", "odio quelle", "odio profondamente"),
    *("odio davvero", "odio proprio", "io odio", "li odio", "le odio", "vi odio", "odia*"),
    "odiamo",
    # 2.35: the verbs of hate, loathing and contempt each language lacked (decision 0547)
    *("verabscheu*", "verachte", "verachten", "aborrezco", "aborrecemos", "aborrecen"),
    *("aborrecer", "walg van", "verafschuw*", "minacht*", "veracht*", "brzydz*"),
    *("امقت", "نمقت", "يمقتون", "चिढ़", "鄙视", "厌恶", "仇视"),
    *("ninawachukia", "ninachukia", "tunachukia", "wanawachukia", "wanachukia"),
    *("anawachukia", "nimewachukia", "tumewachukia"),
    # 2.38: hate in the past and the plural, and disgust, in the words people use (0550)
    *("hated", "make me sick", "makes me sick", "disgust me", "disgusts me"),
    *("me rendent malade", "me rend malade", "me degoutent", "me degoute", "haissons"),
    *("me dan asco", "me da asco", "me revuelven el estomago", "me repugnan", "odiamos"),
    *("odiado", "machen mich krank", "ekeln mich an", "ekelt mich an", "widern mich an"),
    *("gehasst", "mi fanno schifo", "mi fa schifo", "mi disgustano", "odiei", "me enojam"),
    *("hekel aan", "maken me misselijk", "maken me ziek", "gehaat", "obrzydza*", "wstret*"),
    *("mdlosci", "كرهت", "كرهنا", "كرهوا", "يقرفونني", "اشميزاز*", "घिन", "作呕", "反胃"),
    *("wananichukiza", "ananichukiza", "kichefuchefu", "kinyaa"),
    "odeio",
    "odeiam",
    "nojo",
    "haat",
    "haten",
    "tuig",
    # 2.22: Polish words of contempt in every case and gender ("głupie", "brudnych",
    # "przestępcami"), and more of them (decision 0528)
    *("nienawidz*", "gardz*", "brudn*", "głupi*", "głupc*", "dzikus*", "dzicz"),
    *("leniw*", "chciw*", "prymitywn*", "bezużyteczn*", "podłe", "podłych", "darmozjad*"),
    *("przestępcami", "przestępców", "bandyci", "bandyt*", "złodzie*", "terroryści"),
    *("terrorystami", "terrorystów", "gwałciciel*", "najeźdźc*"),
    *("kłamc*", "kłamliw*", "bezwartościow*", "oszuści", "oszustami", "oszustów"),  # 0538
    "اكره",
    "نكره",
    "نفرت",
    "नफरत",
    "घृणा",
    "讨厌",
    "恨",
    "nachukia",
    "nawachukia",
    "tunawachukia",
    # 2.6: contempt and disgust in every supported language
    "disgusting",
    "ekelhaft*",
    "widerlich*",
    "dreckig*",
    "degoutant*",
    "meprisable*",
    "asqueros*",
    "desprecia*",
    "schifos*",
    "disprezz*",
    "nojent*",
    "desprez*",
    "walgelijk*",
    "smerig*",
    "veracht*",
    "gardze",
    "gardzimy",
    "obrzydliw*",
    "odrazaj*",
    "قذر*",
    "مقرف*",
    "نحتقر",
    "احتقر",
    "घिनौने",
    "गंदे",
    "恶心",
    "肮脏",
    "看不起",
    "wachafu",
    "nawadharau",
    # 2.24: the templates' words of contempt in every gender and number (decision 0530);
    # whole words where a stem would read another word ("suj*": "sujeito", a subject;
    # "faul*": "fault"; "crimine*": Italian "crimine", a crime)
    *("inferieur*", "inferior*", "abject*", "stupid*", "primiti*", "degueulass*"),
    *("paresseu*", "faineant*", "cupide*", "criminelle", "criminelles", "criminele"),
    *("sucio", "sucia", "sucias", "codicios*", "flojas", "sporco", "sporca"),
    *("sporche", "cattiv*", "pigr*", "disgustos*", "fannullon*", "sujo", "suja", "sujas"),
    *("burra", "burras", "preguiços*", "vagabund*", "ganancioso", "gananciosa"),
    *("gananciosas", "dumme", "dummen", "faule", "faulen", "minderwertig*", "gierig*"),
    *("wertlos*", "verlogen*", "widerwärtig*", "vieze", "domme", "nutteloze"),
    *("minderwaardig*", "achterlijk*", "hebzuchtig*", "gorsz*"),
    # exclusion and stereotype without a hostile word (implicit derogation): a group
    # called a burden, invaders or criminals, or told to go back
    "burden",
    "go back",
    "invaders",
    "invasion",
    "criminals",
    "rapists",
    "scroungers",
    "fardeau",
    "envahisseurs",
    "criminels",
    "violeurs",
    "rentrez chez vous",
    "lastre",
    "invasores",
    "criminales",
    "delincuentes",
    "violadores",
    "vuelvan a su pais",
    "belastung",
    "invasoren",
    "kriminelle",
    "vergewaltiger",
    "geht zuruck",
    "invasori",
    "invasione",
    "criminali",
    "delinquenti",
    "stupratori",
    "tornatevene",
    "fardo",
    "invasao",
    "criminosos",
    "bandidos",
    "estupradores",
    "voltem para",
    "indringers",
    "criminelen",
    "verkrachters",
    "ga terug",
    "ciezar",
    "inwazja",
    "przestepcy",
    "wracajcie",
    *("wynocha", "precz z", "wyrzuć*", "wypędź*"),  # get out, away with, throw out (0528)
    "عبء",
    "غزاه",
    "مجرمين",
    # 2.25: Arabic words of contempt (decision 0531): terrorists, traitors, thieves,
    # rapists, dirty (also in the dialects), and "we expel"
    *("ارهابيين", "ارهابيون", "خونة", "لصوص", "مغتصبين", "مغتصبون", "وسخين", "وسخون"),
    *("اوساخ", "نطرد"),
    "ارجعوا",
    *("اطردوا", "التخلص من", "نتخلص من"),  # expel!, getting rid of (decision 0527)
    "बोझ",
    "अपराधी",
    "वापस जाओ",
    "负担",
    "入侵",
    "罪犯",
    "滚回",
    "mzigo",
    "wavamizi",
    "wahalifu",
    "warudi kwao",
]

# Words of praise, welcome, respect and thanks: with a group word and no hostile word
# they make ``__grp_positive__`` (the templates' positive fillers are added in INDEX).
POSITIVE_CUES = [
    "love",
    "respect*",
    "welcome*",
    "admire*",
    "proud",
    "support*",
    "thank*",
    "friends",
    "aime",
    "bienvenue",
    "fiers",
    "soutien*",
    "merci",
    "quiero",
    "respeto",
    "orgullos*",
    "apoyo",
    "gracias",
    "liebe",
    "stolz",
    "unterstutze*",
    "danke",
    "amo",
    "orgoglios*",
    "sostegno",
    "grazie",
    "respeito",
    "orgulho*",
    "apoio",
    "obrigad*",
    "hou van",
    "trots",
    "steun",
    "bedankt",
    "kocham",
    "szacunek",
    "dumni",
    "wspieram",
    "dziekuje",
    "احب",
    "احترام",
    "نرحب",
    "شكرا",
    "प्यार",
    "सम्मान",
    "स्वागत",
    "धन्यवाद",
    "गर्व",
    "喜欢",
    "尊重",
    "欢迎",
    "感谢",
    "骄傲",
    "nawapenda",
    "heshima",
    "karibu*",
    "asante",
    # 2.6: praise, respect, pride, welcome and solidarity in every supported language
    "wonderful",
    "enrich*",
    "respekt",
    "stolze",
    "wunderbar*",
    "bereicher*",
    "willkommen",
    "freunde",
    "fiere",
    "merveilleu*",
    "solidaire",
    "solidaires",
    "respeta*",
    "maraviloso*",
    "maravillos*",
    "enriquec*",
    "bienvenid*",
    "amigos",
    "rispett*",
    "fier",
    "fiero",
    "fieri",
    "admiro",
    "admiramos",
    "admiracao",
    "admiracion",
    "adoro",
    "adoramos",
    "adore",
    "formidable*",
    "genereux",
    "genereuses",
    "generosos",
    "generosas",
    "generosi",
    "courageux",
    "courageuses",
    "valientes",
    "corajosos",
    "coraggiosi",
    "talentueux",
    "talentosos",
    "meraviglios*",
    "arricchi*",
    "benvenut*",
    "amici",
    "respeitar",
    "maravilhos*",
    "bem-vind*",
    "bem vindos",
    "respect",
    "geweldig*",
    "verrijk*",
    "welkom",
    "vrienden",
    "szanuje",
    "szanujemy",
    "wspania*",
    "wzbogac*",
    "witamy",
    "przyjaciele",
    "dumny",
    "نحترم",
    "نفتخر",
    "فخور*",
    "رائع*",
    "اصدقاء",
    "اهلا",
    "मित्र",
    "दोस्त",
    "शानदार",
    "इज़्ज़त",
    "自豪",
    "朋友",
    "站在一起",
    "支持",
    "了不起",
    "优秀",
    "marafiki",
    "tunawaheshimu",
    "tunajivunia",
]

# Profane words (decision 0543). On their own, or anywhere else in a text, they are not
# hate; aimed at a group's name (:func:`profanity_at_group`) they are a derogatory word
# said of it. Swahili has none: the project cannot write its profanity with confidence.
PROFANITY = [
    *("fuck", "fucking", "fuckin", "fucked", "motherfucking", "goddamn", "goddamned"),
    *("damn", "damned", "shitty", "effing", "frigging"),
    *("putain", "merde", "emmerde", "foutus", "foutues", "encules"),
    *("puto", "putos", "puta", "putas", "mierda", "maldito", "malditos", "maldita"),
    *("malditas", "jodidos", "jodidas", "pinche", "pinches", "cabrones"),
    *("scheiß*", "verdammt*", "verfickt*", "fick"),
    *("fottut*", "cazzo", "merda", "maledett*", "stramaledett*"),
    *("porra", "fodidos", "fodidas", "caralho"),
    *("kut", "klote", "godverdomme", "verdomde", "tering", "tyfus", "kolere"),
    *("pierdolen*", "jeban*", "zasran*", "kurwa", "kurwy", "pieprzen*"),
    *("يلعن", "تبا", "ملاعين", "الملاعين", "لعنة"),
    *("साले", "साला", "सालों", "हरामी", "हरामखोर", "कमीने", "कमीना"),
    *("该死的", "他妈的", "妈的", "狗日的"),
]
# words that may stand between a profane word and the group it is aimed at: "putain de
# {g}", "fuck the {g}", "{g} de mierda", "يلعن أبو {g}"
PROFANITY_LINKS = frozenset(
    normalise(w)
    for w in (
        *("the", "these", "those", "all", "of"),
        *("de", "des", "les", "ces", "tous"),
        *("los", "las", "esos", "esas", "estos", "estas", "todos"),
        *("die", "diese", "alle", "den", "der"),
        *("di", "del", "dei", "degli", "delle", "i", "gli", "le", "questi", "quei", "tutti"),
        *("da", "do", "dos", "das", "os", "as", "esses", "essas"),
        *("deze", "van"),
        *("te", "ci", "wszyscy"),
        *("أبو", "على"),
        *("ये", "वो", "सब", "सारे"),
    )
)

QUOTE_CHARS = '"“”«»„‟'


_CJK_TERM = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _term_key(term: str) -> str:
    """A term as the classifier's tokens see it: Mandarin is read one character at a time,
    so ``谴责`` is the phrase ``谴 责``."""
    if _CJK_TERM.search(term):
        return " ".join(c for c in term if not c.isspace())
    return term


# words the swap reading reads: four letters or more in Latin, Arabic or Devanagari
# script (a Devanagari vowel sign is a code point of its own, swapped like a letter)
SWAPPABLE_WORD = re.compile(r"[a-z]{4,}|[\u0621-\u064a]{4,}|[\u0900-\u097f]{4,}")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{4,}")
# Arabic writes conjunctions, prepositions and the article before a word and object
# pronouns after it ("بالمسلمين", "قتلهم"); a word that matches no term is also read
# without them, longest first
_AR_PROCLITICS = ("", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_AR_ENCLITICS = ("", "هما", "هم", "هن", "كم", "ها", "نا", "ه")
# the future particle, alone or after "and"/"so", before the prefix of a present verb
_AR_FUTURE = ("وس", "فس", "س")
_AR_PRESENT = frozenset("انتي")


def arabic_cores(tok: str) -> Iterator[str]:
    """An Arabic word of four letters or more without its clitics, longest clitics first
    (``بالمسلمين`` -> ``مسلمين``): at least three letters left. The future "س" comes
    off a verb in the present (``سنقتل`` -> ``نقتل``), and a plural verb that lost its
    silent alif before an object pronoun gets it back (``اقتلوهم`` -> ``اقتلوا``)."""
    if not _ARABIC_WORD.fullmatch(tok):
        return
    for pre in _AR_PROCLITICS:
        if not tok.startswith(pre):
            continue
        for post in _AR_ENCLITICS:
            if (pre or post) and tok.endswith(post) and len(tok) - len(pre) - len(post) >= 3:
                core = tok[len(pre) : len(tok) - len(post)]
                yield core
                if pre == "لل":  # "ل" + "ال" is written "لل" ("للسوريين"), and "لل" before
                    yield "ال" + core  # a word that begins with "ل" ("للاجئين")
                    yield "الل" + core
                if post and core.endswith("و"):
                    yield core + "ا"
    for pre in _AR_FUTURE:
        verb = tok[len(pre) :]
        if tok.startswith(pre) and verb[0] in _AR_PRESENT and len(verb) >= 3:
            yield verb
            yield from arabic_cores(verb)


# French and Italian elide an article, preposition or pronoun into the next word
# ("d'immigrés", "j'admire", "l'ebreo"): the word after the apostrophe is read too
_ELIDED = re.compile(
    r"(?:l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu|un|dell|all|nell|sull|dall|quell)'(\w{3,})"
)
# words of their own that are one swap of neighbouring letters away from a listed term,
# found by scanning the training corpora and the held-out corpus words ("marcia", a
# march; "yourte", a yurt; tests/speech/test_transpositions.py keeps the list complete
# and free of dead entries): they are read as themselves, not as misspellings
TRANSPOSITION_WORDS = frozenset(
    {
        "viel",
        "apne",
        "pets",
        "fires",
        "roam",
        "veis",
        "vise",
        "moons",
        "hata",
        "amie",
        "africain",
        "fire",
        "marcia",
        "yourte",
        "case",  # "caes" (cães, dogs) with two letters swapped (decision 0544)
        "مفروض",  # "supposed to"; "مرفوض", rejected, with two letters swapped (0549)
    }
)


class TermIndex:
    """Finds terms among a text's tokens with dictionary look-ups (fast): whole words,
    phrases of up to four words, and stems (``kill*``) as prefixes of a word. Look-ups of
    single words are cached."""

    def __init__(self, kinds: dict[str, list[str]]) -> None:
        self.exact: dict[str, frozenset[str]] = {}
        self.stems: dict[str, frozenset[str]] = {}
        self._starts: dict[str, int] = {}  # first word of a phrase -> its most words
        for kind, terms in kinds.items():
            for term in terms:
                table = self.stems if term.endswith("*") else self.exact
                key = _term_key(term.rstrip("*"))
                table[key] = table.get(key, frozenset()) | {kind}
                words = key.split()
                if len(words) > 1 and table is self.exact:
                    self._starts[words[0]] = max(self._starts.get(words[0], 0), len(words))
        lengths = [len(s) for s in self.stems] or [0]
        self._min, self._max = min(lengths), max(lengths)
        self._cache: dict[str, frozenset[str]] = {}
        self._groups: dict[str, bool] = {}

    def spelled(self, tok: str, min_stem: int = 0) -> frozenset[str]:
        """Kinds of the terms ``tok`` is as written: a whole term, or a word a stem (of at
        least ``min_stem`` letters) begins."""
        kinds = self.exact.get(tok, frozenset())
        for end in range(max(self._min, min_stem), min(len(tok), self._max) + 1):
            stem = self.stems.get(tok[:end])
            if stem:
                kinds = kinds | stem
        return kinds

    def _transposed(self, tok: str) -> frozenset[str]:
        """Kinds of the term ``tok`` is a misspelling of by two neighbouring letters
        swapped (``haet``, ``mulsims``, ``المسملين``, ``मुलसमान``): words of four letters or
        more in Latin, Arabic or Devanagari script (decision 0549), first letter kept,
        stems of at least six letters; never a word listed in ``TRANSPOSITION_WORDS``."""
        if not SWAPPABLE_WORD.fullmatch(tok) or tok in TRANSPOSITION_WORDS:
            return frozenset()
        return self.swap_reading(tok)

    def swap_reading(self, tok: str) -> frozenset[str]:
        """Kinds of the term ``tok`` spells with two neighbouring letters swapped back
        (first letter kept, stems of at least six letters), whether or not ``tok`` is also
        a word of its own."""
        for i in range(1, len(tok) - 1):
            swapped = tok[:i] + tok[i + 1] + tok[i] + tok[i + 2 :]
            kinds = self.spelled(swapped, min_stem=6) if swapped != tok else frozenset()
            if kinds:
                return kinds
        return frozenset()

    def _without_clitics(self, tok: str) -> frozenset[str]:
        """Kinds of the term an Arabic word is with its clitics taken off (``بحرق`` ->
        ``حرق``, ``قتلهم`` -> ``قتل``): at least three letters left, stems of at least
        four."""
        for core in arabic_cores(tok):
            kinds = self.spelled(core, min_stem=4)
            if kinds:
                return kinds
        return frozenset()

    def _elided(self, tok: str) -> frozenset[str]:
        """Kinds of the word after a French or Italian elision (``d'immigres`` ->
        ``immigres``)."""
        elided = _ELIDED.fullmatch(tok)
        return self.kinds(elided.group(1)) if elided else frozenset()

    def _word(self, tok: str) -> frozenset[str]:
        kinds = (
            self.spelled(tok)
            or self._transposed(tok)
            or self._without_clitics(tok)
            or self._elided(tok)
        )
        if len(self._cache) < 200_000:
            self._cache[tok] = kinds
        return kinds

    def kinds(self, tok: str) -> frozenset[str]:
        """Kinds of the single-word terms ``tok`` matches (cached)."""
        kinds = self._cache.get(tok)
        return self._word(tok) if kinds is None else kinds

    def names_group(self, tok: str) -> bool:
        """Whether ``tok`` is (part of) a target group's name (cached)."""
        named = self._groups.get(tok)
        if named is None:
            named = any(k[:4] == "grp:" for k in self.kinds(tok))
            if len(self._groups) < 200_000:
                self._groups[tok] = named
        return named

    def spans(self, tokens: list[str]) -> Iterator[tuple[int, int, frozenset[str]]]:
        """Each term in ``tokens`` (normalised words): where it starts and ends, and its
        kinds."""
        cache, exact, starts = self._cache, self.exact, self._starts
        for i, tok in enumerate(tokens):
            kinds = cache.get(tok)
            if kinds is None:
                kinds = self._word(tok)
            if kinds:
                yield i, i + 1, kinds
            longest = starts.get(tok)
            if longest:
                for end in range(i + 2, min(i + longest, len(tokens)) + 1):
                    phrase = exact.get(" ".join(tokens[i:end]))
                    if phrase:
                        yield i, end, phrase

    def find(self, tokens: list[str]) -> set[str]:
        """Kinds of the terms present in ``tokens`` (normalised words)."""
        found: set[str] = set()
        for _, _, kinds in self.spans(tokens):
            found |= kinds
        return found


def _fillers(*keys: str) -> list[str]:
    """The training templates' word lists ``keys`` in every language (a leading article
    dropped: "a disgrace" -> "disgrace"), normalised and in their other spellings
    (:func:`_spellings`)."""
    return [
        spelled
        for lang, spec in FRAMES.items()
        for key in keys
        for w in spec.get(key, [])
        for spelled in _spellings(_without_article(w), lang)
    ]


def _without_article(filler: str) -> str:
    first, _, rest = filler.partition(" ")
    return rest if rest and first in _ARTICLES else filler


_ARTICLES = {"a", "an", "the", "des", "les", "de"}

INDEX = TermIndex(
    {f"grp:{group}": terms for group, terms in GROUP_TERMS.items()}
    | {
        "cue:counter": [normalise(t) for t in COUNTER_CUES + _MORE_COUNTER],
        "cue:threat": [normalise(t) for t in THREAT_CUES + _MORE_THREAT],
        "cue:dehum": [normalise(t) for t in DEHUMANISING_CUES + _MORE_DEHUMANISING],
        "cue:slur": [normalise(t) for t in SLUR_TERMS],
        "cue:derog": [normalise(t) for t in DEROGATORY_CUES] + _fillers("n", "h"),
        "cue:positive": [normalise(t) for t in POSITIVE_CUES] + _fillers("q"),
    }
)


# the verbs of SEPARABLE_THREATS, each of the kind of its particle
_PARTICLES = frozenset(normalise(particle) for particle in SEPARABLE_THREATS)
SEPARABLE_INDEX = TermIndex(
    {
        normalise(particle): [normalise(v) for v in verbs]
        for particle, verbs in SEPARABLE_THREATS.items()
    }
)


def _clauses(tokens: list[str], boundaries: set[str]) -> Iterator[tuple[list[str], list[str]]]:
    """Each clause of ``tokens`` (an analysis's marked tokens; ``boundaries`` end one): its
    marked tokens and its words without the ``n_`` mark."""
    clause: list[str] = []
    for tok in [*tokens, None]:  # None ends the last clause
        if tok is not None and tok not in boundaries:
            clause.append(tok)
            continue
        yield clause, [t[2:] if t[:2] == "n_" else t for t in clause]
        clause = []


def separable_threat(tokens: list[str], boundaries: set[str]) -> bool:
    """Whether a clause of ``tokens`` (an analysis's marked tokens; ``boundaries`` end a
    clause) ends in a particle of :data:`SEPARABLE_THREATS` with one of its verbs before
    it, both said (not denied or quoted, which marks them)."""
    for clause, _ in _clauses(tokens, boundaries):
        particle = clause[-1] if clause else ""
        if particle in _PARTICLES and any(
            particle in SEPARABLE_INDEX.spelled(word) for word in clause[:-1]
        ):
            return True
    return False


def _negations(plain: list[str]) -> list[int]:
    """Positions of the negators of a clause's words (French "ne ... pas" counts once)."""
    negators = [i for i, t in enumerate(plain) if t in _ALL_NEGATORS]
    if len(negators) == 2 and plain[negators[0]] == "ne" and negators[1] - negators[0] <= 3:
        return negators[:1]
    return negators


def _said_of_a_group(plain: list[str], negators: list[int]) -> bool:
    """Whether a clause has one negation and names a group before it."""
    return len(negators) == 1 and any(
        kind.startswith("grp:") for kind in INDEX.find(plain[: negators[0]])
    )


# words of living that end a clause whose one negator denies them (decision 0560): "{g}
# don't deserve to live", "{g} should not exist", "los {g} no merecen vivir", "{g}不配活着"
# wish a group dead, as "{g} should die" does. Swahili negation is in the verb, not
# read, so its forms are threat words (_MORE_THREAT); Hindi puts its negator after
# (DENIED_LIFE_BEFORE_NEGATOR).
DENIED_LIFE = frozenset(
    tuple(normalise(phrase).split())
    for phrase in (
        *("live", "exist", "breathe", "be born", "survive", "be alive"),
        *("vivre", "exister", "respirer", "naître", "survivre", "la vie"),
        *("vivir", "existir", "respirar", "nacer", "sobrevivir", "la vida"),
        *("leben", "existieren", "atmen", "geboren werden", "überleben", "das leben"),
        *("vivere", "esistere", "respirare", "nascere", "sopravvivere", "la vita"),
        *("viver", "existir", "respirar", "nascer", "sobreviver", "a vida"),
        *("leven", "bestaan", "ademen", "geboren worden", "overleven", "het leven"),
        *("żyć", "istnieć", "oddychać", "przeżyć", "na życie", "do życia", "się rodzić"),
        *("الحياة", "العيش", "يعيشوا", "يعيشون", "يوجدوا", "الوجود", "يتنفسوا"),
        *("活", "活 着", "存 在", "生 存", "活 下 去", "出 生"),
    )
)
DENIED_LIFE_BEFORE_NEGATOR = frozenset(normalise(w) for w in ("जीने", "ज़िंदा", "जीवित"))
_DENIED_LIFE_LONGEST = max(len(phrase) for phrase in DENIED_LIFE)


def denied_life(tokens: list[str], boundaries: set[str]) -> bool:
    """Whether a clause of ``tokens`` (an analysis's marked tokens; ``boundaries`` end a
    clause) ends in a word of living (:data:`DENIED_LIFE`) that its one negation denies,
    with a group named before the negator ("unicorns do not exist" wishes no one dead):
    the words marked denied (``n_``), so neither quoted nor asked, and no other negator in
    the clause ("I would never say that {g} should not exist" denies the saying). In Hindi,
    a word of living before the clause's one negator ("{g} को जीने का हक नहीं है")."""
    for clause, plain in _clauses(tokens, boundaries):
        negators = _negations(plain)
        if not _said_of_a_group(plain, negators):
            continue
        for size in range(1, min(_DENIED_LIFE_LONGEST, len(clause)) + 1):
            if tuple(plain[-size:]) in DENIED_LIFE and all(t[:2] == "n_" for t in clause[-size:]):
                return True
        at = negators[0]
        if clause[at] in NEGATORS_AFTER and not DENIED_LIFE_BEFORE_NEGATOR.isdisjoint(
            plain[max(0, at - 3) : at]
        ):
            return True
    return False


# a right denied to a group (decision 0561): "{g} should not be allowed to vote", "las {g}
# no deberían poder votar", "{g} sollten nicht wählen dürfen". A clause whose one negation
# comes after a group, with a verb of what should be (RIGHT_NORMS: "should", "must", not
# "allowed" or "may", which also report a law: "the Rohingya are not allowed to vote"),
# ending in a right (RIGHT_VERBS and their object, RIGHT_PHRASES; then a German or Dutch
# modal, or "here"), excludes the group. Obligation and coercion are not a denial of a
# right ("{g} should not be forced to work", "... should not have to work": RIGHT_BURDENS),
# and verbs that are not rights of their own ("stay", "enter") are left out ("refugees
# should not stay in camps"). Arabic, Hindi, Mandarin and Swahili put the group, negator or
# right elsewhere, and are not read so.
RIGHT_VERBS = frozenset(
    normalise(word)
    for word in (
        *("vote", "work", "marry", "study", "worship", "pray", "adopt", "teach", "preach"),
        *("breed", "own", "reproduce", "immigrate", "settle", "live"),
        *("voter", "travailler", "marier", "étudier", "prier", "adopter", "enseigner"),
        *("prêcher", "posséder", "reproduire", "s'installer", "vivre"),
        *("votar", "trabajar", "casarse", "estudiar", "rezar", "adoptar", "enseñar"),
        *("predicar", "poseer", "reproducirse", "instalarse", "vivir"),
        *("wählen", "arbeiten", "heiraten", "studieren", "beten", "einreisen", "adoptieren"),
        *("unterrichten", "predigen", "besitzen", "wahlrecht", "stimmrecht", "leben"),
        *("votare", "lavorare", "sposarsi", "studiare", "pregare", "adottare", "insegnare"),
        *("predicare", "possedere", "riprodursi", "vivere"),
        *("trabalhar", "casar", "estudar", "rezar", "adotar", "ensinar", "pregar", "possuir"),
        *("reproduzir", "viver"),
        *("stemmen", "werken", "trouwen", "studeren", "bidden", "adopteren", "lesgeven"),
        *("preken", "bezitten", "stemrecht", "wonen"),
        *("głosować", "głosu", "pracować", "pracy", "studiować", "nauki", "modlić", "adoptować"),
        *("uczyć", "posiadać", "kandydować", "mieszkać", "obywatelstwa"),
    )
)
RIGHT_PHRASES = frozenset(
    tuple(normalise(phrase).split())
    for phrase in (
        *("have children", "have kids", "go to school", "hold office", "run for office"),
        *("become citizens", "the vote", "faire des enfants", "devenir citoyens", "le vote"),
        *("tener hijos", "ir a la escuela", "ser ciudadanos", "el voto", "kinder haben"),
        *("kinder bekommen", "zur schule gehen", "bürger werden", "wahlrecht haben"),
        *("stimmrecht haben", "avere figli", "andare a scuola", "diventare cittadini"),
        *("il voto", "ter filhos", "ir à escola", "ser cidadãos", "o voto", "kinderen krijgen"),
        *("naar school gaan", "burger worden", "stemrecht hebben", "mieć dzieci"),
        *("chodzić do szkoły", "zostać obywatelami"),
    )
)
RIGHT_REACH = 3  # a right verb among a clause's last three words: its object may follow
RIGHT_NORMS = frozenset(
    normalise(word)
    for word in (
        *("should", "shouldn't", "must", "mustn't", "ought", "devraient", "devrait"),
        *("doivent", "doit", "faut", "deberían", "debería", "deben", "debe", "sollten"),
        *("sollte", "sollen", "dovrebbero", "dovrebbe", "devono", "deve", "deveriam"),
        *("deveria", "devem", "zouden", "zou", "powinni", "powinny", "powinien"),
    )
)
RIGHT_BURDENS = frozenset(
    tuple(normalise(phrase).split())
    for phrase in (
        *("forced", "compelled", "made to", "obliged", "coerced", "have to", "has to"),
        *("need to", "forcés", "forcées", "obligés", "obligées", "contraints", "besoin"),
        *("obligados", "obligadas", "forzados", "forzadas", "tener que", "necesitar"),
        *("gezwungen", "müssen", "brauchen", "costretti", "costrette", "obbligati"),
        *("obbligate", "forzati", "dover", "bisogno", "forçados", "forçadas", "obrigados"),
        *("obrigadas", "ter que", "ter de", "precisar", "gedwongen", "hoeven", "moeten"),
        *("zmuszani", "zmuszeni", "zmuszone", "musieć"),
    )
)
_RIGHT_AFTER = frozenset(
    normalise(word)
    for word in (
        *("dürfen", "können", "sollen", "mogen", "kunnen", "here", "ici", "aquí", "hier"),
        *("qui", "aqui", "tutaj", "tu"),
    )
)


def denied_right(tokens: list[str], boundaries: set[str]) -> bool:
    """Whether a clause of ``tokens`` (an analysis's marked tokens; ``boundaries`` end a
    clause) denies a group a right: one negation after a group is named, in force (the
    word after the negator is marked denied, so it neither asks nor restricts), a word of
    what should be (:data:`RIGHT_NORMS`), no word of obligation or coercion
    (:data:`RIGHT_BURDENS`), and a right (:data:`RIGHT_VERBS`, :data:`RIGHT_PHRASES`)
    unquoted among the clause's last :data:`RIGHT_REACH` words, before any German or Dutch
    modal or "here" that ends it. The right may lie past the negation's four words ("{g}
    should not have the right to vote")."""
    for clause, plain in _clauses(tokens, boundaries):
        negators = _negations(plain)
        if not _said_of_a_group(plain, negators) or RIGHT_NORMS.isdisjoint(plain):
            continue
        after = negators[0] + 1
        if after >= len(clause) or clause[after][:2] != "n_" or _has_phrase(plain, RIGHT_BURDENS):
            continue
        end = len(clause)
        while end > after and plain[end - 1] in _RIGHT_AFTER:
            end -= 1
        start = max(after, end - RIGHT_REACH)
        if any(t[:2] == "q_" for t in clause[start:end]):
            continue
        last = plain[start:end]
        if not RIGHT_VERBS.isdisjoint(last) or _has_phrase(last, RIGHT_PHRASES):
            return True
    return False


def _has_phrase(words: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    """Whether ``words`` hold one of ``phrases`` (of up to four words)."""
    return any(
        tuple(words[i : i + size]) in phrases for i in range(len(words)) for size in (1, 2, 3, 4)
    )


PROFANITY_INDEX = TermIndex({"profane": [normalise(t) for t in PROFANITY]})


def profanity_at_group(tokens: list[str]) -> bool:
    """Whether a profane word in ``tokens`` (an analysis's marked tokens: words that are
    denied or quoted, and punctuation, stand in the way) is aimed at a group's name: just
    before it or one linking word before ("fucking {g}", "putain de {g}"), or one linking
    word after it ("{g} de mierda"). "{g} fucking rock" is not aimed at the group."""
    profane = [(start, end) for start, end, _ in PROFANITY_INDEX.spans(tokens)]
    if not profane:
        return False
    for start, end, kinds in INDEX.spans(tokens):
        if not any(k[:4] == "grp:" for k in kinds):
            continue
        for p_start, p_end in profane:
            before = tokens[p_end:start] if start >= p_end else None
            after = tokens[end:p_start] if p_start >= end else None
            if before is not None and len(before) <= 1 and set(before) <= PROFANITY_LINKS:
                return True
            if after is not None and len(after) == 1 and after[0] in PROFANITY_LINKS:
                return True
    return False


def _slur_targets() -> TermIndex:
    by_target: dict[str, list[str]] = {}
    for row in slurs.entries():
        if row["target"] not in TARGETS:
            raise ValueError(
                f"{slurs.SLURS_FILE}: {row['term']!r}: unknown target {row['target']!r}; "
                f"known: {', '.join(TARGETS)}"
            )
        by_target.setdefault(row["target"], []).append(normalise(row["term"]))
    return TermIndex(by_target)


SLUR_TARGETS = _slur_targets()


def slur_target(tokens: list[str]) -> str | None:
    """The target of the listed slurs among ``tokens`` (normalised words); when slurs
    of several targets occur, the first in alphabetical order, so the answer is stable."""
    found = SLUR_TARGETS.find(tokens)
    return min(found) if found else None
