"""Frames that say what should be done to a group, in both directions (decision 0558):
"{g} should be {y}" (killed, hanged ...) is a normative threat, and its twin "{g} should
be {w}" (protected, respected, welcomed ...) is support. The templates had normative
threats in "must" and "needs to" only, and hateful frames such as "{g} are {v} and should
be treated like {v}", so 2.42 read "should be" and "be treated" beside a group as hate:
"Refugees should be treated with dignity" 0.77, "Gay people should be protected by law"
0.68.

Each hateful frame has a twin (:func:`normative_twin`) that differs only in what should
be done, so the model learns the threat from the verb of violence, not from the scaffold
around it. {w} is one of :data:`SUPPORT` in the frame's language. The list is drawn on a
budget of its own (``augment.OWN_BUDGET``). These frames are the project's own; they are
not frames of the functional suite, and no external test suite was used.
"""

from __future__ import annotations

NORMATIVE_FRAMES: dict[str, list[str]] = {
    "en": ["{g} should be {y}", "{g} deserve to be {y}", "it is time all {g} were {y}"],
    "fr": [
        "les {g} devraient être {y}",
        "les {g} méritent d'être {y}",
        "il est temps que les {g} soient {y}",
    ],
    "es": [
        "los {g} deberían ser {y}",
        "los {g} merecen ser {y}",
        "ya es hora de que los {g} sean {y}",
    ],
    "de": [
        "{g} sollten {y} werden",
        "{g} verdienen es, {y} zu werden",
        "es ist Zeit, dass {g} {y} werden",
    ],
    "it": [
        "gli {g} dovrebbero essere {y}",
        "gli {g} meritano di essere {y}",
        "è ora che gli {g} vengano {y}",
    ],
    "pt": [
        "os {g} deveriam ser {y}",
        "os {g} merecem ser {y}",
        "já é hora de os {g} serem {y}",
    ],
    "nl": [
        "{g} zouden {y} moeten worden",
        "{g} verdienen het om {y} te worden",
        "het wordt tijd dat {g} {y} worden",
    ],
    "pl": [
        "{g} powinni zostać {y}",
        "{g} zasługują, by zostać {y}",
        "czas, żeby {g} zostali {y}",
    ],
    "ar": ["{g} يجب أن {y}", "{g} يستحقون أن {y}", "حان الوقت أن {y} كل {g}"],
    "hi": ["हमें {g} को {y} चाहिए", "अब {g} को {y} ही चाहिए", "सच में सारे {g} को {y} चाहिए"],
    "zh": ["{g}应该被{y}", "{g}都应该被{y}", "是时候让{g}被{y}了"],
    "sw": ["ni lazima {g} {y}", "{g} wote {y}", "wakati umefika {g} {y}"],
}

# what should be done to a group, said in support, in the form of each language's {y}
SUPPORT: dict[str, list[str]] = {
    "en": [
        "protected",
        "respected",
        "welcomed",
        "treated with dignity",
        "treated equally",
        "paid fairly",
        "heard",
        "supported",
        "included",
        "kept safe",
    ],
    "fr": [
        "protégés",
        "respectés",
        "accueillis",
        "traités avec dignité",
        "traités à égalité",
        "payés équitablement",
        "écoutés",
        "soutenus",
    ],
    "es": [
        "protegidos",
        "respetados",
        "acogidos",
        "tratados con dignidad",
        "tratados con igualdad",
        "pagados con justicia",
        "escuchados",
        "apoyados",
    ],
    "de": [
        "geschützt",
        "respektiert",
        "willkommen geheißen",
        "mit Würde behandelt",
        "gleich behandelt",
        "fair bezahlt",
        "gehört",
        "unterstützt",
    ],
    "it": [
        "protetti",
        "rispettati",
        "accolti",
        "trattati con dignità",
        "trattati alla pari",
        "pagati equamente",
        "ascoltati",
        "sostenuti",
    ],
    "pt": [
        "protegidos",
        "respeitados",
        "acolhidos",
        "tratados com dignidade",
        "tratados com igualdade",
        "pagos de forma justa",
        "ouvidos",
        "apoiados",
    ],
    "nl": [
        "beschermd",
        "gerespecteerd",
        "verwelkomd",
        "met waardigheid behandeld",
        "gelijk behandeld",
        "eerlijk betaald",
        "gehoord",
        "gesteund",
    ],
    "pl": [
        "ochronieni",
        "uszanowani",
        "przyjęci z otwartymi ramionami",
        "potraktowani z godnością",
        "potraktowani na równi",
        "sprawiedliwie wynagrodzeni",
        "wysłuchani",
        "wsparci",
    ],
    "ar": [
        "يحموا",
        "يحترموا",
        "يستقبلوا بترحاب",
        "يعاملوا بكرامة",
        "يعاملوا بالمساواة",
        "ينصفوا",
        "يسمع صوتهم",
        "يساندوا",
    ],
    "hi": [
        "सम्मान देना",
        "बचाना",
        "गले लगाना",
        "बराबरी का दर्जा देना",
        "इज़्ज़त से रखना",
        "उचित वेतन देना",
        "सुनना",
        "सहारा देना",
    ],
    "zh": ["保护", "尊重", "欢迎", "平等对待", "善待", "公平对待", "倾听", "接纳"],
    "sw": [
        "walindwe",
        "waheshimiwe",
        "wakaribishwe",
        "watendewe kwa utu",
        "watendewe sawa",
        "walipwe kwa haki",
        "wasikilizwe",
        "wasaidiwe",
    ],
}


def normative_twin(frame: str) -> str:
    """The non-hateful twin of a normative frame: support in place of violence."""
    return frame.replace("{y}", "{w}")
