"""Training texts built from the project's own sentence frames and word lists, one set
per language, so the model sees the hard cases the corpora lack: threats, dehumanisation
and derogation of groups (hateful) against negation, counter-speech, quotation, neutral
and positive mentions of groups, abuse of individuals, objects and non-protected groups,
and profanity (non-hateful). Hateful texts are also written with spelling tricks.

These frames were written for training only. They are not the frames of the project's
functional suite (``bench/speech_suite.py``), and no external test suite was used.
Groups come from the gazetteer (``data/groups.csv``) plus a few per language here.
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from tocsin.analysis.speech import gazetteer
from tocsin.analysis.speech.feeling_frames import FEELING_FRAMES, feeling_twin
from tocsin.analysis.speech.hard_cases import HARD_FRAMES
from tocsin.analysis.speech.life_frames import LIFE_FRAMES
from tocsin.analysis.speech.mention_frames import IDENTITIES, IDENTITY_FRAMES, OTHER_GROUP_FRAMES
from tocsin.analysis.speech.normative_frames import NORMATIVE_FRAMES, SUPPORT, normative_twin
from tocsin.analysis.speech.profane_frames import PROFANE_FRAMES, profane_twin
from tocsin.analysis.speech.question_frames import QUESTION_FRAMES, question_twin
from tocsin.analysis.speech.restrictive_frames import RESTRICTIVE_FRAMES, restrictive_twin
from tocsin.analysis.speech.rights_frames import RIGHTS, RIGHTS_FRAMES
from tocsin.analysis.speech.scope_frames import SCOPE_FRAMES
from tocsin.analysis.speech.slur_frames import (
    PLAIN_SLUR_FRAMES,
    RECLAIMED_SLURS,
    SLUR_FRAMES,
    SLURS,
    neutral_twin,
)

if TYPE_CHECKING:  # pandas only when a training set is built: the cue lists here are imported
    import pandas as pd  # by quick commands (`tocsin lexicon list`)

# {g} group, {s} slur (``slur_frames.SLURS``), {n} negative descriptor, {v} vermin word,
# {x} violent verb, {y} violent passive, {q} positive descriptor, {p} non-protected group
# (professions, fans ...), {h} insult for one person, {o} object, {i} one person's
# identity (``mention_frames.IDENTITIES``), {w} what should be done to a group, in support
# (``normative_frames.SUPPORT``), {r} a right (``rights_frames.RIGHTS``)
Spec = dict[str, list[str]]

FRAMES: dict[str, dict[str, list[str]]] = {
    "en": {
        "hate": [
            "all {g} are {n}",
            "{g} are such {n} people",
            "i can't stand {g}, they are {n}",
            "{g} are {v} and should be treated like {v}",
            "{g} are a {v} infestation",
            "{g} are not human, just {v}",
            "we should {x} all {g}",
            "time to {x} the {g}",
            "i'm going to {x} some {g} tomorrow",
            "{g} must be {y}",
            "every last one of the {g} needs to be {y}",
            "the only good {g} is a dead one",
            "i hate {g} so much",
            "{g} are the worst, {n}",
            "keep {g} out of our country, they ruin everything",
            "{g} breed like {v}",
            "get rid of the {g} before they take over",
            "disgusting {g} everywhere",
            "{g} are {n} and nothing will change that",
        ],
        "ok": [
            "{g} are not {n}",
            "it is false that {g} are {v}",
            "i don't think {g} are {n}",
            "nobody should {x} {g}",
            "{g} are not {v}, they are people like us",
            "people who say {g} are {v} are the real problem",
            "she tweeted that {g} are {n} and got suspended, good",
            '"all {g} are {n}" is the kind of bigotry we must fight',
            "it's racist to call {g} {v}",
            "i support {g} and their rights",
            "{g} are {q}",
            "i love my {g} friends",
            "my neighbours are {g}",
            "the festival celebrated {g} and their culture",
            "there are {g} in my class",
            "how many {g} live in europe?",
            "a documentary about {g} aired tonight",
            "{p} are {n}",
            "i hate {p}",
            "{p} should be fired",
            "you are a {h}",
            "what a {h} that guy is",
            "my brother is a {h}",
            "this {o} is {n}",
            "i want to smash this {o}",
            "fuck this {o}",
            "shit, i missed the bus",
            "damn this is good",
            "hell yeah",
            "fucking brilliant concert last night",
            "{g} deserve respect",
            "we welcome {g} here",
        ],
        "g": [
            "muslims",
            "jews",
            "hindus",
            "sikhs",
            "christians",
            "immigrants",
            "migrants",
            "refugees",
            "black people",
            "asians",
            "arabs",
            "mexicans",
            "gypsies",
            "gays",
            "lesbians",
            "trans women",
            "women",
            "disabled people",
            "chinese",
            "africans",
            "somalis",
            "tigrayans",
            "fulani",
            "rohingya",
            "uyghurs",
            "yazidis",
            "zaghawa",
            "masalit",
            "tutsis",
            "amhara",
        ],
        "n": [
            "disgusting",
            "scum",
            "worthless",
            "evil",
            "dirty",
            "criminals",
            "vile",
            "stupid",
            "inferior",
            "savages",
            "a disgrace",
            "trash",
            "lazy",
            "greedy",
            "primitive",
        ],
        "v": [
            "rats",
            "vermin",
            "cockroaches",
            "parasites",
            "animals",
            "pigs",
            "apes",
            "a disease",
            "a plague",
            "snakes",
            "insects",
            "subhumans",
        ],
        "x": [
            "kill",
            "shoot",
            "hang",
            "murder",
            "burn",
            "exterminate",
            "lynch",
            "gas",
            "eliminate",
            "destroy",
        ],
        "y": [
            "killed",
            "hanged",
            "exterminated",
            "shot",
            "eliminated",
            "burned",
            "removed by force",
            "gassed",
        ],
        "q": ["amazing", "lovely", "smart", "welcome here", "great people", "inspiring"],
        "p": [
            "politicians",
            "bankers",
            "lawyers",
            "referees",
            "landlords",
            "journalists",
            "cyclists",
            "chelsea fans",
        ],
        "h": ["idiot", "moron", "clown", "loser", "jerk", "dickhead", "bastard"],
        "o": ["laptop", "car", "printer", "game", "movie", "weather"],
    },
    "fr": {
        "hate": [
            "tous les {g} sont {n}",
            "ces {g} sont vraiment {n}",
            "j'en peux plus des {g}",
            "les {g} sont des {v}",
            "les {g} ne sont pas des humains mais des {v}",
            "il faut {x} tous les {g}",
            "on va {x} les {g}",
            "les {g} doivent être {y}",
            "qu'on les {y} tous, ces {g}",
            "je hais les {g}",
            "dehors les {g}, ils détruisent tout",
            "les {g} se reproduisent comme des {v}",
            "les {g} sont une maladie pour ce pays",
            "sales {g}",
        ],
        "ok": [
            "les {g} ne sont pas {n}",
            "je ne pense pas que les {g} soient des {v}",
            "personne ne doit {x} les {g}",
            "ceux qui disent que les {g} sont des {v} sont racistes",
            "« les {g} sont {n} » : ce discours est inacceptable",
            "je soutiens les {g}",
            "les {g} sont {q}",
            "mes voisins sont des {g}",
            "une fête pour les {g} et leur culture",
            "combien de {g} vivent en france ?",
            "les {p} sont {n}",
            "je déteste les {p}",
            "t'es un {h}",
            "quel {h} ce type",
            "cette {o} est pourrie",
            "putain j'ai raté le bus",
            "merde c'est trop bien",
            "les {g} méritent le respect",
            "bienvenue aux {g}",
        ],
        "g": [
            "musulmans",
            "juifs",
            "chrétiens",
            "immigrés",
            "migrants",
            "réfugiés",
            "noirs",
            "arabes",
            "roms",
            "homosexuels",
            "gays",
            "africains",
            "chinois",
            "peuls",
            "tutsis",
            "maghrébins",
        ],
        "n": [
            "dégueulasses",
            "des ordures",
            "inutiles",
            "mauvais",
            "sales",
            "des criminels",
            "abjects",
            "stupides",
            "inférieurs",
            "des sauvages",
            "paresseux",
            "fainéants",
            "cupides",
            "primitifs",
        ],
        "v": [
            "rats",
            "cafards",
            "parasites",
            "animaux",
            "porcs",
            "singes",
            "vermines",
            "serpents",
            "insectes",
            "sous-hommes",
        ],
        "x": ["tuer", "fusiller", "pendre", "brûler", "exterminer", "buter", "éliminer"],
        "y": [
            "tués",
            "pendus",
            "exterminés",
            "abattus",
            "éliminés",
            "brûlés",
            "expulsés par la force",
        ],
        "q": ["géniaux", "adorables", "intelligents", "les bienvenus", "gentils"],
        "p": ["politiciens", "banquiers", "avocats", "arbitres", "journalistes"],
        "h": ["idiot", "connard", "abruti", "clown", "nul"],
        "o": ["ordinateur", "voiture", "appli", "film"],
    },
    "es": {
        "hate": [
            "todos los {g} son {n}",
            "estos {g} son {n}",
            "no aguanto a los {g}",
            "los {g} son {v}",
            "los {g} no son humanos, son {v}",
            "hay que {x} a todos los {g}",
            "vamos a {x} a los {g}",
            "los {g} tienen que ser {y}",
            "que los {y} a todos, a los {g}",
            "odio a los {g}",
            "fuera los {g}, lo destruyen todo",
            "los {g} se reproducen como {v}",
            "malditos {g}",
        ],
        "ok": [
            "los {g} no son {n}",
            "no creo que los {g} sean {v}",
            "nadie debe {x} a los {g}",
            "quien dice que los {g} son {v} es un racista",
            '"los {g} son {n}": ese discurso es inaceptable',
            "apoyo a los {g}",
            "los {g} son {q}",
            "mis vecinos son {g}",
            "una fiesta de los {g} y su cultura",
            "¿cuántos {g} viven en españa?",
            "los {p} son {n}",
            "odio a los {p}",
            "eres un {h}",
            "qué {h} ese tipo",
            "este {o} es una basura",
            "joder, perdí el bus",
            "mierda, qué bueno",
            "los {g} merecen respeto",
            "bienvenidos los {g}",
        ],
        "g": [
            "musulmanes",
            "judíos",
            "cristianos",
            "inmigrantes",
            "migrantes",
            "refugiados",
            "negros",
            "árabes",
            "gitanos",
            "homosexuales",
            "gays",
            "africanos",
            "chinos",
            "venezolanos",
            "mapuches",
            "indígenas",
        ],
        "n": [
            "asquerosos",
            "basura",
            "inútiles",
            "malos",
            "sucios",
            "delincuentes",
            "despreciables",
            "estúpidos",
            "inferiores",
            "salvajes",
            "vagos",
            "flojos",
            "codiciosos",
            "primitivos",
        ],
        "v": [
            "ratas",
            "cucarachas",
            "parásitos",
            "animales",
            "cerdos",
            "monos",
            "plaga",
            "serpientes",
            "insectos",
            "infrahumanos",
        ],
        "x": ["matar", "fusilar", "colgar", "quemar", "exterminar", "eliminar", "liquidar"],
        "y": [
            "matados",
            "colgados",
            "exterminados",
            "fusilados",
            "eliminados",
            "quemados",
            "expulsados a la fuerza",
        ],
        "q": ["geniales", "encantadores", "inteligentes", "bienvenidos", "buena gente"],
        "p": ["políticos", "banqueros", "abogados", "árbitros", "periodistas"],
        "h": ["idiota", "gilipollas", "imbécil", "payaso", "inútil"],
        "o": ["ordenador", "coche", "móvil", "partido"],
    },
    "de": {
        "hate": [
            "alle {g} sind {n}",
            "diese {g} sind echt {n}",
            "ich kann {g} nicht ausstehen",
            "{g} sind {v}",
            "{g} sind keine menschen, nur {v}",
            "man sollte alle {g} {x}",
            "wir werden die {g} {x}",
            "{g} müssen {y} werden",
            "ich hasse {g}",
            "raus mit den {g}, sie zerstören alles",
            "{g} vermehren sich wie {v}",
            "dreckige {g}",
            "{g} gehören ins lager",
        ],
        "ok": [
            "{g} sind nicht {n}",
            "ich glaube nicht, dass {g} {v} sind",
            "niemand darf {g} {x}",
            "wer sagt, dass {g} {v} sind, ist ein rassist",
            "„alle {g} sind {n}“ ist hetze und inakzeptabel",
            "ich unterstütze {g}",
            "{g} sind {q}",
            "meine nachbarn sind {g}",
            "ein fest der {g} und ihrer kultur",
            "wie viele {g} leben in deutschland?",
            "{p} sind {n}",
            "ich hasse {p}",
            "du bist ein {h}",
            "was für ein {h}",
            "dieser {o} ist mist",
            "scheiße, bus verpasst",
            "verdammt, ist das gut",
            "{g} verdienen respekt",
            "willkommen, {g}",
        ],
        "g": [
            "muslime",
            "juden",
            "christen",
            "ausländer",
            "migranten",
            "flüchtlinge",
            "asylanten",
            "schwarze",
            "araber",
            "türken",
            "zigeuner",
            "sinti und roma",
            "homosexuelle",
            "lesben",
            "afrikaner",
            "polen",
        ],
        "n": [
            "ekelhaft",
            "abschaum",
            "wertlos",
            "böse",
            "dreckig",
            "kriminell",
            "widerwärtig",
            "dumm",
            "minderwertig",
            "primitiv",
            "faul",
            "gierig",
            "verlogen",
        ],
        "v": [
            "ratten",
            "kakerlaken",
            "parasiten",
            "tiere",
            "schweine",
            "affen",
            "pest",
            "ungeziefer",
            "insekten",
            "untermenschen",
        ],
        "x": ["töten", "erschießen", "hängen", "verbrennen", "ausrotten", "vergasen", "abknallen"],
        "y": [
            "getötet",
            "gehängt",
            "ausgerottet",
            "erschossen",
            "vergast",
            "verbrannt",
            "gewaltsam vertrieben",
        ],
        "q": ["toll", "freundlich", "klug", "willkommen", "wunderbare menschen"],
        "p": ["politiker", "banker", "anwälte", "schiedsrichter", "journalisten"],
        "h": ["idiot", "arschloch", "depp", "spinner", "versager"],
        "o": ["laptop", "auto", "drucker", "film"],
    },
    "it": {
        "hate": [
            "tutti gli {g} sono {n}",
            "questi {g} sono proprio {n}",
            "non sopporto gli {g}",
            "gli {g} sono {v}",
            "gli {g} non sono umani, sono {v}",
            "bisogna {x} tutti gli {g}",
            "andremo a {x} gli {g}",
            "gli {g} devono essere {y}",
            "odio gli {g}",
            "fuori gli {g}, distruggono tutto",
            "gli {g} si riproducono come {v}",
            "sporchi {g}",
        ],
        "ok": [
            "gli {g} non sono {n}",
            "non penso che gli {g} siano {v}",
            "nessuno deve {x} gli {g}",
            "chi dice che gli {g} sono {v} è un razzista",
            '"gli {g} sono {n}": questo discorso è inaccettabile',
            "sostengo gli {g}",
            "gli {g} sono {q}",
            "i miei vicini sono {g}",
            "una festa degli {g} e della loro cultura",
            "quanti {g} vivono in italia?",
            "i {p} sono {n}",
            "odio i {p}",
            "sei un {h}",
            "che {h} quel tizio",
            "questo {o} fa schifo",
            "cazzo, ho perso il bus",
            "minchia che bello",
            "gli {g} meritano rispetto",
            "benvenuti agli {g}",
        ],
        "g": [
            "islamici",
            "ebrei",
            "immigrati",
            "extracomunitari",
            "stranieri",
            "africani",
            "arabi",
            "omosessuali",
            "albanesi",
            "ucraini",
            "zingari",
            "musulmani",
            "cinesi",
            "rifugiati",
        ],
        "n": [
            "schifosi",
            "feccia",
            "inutili",
            "cattivi",
            "sporchi",
            "criminali",
            "disgustosi",
            "stupidi",
            "inferiori",
            "selvaggi",
            "pigri",
            "fannulloni",
            "primitivi",
        ],
        "v": [
            "ratti",
            "scarafaggi",
            "parassiti",
            "animali",
            "porci",
            "scimmie",
            "peste",
            "vermi",
            "insetti",
            "subumani",
        ],
        "x": [
            "uccidere",
            "fucilare",
            "impiccare",
            "bruciare",
            "sterminare",
            "eliminare",
            "ammazzare",
        ],
        "y": [
            "uccisi",
            "impiccati",
            "sterminati",
            "fucilati",
            "eliminati",
            "bruciati",
            "cacciati con la forza",
        ],
        "q": ["fantastici", "simpatici", "intelligenti", "benvenuti", "brave persone"],
        "p": ["politici", "banchieri", "avvocati", "arbitri", "giornalisti"],
        "h": ["idiota", "coglione", "stronzo", "pagliaccio", "deficiente"],
        "o": ["computer", "telefono", "film", "treno"],
    },
    "pt": {
        "hate": [
            "todos os {g} são {n}",
            "esses {g} são muito {n}",
            "não aguento os {g}",
            "os {g} são {v}",
            "os {g} não são humanos, são {v}",
            "tem que {x} todos os {g}",
            "vamos {x} os {g}",
            "os {g} precisam ser {y}",
            "odeio os {g}",
            "fora os {g}, eles destroem tudo",
            "os {g} se reproduzem como {v}",
            "malditos {g}",
        ],
        "ok": [
            "os {g} não são {n}",
            "não acho que os {g} sejam {v}",
            "ninguém deve {x} os {g}",
            "quem diz que os {g} são {v} é racista",
            '"os {g} são {n}": esse discurso é inaceitável',
            "apoio os {g}",
            "os {g} são {q}",
            "meus vizinhos são {g}",
            "uma festa dos {g} e da sua cultura",
            "quantos {g} moram no brasil?",
            "os {p} são {n}",
            "odeio os {p}",
            "você é um {h}",
            "que {h} esse cara",
            "esse {o} é um lixo",
            "porra, perdi o ônibus",
            "caralho, que bom",
            "os {g} merecem respeito",
            "bem-vindos, {g}",
        ],
        "g": [
            "muçulmanos",
            "judeus",
            "imigrantes",
            "refugiados",
            "negros",
            "árabes",
            "ciganos",
            "gays",
            "homossexuais",
            "nordestinos",
            "venezuelanos",
            "haitianos",
            "índios",
            "africanos",
            "travestis",
        ],
        "n": [
            "nojentos",
            "lixo",
            "inúteis",
            "ruins",
            "sujos",
            "bandidos",
            "desprezíveis",
            "burros",
            "inferiores",
            "selvagens",
            "preguiçosos",
            "vagabundos",
            "gananciosos",
            "primitivos",
        ],
        "v": [
            "ratos",
            "baratas",
            "parasitas",
            "animais",
            "porcos",
            "macacos",
            "praga",
            "vermes",
            "insetos",
            "sub-humanos",
        ],
        "x": ["matar", "fuzilar", "enforcar", "queimar", "exterminar", "eliminar"],
        "y": [
            "mortos",
            "enforcados",
            "exterminados",
            "fuzilados",
            "eliminados",
            "queimados",
            "expulsos à força",
        ],
        "q": ["incríveis", "legais", "inteligentes", "bem-vindos", "gente boa"],
        "p": ["políticos", "banqueiros", "advogados", "juízes de futebol", "jornalistas"],
        "h": ["idiota", "babaca", "otário", "palhaço", "imbecil"],
        "o": ["celular", "carro", "computador", "filme"],
    },
    "nl": {
        "hate": [
            "alle {g} zijn {n}",
            "die {g} zijn echt {n}",
            "ik kan {g} niet uitstaan",
            "{g} zijn {v}",
            "{g} zijn geen mensen maar {v}",
            "we moeten alle {g} {x}",
            "we gaan de {g} {x}",
            "{g} moeten {y} worden",
            "ik haat {g}",
            "weg met de {g}, ze verpesten alles",
            "{g} fokken als {v}",
            "vieze {g}",
        ],
        "ok": [
            "{g} zijn niet {n}",
            "ik denk niet dat {g} {v} zijn",
            "niemand mag {g} {x}",
            "wie zegt dat {g} {v} zijn is een racist",
            '"alle {g} zijn {n}" is haatzaaien',
            "ik steun {g}",
            "{g} zijn {q}",
            "mijn buren zijn {g}",
            "een feest van {g} en hun cultuur",
            "hoeveel {g} wonen er in nederland?",
            "{p} zijn {n}",
            "ik haat {p}",
            "jij bent een {h}",
            "wat een {h}",
            "deze {o} is waardeloos",
            "shit, bus gemist",
            "verdomme wat lekker",
            "{g} verdienen respect",
            "welkom, {g}",
        ],
        "g": [
            "moslims",
            "joden",
            "christenen",
            "buitenlanders",
            "migranten",
            "asielzoekers",
            "vluchtelingen",
            "zwarten",
            "marokkanen",
            "turken",
            "surinamers",
            "polen",
            "homo's",
            "lesbiennes",
            "zigeuners",
            "afrikanen",
        ],
        "n": [
            "walgelijk",
            "tuig",
            "nutteloos",
            "slecht",
            "vies",
            "crimineel",
            "verachtelijk",
            "dom",
            "minderwaardig",
            "primitief",
            "luilakken",
            "hebzuchtig",
            "achterlijk",
        ],
        "v": [
            "ratten",
            "kakkerlakken",
            "parasieten",
            "dieren",
            "varkens",
            "apen",
            "pest",
            "ongedierte",
            "insecten",
            "untermenschen",
        ],
        "x": [
            "doden",
            "neerschieten",
            "ophangen",
            "verbranden",
            "uitroeien",
            "vergassen",
            "afslachten",
        ],
        "y": [
            "gedood",
            "opgehangen",
            "uitgeroeid",
            "neergeschoten",
            "vergast",
            "verbrand",
            "met geweld verdreven",
        ],
        "q": ["geweldig", "aardig", "slim", "welkom", "fijne mensen"],
        "p": ["politici", "bankiers", "advocaten", "scheidsrechters", "journalisten"],
        "h": ["idioot", "eikel", "lul", "sukkel", "mongool"],
        "o": ["laptop", "auto", "printer", "film"],
    },
    "pl": {
        "hate": [
            "wszyscy {g} to {n}",
            "ci {g} są naprawdę {n}",
            "nie znoszę, jak {g} tu są",
            "{g} to {v}",
            "{g} to nie ludzie, tylko {v}",
            "trzeba {x} wszystkich, {g} muszą zniknąć",
            "{g} muszą zostać {y}",
            "nienawidzę, kiedy {g} tu mieszkają",
            "wypad stąd, {g} niszczą wszystko",
            "{g} mnożą się jak {v}",
            "brudni {g}",
        ],
        "ok": [
            "{g} nie są {n}",
            "nie sądzę, żeby {g} byli {v}",
            "nikt nie może {x} ludzi, {g} też są ludźmi",
            "kto mówi, że {g} to {v}, jest rasistą",
            "„wszyscy {g} to {n}” to mowa nienawiści",
            "wspieram, żeby {g} mieli prawa",
            "{g} są {q}",
            "moi sąsiedzi to {g}",
            "święto, w którym {g} pokazują swoją kulturę",
            "ilu {g} mieszka w polsce?",
            "{p} to {n}",
            "nie cierpię, jak {p} gadają",
            "jesteś {h}",
            "co za {h}",
            "ten {o} to szajs",
            "kurwa, uciekł mi autobus",
            "cholera, ale dobre",
            "{g} zasługują na szacunek",
            "witajcie, {g}",
        ],
        "g": [
            "muzułmanie",
            "żydzi",
            "imigranci",
            "uchodźcy",
            "murzyni",
            "czarni",
            "arabowie",
            "cyganie",
            "romowie",
            "geje",
            "lesbijki",
            "ukraińcy",
            "niemcy",
            "rosjanie",
            "afrykanie",
        ],
        "n": [
            "obrzydliwi",
            "śmieci",
            "bezużyteczni",
            "źli",
            "brudni",
            "przestępcy",
            "podli",
            "głupi",
            "gorszego sortu",
            "dzikusy",
            "leniwi",
            "chciwi",
            "prymitywni",
            "gorsi",
        ],
        "v": [
            "szczury",
            "karaluchy",
            "pasożyty",
            "zwierzęta",
            "świnie",
            "małpy",
            "zaraza",
            "robactwo",
            "insekty",
            "podludzie",
        ],
        "x": ["zabić", "rozstrzelać", "powiesić", "spalić", "wytępić", "wymordować"],
        "y": ["zabici", "powieszeni", "wytępieni", "rozstrzelani", "spaleni", "wygnani siłą"],
        "q": ["wspaniali", "mili", "mądrzy", "mile widziani", "dobrymi ludźmi"],
        "p": ["politycy", "bankierzy", "prawnicy", "sędziowie", "dziennikarze"],
        "h": ["idiotą", "debilem", "frajerem", "kretynem", "palantem"],
        "o": ["laptop", "samochód", "telefon", "film"],
    },
    "ar": {
        "hate": [
            "كل {g} {n}",
            "هؤلاء {g} {n} فعلا",
            "لا أطيق {g}",
            "{g} {v}",
            "{g} ليسوا بشرا بل {v}",
            "يجب {x} كل {g}",
            "سنقوم بـ{x} {g}",
            "{g} لازم {y}",
            "أكره {g}",
            "اطردوا {g} فهم يدمرون كل شيء",
            "{g} يتكاثرون مثل {v}",
            "الله يلعن {g}",
        ],
        "ok": [
            "{g} ليسوا {n}",
            "لا أظن أن {g} {v}",
            "لا يجوز لأحد {x} {g}",
            "من يقول إن {g} {v} عنصري",
            '"كل {g} {n}" خطاب كراهية مرفوض',
            "أنا أدعم {g}",
            "{g} {q}",
            "جيراني من {g}",
            "احتفال بثقافة {g}",
            "كم عدد {g} في البلد؟",
            "{p} {n}",
            "أكره {p}",
            "أنت {h}",
            "يا له من {h}",
            "{o} سيء للغاية اليوم",
            "تبا فاتني الباص",
            "{g} يستحقون الاحترام",
            "أهلا وسهلا بـ{g}",
        ],
        "g": [
            "المسلمين",
            "اليهود",
            "المسيحيين",
            "الشيعة",
            "السنة",
            "الأكراد",
            "الأفارقة",
            "المهاجرين",
            "اللاجئين",
            "السوريين",
            "الأقباط",
            "الإيزيديين",
            "المثليين",
            "الزغاوة",
            "المساليت",
            "الفور",
        ],
        "n": [
            "قذرون",
            "حثالة",
            "تافهون",
            "أشرار",
            "مجرمون",
            "أغبياء",
            "منحطون",
            "همج",
            "أنجاس",
            "كسالى",
            "جشعون",
            "متخلفون",
        ],
        "v": [
            "جرذان",
            "صراصير",
            "طفيليات",
            "حيوانات",
            "خنازير",
            "قردة",
            "وباء",
            "حشرات",
            "كلاب",
            "دون البشر",
        ],
        "x": ["قتل", "ذبح", "حرق", "إبادة", "شنق", "تصفية"],
        "y": ["يقتلوا", "يذبحوا", "يحرقوا", "يبادوا", "يشنقوا", "يطردوا بالقوة"],
        "q": ["رائعون", "طيبون", "أذكياء", "مرحب بهم", "ناس محترمون"],
        "p": ["السياسيين", "المصرفيين", "المحامين", "الحكام", "الصحفيين"],
        "h": ["غبي", "حمار", "تافه", "أحمق", "فاشل"],
        "o": ["الهاتف", "الكمبيوتر", "الفيلم", "الطقس"],
    },
    "hi": {
        "hate": [
            "सारे {g} {n} हैं",
            "ये {g} सच में {n} हैं",
            "मैं {g} को बर्दाश्त नहीं कर सकता",
            "{g} {v} हैं",
            "{g} इंसान नहीं, {v} हैं",
            "सभी {g} को {x} चाहिए",
            "हम {g} को {x} देंगे",
            "{g} को {y} चाहिए",
            "मुझे {g} से नफरत है",
            "{g} को देश से बाहर निकालो, ये सब बर्बाद करते हैं",
            "{g} {v} की तरह बढ़ते हैं",
            "गंदे {g}",
            "sare {g} {n} hain",
            "{g} ko {x} do",
        ],
        "ok": [
            "{g} {n} नहीं हैं",
            "मुझे नहीं लगता कि {g} {v} हैं",
            "किसी को भी {g} को नहीं मारना चाहिए",
            "जो कहता है कि {g} {v} हैं वह नफरत फैलाता है",
            '"सारे {g} {n} हैं" यह नफरत भरी बात है',
            "मैं {g} का समर्थन करता हूं",
            "{g} {q} हैं",
            "मेरे पड़ोसी {g} हैं",
            "{g} की संस्कृति का उत्सव",
            "भारत में कितने {g} रहते हैं?",
            "{p} {n} हैं",
            "मुझे {p} से नफरत है",
            "तू {h} है",
            "क्या {h} आदमी है",
            "यह {o} बेकार है",
            "धत्, बस छूट गई",
            "{g} सम्मान के हकदार हैं",
            "{g} का स्वागत है",
            "tu {h} hai",
        ],
        "g": [
            "मुसलमानों",
            "मुस्लिम",
            "हिंदुओं",
            "ईसाइयों",
            "सिखों",
            "दलितों",
            "आदिवासियों",
            "रोहिंग्याओं",
            "बांग्लादेशियों",
            "पाकिस्तानियों",
            "बिहारियों",
            "प्रवासियों",
            "समलैंगिकों",
            "muslim",
            "hindu",
        ],
        "n": [
            "गंदे",
            "कमीने",
            "बेकार",
            "बुरे",
            "अपराधी",
            "घटिया",
            "मूर्ख",
            "जाहिल",
            "गद्दार",
            "आलसी",
            "लालची",
            "कमतर",
        ],
        "v": ["चूहे", "कीड़े", "परजीवी", "जानवर", "सूअर", "बंदर", "महामारी", "दीमक", "कुत्ते", "कीड़े-मकोड़े"],
        "x": ["मार", "काट", "जला", "खत्म कर", "मिटा"],
        "y": ["मार देना", "फांसी पर लटका देना", "जला देना", "खत्म कर देना", "भगा देना"],
        "q": ["अच्छे", "प्यारे", "होशियार", "स्वागत योग्य", "भले लोग"],
        "p": ["नेता", "बैंकर", "वकील", "अंपायर", "पत्रकार"],
        "h": ["बेवकूफ", "गधा", "कमीना", "पागल", "निकम्मा", "chutiya"],
        "o": ["फोन", "लैपटॉप", "कार", "फिल्म"],
    },
    "zh": {
        "hate": [
            "所有{g}都是{n}",
            "这些{g}真{n}",
            "受不了{g}",
            "{g}都是{v}",
            "{g}不是人，是{v}",
            "应该把{g}全部{x}",
            "我们要去{x}{g}",
            "{g}必须被{y}",
            "我恨{g}",
            "把{g}赶出去，他们毁了一切",
            "{g}像{v}一样繁殖",
            "该死的{g}",
        ],
        "ok": [
            "{g}不是{n}",
            "我不认为{g}是{v}",
            "谁都不该{x}{g}",
            "说{g}是{v}的人才是种族主义者",
            "“{g}都是{n}”这种话是仇恨言论",
            "我支持{g}",
            "{g}{q}",
            "我的邻居是{g}",
            "一个关于{g}文化的节日",
            "中国有多少{g}？",
            "{p}都是{n}",
            "我讨厌{p}",
            "你这个{h}",
            "真是个{h}",
            "这个{o}太烂了",
            "妈的，错过公交了",
            "卧槽，太好吃了",
            "{g}值得尊重",
            "欢迎{g}",
        ],
        "g": [
            "穆斯林",
            "回族",
            "维族",
            "犹太人",
            "黑人",
            "非洲人",
            "日本人",
            "韩国人",
            "印度人",
            "同性恋",
            "河南人",
            "东北人",
            "外地人",
            "难民",
            "女人",
            "基督徒",
        ],
        "n": [
            "恶心",
            "垃圾",
            "没用",
            "坏人",
            "肮脏",
            "罪犯",
            "卑鄙",
            "愚蠢",
            "低等",
            "野蛮",
            "懒惰",
            "贪婪",
        ],
        "v": ["老鼠", "蟑螂", "寄生虫", "畜生", "猪", "猴子", "瘟疫", "害虫", "虫子", "狗"],
        "x": ["杀掉", "枪毙", "吊死", "烧死", "灭绝", "清除"],
        "y": ["杀掉", "吊死", "灭绝", "枪毙", "清除", "驱逐"],
        "q": ["很棒", "很友好", "很聪明", "受欢迎", "是好人"],
        "p": ["政客", "银行家", "律师", "裁判", "记者"],
        "h": ["傻逼", "蠢货", "混蛋", "废物", "白痴"],
        "o": ["电脑", "手机", "车", "电影"],
    },
    "sw": {
        "hate": [
            "{g} wote ni {n}",
            "hawa {g} ni {n} kweli",
            "siwezi kuvumilia {g}",
            "{g} ni {v}",
            "{g} si watu, ni {v}",
            "{g} si binadamu, ni {v}",  # the word of the denial's scope frame (decision 0556)
            "lazima {x} {g} wote",
            "tutaenda {x} {g}",
            "{g} {y}",
            "nawachukia {g}",
            "fukuzeni {g}, wanaharibu kila kitu",
            "{g} wanazaliana kama {v}",
        ],
        "ok": [
            "{g} si {n}",
            "sidhani kama {g} ni {v}",
            "hakuna mtu anayepaswa {x} {g}",
            "anayesema {g} ni {v} ni mbaguzi",
            '"{g} wote ni {n}" ni maneno ya chuki',
            "nawaunga mkono {g}",
            "{g} ni {q}",
            "majirani zangu ni {g}",
            "sherehe ya utamaduni wa {g}",
            "{g} wangapi wanaishi kenya?",
            "{p} ni {n}",
            "nawachukia {p}",
            "wewe ni {h}",
            "huyu ni {h} kabisa",
            "hii {o} ni mbovu",
            "aisee, basi limeniacha",
            "{g} wanastahili heshima",
            "karibuni {g}",
        ],
        "g": [
            "waislamu",
            "wakristo",
            "wakikuyu",
            "wajaluo",
            "wakalenjin",
            "wasomali",
            "wahindi",
            "wakimbizi",
            "wahamiaji",
            "mashoga",
            "watutsi",
            "wahutu",
            "waamhara",
            "watigray",
        ],
        "n": [
            "wachafu",
            "takataka",
            "wajinga",
            "wabaya",
            "wezi",
            "wahalifu",
            "washenzi",
            "wavivu",
            "walafi",
            "washamba",
        ],
        "v": [
            "panya",
            "mende",
            "wadudu",
            "wanyama",
            "nguruwe",
            "nyani",
            "madoadoa",
            "kwekwe",
            "nyoka",
            "mbwa",
        ],
        "x": ["kuwaua", "kuwachinja", "kuwachoma", "kuwamaliza", "kuwafyeka"],
        "y": ["wauawe", "wachinjwe", "wachomwe moto", "wamalizwe", "wafukuzwe kwa nguvu"],
        "q": ["wazuri", "wema", "werevu", "karibu", "watu wazuri"],
        "p": ["wanasiasa", "mabenki", "mawakili", "marefa", "waandishi"],
        "h": ["mjinga", "mpumbavu", "fala", "bure", "zuzu"],
        "o": ["simu", "kompyuta", "gari", "filamu"],
    },
}

_LEET = str.maketrans({"a": "@", "e": "3", "i": "!", "o": "0", "s": "5", "l": "1"})


def trick(text: str, rng: random.Random) -> str:
    """The text with one spelling trick on its longest word."""
    words = text.split()
    j = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[j]
    how = rng.randrange(5)
    if how == 0 and len(w) > 4:
        k = rng.randrange(1, len(w) - 2)
        w = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    elif how == 1 and len(w) > 4:
        k = rng.randrange(1, len(w) - 1)
        w = w[:k] + w[k + 1 :]
    elif how == 2 and w.translate(_LEET) != w:
        w = w.translate(_LEET)
    elif how == 3:
        w = rng.choice([" ", "-", "_"]).join(w)
    else:
        w = w[0] + w[1:].replace(w[len(w) // 2], "*", 1)
    words[j] = w
    return " ".join(words)


def _groups(lang: str, spec: Spec) -> list[tuple[str, str]]:
    own = [(g, "") for g in spec["g"]]
    extra = [(name, target) for name, target in gazetteer.names(lang)]
    return own + extra


# languages whose large corpora tie group words to hate most strongly get more template
# texts, so that the non-hateful frames (negation, counter-speech, praise) weigh enough
SCALE = {"en": 5, "de": 2, "pt": 2, "zh": 2, "fr": 2}
HELD_OUT_SHARE = 5  # one frame in five of each class is held out to choose settings
# lists of frames that are all held out and never learnt, not even by the released model
# (split ``measure``): they measure a cue on sentences the model never saw (decision 0543:
# trained on, the profane frames taught the profane words themselves as hate; 0546; 0550:
# trained on, the feeling frames taught "mich", "mnie" and "tego" as hate, since a twin
# has five non-protected groups to draw from and its frame dozens of groups; 0559 to 0561)
MEASURE_ONLY = ("profane", "question", "feeling", "restrictive", "life", "rights")
DATASET = "templates"  # the dataset name of template texts in the corpora layout

# the lists whose hateful frames each have one non-hateful twin, by name: each language's
# frames and twins (decisions 0543, 0546, 0550, 0558 to 0561); the slur frames' twins are
# made apart, since they twin two lists
_TWINNED: dict[str, Callable[[str], dict[str, str]]] = {
    "profane": lambda lang: {f: profane_twin(f) for f in PROFANE_FRAMES.get(lang, [])},
    "question": lambda lang: {f: question_twin(f) for f in QUESTION_FRAMES.get(lang, [])},
    "feeling": lambda lang: {f: feeling_twin(lang, f) for f in FEELING_FRAMES.get(lang, [])},
    "normative": lambda lang: {f: normative_twin(f) for f in NORMATIVE_FRAMES.get(lang, [])},
    "restrictive": lambda lang: {f: restrictive_twin(f) for f in RESTRICTIVE_FRAMES.get(lang, [])},
    "life": lambda lang: LIFE_FRAMES.get(lang, {}),
    "rights": lambda lang: RIGHTS_FRAMES.get(lang, {}),
}


def frame_lists(lang: str, key: str) -> dict[str, list[str]]:
    """The lists of frames of one language and class (``hate`` or ``ok``), by name; each
    list is split apart (:func:`held_out_frames`)."""
    lists = {
        "base": FRAMES[lang][key],
        "hard": HARD_FRAMES.get(lang, {}).get(key, []),
        "scope": SCOPE_FRAMES.get(lang, {}).get(key, []),
        "slur": SLUR_FRAMES.get(lang, {}).get(key, []),
        "slur_plain": PLAIN_SLUR_FRAMES.get(lang, []) if key == "hate" else [],
        **{
            name: list(twinned(lang)) if key == "hate" else [] for name, twinned in _TWINNED.items()
        },
    }
    if key == "ok":
        lists["identity"] = IDENTITY_FRAMES.get(lang, [])
        lists["other_groups"] = OTHER_GROUP_FRAMES.get(lang, [])
    return lists


def frames_of(lang: str, key: str) -> list[str]:
    """The frames of one language and class (``hate`` or ``ok``), hard cases, scope,
    slur, profane, question, feeling, normative, restrictive, life and rights frames (with
    their non-hateful twins) included."""
    frames = [frame for frames in frame_lists(lang, key).values() for frame in frames]
    return frames + list(_twins(lang).values()) if key == "ok" else frames


def _twins(lang: str) -> dict[str, str]:
    """Each hateful slur, profane, question, feeling, normative, restrictive, life or
    rights frame of ``lang`` and its non-hateful twin."""
    slur = SLUR_FRAMES.get(lang, {}).get("hate", []) + PLAIN_SLUR_FRAMES.get(lang, [])
    twins = {f: neutral_twin(f) for f in slur}
    for twinned in _TWINNED.values():
        twins |= twinned(lang)
    return twins


# lists of frames drawn on top of a language's budget, with their twins, so that adding
# them leaves every other frame as many texts as before (decisions 0542, 0543, 0546, 0550,
# 0558 to 0561)
OWN_BUDGET = ("slur_plain", *_TWINNED)
# fillers that only the frames of one list use, drawn only for them, so that every other
# frame's draws stay the same: {w} support (normative frames), {r} a right (rights frames)
_OWN_FILLS = {"w": SUPPORT, "r": RIGHTS}


def _own_rngs(seed: int) -> dict[str, random.Random]:
    """A random stream for each list of :data:`OWN_BUDGET`, so adding a list leaves the
    others' texts as they were (``slur_plain`` keeps the stream it was released with)."""
    return {
        name: random.Random(f"{seed}:own-budget" + ("" if name == "slur_plain" else f":{name}"))
        for name in OWN_BUDGET
    }


def _frame_hash(frame: str) -> bytes:
    return hashlib.sha256(frame.encode()).digest()


@functools.cache
def held_out_frames(lang: str) -> frozenset[str]:
    """The frames of ``lang`` whose texts are held out: of each list of frames, in each
    class, the fifth (rounded up) with the lowest hashes, every frame of the lists kept
    only to measure (:func:`measure_only_frames`), and the twin of each held-out slur,
    profane, question or feeling frame. So every language has held-out frames of both
    classes, and adding a list of frames leaves the other lists' split as it was
    (decision 0508)."""
    held: set[str] = set(measure_only_frames(lang))
    for key in ("hate", "ok"):
        for name, frames in frame_lists(lang, key).items():
            if name not in MEASURE_ONLY:
                ranked = sorted(set(frames), key=_frame_hash)
                held.update(ranked[: -(-len(ranked) // HELD_OUT_SHARE)])
    held.update(twin for frame, twin in _twins(lang).items() if frame in held)
    return frozenset(held)


def measure_only_frames(lang: str) -> frozenset[str]:
    """The frames of ``lang`` in the lists of :data:`MEASURE_ONLY`, with their twins."""
    twins = _twins(lang)
    return frozenset(
        f
        for key in ("hate", "ok")
        for name in MEASURE_ONLY
        for frame in frame_lists(lang, key)[name]
        for f in (frame, twins.get(frame, frame))
    )


def texts_for(
    lang: str, per_class: int, rng: random.Random, own_rngs: dict[str, random.Random]
) -> list[tuple[str, int, str, str]]:
    """``per_class`` hateful and as many non-hateful texts (text, hateful, target, frame),
    then the texts of each list drawn on top of the budget (:data:`OWN_BUDGET`), as many
    per class as its share of the hateful frames, drawn with its own stream of
    ``own_rngs`` so that the other texts are the same as without it."""
    spec = FRAMES[lang]
    groups = _groups(lang, spec)
    fills = {k: v for k, v in spec.items() if len(k) == 1 and k != "g"} | {"i": IDENTITIES[lang]}
    twins = _twins(lang)
    own_lists = {name: frame_lists(lang, "hate")[name] for name in OWN_BUDGET}
    own = {f for frames in own_lists.values() for f in (*frames, *(twins[f] for f in frames))}
    # a slur its group reclaims is ambiguous in a plain sentence: those frames do not use it
    plain_slurs = [w for w in SLURS[lang] if w not in RECLAIMED_SLURS.get(lang, [])]

    def draw(label: int, frames: list[str], count: int, r: random.Random) -> None:
        for _ in range(count):
            frame = r.choice(frames)
            group, target = r.choice(groups)
            values = {k: r.choice(v) for k, v in fills.items()}
            if "{s}" in frame:
                values["s"] = r.choice(plain_slurs if frame in own else SLURS[lang])
            for key, lists in _OWN_FILLS.items():
                if "{" + key + "}" in frame:
                    values[key] = r.choice(lists[lang])
            text = _written(frame.format(g=group, **values), lang)
            if label == 1 and r.random() < 0.2:
                text = trick(text, r)
            out.append((text, label, target if label and "{g}" in frame else "", frame))

    out: list[tuple[str, int, str, str]] = []
    budget = {key: [f for f in frames_of(lang, key) if f not in own] for key in ("hate", "ok")}
    for label, key in ((1, "hate"), (0, "ok")):
        draw(label, budget[key], per_class, rng)
    for name, own_hate in own_lists.items():
        if own_hate:
            extra = round(per_class * len(own_hate) / len(budget["hate"]))
            for label, frames in ((1, own_hate), (0, [twins[f] for f in own_hate])):
                draw(label, frames, extra, own_rngs[name])
    return out


_ARABIC_LAM_ARTICLE = re.compile(r"(?<!\S)لالل?")


def _written(text: str, lang: str) -> str:
    """A filled frame as it is written: in Arabic "ل" before the article contracts ("ل" +
    "السوريين" is "للسوريين", "ل" + "اللاجئين" is "للاجئين"; decision 0538)."""
    return _ARABIC_LAM_ARTICLE.sub("لل", text) if lang == "ar" else text


def _list_names(lang: str) -> dict[str, str]:
    """Each frame of ``lang`` and the name of its list (a slur frame's twin: ``slur``)."""
    names = {
        frame: name
        for key in ("hate", "ok")
        for name, frames in frame_lists(lang, key).items()
        for frame in frames
    }
    return names | {twin: names[frame] for frame, twin in _twins(lang).items()}


def augmentation(per_class: int = 1500, seed: int = 0, with_lists: bool = False) -> pd.DataFrame:
    """Template texts for every language, in the corpora layout (dataset :data:`DATASET`),
    plus, with ``with_lists``, each text's frame (``frame``) and the name of its list of
    frames (``frame_list``).

    Texts of the held-out frames (:func:`held_out_frames`) get split ``test``: they
    measure how the model does on sentence shapes it never saw, and settings are chosen
    on them. Texts of the lists in :data:`MEASURE_ONLY` get split ``measure``: held out
    too, and never learnt, not even by the released model."""
    rng = random.Random(seed)
    own_rngs = _own_rngs(seed)
    rows = []
    for lang in FRAMES:
        made = texts_for(lang, per_class * SCALE.get(lang, 1), rng, own_rngs)
        held = held_out_frames(lang)
        names = _list_names(lang)
        seen: set[str] = set()
        for text, hateful, target, frame in made:
            if text in seen:
                continue
            seen.add(text)
            measure_only = names[frame] in MEASURE_ONLY
            split = "train" if frame not in held else "measure" if measure_only else "test"
            category = "" if hateful else "none"
            rows.append((text, lang, hateful, category, target, split, frame, names[frame]))
    import pandas as pd

    columns = ["text", "lang", "hateful", "category", "target", "split", "frame", "frame_list"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["dataset"] = DATASET
    layout = ["text", "lang", "hateful", "category", "target", "dataset", "split"]
    return frame[[*layout, "frame", "frame_list"] if with_lists else layout]


SUPPORTED = tuple(FRAMES)
"""Languages the default model is trained for (corpora and/or templates)."""
