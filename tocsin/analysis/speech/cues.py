"""Word lists the classifier uses to generalise beyond memorised words: mentions of
groups (and which target group they name), negators, counter-speech cues, and the cues
of the two most dangerous categories, threats and dehumanisation. English, French,
Spanish and Arabic; all in normalised form (see ``normalise.py``).

These are not hate lexicons: group names are neutral words. They let the model see
"a group is mentioned" and "this is negated or quoted" as features of their own.
"""

from __future__ import annotations

from typing import Literal, get_args

TARGETS = (
    "ethnicity",
    "nationality",
    "religion",
    "gender",
    "sexual orientation",
    "disability",
    "migrants",
    "political affiliation",
    "other",
)
# what a lexicon term or a hateful text may be; "none" for a text that is none of these
HarmCategory = Literal["dehumanisation", "threat", "derogation", "slur"]
Category = Literal[HarmCategory, "none"]
CATEGORIES: tuple[Category, ...] = get_args(Category)
HARM_CATEGORIES: tuple[HarmCategory, ...] = get_args(HarmCategory)

GROUP_TERMS: dict[str, list[str]] = {
    "religion": [
        "muslim*",
        "moslem*",
        "islam*",
        "jew*",
        "jewish",
        "christian*",
        "hindu*",
        "sikh*",
        "buddhist*",
        "catholic*",
        "protestant*",
        "shia*",
        "shiite*",
        "sunni*",
        "mosque*",
        "synagogue*",
        "church*",
        "atheist*",
        "musulman*",
        "juif*",
        "juive*",
        "chretien*",
        "musulmane*",
        "judio*",
        "cristiano*",
        "mezquita*",
        "مسلم*",
        "يهود*",
        "مسيحي*",
        "شيعه",
        "الشيعه",
        "سني*",
        "نصارى",
        "النصارى",
        "اليهود",
        "المسلم*",
        "الشيعة",
    ],
    "ethnicity": [
        "black people",
        "blacks",
        "whites",
        "white people",
        "arab*",
        "asian*",
        "hispanic*",
        "latino*",
        "roma",
        "gypsy",
        "gypsies",
        "tutsi*",
        "hutu*",
        "rohingya*",
        "tigray*",
        "amhara*",
        "oromo*",
        "fulani*",
        "masalit*",
        "yazidi*",
        "kurd*",
        "uyghur*",
        "chinese",
        "africans",
        "noirs",
        "arabes",
        "gitans",
        "gitanos",
        "negros",
        "indigenas",
        "عرب*",
        "الافارقه",
        "السود",
        "الاكراد",
    ],
    "nationality": [
        "mexicans",
        "syrians",
        "afghans",
        "pakistanis",
        "somalis",
        "nigerians",
        "russians",
        "ukrainians",
        "americans",
        "indians",
        "bangladeshi*",
        "venezolanos",
        "marocains",
        "algeriens",
        "syriens",
        "السوريين",
        "المصريين",
    ],
    "migrants": [
        "immigrant*",
        "migrant*",
        "refugee*",
        "asylum seekers",
        "asylum seeker",
        "illegals",
        "foreigner*",
        "immigre*",
        "etranger*",
        "refugie*",
        "inmigrante*",
        "refugiado*",
        "extranjero*",
        "لاجي*",
        "اللاجي*",
        "المهاجر*",
        "مهاجر*",
    ],
    "gender": [
        "women",
        "woman",
        "girls",
        "females",
        "feminist*",
        "femmes",
        "mujeres",
        "feministas",
        "النساء",
        "المراه",
        "نساء",
    ],
    "sexual orientation": [
        "gay*",
        "lesbian*",
        "homosexual*",
        "trans people",
        "transgender*",
        "queer*",
        "lgbt*",
        "bisexual*",
        "homosexuel*",
        "gais",
        "gays",
        "mariquita*",
        "المثلي*",
        "الشواذ",
    ],
    "disability": [
        "disabled",
        "disability",
        "autistic",
        "the blind",
        "the deaf",
        "handicape*",
        "discapacitad*",
        "المعاقين",
    ],
    "political affiliation": [
        "opposition supporters",
        "the opposition",
        "leftist*",
        "liberals",
        "democrats",
        "republicans",
        "communists",
        "gauchiste*",
        "rebels",
        "separatist*",
        "tplf",
        "rsf",
        "junta",
    ],
}

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
    "can't",
    "cant",
    "nobody",
    "ne",
    "pas",
    "jamais",
    "personne",
    "nunca",
    "ni",
    "nadie",
    "لا",
    "ليس",
    "ليسوا",
    "لن",
    "لم",
    "ما",
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
    "haine",
    "racismo",
    "odio",
    "inaceptable",
    "عنصري*",
    "الكراهيه",
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

SLUR_TERMS = [
    "nigger*",
    "nigga*",
    "faggot*",
    "fag",
    "fags",
    "dyke*",
    "tranny",
    "trannies",
    "kike*",
    "raghead*",
    "towelhead*",
    "wetback*",
    "spic*",
    "chink*",
    "paki*",
    "retard*",
    "gook*",
    "sandnigger*",
    "coon*",
    "kafir*",
    "bougnoule*",
    "bicot*",
    "youpin*",
    "pede*",
    "sudaca*",
    "maricon*",
    "زنجي",
    "عبيد",
    "شواذ",
]

QUOTE_CHARS = '"“”«»„‟'


class TermIndex:
    """Finds terms among a text's tokens with dictionary look-ups (fast): whole words,
    two-word phrases, and stems (``kill*``) as prefixes of a word. Look-ups of single
    words are cached."""

    def __init__(self, kinds: dict[str, list[str]]) -> None:
        self.exact: dict[str, frozenset[str]] = {}
        self.stems: dict[str, frozenset[str]] = {}
        for kind, terms in kinds.items():
            for term in terms:
                table = self.stems if term.endswith("*") else self.exact
                key = term.rstrip("*")
                table[key] = table.get(key, frozenset()) | {kind}
        lengths = [len(s) for s in self.stems] or [0]
        self._min, self._max = min(lengths), max(lengths)
        self._cache: dict[str, frozenset[str]] = {}

    def _word(self, tok: str) -> frozenset[str]:
        kinds = self.exact.get(tok, frozenset())
        for end in range(self._min, min(len(tok), self._max) + 1):
            stem = self.stems.get(tok[:end])
            if stem:
                kinds = kinds | stem
        if len(self._cache) < 200_000:
            self._cache[tok] = kinds
        return kinds

    def find(self, tokens: list[str]) -> set[str]:
        """Kinds of the terms present in ``tokens`` (normalised words)."""
        found: set[str] = set()
        cache, exact = self._cache, self.exact
        previous = ""
        for tok in tokens:
            kinds = cache.get(tok)
            if kinds is None:
                kinds = self._word(tok)
            if kinds:
                found |= kinds
            if previous:
                pair = exact.get(previous + " " + tok)
                if pair:
                    found |= pair
            previous = tok
        return found


INDEX = TermIndex(
    {f"grp:{group}": terms for group, terms in GROUP_TERMS.items()}
    | {
        "cue:counter": COUNTER_CUES,
        "cue:threat": THREAT_CUES,
        "cue:dehum": DEHUMANISING_CUES,
        "cue:slur": SLUR_TERMS,
    }
)
