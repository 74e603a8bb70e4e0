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
