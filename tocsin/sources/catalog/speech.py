"""Labelled hate-speech corpora used to train and evaluate the speech monitor.

Each file is fetched from the raw GitHub URL at the commit named in
``../shared/data/SOURCES.md``; the checksums are those of the files as laid out in the
mirror (``speech/...``).
"""

from tocsin.sources.datasets import Dataset, register

_RAW = "https://raw.githubusercontent.com"


def _ds(
    name: str,
    filename: str,
    url: str,
    sha256: str,
    licence: str,
    citation: str,
    description: str,
    version: str,
    group: str,
) -> Dataset:
    return Dataset(
        name=name,
        group=group,
        filename=filename,
        url=url,
        sha256=sha256,
        licence=licence,
        citation=citation,
        description=description,
        version=version,
    )


_DAVIDSON = "cb50f7e9eb855a99abc51423bf40df0e26d6fe30"
_MLMA = "479836984aebfbd8a0270ca92018980f745e4c44"
_OLID = "6c2071a677e7380c026b2bd59338370f9807e1da"
_MBIB = "b9a887ffd461fa462e89835fc27b36e370091954"
_HATEXPLAIN = "master"  # post_id_divisions.json as published by hate-alert/HateXplain
_ETHOS = "705258e118ce9611ebbd5ab2a4841b0066547293"

_MLMA_CITE = (
    "Ousidhoum, Lin, Zhang, Song & Yeung (2019), Multilingual and Multi-Aspect Hate Speech "
    "Analysis, EMNLP-IJCNLP."
)
_OLID_CITE = (
    "Zampieri, Malmasi, Nakov, Rosenthal, Farra & Kumar (2019), Predicting the Type and "
    "Target of Offensive Posts in Social Media, NAACL."
)
_HX_CITE = (
    "Mathew, Saha, Yimam, Biemann, Goyal & Mukherjee (2021), HateXplain: A Benchmark Dataset "
    "for Explainable Hate Speech Detection, AAAI."
)
_ETHOS_CITE = (
    "Mollas, Chrysopoulou, Karlos & Tsoumakas (2022), ETHOS: a multi-label hate speech "
    "detection dataset, Complex & Intelligent Systems."
)


def _olid(name: str, filename: str, sha256: str, description: str) -> Dataset:
    return _ds(
        name,
        filename,
        f"{_RAW}/wenliangdai/multi-task-offensive-language-detection/{_OLID}/data/olid/{filename}",
        sha256,
        "CC BY 4.0",
        _OLID_CITE,
        description,
        f"OLID 1.0 @ {_OLID[:7]}",
        "speech/olid",
    )


def _mlma(lang: str, sha256: str, count: str) -> Dataset:
    return _ds(
        f"mlma-{lang}",
        f"{lang}_dataset.csv",
        f"{_RAW}/HKUST-KnowComp/MLMA_hate_speech/{_MLMA}/hate_speech_mlma/{lang}_dataset.csv",
        sha256,
        "MIT",
        _MLMA_CITE,
        f"MLMA tweets ({lang}, {count}) with hostility type, directness, target and group.",
        f"MLMA @ {_MLMA[:7]}",
        "speech/mlma",
    )


register(
    _ds(
        "davidson-2017",
        "davidson_labeled_data.csv",
        f"{_RAW}/t-davidson/hate-speech-and-offensive-language/{_DAVIDSON}/data/labeled_data.csv",
        "fcb8bc7c68120ae4af04a5b9acd58585513ede11e1548ebf36a5c2040b6f6281",
        "MIT",
        "Davidson, Warmsley, Macy & Weber (2017), Automated Hate Speech Detection and the "
        "Problem of Offensive Language, ICWSM.",
        "24,783 English tweets: hate speech (0), offensive (1) or neither (2).",
        f"Davidson 2017 @ {_DAVIDSON[:7]}",
        "speech",
    ),
    _mlma("en", "2f0afb0dd5df6d88cb59b20998774b45cb7f55ac8ca99d17986681a503f014e5", "5,647"),
    _mlma("fr", "6b5cafa5f8986127639f973b2efa2e87419202af9cc121bef82ad0b010305af8", "4,014"),
    _mlma("ar", "8ece80926bff4296d3843090a2103f14216e066ff3ff2290109ec9aeb7c1cb87", "3,353"),
    _olid(
        "olid-train",
        "olid-training-v1.0.tsv",
        "d976bd6faf7800571d06aa4fda00c11c1d39e6fd139747067f683d0c6e76d31f",
        "OLID training set: 13,240 tweets, offensive/targeted/target type.",
    ),
    _olid(
        "olid-test-a",
        "testset-levela.tsv",
        "5fff16b4fc474b859540200ef7befd42883fc42810e0a18d3bd621ba90b9cb9e",
        "OLID test set, level A texts (860 tweets).",
    ),
    _olid(
        "olid-labels-a",
        "labels-levela.csv",
        "f301af1a52210727e6601958e7b9795a0b22d81f51f9ad8e1870c503c684fc31",
        "OLID test set, level A gold labels (OFF/NOT).",
    ),
    _olid(
        "olid-labels-b",
        "labels-levelb.csv",
        "81b17b95426b5f5a5c0352bdd0c084915ff06329ac124197ed7e9a931beafc7a",
        "OLID test set, level B gold labels (TIN/UNT).",
    ),
    _olid(
        "olid-labels-c",
        "labels-levelc.csv",
        "a9923225d60105b90f3ca1c10e46d388f24d2989004d1b49843ca5a240ac7897",
        "OLID test set, level C gold labels (IND/GRP/OTH).",
    ),
    _ds(
        "hatexplain-mbib",
        "092-HateXplain.csv",
        f"{_RAW}/Media-Bias-Group/MBIB/{_MBIB}/datasets/092-HateXplain.csv",
        "fc8d5437a6a50d4d4083a60effc0ccbea8df788487c7b3ab50d88a77c3ba023b",
        "MIT",
        _HX_CITE,
        "HateXplain posts (Twitter, Gab) with majority label, as republished by MBIB.",
        f"HateXplain via MBIB @ {_MBIB[:7]}",
        "speech/hatexplain",
    ),
    _ds(
        "hatexplain-splits",
        "post_id_divisions.json",
        f"{_RAW}/hate-alert/HateXplain/{_HATEXPLAIN}/Data/post_id_divisions.json",
        "c2fb0d89862e7897b11ea3e9380753f15a793482b4b70ad0532dfb1212212835",
        "MIT",
        _HX_CITE,
        "HateXplain official train/validation/test post ids.",
        "HateXplain splits",
        "speech/hatexplain",
    ),
    _ds(
        "ethos-binary",
        "Ethos_Dataset_Binary.csv",
        f"{_RAW}/intelligence-csd-auth-gr/Ethos-Hate-Speech-Dataset/{_ETHOS}"
        "/ethos/ethos_data/Ethos_Dataset_Binary.csv",
        "0cd0050c2592afcb5eca5876df485ca15cda9d7d16fe32c269857260fd10d96c",
        "GPL-3.0",
        _ETHOS_CITE,
        "998 comments with a hate score (isHate in [0, 1]).",
        f"ETHOS @ {_ETHOS[:7]}",
        "speech/ethos",
    ),
    _ds(
        "ethos-multilabel",
        "Ethos_Dataset_Multi_Label.csv",
        f"{_RAW}/intelligence-csd-auth-gr/Ethos-Hate-Speech-Dataset/{_ETHOS}"
        "/ethos/ethos_data/Ethos_Dataset_Multi_Label.csv",
        "488c72a1582abdaf489a6e9eceeebba505447a00a25bd02e72fd6a56f9a3d83d",
        "GPL-3.0",
        _ETHOS_CITE,
        "433 hateful comments with violence, directed/generalised and six target categories.",
        f"ETHOS @ {_ETHOS[:7]}",
        "speech/ethos",
    ),
)

SPEECH_DATASETS = [
    "davidson-2017",
    "mlma-en",
    "mlma-fr",
    "mlma-ar",
    "olid-train",
    "olid-test-a",
    "olid-labels-a",
    "olid-labels-b",
    "olid-labels-c",
    "hatexplain-mbib",
    "hatexplain-splits",
    "ethos-binary",
    "ethos-multilabel",
]
"""Names of every dataset the speech monitor trains or evaluates on."""


# Multilingual corpora (see ../shared/data/SOURCES.md, "multilingual labelled hate /
# offensive speech"). The non-commercial sets (HateBR, myHateSpeech) are not registered:
# the default model must stay free of them.
_GERMEVAL = "9877472d39523effd54cd079b4c61157ed141508"
_ROSS = "e14501bcada5f2d2c5dea7a6d4bca3a873ac4a81"
_TOLD = "7804082d06a42b791c456b37a8a80ed9b731198c"
_COLD = "a0c55a945497ab58e94aef491180e1cf88ffb864"
_SWSR = "7b320184da8f9dd6d366dfe726c6b3e12ac92f77"
_TRAC = "cc0ec40468e2bbe9549c30ee8d016424479cd9bf"
_PEJ = "0bebd3a0744c7eb55e9178025a2c3abe895b93ad"
_GOLD = "cc40e2b80860ebe0f89ca0d7b18b7d6c94653828"

_GERMEVAL_CITE = (
    "Wiegand, Siegel & Ruppenhofer (2018), Overview of the GermEval 2018 Shared Task on the "
    "Identification of Offensive Language, GermEval 2018 (KONVENS)."
)
_COLD_CITE = (
    "Deng, Zhou, Sun et al. (2022), COLD: A Benchmark for Chinese Offensive Language "
    "Detection, EMNLP."
)
_TRAC_CITE = (
    "Kumar, Reganti, Bhatia & Maheshwari (2018), Aggression-annotated Corpus of Hindi-English "
    "Code-mixed Data, LREC."
)
_GOLD_CITE = (
    "González-Bustamante & Rivera (2024), Annotated Data in Spanish for Toxicity and Insults "
    "in Digital Social Networks, v0.5.3, Zenodo, doi:10.5281/zenodo.12574288."
)

register(
    _ds(
        "germeval-2018-train",
        "germeval2018.training.txt",
        f"{_RAW}/uds-lsv/GermEval-2018-Data/{_GERMEVAL}/germeval2018.training.txt",
        "0f88c63a344e1ab69c5407aa539d1612cd82a96b51ebd6bd613dc70ff9fef03e",
        "CC BY 4.0",
        _GERMEVAL_CITE,
        "GermEval 2018 training tweets (5,009): OFFENSE/OTHER, ABUSE/INSULT/PROFANITY/OTHER.",
        f"GermEval 2018 @ {_GERMEVAL[:7]}",
        "speech/germeval2018",
    ),
    _ds(
        "germeval-2018-test",
        "germeval2018.test.txt",
        f"{_RAW}/uds-lsv/GermEval-2018-Data/{_GERMEVAL}/germeval2018.test.txt",
        "45f31510b305d080a933d4087b8d34f7a5e4087141718955b90357ca730074f2",
        "CC BY 4.0",
        _GERMEVAL_CITE,
        "GermEval 2018 test tweets (3,532), same labels.",
        f"GermEval 2018 @ {_GERMEVAL[:7]}",
        "speech/germeval2018",
    ),
    _ds(
        "ross-2016-refugees",
        "german_hatespeech_refugees.csv",
        f"{_RAW}/UCSM-DUE/IWG_hatespeech_public/{_ROSS}/german%20hatespeech%20refugees.csv",
        "b0784b8c00f02d16cee8b1227b8e8968760885d3d87b68762ba51b4c3156714f",
        "CC BY-SA 3.0",
        "Ross, Rist, Carbonell, Cabrera, Kurowsky & Wojatzki (2016), Measuring the Reliability "
        "of Hate Speech Annotations: The Case of the European Refugee Crisis, NLP4CMC III.",
        "469 German tweets on the refugee crisis, hate speech YES/NO by two experts.",
        f"IWG hatespeech @ {_ROSS[:7]}",
        "speech/ross2016_refugees",
    ),
    _ds(
        "told-br",
        "ToLD-BR.csv",
        f"{_RAW}/JAugusto97/ToLD-Br/{_TOLD}/ToLD-BR.csv",
        "a905b90d5886b9c80d737aa26c41dd29077155f23b9b857080634a78f8203c90",
        "CC BY-SA 4.0",
        "Leite, Silva, Bontcheva & Scarton (2020), Toxic Language Detection in Social Media for "
        "Brazilian Portuguese: New Dataset and Multilingual Analysis, AACL-IJCNLP.",
        "21,000 Brazilian Portuguese tweets with 0-3 votes per category (homophobia, obscene, "
        "insult, racism, misogyny, xenophobia).",
        f"ToLD-Br @ {_TOLD[:7]}",
        "speech/told_br",
    ),
    *(
        _ds(
            f"cold-{part}",
            f"{part}.csv",
            f"{_RAW}/thu-coai/COLDataset/{_COLD}/COLDataset/{part}.csv",
            sha,
            "Apache-2.0",
            _COLD_CITE,
            f"COLD Mandarin comments, {part} split ({count}); offensive 1/0"
            + ("; fine-grained attack individual / group / anti-bias." if part == "test" else "."),
            f"COLD @ {_COLD[:7]}",
            "speech/cold",
        )
        for part, sha, count in (
            ("train", "16ca7955bdcaf90f5d8ac39e51eb3eda15320caa1e730ed45cb5e8ca8cd0d5e8", "25,726"),
            ("test", "b06d31481f0d558b6dc8140408938abe8dba8083cd9976b4ba8f5c837fbe78ed", "5,323"),
        )
    ),
    _ds(
        "swsr",
        "SexComment.csv",
        f"{_RAW}/aggiejiang/SWSR/{_SWSR}/SWSR/SexComment.csv",
        "71f991594f5cb68b6460ebd397a8b358e782df88b60632ebd4ee39d178b9ae56",
        "MIT",
        "Jiang, Yang, Liu & Zubiaga (2022), SWSR: A Chinese dataset and lexicon for online "
        "sexism detection, Online Social Networks and Media 27.",
        "8,969 Sina Weibo comments: sexist 1/0, category, target individual/group.",
        f"SWSR @ {_SWSR[:7]}",
        "speech/swsr",
    ),
    *(
        _ds(
            f"trac1-hindi-{part}",
            f"agr_hi_{part}.csv",
            f"{_RAW}/kmi-linguistics/trac-1/{_TRAC}/hindi/agr_hi_{part}.csv",
            sha,
            "Apache-2.0",
            _TRAC_CITE,
            f"TRAC-1 Hindi Facebook comments, {part} split: aggression OAG/CAG/NAG.",
            f"TRAC-1 @ {_TRAC[:7]}",
            "speech/trac1_hindi",
        )
        for part, sha in (
            ("train", "70b4a8eff7f051df8ec813478ab0ae41bbc0ec656ea8c5f2909083aa10b6563a"),
            ("dev", "8ec34c922293beeced07916756708a13f221cb426aa4283a6704f6967caba2e8"),
        )
    ),
    _ds(
        "pejorativity",
        "pejorativity.csv",
        f"{_RAW}/arimuti/PejorativITy/{_PEJ}/datasets/pejorative/pejorativity.csv",
        "0f7d5427694bc85263f05fe39362ee0ae83f35bd7e9a8f6d2335602c686e3406",
        "CC BY",
        "Muti et al. (2024), PejorativITy: Disambiguating Pejorative Epithets to Improve "
        "Misogyny Detection in Italian Tweets, LREC-COLING.",
        "1,200 Italian tweets with an epithet: pejorative 1/0, misogyny 1/0.",
        f"PejorativITy @ {_PEJ[:7]}",
        "speech/pejorativity",
    ),
    *(
        _ds(
            f"toxicity-es-{part.lower()}",
            f"goldstd_{part}.csv",
            f"{_RAW}/training-datalab/gold-standard-toxicity/{_GOLD}/data/tidy/goldstd_{part}.csv",
            sha,
            "CC BY 4.0",
            _GOLD_CITE,
            f"1,000 Spanish tweets ({part}), toxic 1/0 by two coders.",
            f"gold-standard-toxicity @ {_GOLD[:7]}",
            "speech/gold_standard_toxicity_es",
        )
        for part, sha in (
            ("protests", "62890c7dfdd7a2295f6a666a496d5df7729affd2808fed6de6a283a95c9a0756"),
            ("Convention", "c9f61aff60a3498c3a1e2708a3f8984a52bb80179e37a20bbfbdf5cfde35e1b8"),
        )
    ),
)

SPEECH_DATASETS += [
    "germeval-2018-train",
    "germeval-2018-test",
    "ross-2016-refugees",
    "told-br",
    "cold-train",
    "cold-test",
    "swsr",
    "trac1-hindi-train",
    "trac1-hindi-dev",
    "pejorativity",
    "toxicity-es-protests",
    "toxicity-es-convention",
]

# Turkish tweets, not for training: the words romanised Hindi shares with Turkish are left
# out of the words that route a text to Hindi (scripts/romanised_hindi_words.py)
_OFFENSEVAL_TR = "284e7696fa58705f3dce6020049b731d2ac8d04e"
register(
    _ds(
        "offenseval-tr-train",
        "offenseval-tr-training-v1.tsv",
        f"{_RAW}/Nickisdope/11785_Baseline_Implementation/{_OFFENSEVAL_TR}"
        "/offenseval-tr-training-v1.tsv",
        "175020a4fe84dbd0a05e8b54b77d7c79e67c80e66767cc0e43ef37c64b1902f6",
        "CC BY",
        "Çöltekin (2020), A Corpus of Turkish Offensive Language on Social Media, LREC 2020.",
        "31,756 Turkish tweets (OffensEval 2020 training set), offensive or not; a copy of "
        "the official release (https://coltekin.github.io/offensive-turkish/) without its "
        "header line.",
        f"OffensEval 2020 Turkish @ {_OFFENSEVAL_TR[:7]}",
        "speech/offenseval_tr",
    ),
)

# Non-commercial corpora: registered so that a research model can be trained on them
# (`tocsin speech train --non-commercial`), never part of the default model.
register(
    _ds(
        "myhatespeech",
        "myHateSpeech_ver1.0.txt",
        f"{_RAW}/ye-kyaw-thu/myHateSpeech/040902cd88509cfe0c0099da1e24d4169daa438d"
        "/corpus/version1.0/myHateSpeech_ver1.0.txt",
        "2cb1c561f015997249d9d488f9cea0c478ad6259cc0bd708158fad56b0c7317c",
        "CC BY-NC-SA 4.0 (non-commercial)",
        "Nang Aeindray Kyaw, Ye Kyaw Thu, Hutchatai Chanlekha, Thazin Myint Oo, Okumura Manabu "
        "& Thepchai Supnithi (2024), Enhancing Hate Speech Classification in Myanmar Language "
        "Through Lexicon-Based Filtering, JCSSE 2024.",
        "10,140 Burmese Facebook comments (2023), word-segmented, 9 classes (racist, "
        "religious, sexist, lethal, abusive, political, body-shaming, educational, none).",
        "myHateSpeech v1.0 @ 040902c",
        "speech/myhatespeech",
    ),
)
NON_COMMERCIAL_SPEECH_DATASETS = ["myhatespeech"]
