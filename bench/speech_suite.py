"""Build the project's functional test suite ``bench/speech_functional.csv``.

The suite was written by the Tocsin project from the definitions of each phenomenon
(see ``docs/speech.md``), before the multilingual model was tuned, and is kept apart from
training: nothing in ``tocsin/`` reads it, and the training templates
(``tocsin/analysis/speech/augment.py``) use other sentence frames and other fillers.

    .venv/bin/python bench/speech_suite.py      # rewrites bench/speech_functional.csv

The first 115 rows are the hand-written cases of the first model (source ``hand``); the
rest are built here from frames per language and phenomenon (source ``frame``), at most
:data:`PER_CELL` per language and phenomenon, drawn with a fixed seed, and then the cases
of the frames in ``bench/speech_suite_more.py``, which bring every cell to PER_CELL with
draws of their own (so the cases built before them stay the same).
"""

from __future__ import annotations

import csv
import itertools
import random
from collections import Counter
from pathlib import Path

from speech_suite_more import MORE

SUITE = Path(__file__).with_name("speech_functional.csv")
PER_CELL = 40
HATEFUL = {
    "derogation": 1,
    "dehumanisation": 1,
    "threat": 1,
    "threat_normative": 1,
    "implicit": 1,
    "slur": 1,
    "spelling": 1,
    "negation": 0,
    "counter_quote": 0,
    "counter_condemn": 0,
    "neutral_group": 0,
    "positive_group": 0,
    "abuse_individual": 0,
    "abuse_object": 0,
    "profanity": 0,
    "reclaimed": 0,
}

# Per language: groups (plural form, target) and fillers; frames per phenomenon use
# {g} group, {a} negative adjective, {d} dehumanising noun, {k} violent verb phrase,
# {p} positive adjective, {i} insult for a person, {o} object, {s} slur.
LANGS: dict[str, dict[str, object]] = {
    "en": {
        "groups": [
            ("Muslims", "religion"),
            ("Jews", "religion"),
            ("Hindus", "religion"),
            ("Christians", "religion"),
            ("immigrants", "migrants"),
            ("refugees", "migrants"),
            ("Black people", "ethnicity"),
            ("Roma", "ethnicity"),
            ("the Rohingya", "ethnicity"),
            ("the Tutsi", "ethnicity"),
            ("gay men", "sexual orientation"),
            ("trans people", "gender"),
            ("women", "gender"),
            ("disabled people", "disability"),
        ],
        "a": ["filthy", "worthless", "repulsive", "subhuman trash", "a plague of liars"],
        "d": ["rats", "cockroaches", "vermin", "parasites", "a cancer", "animals"],
        "k": ["slaughter", "exterminate", "wipe out", "butcher", "shoot"],
        "p": ["brilliant", "kind", "generous", "wonderful neighbours", "a gift to this city"],
        "i": ["moron", "pathetic loser", "lying clown", "useless idiot"],
        "o": ["printer", "bus service", "new phone", "weather"],
        "s": [
            ("kikes", "religion"),
            ("ragheads", "religion"),
            ("wetbacks", "migrants"),
            ("faggots", "sexual orientation"),
            ("coons", "ethnicity"),
            ("trannies", "gender"),
        ],
        "frames": {
            "derogation": [
                "{g} are {a}.",
                "Honestly, {g} are {a} and always will be.",
                "I despise {g}.",
                "{g} make me sick.",
            ],
            "dehumanisation": [
                "{g} are {d}.",
                "{g} are nothing but {d}.",
                "Let's be clear: {g} are {d}, not people.",
            ],
            "threat": [
                "We are going to {k} {g}.",
                "I will {k} every one of {g} I meet.",
                "Tonight we {k} {g}, all of them.",
            ],
            "threat_normative": [
                "{g} should be {kp}.",
                "All {g} deserve to be {kp}.",
                "Somebody ought to make sure {g} are {kp}.",
            ],
            "implicit": [
                "Every neighbourhood gets worse once {g} move in.",
                "Funny how crime always follows {g}.",
                "This country was better before {g} showed up.",
                "You can't trust {g} to run anything.",
                "Don't let {g} anywhere near your children.",
            ],
            "slur": [
                "Look at all these {s} everywhere.",
                "I can't stand {s}.",
                "Get these {s} out of here.",
            ],
            "negation": [
                "{g} are not {a}.",
                "I would never say that {g} are {d}.",
                "No one should claim {g} are {a}.",
            ],
            "counter_quote": [
                '"{g} are {d}" is a disgusting thing to post.',
                'When he wrote "{g} are {a}" he showed his own bigotry.',
                'Saying "{k} {g}" is incitement and should be reported.',
            ],
            "counter_condemn": [
                "Calling {g} {d} is hateful and wrong.",
                "I stand with {g} against this hatred.",
                "Hate against {g} has no place here.",
            ],
            "neutral_group": [
                "Many {g} live in this part of town.",
                "A report about {g} was published today.",
                "My colleague told me about the history of {g}.",
            ],
            "positive_group": [
                "{g} are {p}.",
                "I really admire {g}.",
                "We are lucky to have {g} in our community.",
            ],
            "abuse_individual": ["You are a {i}.", "Shut up, you {i}.", "My boss is a {i}."],
            "abuse_object": [
                "This {o} is garbage.",
                "I hate this stupid {o}.",
                "The {o} is absolutely useless today.",
            ],
            "profanity": [
                "Holy shit, what a game!",
                "Fuck yeah, we won!",
                "Damn, I forgot my keys again.",
                "What the hell, that was amazing.",
            ],
            "reclaimed": [
                "As a queer woman I love our pride march.",
                "We're queer and proud of it.",
                "Us dykes stick together.",
            ],
        },
        "kp": ["exterminated", "hanged", "shot", "wiped out", "burned"],
    },
    "fr": {
        "groups": [
            ("les musulmans", "religion"),
            ("les juifs", "religion"),
            ("les chrétiens", "religion"),
            ("les immigrés", "migrants"),
            ("les réfugiés", "migrants"),
            ("les Noirs", "ethnicity"),
            ("les Roms", "ethnicity"),
            ("les Peuls", "ethnicity"),
            ("les homosexuels", "sexual orientation"),
            ("les transsexuels", "gender"),
            ("les Arabes", "ethnicity"),
            ("les handicapés", "disability"),
        ],
        "a": ["dégoûtants", "inutiles", "répugnants", "des menteurs", "une honte"],
        "d": [
            "des rats",
            "des cafards",
            "de la vermine",
            "des parasites",
            "des animaux",
            "un cancer",
        ],
        "k": ["massacrer", "exterminer", "éliminer", "abattre", "égorger"],
        "kp": ["exterminés", "pendus", "fusillés", "éliminés", "brûlés"],
        "p": ["formidables", "généreux", "courageux", "de bons voisins", "une richesse"],
        "i": ["crétin", "pauvre type", "abruti", "menteur"],
        "o": ["imprimante", "télé", "voiture", "application"],
        "s": [
            ("bougnoules", "ethnicity"),
            ("youpins", "religion"),
            ("bicots", "ethnicity"),
            ("pédés", "sexual orientation"),
            ("négros", "ethnicity"),
        ],
        "frames": {
            "derogation": [
                "{g} sont {a}.",
                "Franchement, {g} sont {a}.",
                "Je déteste {g}.",
                "{g} me dégoûtent.",
            ],
            "dehumanisation": [
                "{g} sont {d}.",
                "{g} ne sont que {d}.",
                "{g} ne sont pas des êtres humains, ce sont {d}.",
            ],
            "threat": ["On va {k} {g}.", "Je vais {k} {g}, tous.", "Ce soir, on va {k} {g}."],
            "threat_normative": [
                "{g} devraient être {kp}.",
                "{g} méritent d'être {kp}.",
                "Il faudrait que {g} soient {kp}.",
            ],
            "implicit": [
                "Depuis que {g} sont arrivés, le quartier est fichu.",
                "Bizarre comme la délinquance suit toujours {g}.",
                "On ne peut pas faire confiance à {g}.",
                "Ne laissez pas {g} approcher de vos enfants.",
            ],
            "slur": ["Encore des {s} partout.", "Je ne supporte pas ces {s}.", "Dehors les {s} !"],
            "negation": [
                "{g} ne sont pas {a}.",
                "Je ne dirai jamais que {g} sont {d}.",
                "Personne ne devrait prétendre que {g} sont {a}.",
            ],
            "counter_quote": [
                "« {g} sont {d} » : écrire ça est ignoble.",
                "Quand il a écrit « {g} sont {a} », il a montré son racisme.",
                "Dire « il faut {k} {g} » est un appel à la haine à signaler.",
            ],
            "counter_condemn": [
                "Dire que {g} sont {d} est haineux et inacceptable.",
                "Je suis solidaire avec {g} face à cette haine.",
                "La haine contre {g} n'a pas sa place ici.",
            ],
            "neutral_group": [
                "Beaucoup de {g} vivent dans cette ville.",
                "Un rapport sur {g} a été publié aujourd'hui.",
                "Mon collègue m'a parlé de l'histoire de {g}.",
            ],
            "positive_group": [
                "{g} sont {p}.",
                "J'admire vraiment {g}.",
                "Nous avons de la chance d'avoir {g} parmi nous.",
            ],
            "abuse_individual": [
                "Tu es un {i}.",
                "Tais-toi, espèce de {i}.",
                "Mon patron est un {i}.",
            ],
            "abuse_object": [
                "Cette {o} est une vraie merde.",
                "Je déteste cette {o} débile.",
                "Cette {o} est complètement nulle aujourd'hui.",
            ],
            "profanity": [
                "Putain, quel match !",
                "Merde, j'ai encore oublié mes clés.",
                "Bordel, c'était génial !",
            ],
        },
    },
    "es": {
        "groups": [
            ("los musulmanes", "religion"),
            ("los judíos", "religion"),
            ("los cristianos", "religion"),
            ("los inmigrantes", "migrants"),
            ("los refugiados", "migrants"),
            ("los negros", "ethnicity"),
            ("los gitanos", "ethnicity"),
            ("los indígenas", "ethnicity"),
            ("los homosexuales", "sexual orientation"),
            ("los transexuales", "gender"),
            ("los árabes", "ethnicity"),
            ("los discapacitados", "disability"),
        ],
        "a": ["asquerosos", "inútiles", "repugnantes", "unos mentirosos", "una vergüenza"],
        "d": ["ratas", "cucarachas", "alimañas", "parásitos", "animales", "un cáncer"],
        "k": ["matar", "exterminar", "eliminar", "masacrar", "fusilar"],
        "kp": ["exterminados", "ahorcados", "fusilados", "eliminados", "quemados"],
        "p": ["maravillosos", "generosos", "valientes", "buenos vecinos", "una riqueza"],
        "i": ["imbécil", "idiota", "payaso", "mentiroso"],
        "o": ["impresora", "tele", "aplicación", "lavadora"],
        "s": [
            ("sudacas", "ethnicity"),
            ("moros de mierda", "religion"),
            ("maricones", "sexual orientation"),
            ("panchitos", "ethnicity"),
            ("negratas", "ethnicity"),
        ],
        "frames": {
            "derogation": [
                "{g} son {a}.",
                "Sinceramente, {g} son {a}.",
                "Odio a {g}.",
                "{g} me dan asco.",
            ],
            "dehumanisation": [
                "{g} son {d}.",
                "{g} no son más que {d}.",
                "{g} no son seres humanos, son {d}.",
            ],
            "threat": [
                "Vamos a {k} a {g}.",
                "Voy a {k} a {g}, a todos.",
                "Esta noche vamos a {k} a {g}.",
            ],
            "threat_normative": [
                "{g} deberían ser {kp}.",
                "{g} merecen ser {kp}.",
                "Habría que asegurarse de que {g} sean {kp}.",
            ],
            "implicit": [
                "Desde que llegaron {g}, el barrio está arruinado.",
                "Qué curioso que la delincuencia siempre siga a {g}.",
                "No se puede confiar en {g}.",
                "No dejes que {g} se acerquen a tus hijos.",
            ],
            "slur": ["Otra vez {s} por todas partes.", "No soporto a esos {s}.", "¡Fuera los {s}!"],
            "negation": [
                "{g} no son {a}.",
                "Nunca diría que {g} son {d}.",
                "Nadie debería afirmar que {g} son {a}.",
            ],
            "counter_quote": [
                '"{g} son {d}": escribir eso es vergonzoso.',
                'Cuando escribió "{g} son {a}" mostró su racismo.',
                'Decir "hay que {k} a {g}" es incitación al odio y hay que denunciarlo.',
            ],
            "counter_condemn": [
                "Llamar {d} a {g} es odio y es inaceptable.",
                "Estoy con {g} frente a este odio.",
                "El odio contra {g} no tiene cabida aquí.",
            ],
            "neutral_group": [
                "Muchos de {g} viven en esta ciudad.",
                "Hoy se publicó un informe sobre {g}.",
                "Mi colega me habló de la historia de {g}.",
            ],
            "positive_group": [
                "{g} son {p}.",
                "Admiro mucho a {g}.",
                "Tenemos suerte de tener a {g} entre nosotros.",
            ],
            "abuse_individual": ["Eres un {i}.", "Cállate, {i}.", "Mi jefe es un {i}."],
            "abuse_object": [
                "Esta {o} es una mierda.",
                "Odio esta {o} estúpida.",
                "La {o} no sirve para nada hoy.",
            ],
            "profanity": [
                "¡Joder, qué partido!",
                "Mierda, otra vez olvidé las llaves.",
                "¡Hostia, qué bueno!",
            ],
        },
    },
    "de": {
        "groups": [
            ("Muslime", "religion"),
            ("Juden", "religion"),
            ("Christen", "religion"),
            ("Einwanderer", "migrants"),
            ("Flüchtlinge", "migrants"),
            ("Schwarze", "ethnicity"),
            ("Roma", "ethnicity"),
            ("Kurden", "ethnicity"),
            ("Schwule", "sexual orientation"),
            ("Transmenschen", "gender"),
            ("Frauen", "gender"),
            ("Behinderte", "disability"),
        ],
        "a": ["widerlich", "wertlos", "abstoßend", "Lügner", "eine Schande"],
        "d": ["Ratten", "Kakerlaken", "Ungeziefer", "Parasiten", "Tiere", "ein Krebsgeschwür"],
        "k": ["abschlachten", "ausrotten", "erschießen", "vernichten", "aufhängen"],
        "kp": ["ausgerottet", "aufgehängt", "erschossen", "vernichtet", "verbrannt"],
        "p": ["großartig", "freundlich", "mutig", "gute Nachbarn", "eine Bereicherung"],
        "i": ["Idiot", "Vollpfosten", "Lügner", "Trottel"],
        "o": ["Drucker", "Fernseher", "Handy", "Kühlschrank"],
        "s": [
            ("Kanaken", "ethnicity"),
            ("Kameltreiber", "ethnicity"),
            ("Schwuchteln", "sexual orientation"),
            ("Zigeunerpack", "ethnicity"),
            ("Kopftuchmädchen", "religion"),
        ],
        "frames": {
            "derogation": [
                "{g} sind {a}.",
                "Ehrlich gesagt sind {g} {a}.",
                "Ich hasse {g}.",
                "{g} ekeln mich an.",
            ],
            "dehumanisation": [
                "{g} sind {d}.",
                "{g} sind nichts als {d}.",
                "{g} sind keine Menschen, sondern {d}.",
            ],
            "threat": [
                "Wir werden die {g} {k}.",
                "Ich werde alle {g} {k}.",
                "Heute Nacht werden wir die {g} {k}.",
            ],
            "threat_normative": [
                "{g} sollten {kp} werden.",
                "{g} verdienen es, {kp} zu werden.",
                "Man müsste dafür sorgen, dass {g} {kp} werden.",
            ],
            "implicit": [
                "Seit die {g} hier sind, ist das Viertel kaputt.",
                "Komisch, dass die Kriminalität immer den {g} folgt.",
                "Man kann {g} einfach nicht vertrauen.",
                "Lasst {g} nicht in die Nähe eurer Kinder.",
            ],
            "slur": [
                "Schon wieder überall {s}.",
                "Ich kann diese {s} nicht ertragen.",
                "Raus mit den {s}!",
            ],
            "negation": [
                "{g} sind nicht {a}.",
                "Ich würde nie sagen, dass {g} {d} sind.",
                "Niemand sollte behaupten, {g} seien {a}.",
            ],
            "counter_quote": [
                "„{g} sind {d}“ – so etwas zu schreiben ist widerlich.",
                "Als er „{g} sind {a}“ schrieb, zeigte er seinen Rassismus.",
                "Wer „{g} {k}“ fordert, hetzt und gehört angezeigt.",
            ],
            "counter_condemn": [
                "{g} als {d} zu bezeichnen ist Hetze.",
                "Ich stehe an der Seite der {g} gegen diesen Hass.",
                "Hass gegen {g} hat hier keinen Platz.",
            ],
            "neutral_group": [
                "In dieser Stadt leben viele {g}.",
                "Heute wurde ein Bericht über {g} veröffentlicht.",
                "Mein Kollege hat mir von der Geschichte der {g} erzählt.",
            ],
            "positive_group": [
                "{g} sind {p}.",
                "Ich bewundere {g} sehr.",
                "Wir haben Glück, {g} in unserer Gemeinde zu haben.",
            ],
            "abuse_individual": [
                "Du bist ein {i}.",
                "Halt die Klappe, du {i}.",
                "Mein Chef ist ein {i}.",
            ],
            "abuse_object": [
                "Dieser {o} ist totaler Mist.",
                "Ich hasse diesen blöden {o}.",
                "Der {o} ist heute völlig nutzlos.",
            ],
            "profanity": [
                "Scheiße, was für ein Spiel!",
                "Verdammt, ich habe schon wieder meine Schlüssel vergessen.",
                "Geil, wir haben gewonnen, verdammt!",
            ],
        },
    },
    "it": {
        "groups": [
            ("i musulmani", "religion"),
            ("gli ebrei", "religion"),
            ("i cristiani", "religion"),
            ("gli immigrati", "migrants"),
            ("i profughi", "migrants"),
            ("i neri", "ethnicity"),
            ("i rom", "ethnicity"),
            ("gli africani", "ethnicity"),
            ("i gay", "sexual orientation"),
            ("i transessuali", "gender"),
            ("gli arabi", "ethnicity"),
            ("i disabili", "disability"),
        ],
        "a": ["schifosi", "inutili", "ripugnanti", "dei bugiardi", "una vergogna"],
        "d": ["ratti", "scarafaggi", "parassiti", "bestie", "animali", "un cancro"],
        "k": ["ammazzare", "sterminare", "eliminare", "massacrare", "impiccare"],
        "kp": ["sterminati", "impiccati", "fucilati", "eliminati", "bruciati"],
        "p": ["meravigliosi", "generosi", "coraggiosi", "ottimi vicini", "una ricchezza"],
        "i": ["idiota", "cretino", "buffone", "bugiardo"],
        "o": ["stampante", "televisione", "lavatrice", "app"],
        "s": [
            ("negri", "ethnicity"),
            ("froci", "sexual orientation"),
            ("zingaracci", "ethnicity"),
            ("marocchini di merda", "ethnicity"),
            ("giudei", "religion"),
        ],
        "frames": {
            "derogation": [
                "{g} sono {a}.",
                "Sinceramente {g} sono {a}.",
                "Odio {g}.",
                "{g} mi fanno schifo.",
            ],
            "dehumanisation": [
                "{g} sono {d}.",
                "{g} non sono altro che {d}.",
                "{g} non sono esseri umani, sono {d}.",
            ],
            "threat": [
                "Adesso andiamo a {k} {g}.",
                "Voglio {k} {g}, tutti quanti.",
                "Stanotte bisogna {k} {g} con le nostre mani.",
            ],
            "threat_normative": [
                "{g} dovrebbero essere {kp}.",
                "{g} meritano di essere {kp}.",
                "Bisognerebbe fare in modo che {g} vengano {kp}.",
            ],
            "implicit": [
                "Da quando sono arrivati {g} il quartiere è rovinato.",
                "Strano come la criminalità segua sempre {g}.",
                "Non ci si può fidare di {g}.",
                "Non lasciate che {g} si avvicinino ai vostri figli.",
            ],
            "slur": ["Di nuovo {s} dappertutto.", "Non sopporto quei {s}.", "Fuori i {s}!"],
            "negation": [
                "{g} non sono {a}.",
                "Non direi mai che {g} sono {d}.",
                "Nessuno dovrebbe sostenere che {g} sono {a}.",
            ],
            "counter_quote": [
                '"{g} sono {d}": scrivere questo è vergognoso.',
                'Quando ha scritto "{g} sono {a}" ha mostrato il suo razzismo.',
                'Dire "bisogna {k} {g}" è istigazione all\'odio e va denunciato.',
            ],
            "counter_condemn": [
                "Chiamare {g} {d} è odio ed è inaccettabile.",
                "Sto dalla parte di {g} contro questo odio.",
                "L'odio contro {g} non ha posto qui.",
            ],
            "neutral_group": [
                "Anche {g} vivono in questa città.",
                "Un rapporto di oggi descrive come vivono {g}.",
                "Il mio collega mi ha spiegato come {g} celebrano le feste.",
            ],
            "positive_group": [
                "{g} sono {p}.",
                "Ammiro molto {g}.",
                "Siamo fortunati ad avere {g} nella nostra comunità.",
            ],
            "abuse_individual": ["Sei un {i}.", "Stai zitto, {i}.", "Il mio capo è un {i}."],
            "abuse_object": [
                "Questa {o} è una merda.",
                "Odio questa {o} stupida.",
                "La {o} oggi è completamente inutile.",
            ],
            "profanity": [
                "Cazzo, che partita!",
                "Merda, ho dimenticato di nuovo le chiavi.",
                "Porca miseria, che figata!",
            ],
        },
    },
    "pt": {
        "groups": [
            ("os muçulmanos", "religion"),
            ("os judeus", "religion"),
            ("os cristãos", "religion"),
            ("os imigrantes", "migrants"),
            ("os refugiados", "migrants"),
            ("os negros", "ethnicity"),
            ("os ciganos", "ethnicity"),
            ("os indígenas", "ethnicity"),
            ("os gays", "sexual orientation"),
            ("os transexuais", "gender"),
            ("os árabes", "ethnicity"),
            ("os deficientes", "disability"),
        ],
        "a": ["nojentos", "inúteis", "repugnantes", "uns mentirosos", "uma vergonha"],
        "d": ["ratos", "baratas", "vermes", "parasitas", "animais", "um câncer"],
        "k": ["matar", "exterminar", "eliminar", "massacrar", "enforcar"],
        "kp": ["exterminados", "enforcados", "fuzilados", "eliminados", "queimados"],
        "p": ["maravilhosos", "generosos", "corajosos", "ótimos vizinhos", "uma riqueza"],
        "i": ["idiota", "imbecil", "palhaço", "mentiroso"],
        "o": ["impressora", "televisão", "geladeira", "aplicação"],
        "s": [
            ("macacos", "ethnicity"),
            ("viados", "sexual orientation"),
            ("crioulos", "ethnicity"),
            ("sapatões nojentas", "sexual orientation"),
            ("nordestinos de merda", "ethnicity"),
        ],
        "frames": {
            "derogation": [
                "{g} são {a}.",
                "Sinceramente, {g} são {a}.",
                "Eu odeio {g}.",
                "{g} me dão nojo.",
            ],
            "dehumanisation": [
                "{g} são {d}.",
                "{g} não passam de {d}.",
                "{g} não são seres humanos, são {d}.",
            ],
            "threat": [
                "Vamos {k} {g}.",
                "Eu vou {k} {g}, todos eles.",
                "Hoje à noite vamos {k} {g}.",
            ],
            "threat_normative": [
                "{g} deveriam ser {kp}.",
                "{g} merecem ser {kp}.",
                "Alguém precisa garantir que {g} sejam {kp}.",
            ],
            "implicit": [
                "Desde que {g} chegaram, o bairro acabou.",
                "Engraçado como o crime sempre acompanha {g}.",
                "Não dá para confiar em {g}.",
                "Não deixe {g} chegarem perto dos seus filhos.",
            ],
            "slur": ["De novo {s} por todo lado.", "Não aguento esses {s}.", "Fora, {s}!"],
            "negation": [
                "{g} não são {a}.",
                "Eu nunca diria que {g} são {d}.",
                "Ninguém deveria afirmar que {g} são {a}.",
            ],
            "counter_quote": [
                '"{g} são {d}": escrever isso é vergonhoso.',
                'Quando ele escreveu "{g} são {a}", mostrou o próprio racismo.',
                'Dizer "temos que {k} {g}" é incitação ao ódio e deve ser denunciado.',
            ],
            "counter_condemn": [
                "Chamar {g} de {d} é ódio e é inaceitável.",
                "Estou ao lado d{g} contra esse ódio.",
                "O ódio contra {g} não tem lugar aqui.",
            ],
            "neutral_group": [
                "Muitos d{g} moram nesta cidade.",
                "Hoje saiu um relatório sobre {g}.",
                "Meu colega me contou a história d{g}.",
            ],
            "positive_group": [
                "{g} são {p}.",
                "Eu admiro muito {g}.",
                "Temos sorte de ter {g} na nossa comunidade.",
            ],
            "abuse_individual": ["Você é um {i}.", "Cala a boca, seu {i}.", "Meu chefe é um {i}."],
            "abuse_object": [
                "Essa {o} é uma merda.",
                "Odeio essa {o} idiota.",
                "A {o} hoje não serve para nada.",
            ],
            "profanity": [
                "Caralho, que jogo!",
                "Porra, esqueci as chaves de novo.",
                "Puta merda, que incrível!",
            ],
        },
    },
    "nl": {
        "groups": [
            ("moslims", "religion"),
            ("joden", "religion"),
            ("christenen", "religion"),
            ("immigranten", "migrants"),
            ("vluchtelingen", "migrants"),
            ("zwarte mensen", "ethnicity"),
            ("Marokkanen", "ethnicity"),
            ("Turken", "ethnicity"),
            ("homo's", "sexual orientation"),
            ("transgenders", "gender"),
            ("vrouwen", "gender"),
            ("gehandicapten", "disability"),
        ],
        "a": ["walgelijk", "waardeloos", "smerig", "leugenaars", "een schande"],
        "d": ["ratten", "kakkerlakken", "ongedierte", "parasieten", "beesten", "een kanker"],
        "k": ["afmaken", "uitroeien", "doodschieten", "vermoorden", "ophangen"],
        "kp": ["uitgeroeid", "opgehangen", "doodgeschoten", "vermoord", "verbrand"],
        "p": ["geweldig", "vriendelijk", "moedig", "goede buren", "een verrijking"],
        "i": ["idioot", "sukkel", "leugenaar", "klootzak"],
        "o": ["printer", "televisie", "telefoon", "wasmachine"],
        "s": [
            ("kankermarokkanen", "ethnicity"),
            ("geitenneukers", "religion"),
            ("flikkers", "sexual orientation"),
            ("apen", "ethnicity"),
            ("kutturken", "ethnicity"),
        ],
        "frames": {
            "derogation": [
                "{g} zijn {a}.",
                "Eerlijk gezegd zijn {g} {a}.",
                "Ik haat {g}.",
                "Ik walg van {g}.",
            ],
            "dehumanisation": [
                "{g} zijn {d}.",
                "{g} zijn niets meer dan {d}.",
                "{g} zijn geen mensen, het zijn {d}.",
            ],
            "threat": [
                "We gaan alle {g} {k}.",
                "Ik ga die {g} {k}.",
                "Vannacht gaan we de {g} {k}.",
            ],
            "threat_normative": [
                "{g} moeten {kp} worden.",
                "{g} verdienen het om {kp} te worden.",
                "Iemand moet ervoor zorgen dat {g} {kp} worden.",
            ],
            "implicit": [
                "Sinds de {g} hier wonen is de buurt verpest.",
                "Grappig hoe de criminaliteit altijd de {g} volgt.",
                "Je kunt {g} gewoon niet vertrouwen.",
                "Laat {g} niet in de buurt van je kinderen komen.",
            ],
            "slur": ["Alweer overal {s}.", "Ik kan die {s} niet uitstaan.", "Weg met die {s}!"],
            "negation": [
                "{g} zijn niet {a}.",
                "Ik zou nooit zeggen dat {g} {d} zijn.",
                "Niemand zou mogen beweren dat {g} {a} zijn.",
            ],
            "counter_quote": [
                '"{g} zijn {d}": zoiets schrijven is walgelijk.',
                'Toen hij "{g} zijn {a}" schreef, liet hij zijn racisme zien.',
                'Wie roept "{g} {k}" zaait haat en moet aangegeven worden.',
            ],
            "counter_condemn": [
                "{g} {d} noemen is haatdragend en onacceptabel.",
                "Ik sta naast de {g} tegen deze haat.",
                "Haat tegen {g} hoort hier niet thuis.",
            ],
            "neutral_group": [
                "In deze stad wonen veel {g}.",
                "Vandaag verscheen een rapport over {g}.",
                "Mijn collega vertelde me over de geschiedenis van {g}.",
            ],
            "positive_group": [
                "{g} zijn {p}.",
                "Ik bewonder {g} echt.",
                "We boffen met {g} in onze gemeenschap.",
            ],
            "abuse_individual": ["Jij bent een {i}.", "Hou je mond, {i}.", "Mijn baas is een {i}."],
            "abuse_object": [
                "Deze {o} is echt kut.",
                "Ik haat deze stomme {o}.",
                "De {o} is vandaag volkomen nutteloos.",
            ],
            "profanity": [
                "Godverdomme, wat een wedstrijd!",
                "Shit, ik ben mijn sleutels weer vergeten.",
                "Verdomme, wat gaaf!",
            ],
        },
    },
    "pl": {
        "groups": [
            ("muzułmanie", "religion"),
            ("Żydzi", "religion"),
            ("chrześcijanie", "religion"),
            ("imigranci", "migrants"),
            ("uchodźcy", "migrants"),
            ("czarni", "ethnicity"),
            ("Romowie", "ethnicity"),
            ("Ukraińcy", "nationality"),
            ("geje", "sexual orientation"),
            ("osoby trans", "gender"),
            ("kobiety", "gender"),
            ("niepełnosprawni", "disability"),
        ],
        "a": ["obrzydliwi", "bezwartościowi", "odrażający", "kłamcami", "hańbą"],
        "d": ["szczurami", "karaluchami", "robactwem", "pasożytami", "zwierzętami", "rakiem"],
        "k": ["wymordować", "wytępić", "rozstrzelać", "zabić", "powiesić"],
        "kp": ["wytępieni", "powieszeni", "rozstrzelani", "zlikwidowani", "spaleni"],
        "p": ["wspaniali", "życzliwi", "odważni", "dobrymi sąsiadami", "bogactwem"],
        "i": ["idiotą", "kretynem", "błaznem", "kłamcą"],
        "o": ["drukarka", "telewizor", "pralka", "aplikacja"],
        "s": [
            ("ciapaci", "ethnicity"),
            ("pedały", "sexual orientation"),
            ("czarnuchy", "ethnicity"),
            ("żydki", "religion"),
            ("banderowcy", "nationality"),
        ],
        "frames": {
            "derogation": [
                "{g} są {a}.",
                "Szczerze mówiąc, {g} są {a}.",
                "Nienawidzę, kiedy {g} się pojawiają, bo są {a}.",
                "{g} mnie brzydzą.",
            ],
            "dehumanisation": [
                "{g} są {d}.",
                "{g} to nic innego jak robactwo.",
                "{g} nie są ludźmi, są {d}.",
            ],
            "threat": [
                "Musimy {k} wszystkich, {g} nie mają prawa żyć.",
                "Dziś w nocy idziemy {k} {g}.",
                "Ja sam pójdę {k} te {g}.",
            ],
            "threat_normative": [
                "{g} powinni zostać {kp}.",
                "{g} zasługują, by zostać {kp}.",
                "Trzeba dopilnować, żeby {g} zostali {kp}.",
            ],
            "implicit": [
                "Odkąd {g} tu zamieszkali, dzielnica jest zniszczona.",
                "Dziwne, że przestępczość zawsze idzie za nimi, {g} wszędzie przynoszą kłopoty.",
                "Nie można ufać, kiedy {g} coś obiecują.",
                "Nie pozwól, żeby {g} zbliżali się do twoich dzieci.",
            ],
            "slur": ["Znowu wszędzie {s}.", "Nie znoszę, jak {s} się panoszą.", "Precz, {s}!"],
            "negation": [
                "{g} nie są {a}.",
                "Nigdy bym nie powiedział, że {g} są {d}.",
                "Nikt nie powinien twierdzić, że {g} są {a}.",
            ],
            "counter_quote": [
                "„{g} są {d}” – pisanie czegoś takiego jest ohydne.",
                "Kiedy napisał „{g} są {a}”, pokazał swój rasizm.",
                "Hasło „{k} {g}” to podżeganie do nienawiści i trzeba je zgłosić.",
            ],
            "counter_condemn": [
                "Nazywanie ich {d}, jakby {g} nie byli ludźmi, to mowa nienawiści.",
                "Stoję po stronie, po której {g} są bezpieczni, przeciw tej nienawiści.",
                "Nienawiść, której {g} doświadczają, nie ma tu miejsca.",
            ],
            "neutral_group": [
                "W tym mieście mieszkają {g}.",
                "Dziś ukazał się raport, który opisuje, jak żyją {g}.",
                "Kolega opowiadał mi, skąd przybyli {g}.",
            ],
            "positive_group": [
                "{g} są {p}.",
                "Bardzo podziwiam, jak {g} sobie radzą.",
                "Mamy szczęście, że {g} są w naszej społeczności.",
            ],
            "abuse_individual": ["Jesteś {i}.", "Zamknij się, jesteś {i}.", "Mój szef jest {i}."],
            "abuse_object": [
                "Ta {o} to kompletny szajs.",
                "Nienawidzę tego, głupia {o}.",
                "Ta {o} dzisiaj jest zupełnie do niczego.",
            ],
            "profanity": [
                "Kurwa, co za mecz!",
                "Cholera, znowu zapomniałem kluczy.",
                "O kurde, ale super!",
            ],
        },
    },
    "ar": {
        "groups": [
            ("المسلمون", "religion"),
            ("اليهود", "religion"),
            ("المسيحيون", "religion"),
            ("الشيعة", "religion"),
            ("المهاجرون", "migrants"),
            ("اللاجئون", "migrants"),
            ("السود", "ethnicity"),
            ("الأكراد", "ethnicity"),
            ("الإيزيديون", "religion"),
            ("المثليون", "sexual orientation"),
            ("النساء", "gender"),
            ("المعاقون", "disability"),
        ],
        "a": ["مقرفون", "حثالة", "لا قيمة لهم", "كذابون", "عار على البلد"],
        "d": ["جرذان", "صراصير", "حشرات", "طفيليات", "حيوانات", "سرطان"],
        "k": ["نذبح", "نبيد", "نقتل", "نحرق", "نسحق"],
        "kp": ["يُذبحوا", "يُبادوا", "يُقتلوا", "يُحرقوا", "يُشنقوا"],
        "p": ["رائعون", "كرماء", "شجعان", "جيران طيبون", "ثروة لبلدنا"],
        "i": ["غبي", "أحمق", "كذاب", "فاشل"],
        "o": ["الطابعة", "التلفاز", "الهاتف", "الغسالة"],
        "s": [
            ("الروافض", "religion"),
            ("النواصب", "religion"),
            ("العبيد", "ethnicity"),
            ("الخنازير الصهاينة", "religion"),
            ("الشواذ", "sexual orientation"),
        ],
        "frames": {
            "derogation": ["{g} {a}.", "بصراحة {g} {a}.", "أنا أكره {g}.", "{g} يثيرون اشمئزازي."],
            "dehumanisation": ["{g} {d}.", "{g} مجرد {d}.", "{g} ليسوا بشرا بل {d}."],
            "threat": ["سوف {k} {g}.", "الليلة {k} {g} كلهم.", "يجب أن {k} {g} بأيدينا."],
            "threat_normative": [
                "{g} يستحقون أن {kp}.",
                "يجب أن {kp} {g} جميعا.",
                "على أحد أن يتأكد أن {g} {kp}.",
            ],
            "implicit": [
                "منذ أن جاء {g} خرب الحي.",
                "غريب كيف تتبع الجريمة {g} دائما.",
                "لا يمكن الوثوق بـ{g}.",
                "لا تدع {g} يقتربون من أطفالك.",
            ],
            "slur": ["{s} في كل مكان مرة أخرى.", "لا أطيق هؤلاء {s}.", "اطردوا {s}!"],
            "negation": [
                "{g} ليسوا {a}.",
                "لن أقول أبدا إن {g} {d}.",
                "لا ينبغي لأحد أن يدعي أن {g} {a}.",
            ],
            "counter_quote": [
                '"{g} {d}": كتابة هذا عار.',
                'عندما كتب "{g} {a}" كشف عن عنصريته.',
                'من يقول "{k} {g}" يحرض على الكراهية ويجب الإبلاغ عنه.',
            ],
            "counter_condemn": [
                "وصف {g} بأنهم {d} كراهية مرفوضة.",
                "أقف مع {g} ضد هذه الكراهية.",
                "لا مكان للكراهية ضد {g} هنا.",
            ],
            "neutral_group": [
                "يعيش كثير من {g} في هذه المدينة.",
                "نشر اليوم تقرير عن {g}.",
                "حدثني زميلي عن تاريخ {g}.",
            ],
            "positive_group": [
                "{g} {p}.",
                "أنا معجب جدا بـ{g}.",
                "نحن محظوظون بوجود {g} في مجتمعنا.",
            ],
            "abuse_individual": ["أنت {i}.", "اسكت يا {i}.", "مديري {i}."],
            "abuse_object": ["{o} زفت.", "أكره {o} الغبية هذه.", "{o} لا تعمل اليوم أبدا."],
            "profanity": [
                "تبا، يا لها من مباراة!",
                "اللعنة، نسيت مفاتيحي مرة أخرى.",
                "يلعن، كان ذلك رائعا!",
            ],
        },
    },
    "hi": {
        "groups": [
            ("मुसलमान", "religion"),
            ("हिंदू", "religion"),
            ("ईसाई", "religion"),
            ("सिख", "religion"),
            ("दलित", "ethnicity"),
            ("आदिवासी", "ethnicity"),
            ("रोहिंग्या", "ethnicity"),
            ("बांग्लादेशी", "nationality"),
            ("प्रवासी", "migrants"),
            ("समलैंगिक", "sexual orientation"),
            ("औरतें", "gender"),
            ("विकलांग", "disability"),
        ],
        "a": ["घिनौने", "बेकार", "गंदे", "झूठे", "देश पर कलंक"],
        "d": ["चूहे", "कॉकरोच", "कीड़े", "परजीवी", "जानवर", "कैंसर"],
        "k": ["काट डालेंगे", "खत्म कर देंगे", "मार डालेंगे", "जला देंगे", "मिटा देंगे"],
        "kp": [
            "मार दिया जाना चाहिए",
            "फांसी दी जानी चाहिए",
            "गोली मार देनी चाहिए",
            "जला देना चाहिए",
            "मिटा देना चाहिए",
        ],
        "p": ["अद्भुत", "दयालु", "बहादुर", "अच्छे पड़ोसी", "देश की ताकत"],
        "i": ["बेवकूफ", "गधे", "झूठे", "नालायक"],
        "o": ["प्रिंटर", "टीवी", "फोन", "फ्रिज"],
        "s": [
            ("कटुए", "religion"),
            ("मुल्ले", "religion"),
            ("चमार", "ethnicity"),
            ("छक्के", "gender"),
            ("जिहादी सूअर", "religion"),
        ],
        "frames": {
            "derogation": [
                "{g} {a} होते हैं।",
                "सच कहूं तो {g} {a} हैं।",
                "मुझे {g} से नफरत है।",
                "{g} से मुझे घिन आती है।",
            ],
            "dehumanisation": ["{g} {d} हैं।", "{g} और कुछ नहीं बस {d} हैं।", "{g} इंसान नहीं हैं, वे {d} हैं।"],
            "threat": ["हम सारे {g} को {k}।", "आज रात हम {g} को {k}।", "मैं हर एक {g} को {k}।"],
            "threat_normative": [
                "{g} को {kp}।",
                "सारे {g} को {kp}, यही सही है।",
                "किसी को तो {g} को {kp}।",
            ],
            "implicit": [
                "जब से {g} आए हैं, मोहल्ला बर्बाद हो गया है।",
                "अजीब है कि अपराध हमेशा {g} के पीछे आता है।",
                "{g} पर कभी भरोसा मत करना।",
                "{g} को अपने बच्चों के पास मत आने देना।",
            ],
            "slur": ["फिर से हर जगह {s}।", "मैं इन {s} को बर्दाश्त नहीं कर सकता।", "{s} को बाहर निकालो!"],
            "negation": [
                "{g} {a} नहीं हैं।",
                "मैं कभी नहीं कहूंगा कि {g} {d} हैं।",
                "किसी को यह दावा नहीं करना चाहिए कि {g} {a} हैं।",
            ],
            "counter_quote": [
                '"{g} {d} हैं" - ऐसा लिखना शर्मनाक है।',
                'जब उसने लिखा "{g} {a} हैं", तो उसकी नफरत दिख गई।',
                '"{g} को {k}" कहना नफरत भड़काना है, इसकी शिकायत करो।',
            ],
            "counter_condemn": [
                "{g} को {d} कहना नफरत है और गलत है।",
                "मैं इस नफरत के खिलाफ {g} के साथ खड़ा हूं।",
                "{g} के खिलाफ नफरत की यहां कोई जगह नहीं है।",
            ],
            "neutral_group": [
                "इस शहर में बहुत से {g} रहते हैं।",
                "आज {g} पर एक रिपोर्ट छपी।",
                "मेरे सहकर्मी ने मुझे {g} का इतिहास बताया।",
            ],
            "positive_group": [
                "{g} {p} हैं।",
                "मैं {g} की बहुत इज्जत करता हूं।",
                "हम भाग्यशाली हैं कि {g} हमारे समाज में हैं।",
            ],
            "abuse_individual": ["तू {i} है।", "चुप कर, {i}।", "मेरा बॉस {i} है।"],
            "abuse_object": [
                "यह {o} बकवास है।",
                "मुझे इस बेकार {o} से नफरत है।",
                "आज {o} बिल्कुल काम नहीं कर रहा।",
            ],
            "profanity": [
                "साला, क्या मैच था!",
                "धत् तेरे की, फिर से चाबी भूल गया।",
                "अरे यार, कमाल हो गया, भाड़ में जाए सब!",
            ],
        },
    },
    "zh": {
        "groups": [
            ("穆斯林", "religion"),
            ("犹太人", "religion"),
            ("基督徒", "religion"),
            ("维吾尔人", "ethnicity"),
            ("藏人", "ethnicity"),
            ("黑人", "ethnicity"),
            ("移民", "migrants"),
            ("难民", "migrants"),
            ("同性恋", "sexual orientation"),
            ("跨性别者", "gender"),
            ("女人", "gender"),
            ("残疾人", "disability"),
        ],
        "a": ["恶心", "一文不值", "肮脏", "满嘴谎言", "是国家的耻辱"],
        "d": ["老鼠", "蟑螂", "害虫", "寄生虫", "畜生", "癌症"],
        "k": ["杀光", "消灭", "屠杀", "烧死", "枪毙"],
        "kp": ["杀光", "消灭干净", "吊死", "枪毙", "烧死"],
        "p": ["很了不起", "很善良", "很勇敢", "是好邻居", "是社会的财富"],
        "i": ["白痴", "蠢货", "骗子", "废物"],
        "o": ["打印机", "电视", "手机", "冰箱"],
        "s": [
            ("黑鬼", "ethnicity"),
            ("绿绿", "religion"),
            ("阿三", "nationality"),
            ("基佬", "sexual orientation"),
            ("田园婊", "gender"),
        ],
        "frames": {
            "derogation": ["{g}都{a}。", "说实话，{g}真{a}。", "我讨厌{g}。", "{g}让我恶心。"],
            "dehumanisation": ["{g}就是{d}。", "{g}不过是一群{d}。", "{g}不是人，是{d}。"],
            "threat": ["我们要把{g}{k}。", "今晚就去把{g}{k}。", "我要亲手把{g}{k}。"],
            "threat_normative": ["{g}应该被{kp}。", "所有{g}都该被{kp}。", "早该有人把{g}{kp}。"],
            "implicit": [
                "自从{g}来了，这个街区就毁了。",
                "奇怪，犯罪总是跟着{g}。",
                "永远不要相信{g}。",
                "别让{g}靠近你的孩子。",
            ],
            "slur": ["到处都是{s}。", "我受不了这些{s}。", "{s}滚出去！"],
            "negation": ["{g}并不{a}。", "我从来不会说{g}是{d}。", "谁都不应该说{g}{a}。"],
            "counter_quote": [
                "“{g}是{d}”，写这种话太可耻了。",
                "他写“{g}{a}”的时候暴露了他的偏见。",
                "说“把{g}{k}”就是煽动仇恨，应该举报。",
            ],
            "counter_condemn": [
                "把{g}叫做{d}是仇恨言论，不能接受。",
                "我和{g}站在一起，反对这种仇恨。",
                "针对{g}的仇恨在这里没有容身之地。",
            ],
            "neutral_group": [
                "这个城市住着很多{g}。",
                "今天发布了一份关于{g}的报告。",
                "我同事给我讲了{g}的历史。",
            ],
            "positive_group": ["{g}{p}。", "我很佩服{g}。", "我们很幸运社区里有{g}。"],
            "abuse_individual": ["你是个{i}。", "闭嘴吧，{i}。", "我老板是个{i}。"],
            "abuse_object": ["这台{o}真是垃圾。", "我讨厌这个破{o}。", "今天{o}完全没用。"],
            "profanity": ["卧槽，这场比赛太精彩了！", "妈的，又忘带钥匙了。", "靠，太牛了！"],
        },
    },
    "sw": {
        "groups": [
            ("Waislamu", "religion"),
            ("Wakristo", "religion"),
            ("Wakikuyu", "ethnicity"),
            ("Wajaluo", "ethnicity"),
            ("Wasomali", "ethnicity"),
            ("Watutsi", "ethnicity"),
            ("wakimbizi", "migrants"),
            ("wahamiaji", "migrants"),
            ("mashoga", "sexual orientation"),
            ("wanawake", "gender"),
            ("walemavu", "disability"),
            ("Wahindi", "ethnicity"),
        ],
        "a": ["wachafu", "hawana thamani", "waongo", "wezi", "aibu kwa nchi"],
        "d": ["panya", "mende", "madoadoa", "wadudu", "wanyama", "kansa"],
        "k": ["kuwaua", "kuwachinja", "kuwamaliza", "kuwachoma", "kuwafukuza kwa panga"],
        "kp": ["wauawe", "wachinjwe", "wamalizwe", "wachomwe", "wanyongwe"],
        "p": ["wazuri sana", "wakarimu", "jasiri", "majirani wema", "baraka kwa nchi"],
        "i": ["mjinga", "mpumbavu", "mwongo", "bure kabisa"],
        "o": ["printa", "televisheni", "simu", "friji"],
        "s": [
            ("madoadoa", "ethnicity"),
            ("kwekwe", "ethnicity"),
            ("wakuja", "migrants"),
            ("mende", "ethnicity"),
        ],
        "frames": {
            "derogation": [
                "{g} ni {a}.",
                "Kusema kweli {g} ni {a}.",
                "Nawachukia {g}.",
                "{g} wananichukiza.",
            ],
            "dehumanisation": [
                "{g} ni {d}.",
                "{g} si chochote ila {d}.",
                "{g} si binadamu, ni {d}.",
            ],
            "threat": [
                "Tutaenda {k} {g}.",
                "Usiku huu ni {k} {g} wote.",
                "Nitahakikisha {k} {g} mmoja mmoja.",
            ],
            "threat_normative": [
                "{g} wote {kp}.",
                "{g} wanastahili {kp}.",
                "Mtu ahakikishe {g} {kp}.",
            ],
            "implicit": [
                "Tangu {g} waje, mtaa umeharibika.",
                "Ajabu jinsi uhalifu unavyowafuata {g}.",
                "Usiwaamini {g} kamwe.",
                "Usiwaache {g} wakaribie watoto wako.",
            ],
            "slur": [
                "Hawa {s} wako kila mahali.",
                "Siwezi kuvumilia hawa {s}.",
                "{s} watoke hapa!",
            ],
            "negation": [
                "{g} si {a}.",
                "Sitawahi kusema kwamba {g} ni {d}.",
                "Hakuna anayepaswa kudai kwamba {g} ni {a}.",
            ],
            "counter_quote": [
                '"{g} ni {d}" - kuandika hivyo ni aibu.',
                'Alipoandika "{g} ni {a}" alionyesha chuki yake.',
                'Kusema "{k} {g}" ni uchochezi na kunapaswa kuripotiwa.',
            ],
            "counter_condemn": [
                "Kuwaita {g} {d} ni chuki na si sawa.",
                "Nasimama pamoja na {g} dhidi ya chuki hii.",
                "Chuki dhidi ya {g} haina nafasi hapa.",
            ],
            "neutral_group": [
                "{g} wengi wanaishi katika mji huu.",
                "Ripoti kuhusu {g} imetolewa leo.",
                "Mwenzangu aliniambia historia ya {g}.",
            ],
            "positive_group": [
                "{g} ni {p}.",
                "Ninawapenda sana {g}.",
                "Tuna bahati kuwa na {g} katika jamii yetu.",
            ],
            "abuse_individual": ["Wewe ni {i}.", "Nyamaza, {i} wewe.", "Bosi wangu ni {i}."],
            "abuse_object": [
                "Hii {o} ni takataka.",
                "Nachukia hii {o} ya kijinga.",
                "{o} haifanyi kazi kabisa leo.",
            ],
            "profanity": [
                "Shit, mechi gani hii!",
                "Aisee, nimesahau funguo tena, ujinga!",
                "Wueh, hiyo ilikuwa moto sana!",
            ],
        },
    },
    # Hindi as it is mostly written online, in Latin letters (decision 0540). Written by
    # hand in the spellings people use ("nahi", "hai", "saare"), not by the model's
    # reading of Devanagari; its own column in the tables, outside the ten languages.
    "hi-Latn": {
        "groups": [
            ("musalman", "religion"),
            ("muslim log", "religion"),
            ("hindu", "religion"),
            ("isai", "religion"),
            ("sikh", "religion"),
            ("dalit", "ethnicity"),
            ("adivasi", "ethnicity"),
            ("rohingya", "ethnicity"),
            ("bangladeshi", "nationality"),
            ("pravasi", "migrants"),
            ("gay log", "sexual orientation"),
            ("auratein", "gender"),
        ],
        "a": ["ghatiya", "bekaar", "gande", "jhoothe", "desh pe kalank"],
        "d": ["chuhe", "cockroach", "keede", "parasite", "janwar", "cancer"],
        "k": ["kaat denge", "khatam kar denge", "maar daalenge", "jala denge", "mita denge"],
        "kp": [
            "maar dena chahiye",
            "phansi deni chahiye",
            "goli maar deni chahiye",
            "jala dena chahiye",
            "desh se nikaal dena chahiye",
        ],
        "p": ["ache log", "dayalu", "bahadur", "ache padosi", "desh ki taakat"],
        "i": ["bewakoof", "gadha", "jhootha", "nalayak", "pagal"],
        "o": ["printer", "TV", "phone", "fridge", "laptop"],
        "s": [
            ("katue", "religion"),
            ("mulle", "religion"),
            ("chamar", "ethnicity"),
            ("chhakke", "gender"),
            ("jihadi suar", "religion"),
        ],
        "frames": {
            "derogation": [
                "{g} {a} hote hain.",
                "sach kahun to {g} {a} hain",
                "mujhe {g} se nafrat hai",
                "{g} se mujhe ghin aati hai",
                "ye {g} sab ke sab {a} hain yaar",
            ],
            "dehumanisation": [
                "{g} {d} hain",
                "{g} aur kuch nahi bas {d} hain",
                "{g} insaan nahi hain, {d} hain",
                "ye {g} {d} ki tarah failte hain",
            ],
            "threat": [
                "hum saare {g} ko {k}",
                "aaj raat hum {g} ko {k}",
                "main har ek {g} ko {k}",
                "ek din hum in {g} ko {k}, dekh lena",
            ],
            "threat_normative": [
                "{g} ko {kp}",
                "saare {g} ko {kp}, yahi sahi hai",
                "kisi ko to {g} ko {kp}",
            ],
            "implicit": [
                "jab se {g} aaye hain, mohalla barbaad ho gaya",
                "ajeeb baat hai ki crime hamesha {g} ke peeche aata hai",
                "{g} pe kabhi bharosa mat karna",
                "apne bachon ko {g} ke paas mat jaane dena",
                "{g} ko ghar kiraye pe dena? kabhi nahi",
            ],
            "slur": [
                "phir se har jagah {s}",
                "main in {s} ko bardasht nahi kar sakta",
                "{s} ko bahar nikalo!",
                "aaj bus mein sirf {s} baithe the",
                "ye {s} hamesha station pe kyu ghoomte rehte hain?",
                "neeche wali nayi dukaan {s} chalate hain",
                "{s} ka yahi haal hai, hamesha rona dhona",
                "mere office mein do {s} kaam karte hain",
            ],
            "negation": [
                "{g} {a} nahi hain",
                "main kabhi nahi kahunga ki {g} {d} hain",
                "kisi ko ye dawa nahi karna chahiye ki {g} {a} hain",
                "ye sach nahi hai ki {g} {a} hote hain",
            ],
            "counter_quote": [
                '"{g} {d} hain" - aisa likhna sharmnaak hai',
                'jab usne likha "{g} {a} hain", to uski nafrat dikh gayi',
                '"{g} ko {k}" kehna nafrat bhadkana hai, iski report karo',
            ],
            "counter_condemn": [
                "{g} ko {d} kehna nafrat hai aur galat hai",
                "main is nafrat ke khilaf {g} ke saath khada hoon",
                "{g} ke khilaf nafrat ki yahan koi jagah nahi hai",
            ],
            "neutral_group": [
                "is sheher mein bahut se {g} rehte hain",
                "aaj {g} par ek report chhapi",
                "mere colleague ne mujhe {g} ka itihaas bataya",
                "museum mein {g} ki zindagi par nayi pradarshani lagi hai",
            ],
            "positive_group": [
                "{g} {p} hain",
                "main {g} ki bahut izzat karta hoon",
                "hum lucky hain ki {g} hamare samaj mein hain",
            ],
            "abuse_individual": [
                "tu {i} hai",
                "chup kar, {i}",
                "mera boss {i} hai",
                "sach kahun to mera padosi {i} hai",
                "tujhse kisi ne poocha nahi, {i}",
                "nikal yahan se, {i}",
                "aaj ka referee {i} tha",
                "jis driver ne mujhe kaata, wo {i} hai",
            ],
            "abuse_object": [
                "ye {o} ekdum bekaar hai",
                "main is {o} se tang aa gaya hoon",
                "sach mein, ye {o} mazaak hai",
                "is {o} ne meri poori subah barbaad kar di",
                "kitna ghatiya {o} hai!",
                "mujhe is bekaar {o} se nafrat hai",
                "aaj {o} bilkul kaam nahi kar raha",
                "is {o} ne phir dhokha de diya",
            ],
        },
    },
}

_LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "$"})


def obfuscate(text: str, group: str, rng: random.Random) -> str:
    """One spelling trick applied to the group word or the whole text: swapped or
    dropped letters, leetspeak, spaces or dots between letters, or an asterisk."""
    words = [w for w in text.split() if w.lower().strip(".,!?") in group.lower().split()]
    word = max(words or text.split(), key=len).strip(".,!?")
    kind = rng.choice(["swap", "drop", "leet", "space", "dot", "star"])
    if kind == "swap" and len(word) > 3:
        j = rng.randrange(1, len(word) - 2)
        new = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif kind == "drop" and len(word) > 3:
        j = rng.randrange(1, len(word) - 1)
        new = word[:j] + word[j + 1 :]
    elif kind == "leet" and word.translate(_LEET) != word:
        new = word.translate(_LEET)
    elif kind == "dot":
        new = ".".join(word)
    elif kind == "star" and len(word) > 3:
        j = rng.randrange(1, len(word) - 1)
        new = word[:j] + "*" + word[j + 1 :]
    else:
        new = " ".join(word)
    return text.replace(word, new, 1)


def _fill(frame: str, group: tuple[str, str], extra: dict[str, str]) -> tuple[str, str]:
    """The frame filled in, first letter capitalised, and the group's target."""
    g, target = group
    text = frame.format(g=g, **extra)
    return text[0].upper() + text[1:] if text[0].islower() else text, target


def _candidates(
    frame_list: list[str], spec: dict[str, object], slots: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """Every filling of ``frame_list`` (text, target): slurs for ``{s}``, otherwise each
    group with each combination of the other slots the frame uses."""
    groups: list[tuple[str, str]] = spec["groups"]  # type: ignore[assignment]
    slurs: list[tuple[str, str]] = spec.get("s", [])  # type: ignore[assignment]
    candidates: list[tuple[str, str]] = []
    for frame in frame_list:
        if "{s}" in frame:
            for slur, target in slurs:
                candidates.append((frame.replace("{s}", slur), target))
            continue
        used = [k for k in slots if "{" + k + "}" in frame]
        for group in groups:
            for fillers in itertools.product(*[slots[k] for k in used]):
                candidates.append(_fill(frame, group, dict(zip(used, fillers, strict=True))))
    if not any("{g}" in f for f in frame_list):
        candidates = candidates or [(f, "") for f in frame_list]
    return candidates


def _case(phenomenon: str, code: str, text: str, target: str) -> dict[str, object]:
    hateful = HATEFUL[phenomenon]
    return {
        "phenomenon": phenomenon,
        "lang": code,
        "hateful": hateful,
        "target": target if hateful else "",
        "text": text,
        "source": "frame",
    }


def cells(code: str, spec: dict[str, object], rng: random.Random) -> list[dict[str, object]]:
    """Up to PER_CELL cases per phenomenon for one language, then the cases of
    :func:`more_cells`."""
    frames: dict[str, list[str]] = spec["frames"]  # type: ignore[assignment]
    groups: list[tuple[str, str]] = spec["groups"]  # type: ignore[assignment]
    rows: list[dict[str, object]] = []
    slots = {k: spec[k] for k in ("a", "d", "k", "kp", "p", "i", "o") if k in spec}
    for phenomenon, frame_list in frames.items():
        candidates = _candidates(frame_list, spec, slots)  # type: ignore[arg-type]
        rng.shuffle(candidates)
        seen: set[str] = set()
        for text, target in candidates:
            if text in seen:
                continue
            seen.add(text)
            rows.append(_case(phenomenon, code, text, target))
            if len(seen) >= PER_CELL:
                break
    hateful_frames = ("derogation", "dehumanisation", "threat")
    tricks = [r for r in rows if r["phenomenon"] in hateful_frames]
    rng.shuffle(tricks)
    names = {g for g, _ in groups}
    for row in tricks[:PER_CELL]:
        group = next((g for g in names if g in str(row["text"])), str(row["text"]).split()[0])
        rows.append(
            row | {"phenomenon": "spelling", "text": obfuscate(str(row["text"]), group, rng)}
        )
    return rows + more_cells(code, spec, rows)


def more_cells(
    code: str, spec: dict[str, object], rows: list[dict[str, object]]
) -> list[dict[str, object]]:
    """Cases from the frames of ``speech_suite_more.MORE`` that bring each of the
    language's cells up to PER_CELL, drawn with a seed of their own per cell so that
    the cases in ``rows`` are the same as before these frames were written."""
    more = MORE.get(code)
    if more is None:
        return []
    slots = {k: v for k, v in (spec | more).items() if k in ("i", "o", "x", "r")}
    counts = Counter(str(r["phenomenon"]) for r in rows)
    seen = {str(r["text"]) for r in rows}
    added: list[dict[str, object]] = []
    frames: dict[str, list[str]] = more["frames"]  # type: ignore[assignment]
    for phenomenon, frame_list in frames.items():
        candidates = _candidates(frame_list, spec, slots)  # type: ignore[arg-type]
        random.Random(f"{code}:{phenomenon}").shuffle(candidates)
        for text, target in candidates:
            if counts[phenomenon] >= PER_CELL:
                break
            if text not in seen:
                seen.add(text)
                counts[phenomenon] += 1
                added.append(_case(phenomenon, code, text, target))
    return added


def main() -> None:
    """Rewrite the suite: the hand-written rows, then the frame-built ones."""
    with SUITE.open(newline="", encoding="utf-8") as fh:
        hand = [r for r in csv.DictReader(fh) if r.get("source", "hand") == "hand"]
    for row in hand:
        row["source"] = "hand"
    rng = random.Random(14)
    built = [row for code, spec in LANGS.items() for row in cells(code, spec, rng)]
    with SUITE.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["phenomenon", "lang", "hateful", "target", "text", "source"])
        writer.writeheader()
        writer.writerows(hand)
        writer.writerows(built)
    print(f"{len(hand)} hand-written + {len(built)} frame-built cases -> {SUITE}")


if __name__ == "__main__":
    main()
