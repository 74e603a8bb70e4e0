"""Readers that bring the labelled corpora into one frame (:data:`COLUMNS`).

``hateful`` is 1 for hate speech (attacks on people for who they are: a group or
protected characteristic) and 0 otherwise, *including* offensive or profane text that
attacks no group. How each dataset's labels map onto it:

========== ================================================ ==================================
dataset    hateful = 1                                      hateful = 0
========== ================================================ ==================================
davidson   class 0 (hate speech)                            class 1 (offensive), 2 (neither)
mlma       ``hateful`` among the sentiment labels           every other tweet (offensive,
                                                            abusive, disrespectful, fearful,
                                                            normal)
olid       never (OLID labels offence, not hate)            NOT; OFF aimed at an individual
                                                            (IND) or untargeted (UNT); OFF
                                                            aimed at a group (GRP) or other
                                                            (OTH) is dropped as ambiguous
hatexplain majority ``hatespeech``                          ``normal``, ``offensive``;
                                                            ``undecided`` dropped
ethos      isHate >= 0.5                                    isHate < 0.5
========== ================================================ ==================================

``category`` is only known where a dataset says so: ETHOS ``violence`` >= 0.5 marks a
threat or call to violence; everything else hateful is ``""`` (unknown), non-hateful is
``none``. ``target`` comes from MLMA's target/group and ETHOS's six target categories.

``split`` is the official split where there is one (OLID, HateXplain); otherwise a
stable 80/20 split by a hash of the normalised text, so duplicates never straddle it.
Held-out rows (``test``, and HateXplain's ``validation``) are never used for fitting.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from tocsin.analysis.speech.normalise import normalise

COLUMNS = ("text", "lang", "hateful", "category", "target", "dataset", "split")


class CorpusFormatError(ValueError):
    """A corpus file is not in the expected layout (names the file and what is missing)."""


def hash_split(texts: pd.Series, test_share: float = 0.2) -> pd.Series:
    """``train`` or ``test`` from a hash of each normalised text (stable across runs)."""

    def one(text: str) -> str:
        digest = hashlib.blake2b(normalise(text).encode(), digest_size=8).digest()
        return "test" if int.from_bytes(digest, "big") % 1000 < test_share * 1000 else "train"

    return texts.map(one)


def _frame(**columns: object) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    frame["text"] = frame["text"].astype(str)
    return frame[list(COLUMNS)].reset_index(drop=True)


def _need(frame: pd.DataFrame, path: Path, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CorpusFormatError(f"{path}: missing column(s) {', '.join(missing)}")


def read_davidson(path: Path) -> pd.DataFrame:
    """Davidson et al. (2017) ``labeled_data.csv`` (English tweets)."""
    raw = pd.read_csv(path)
    _need(raw, path, ["tweet", "class"])
    hateful = (raw["class"] == 0).astype(int)
    return _frame(
        text=raw["tweet"],
        lang="en",
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target="",
        dataset="davidson",
        split=hash_split(raw["tweet"]),
    )


_MLMA_GROUPS = {
    "african_descent": "ethnicity",
    "hispanics": "ethnicity",
    "asians": "ethnicity",
    "arabs": "ethnicity",
    "refugees": "migrants",
    "immigrants": "migrants",
    "muslims": "religion",
    "jews": "religion",
    "christian": "religion",
    "women": "gender",
    "gay": "sexual orientation",
    "special_needs": "disability",
    "left_wing_people": "political affiliation",
}
_MLMA_TARGETS = {
    "origin": "ethnicity",
    "gender": "gender",
    "sexual_orientation": "sexual orientation",
    "religion": "religion",
    "disability": "disability",
    "other": "other",
}


def _mlma_target(target: str, group: str) -> str:
    if group == "individual":
        return ""
    if group == "indian/hindu":
        return "religion" if target == "religion" else "ethnicity"
    return _MLMA_GROUPS.get(group) or _MLMA_TARGETS.get(target, "other")


def read_mlma(path: Path, lang: str) -> pd.DataFrame:
    """One MLMA file (``en_dataset.csv``, ``fr_dataset.csv`` or ``ar_dataset.csv``)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    _need(raw, path, ["tweet", "sentiment", "target", "group"])
    hateful = raw["sentiment"].str.split("_").map(lambda labels: int("hateful" in labels))
    target = [_mlma_target(t, g) for t, g in zip(raw["target"], raw["group"], strict=True)]
    return _frame(
        text=raw["tweet"],
        lang=lang,
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target=target,
        dataset="mlma",
        split=hash_split(raw["tweet"]),
    )


def read_olid(
    train: Path, test_texts: Path, labels_a: Path, labels_b: Path, labels_c: Path
) -> pd.DataFrame:
    """OLID: the official training file and test set (levels A, B, C joined by id)."""
    raw = pd.read_csv(train, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    _need(raw, train, ["tweet", "subtask_a", "subtask_b", "subtask_c"])
    raw["split"] = "train"
    test = pd.read_csv(test_texts, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    _need(test, test_texts, ["id", "tweet"])
    for level, path in (("a", labels_a), ("b", labels_b), ("c", labels_c)):
        labels = pd.read_csv(path, header=None, names=["id", f"subtask_{level}"], dtype=str)
        test = test.merge(labels, on="id", how="left")
    test = test.fillna("NULL")
    test["split"] = "test"
    both = pd.concat([raw, test], ignore_index=True)
    keep = (both["subtask_a"] == "NOT") | both["subtask_b"].eq("UNT") | both["subtask_c"].eq("IND")
    both = both[keep]
    return _frame(
        text=both["tweet"],
        lang="en",
        hateful=0,
        category="none",
        target="",
        dataset="olid",
        split=both["split"],
    )


def read_hatexplain(posts: Path, divisions: Path) -> pd.DataFrame:
    """HateXplain as republished by MBIB (category 0 normal, 1 hate, 2 offensive,
    3 undecided), with the official post-id splits."""
    raw = pd.read_csv(posts, dtype={"text": str})
    raw = raw.rename(columns={raw.columns[0]: "post_id"})
    _need(raw, posts, ["text", "category"])
    try:
        splits = json.loads(divisions.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusFormatError(f"{divisions}: not a HateXplain split file: {exc}") from exc
    split_of = {pid: name for name, ids in splits.items() for pid in ids}
    raw = raw[raw["category"] != 3].dropna(subset=["text"])
    hateful = (raw["category"] == 1).astype(int)
    split = raw["post_id"].map(split_of).fillna("train").replace({"val": "validation"})
    return _frame(
        text=raw["text"],
        lang="en",
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target="",
        dataset="hatexplain",
        split=split,
    )


_ETHOS_TARGETS = {
    "race": "ethnicity",
    "national_origin": "nationality",
    "religion": "religion",
    "gender": "gender",
    "sexual_orientation": "sexual orientation",
    "disability": "disability",
}


def read_ethos(binary: Path, multilabel: Path) -> pd.DataFrame:
    """ETHOS binary (hate score) joined with the multi-label file (violence, targets)."""
    raw = pd.read_csv(binary, sep=";")
    _need(raw, binary, ["comment", "isHate"])
    multi = pd.read_csv(multilabel, sep=";")
    _need(multi, multilabel, ["comment", "violence", *_ETHOS_TARGETS])
    multi = multi.drop_duplicates("comment")
    raw = raw.merge(multi, on="comment", how="left")
    hateful = (raw["isHate"] >= 0.5).astype(int)
    scores = raw[list(_ETHOS_TARGETS)].fillna(0)
    target = scores.idxmax(axis=1).map(_ETHOS_TARGETS).where(scores.max(axis=1) >= 0.5, "")
    category = pd.Series("", index=raw.index).where(hateful == 1, "none")
    category = category.mask((hateful == 1) & (raw["violence"].fillna(0) >= 0.5), "threat")
    return _frame(
        text=raw["comment"],
        lang="en",
        hateful=hateful,
        category=category,
        target=target.where(hateful == 1, ""),
        dataset="ethos",
        split=hash_split(raw["comment"]),
    )


def load_all(paths: dict[str, Path]) -> pd.DataFrame:
    """Every corpus, given the dataset name -> local path map of the registered files."""
    parts = [
        read_davidson(paths["davidson-2017"]),
        read_mlma(paths["mlma-en"], "en"),
        read_mlma(paths["mlma-fr"], "fr"),
        read_mlma(paths["mlma-ar"], "ar"),
        read_olid(
            paths["olid-train"],
            paths["olid-test-a"],
            paths["olid-labels-a"],
            paths["olid-labels-b"],
            paths["olid-labels-c"],
        ),
        read_hatexplain(paths["hatexplain-mbib"], paths["hatexplain-splits"]),
        read_ethos(paths["ethos-binary"], paths["ethos-multilabel"]),
    ]
    frame = pd.concat(parts, ignore_index=True)
    frame = frame[frame["text"].str.strip().astype(bool)]
    return frame.reset_index(drop=True)
