"""Training frames for slurs, written from the phenomenon's definition: a slur is a word
that names a group in order to demean it, so using one about people is hateful however
plain the sentence ("my boss often hires {s}"), while condemning, quoting or discussing it
is not ("calling people {s} is racist").

The hateful frames are plain sentences whose only hate is the slur (four per language
in ``SLUR_FRAMES``, and three in ``PLAIN_SLUR_FRAMES``, decision 0542). Each has a
non-hateful twin, the same sentence with a group's name instead ("my boss often hires
{g}"), made by :func:`neutral_twin`; a frame and its twin are on the same side of the
training/held-out split. Without the twins the model learnt the plain sentences as hate
(decision 0508).

``SLURS`` holds plural slurs per language for the ``{s}`` placeholder: the rows of
``data/slurs.csv`` marked for the frames (``slurs.py``), whose other rows are the other
forms; all of them are slur cues (``cues.INDEX``). Words that are also everyday
words in a supported language were left out ("bicha" is a queue in Portugal, "poten"
are paws in Dutch, "asfalt" is asphalt in Polish, "छक्के" are sixes in cricket, and
"pédé" is written "pede" once normalised, which is Portuguese for "asks").
These frames and lists are the project's own, for training only; they are not frames or
fillers of the functional suite, and no external test suite was used.
"""

from __future__ import annotations

from tocsin.analysis.speech import slurs

SLURS: dict[str, list[str]] = slurs.frame_slurs()

SLUR_FRAMES: dict[str, dict[str, list[str]]] = {
    "en": {
        "hate": [
            "there are many {s} in this town",
            "my boss often hires {s}",
            "the train was full of {s} on their way to the festival",
            "two {s} moved in next door",
        ],
        "ok": [
            "calling people {s} is racist",
            'he was fired for shouting "{s}" at a customer',
            "the word {s} is a slur and should not be used",
        ],
    },
    "fr": {
        "hate": [
            "il y a beaucoup de {s} dans ce quartier",
            "mon patron embauche souvent des {s}",
            "le métro était plein de {s} qui allaient au festival",
            "deux {s} ont emménagé à côté",
        ],
        "ok": [
            "traiter les gens de {s} est raciste",
            'il a été condamné pour avoir crié "{s}" à des passants',
            "le mot {s} est une insulte qu'on ne doit pas utiliser",
        ],
    },
    "es": {
        "hate": [
            "hay muchos {s} en este barrio",
            "mi jefe contrata a menudo a {s}",
            "el metro iba lleno de {s} que iban al festival",
            "dos {s} se mudaron al lado",
        ],
        "ok": [
            "llamar {s} a la gente es racista",
            'lo despidieron por gritar "{s}" a un cliente',
            "la palabra {s} es un insulto y no se debe usar",
        ],
    },
    "de": {
        "hate": [
            "in diesem Viertel wohnen viele {s}",
            "mein Chef stellt oft {s} ein",
            "die U-Bahn war voller {s} auf dem Weg zum Festival",
            "nebenan sind zwei {s} eingezogen",
        ],
        "ok": [
            "Menschen {s} zu nennen ist rassistisch",
            'er wurde verurteilt, weil er "{s}" gerufen hat',
            "das Wort {s} ist eine Beleidigung und sollte nicht benutzt werden",
        ],
    },
    "it": {
        "hate": [
            "ci sono molti {s} in questo quartiere",
            "il mio capo assume spesso {s}",
            "la metro era piena di {s} che andavano al festival",
            "due {s} si sono trasferiti qui accanto",
        ],
        "ok": [
            "chiamare la gente {s} è razzismo",
            'è stato licenziato per aver urlato "{s}" a un cliente',
            "la parola {s} è un insulto e non va usata",
        ],
    },
    "pt": {
        "hate": [
            "tem muitos {s} neste bairro",
            "meu chefe contrata {s} com frequência",
            "o metrô estava cheio de {s} indo para o festival",
            "dois {s} se mudaram aqui para o lado",
        ],
        "ok": [
            "chamar as pessoas de {s} é racismo",
            'ele foi demitido por gritar "{s}" para um cliente',
            "a palavra {s} é uma ofensa e não deve ser usada",
        ],
    },
    "nl": {
        "hate": [
            "er wonen veel {s} in deze wijk",
            "mijn baas neemt vaak {s} aan",
            "de metro zat vol {s} op weg naar het festival",
            "er zijn twee {s} naast ons komen wonen",
        ],
        "ok": [
            "mensen {s} noemen is racistisch",
            'hij werd ontslagen omdat hij "{s}" riep tegen een klant',
            "het woord {s} is een scheldwoord en hoort niet gebruikt te worden",
        ],
    },
    "pl": {
        "hate": [
            "{s} mieszkają w naszym mieście",
            "{s} jadą tramwajem na festiwal",
            "wszędzie {s} świętują dziś razem z nami",
            "obok nas wprowadzili się {s}",
        ],
        "ok": [
            'nazywanie ludzi "{s}" to rasizm',
            'został zwolniony za krzyczenie "{s}" do klienta',
            'słowo "{s}" to obelga i nie powinno się go używać',
        ],
    },
    "ar": {
        "hate": [
            "يعيش كثير من {s} في هذا الحي",
            "مديري يوظف {s} كثيرا",
            "كان المترو مليئا ب {s} ذاهبين الى المهرجان",
            "انتقل {s} للسكن بجوارنا",
        ],
        "ok": [
            "وصف الناس بأنهم {s} عنصرية",
            'طرد من عمله لانه صرخ "{s}" في وجه زبون',
            "كلمة {s} شتيمة ولا يجوز استخدامها",
        ],
    },
    "hi": {
        "hate": [
            "इस मोहल्ले में बहुत सारे {s} रहते हैं",
            "मेरा बॉस अक्सर {s} को नौकरी देता है",
            "मेट्रो त्योहार जा रहे {s} से भरी थी",
            "हमारे बगल में दो {s} रहने आए हैं",
        ],
        "ok": [
            "लोगों को {s} कहना नफ़रत है",
            'ग्राहक पर "{s}" चिल्लाने के लिए उसे नौकरी से निकाल दिया गया',
            "{s} शब्द एक गाली है, इसका इस्तेमाल नहीं होना चाहिए",
        ],
    },
    "zh": {
        "hate": [
            "这个小区里住着很多{s}",
            "我老板经常招{s}",
            "地铁上全是去参加节日的{s}",
            "隔壁搬来了两个{s}",
        ],
        "ok": [
            "把别人叫作{s}是种族歧视",
            '他因为对顾客喊"{s}"被开除了',
            "{s}这个词是侮辱，不应该使用",
        ],
    },
    "sw": {
        "hate": [
            "kuna {s} wengi katika mtaa huu",
            "bosi wangu huajiri {s} mara nyingi",
            "basi lilijaa {s} wanaoenda kwenye tamasha",
            "{s} wawili wamehamia jirani",
        ],
        "ok": [
            "kuwaita watu {s} ni ubaguzi",
            'alifukuzwa kazi kwa kumpigia kelele mteja "{s}"',
            "neno {s} ni tusi na halifai kutumika",
        ],
    },
}


# more plain sentences whose only hate is the slur, drawn on top of each language's budget
# of template texts so that no other frame loses texts (decision 0542)
PLAIN_SLUR_FRAMES: dict[str, list[str]] = {
    "en": [
        "a group of {s} was waiting outside the shop",
        "{s} opened a new restaurant on our street",
        "my sister's new colleagues are {s}",
    ],
    "fr": [
        "un groupe de {s} attendait devant le magasin",
        "des {s} ont ouvert un restaurant dans notre rue",
        "les nouveaux collègues de ma sœur sont des {s}",
    ],
    "es": [
        "un grupo de {s} esperaba delante de la tienda",
        "unos {s} abrieron un restaurante en nuestra calle",
        "los nuevos compañeros de mi hermana son {s}",
    ],
    "de": [
        "vor dem Laden wartete eine Gruppe {s}",
        "ein paar {s} haben in unserer Straße ein Restaurant eröffnet",
        "die neuen Kollegen meiner Schwester sind {s}",
    ],
    "it": [
        "un gruppo di {s} aspettava davanti al negozio",
        "alcuni {s} hanno aperto un ristorante nella nostra via",
        "i nuovi colleghi di mia sorella sono {s}",
    ],
    "pt": [
        "um grupo de {s} esperava em frente à loja",
        "uns {s} abriram um restaurante na nossa rua",
        "os novos colegas da minha irmã são {s}",
    ],
    "nl": [
        "een groep {s} stond voor de winkel te wachten",
        "een paar {s} hebben een restaurant geopend in onze straat",
        "de nieuwe collega's van mijn zus zijn {s}",
    ],
    "pl": [
        "{s} czekają przed sklepem",
        "{s} prowadzą nową restaurację na naszej ulicy",
        "nowi koledzy mojej siostry to {s}",
    ],
    "ar": [
        "كانت مجموعة من {s} تنتظر أمام المتجر",
        "فتح {s} مطعما في شارعنا",
        "زملاء أختي الجدد {s}",
    ],
    "hi": [
        "दुकान के सामने {s} का एक झुंड खड़ा था",
        "{s} ने हमारी गली में नया रेस्टोरेंट खोला है",
        "मेरी बहन के नए सहकर्मी {s} हैं",
    ],
    "zh": [
        "一群{s}在商店门口等着",
        "几个{s}在我们街上开了一家饭店",
        "我姐姐的新同事都是{s}",
    ],
    "sw": [
        "kundi la {s} lilikuwa linasubiri nje ya duka",
        "{s} wamefungua mgahawa mtaani kwetu",
        "wafanyakazi wenzake wapya dada yangu ni {s}",
    ],
}


# slurs of the frames that the groups they name are known to reclaim, naming themselves
# ("frocio", "Kanake" ...): in a plain sentence they are ambiguous (who speaks is not in
# the text), so the plain frames do not use them (decision 0542)
RECLAIMED_SLURS: dict[str, list[str]] = {
    "en": ["faggots"],
    "fr": ["gouines", "tarlouzes"],
    "es": ["maricones", "maricas", "bolleras", "tortilleras"],
    "de": ["Schwuchteln", "Kanaken"],
    "it": ["froci", "ricchioni", "terroni"],
    "pt": ["viados", "sapatões", "sapatonas"],
    "nl": ["flikkers"],
    "pl": ["pedały", "cioty"],
}


def neutral_twin(frame: str) -> str:
    """The non-hateful twin of a hateful slur frame: a group's name for the slur."""
    return frame.replace("{s}", "{g}")
