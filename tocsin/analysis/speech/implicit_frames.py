"""Frames of implicit derogation both ways (decision 0566): a group is blamed, feared,
kept away from or held fit only for menial work, with no hostile word ("when {g} come to
town, lock your doors", "{g} are only fit for cleaning floors"). Each hateful frame has a
twin that differs only in what is said of the group ("when {g} come to town, open your
doors"), so that what is learnt is what is said of a group, not that a group is named:
without twins, frames of implicit derogation teach the mere mention of a group as hate
(:data:`IMPLICIT_FRAMES` maps each frame to its twin). Both are trained on, on a budget of
their own (``augment.OWN_BUDGET``). These frames are the project's own, written from the
definition of implicit derogation; they are not frames of the functional suite, and no
external test suite was used.
"""

from __future__ import annotations

IMPLICIT_FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "when {g} come to town, lock your doors": "when {g} come to town, open your doors",
        "if {g} moved in next door i would move house": (
            "if {g} moved in next door i would throw a party"
        ),
        "{g} will outnumber us soon if we do nothing": (
            "{g} will need our help soon if we do nothing"
        ),
        "{g} bring drugs and disorder into our streets": (
            "{g} bring music and colour into our streets"
        ),
        "{g} are only fit for cleaning floors": "{g} are fit for any job they choose",
        "whenever {g} are around, count your wallet": (
            "whenever {g} are around, count yourself lucky"
        ),
        "{g} have been living off our work for years": (
            "{g} have been working alongside us for years"
        ),
        "{g} are a drain on our hospitals and schools": (
            "{g} are a help in our hospitals and schools"
        ),
    },
    "fr": {
        "quand les {g} arrivent en ville, fermez vos portes à clé": (
            "quand les {g} arrivent en ville, ouvrez vos portes"
        ),
        "si les {g} s'installaient à côté, je déménagerais": (
            "si les {g} s'installaient à côté, j'organiserais une fête"
        ),
        "les {g} seront bientôt plus nombreux que nous si on ne fait rien": (
            "les {g} auront bientôt besoin de notre aide si on ne fait rien"
        ),
        "les {g} amènent la drogue et le désordre dans nos rues": (
            "les {g} amènent la musique et la couleur dans nos rues"
        ),
        "les {g} ne sont bons qu'à nettoyer les sols": (
            "les {g} sont bons dans tous les métiers qu'ils choisissent"
        ),
        "quand les {g} sont dans le coin, surveillez votre portefeuille": (
            "quand les {g} sont dans le coin, profitez de leur compagnie"
        ),
        "les {g} vivent de notre travail depuis des années": (
            "les {g} travaillent à nos côtés depuis des années"
        ),
        "les {g} sont un gouffre pour nos hôpitaux et nos écoles": (
            "les {g} sont une aide pour nos hôpitaux et nos écoles"
        ),
    },
    "es": {
        "cuando los {g} llegan al pueblo, cierra bien la puerta": (
            "cuando los {g} llegan al pueblo, abre bien la puerta"
        ),
        "si los {g} se mudaran al lado, me iría del barrio": (
            "si los {g} se mudaran al lado, haría una fiesta"
        ),
        "los {g} pronto serán más que nosotros si no hacemos nada": (
            "los {g} pronto necesitarán nuestra ayuda si no hacemos nada"
        ),
        "los {g} traen droga y desorden a nuestras calles": (
            "los {g} traen música y color a nuestras calles"
        ),
        "los {g} solo sirven para fregar suelos": (
            "los {g} sirven para cualquier trabajo que elijan"
        ),
        "cuando hay {g} cerca, vigila tu cartera": "cuando hay {g} cerca, disfruta de su compañía",
        "los {g} llevan años viviendo de nuestro trabajo": (
            "los {g} llevan años trabajando a nuestro lado"
        ),
        "los {g} son una sangría para nuestros hospitales y escuelas": (
            "los {g} son una ayuda para nuestros hospitales y escuelas"
        ),
    },
    "de": {
        "wenn {g} in die stadt kommen, schließt eure türen ab": (
            "wenn {g} in die stadt kommen, öffnet eure türen"
        ),
        "wenn {g} nebenan einziehen würden, würde ich wegziehen": (
            "wenn {g} nebenan einziehen würden, würde ich ein fest feiern"
        ),
        "{g} werden uns bald zahlenmäßig überlegen sein, wenn wir nichts tun": (
            "{g} werden bald unsere hilfe brauchen, wenn wir nichts tun"
        ),
        "{g} bringen drogen und unordnung in unsere straßen": (
            "{g} bringen musik und farbe in unsere straßen"
        ),
        "{g} taugen nur zum putzen": "{g} taugen für jeden beruf, den sie wählen",
        "wenn {g} in der nähe sind, pass auf deine geldbörse auf": (
            "wenn {g} in der nähe sind, genieß ihre gesellschaft"
        ),
        "{g} leben seit jahren von unserer arbeit": "{g} arbeiten seit jahren an unserer seite",
        "{g} sind ein fass ohne boden für unsere krankenhäuser und schulen": (
            "{g} sind eine hilfe für unsere krankenhäuser und schulen"
        ),
    },
    "it": {
        "quando gli {g} arrivano in città, chiudete a chiave le porte": (
            "quando gli {g} arrivano in città, aprite le porte"
        ),
        "se gli {g} venissero ad abitare qui accanto, traslocherei": (
            "se gli {g} venissero ad abitare qui accanto, farei una festa"
        ),
        "gli {g} presto saranno più di noi se non facciamo niente": (
            "gli {g} presto avranno bisogno del nostro aiuto se non facciamo niente"
        ),
        "gli {g} portano droga e disordine nelle nostre strade": (
            "gli {g} portano musica e colore nelle nostre strade"
        ),
        "gli {g} sono buoni solo a pulire i pavimenti": (
            "gli {g} sono bravi in qualsiasi lavoro scelgano"
        ),
        "quando ci sono gli {g} in giro, tenete d'occhio il portafoglio": (
            "quando ci sono gli {g} in giro, godetevi la loro compagnia"
        ),
        "gli {g} vivono da anni del nostro lavoro": "gli {g} lavorano da anni al nostro fianco",
        "gli {g} sono un pozzo senza fondo per i nostri ospedali e le nostre scuole": (
            "gli {g} sono un aiuto per i nostri ospedali e le nostre scuole"
        ),
    },
    "pt": {
        "quando os {g} chegam à cidade, tranquem as portas": (
            "quando os {g} chegam à cidade, abram as portas"
        ),
        "se os {g} se mudassem para o lado, eu me mudaria": (
            "se os {g} se mudassem para o lado, eu faria uma festa"
        ),
        "os {g} logo serão mais numerosos que nós se não fizermos nada": (
            "os {g} logo vão precisar da nossa ajuda se não fizermos nada"
        ),
        "os {g} trazem drogas e desordem para as nossas ruas": (
            "os {g} trazem música e cor para as nossas ruas"
        ),
        "os {g} só servem para limpar o chão": (
            "os {g} servem para qualquer trabalho que escolherem"
        ),
        "quando há {g} por perto, cuidado com a carteira": (
            "quando há {g} por perto, aproveite a companhia"
        ),
        "os {g} vivem há anos à custa do nosso trabalho": "os {g} trabalham há anos ao nosso lado",
        "os {g} são um sorvedouro para os nossos hospitais e escolas": (
            "os {g} são uma ajuda para os nossos hospitais e escolas"
        ),
    },
    "nl": {
        "als {g} naar de stad komen, doe je deur op slot": (
            "als {g} naar de stad komen, zet je deur open"
        ),
        "als {g} naast me kwamen wonen, zou ik verhuizen": (
            "als {g} naast me kwamen wonen, zou ik een feest geven"
        ),
        "{g} zijn straks met meer dan wij als we niets doen": (
            "{g} hebben straks onze hulp nodig als we niets doen"
        ),
        "{g} brengen drugs en overlast in onze straten": (
            "{g} brengen muziek en kleur in onze straten"
        ),
        "{g} zijn alleen goed om vloeren te schrobben": "{g} zijn goed in elk beroep dat ze kiezen",
        "als er {g} in de buurt zijn, let op je portemonnee": (
            "als er {g} in de buurt zijn, geniet van hun gezelschap"
        ),
        "{g} leven al jaren van ons werk": "{g} werken al jaren naast ons",
        "{g} zijn een bodemloze put voor onze ziekenhuizen en scholen": (
            "{g} zijn een steun voor onze ziekenhuizen en scholen"
        ),
    },
    "pl": {
        "kiedy {g} przyjeżdżają do miasta, zamykajcie drzwi na klucz": (
            "kiedy {g} przyjeżdżają do miasta, otwierajcie drzwi"
        ),
        "gdyby {g} zamieszkali obok, wyprowadziłbym się": (
            "gdyby {g} zamieszkali obok, urządziłbym przyjęcie"
        ),
        "{g} wkrótce będą liczniejsi od nas, jeśli nic nie zrobimy": (
            "{g} wkrótce będą potrzebować naszej pomocy, jeśli nic nie zrobimy"
        ),
        "{g} przynoszą narkotyki i bałagan na nasze ulice": (
            "{g} przynoszą muzykę i kolory na nasze ulice"
        ),
        "{g} nadają się tylko do szorowania podłóg": "{g} nadają się do każdej pracy, jaką wybiorą",
        "kiedy {g} są w pobliżu, pilnuj portfela": (
            "kiedy {g} są w pobliżu, ciesz się ich towarzystwem"
        ),
        "{g} od lat żyją z naszej pracy": "{g} od lat pracują razem z nami",
        "{g} to studnia bez dna dla naszych szpitali i szkół": (
            "{g} to wsparcie dla naszych szpitali i szkół"
        ),
    },
    "ar": {
        "عندما يأتي {g} إلى المدينة أغلقوا أبوابكم": "عندما يأتي {g} إلى المدينة افتحوا أبوابكم",
        "لو سكن {g} بجانبي لانتقلت من البيت": "لو سكن {g} بجانبي لأقمت حفلة",
        "سيصبح {g} أكثر منا عددا قريبا إن لم نفعل شيئا": (
            "سيحتاج {g} إلى مساعدتنا قريبا إن لم نفعل شيئا"
        ),
        "{g} يجلبون المخدرات والفوضى إلى شوارعنا": "{g} يجلبون الموسيقى والألوان إلى شوارعنا",
        "{g} يصلحون فقط لتنظيف الأرضيات": "{g} يصلحون لأي عمل يختارونه",
        "عندما يكون {g} في الجوار انتبه لمحفظتك": "عندما يكون {g} في الجوار استمتع بصحبتهم",
        "{g} يعيشون على عملنا منذ سنوات": "{g} يعملون إلى جانبنا منذ سنوات",
        "{g} يستنزفون مستشفياتنا ومدارسنا": "{g} يساعدون مستشفياتنا ومدارسنا",
    },
    "hi": {
        "जब {g} शहर में आएँ तो अपने दरवाज़े बंद कर लो": "जब {g} शहर में आएँ तो अपने दरवाज़े खोल दो",
        "अगर {g} बगल में रहने आ गए तो मैं घर छोड़ दूँगा": ("अगर {g} बगल में रहने आ गए तो मैं दावत दूँगा"),
        "अगर हमने कुछ नहीं किया तो जल्द ही {g} हमसे ज़्यादा हो जाएँगे": (
            "अगर हमने कुछ नहीं किया तो जल्द ही {g} को हमारी मदद चाहिए होगी"
        ),
        "{g} हमारी गलियों में नशा और गंदगी लाते हैं": "{g} हमारी गलियों में संगीत और रंग लाते हैं",
        "{g} सिर्फ़ फ़र्श साफ़ करने के लायक हैं": "{g} हर उस काम के लायक हैं जो वे चुनें",
        "जब {g} आस पास हों तो अपना बटुआ संभाल कर रखो": "जब {g} आस पास हों तो उनकी संगत का मज़ा लो",
        "{g} बरसों से हमारी मेहनत पर पल रहे हैं": "{g} बरसों से हमारे साथ मेहनत कर रहे हैं",
        "{g} हमारे अस्पतालों और स्कूलों को खोखला कर रहे हैं": ("{g} हमारे अस्पतालों और स्कूलों की मदद कर रहे हैं"),
    },
    "zh": {
        "{g}一来，就得把门锁好": "{g}一来，就把门打开",
        "要是{g}搬到隔壁，我就搬家": "要是{g}搬到隔壁，我就办个聚会",
        "再不管，{g}很快就比我们多了": "再不管，{g}很快就需要我们帮忙了",
        "{g}把毒品和混乱带到我们街上": "{g}把音乐和色彩带到我们街上",
        "{g}只配擦地板": "{g}什么工作都能做好",
        "{g}在附近的时候，看好你的钱包": "{g}在附近的时候，好好享受他们的陪伴",
        "{g}多年来靠我们的劳动过活": "{g}多年来和我们一起劳动",
        "{g}把我们的医院和学校都掏空了": "{g}给我们的医院和学校帮了大忙",
    },
    "sw": {
        "{g} wakija mjini, fungeni milango yenu": "{g} wakija mjini, fungueni milango yenu",
        "{g} wakihamia jirani, nitahama": "{g} wakihamia jirani, nitafanya sherehe",
        "{g} watatuzidi idadi hivi karibuni tusipofanya kitu": (
            "{g} watahitaji msaada wetu hivi karibuni tusipofanya kitu"
        ),
        "{g} huleta dawa za kulevya na vurugu mitaani kwetu": (
            "{g} huleta muziki na rangi mitaani kwetu"
        ),
        "{g} wanafaa kusafisha sakafu tu": "{g} wanafaa kazi yoyote wanayochagua",
        "{g} wakiwa karibu, linda pochi yako": "{g} wakiwa karibu, furahia ushirika wao",
        "{g} wanaishi kwa jasho letu kwa miaka mingi": (
            "{g} wanafanya kazi pamoja nasi kwa miaka mingi"
        ),
        "{g} wanamaliza hospitali na shule zetu": "{g} wanasaidia hospitali na shule zetu",
    },
}
