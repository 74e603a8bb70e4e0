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
import re
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


def read_germeval(train: Path, test: Path) -> pd.DataFrame:
    """GermEval 2018: ABUSE (degrading a group or person for a group property) = hateful;
    INSULT, PROFANITY and OTHER = not hateful. Official train/test split."""
    parts = []
    for path, split in ((train, "train"), (test, "test")):
        lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
        bad = [i + 1 for i, cols in enumerate(lines) if len(cols) != 3]
        if bad:
            raise CorpusFormatError(f"{path}: line {bad[0]} does not have 3 tab-separated fields")
        raw = pd.DataFrame(lines, columns=["text", "coarse", "fine"])
        parts.append(raw.assign(split=split))
    raw = pd.concat(parts, ignore_index=True)
    hateful = (raw["fine"] == "ABUSE").astype(int)
    return _frame(
        text=raw["text"].str.replace("|LBR|", " ", regex=False),
        lang="de",
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target="",
        dataset="germeval",
        split=raw["split"],
    )


def read_ross(path: Path) -> pd.DataFrame:
    """Ross et al. 2016 (German, refugees): both experts YES = hateful, both NO = not;
    disagreements dropped. Tiny and noisy, so kept entirely for evaluation."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    one, two = "HatespeechOrNot (Expert 1)", "HatespeechOrNot (Expert 2)"
    _need(raw, path, ["Tweet", one, two])
    raw = raw[raw[one] == raw[two]]
    hateful = (raw[one] == "YES").astype(int)
    return _frame(
        text=raw["Tweet"],
        lang="de",
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target=hateful.map({1: "migrants", 0: ""}),
        dataset="ross",
        split="test",
    )


_TOLD_TARGETS = {
    "racism": "ethnicity",
    "xenophobia": "nationality",
    "homophobia": "sexual orientation",
    "misogyny": "gender",
}


def read_told_br(path: Path) -> pd.DataFrame:
    """ToLD-Br: racism, xenophobia, homophobia or misogyny by at least two of three
    annotators = hateful (with that target); no vote at all = not hateful; insult or
    obscene by two or more without an identity category = not hateful (offensive);
    everything else (one vote only) is dropped as uncertain."""
    raw = pd.read_csv(path)
    columns = ["text", "obscene", "insult", *_TOLD_TARGETS]
    _need(raw, path, columns)
    votes = raw[columns[1:]].fillna(0)
    identity = raw[list(_TOLD_TARGETS)].fillna(0)
    hateful = identity.max(axis=1) >= 2
    clean = votes.max(axis=1) == 0
    offensive = (identity.max(axis=1) == 0) & (raw[["obscene", "insult"]].max(axis=1) >= 2)
    keep = hateful | clean | offensive
    target = identity.idxmax(axis=1).map(_TOLD_TARGETS).where(hateful, "")
    raw, label = raw[keep], hateful[keep].astype(int)
    return _frame(
        text=raw["text"],
        lang="pt",
        hateful=label,
        category=label.map({1: "", 0: "none"}),
        target=target[keep],
        dataset="toldbr",
        split=hash_split(raw["text"]),
    )


def read_cold(train: Path, test: Path, max_train: int = 12_000) -> pd.DataFrame:
    """COLD (Mandarin). Test: fine-grained 2 (attack on a group: race, region, gender) =
    hateful; 0, 1 (attack on an individual) and 3 (anti-bias) = not. Train: the coarse
    label, offensive = hateful: every comment is on a race, region or gender topic and in
    the test file 86% of offensive comments attack a group. A fixed sample of
    ``max_train`` training rows keeps training short."""
    tr = pd.read_csv(train, encoding="utf-8-sig")
    _need(tr, train, ["TEXT", "label", "topic"])
    tr = tr.sample(n=min(max_train, len(tr)), random_state=0)
    te = pd.read_csv(test, encoding="utf-8-sig")
    _need(te, test, ["TEXT", "fine-grained-label", "topic"])
    topic = {"race": "ethnicity", "region": "ethnicity", "gender": "gender"}
    hate_tr = tr["label"].astype(int)
    hate_te = (te["fine-grained-label"] == 2).astype(int)
    text = pd.concat([tr["TEXT"], te["TEXT"]], ignore_index=True)
    hateful = pd.concat([hate_tr, hate_te], ignore_index=True)
    topics = pd.concat([tr["topic"], te["topic"]], ignore_index=True).map(topic).fillna("other")
    return _frame(
        text=text,
        lang="zh",
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target=topics.where(hateful == 1, ""),
        dataset="cold",
        split=["train"] * len(tr) + ["test"] * len(te),
    )


def read_swsr(path: Path) -> pd.DataFrame:
    """SWSR (Mandarin sexism): sexist and aimed at a group = hateful (gender); sexist and
    aimed at an individual, or not sexist = not hateful."""
    raw = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    _need(raw, path, ["comment_text", "label", "target"])
    hateful = ((raw["label"] == "1") & (raw["target"] == "G")).astype(int)
    return _frame(
        text=raw["comment_text"],
        lang="zh",
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target=hateful.map({1: "gender", 0: ""}),
        dataset="swsr",
        split=hash_split(raw["comment_text"]),
    )


def read_trac1(train: Path, dev: Path) -> pd.DataFrame:
    """TRAC-1 Hindi: aggression is not hate, so only non-aggressive (NAG) comments are
    used, as not hateful; OAG and CAG are dropped. The dev file is held out."""
    parts = []
    for path, split in ((train, "train"), (dev, "test")):
        raw = pd.read_csv(path, header=None, names=["id", "text", "label"], dtype=str)
        if raw["label"].isna().all():
            raise CorpusFormatError(f"{path}: expected three columns id, text, label")
        parts.append(raw[raw["label"] == "NAG"].assign(split=split))
    raw = pd.concat(parts, ignore_index=True).dropna(subset=["text"])
    return _frame(
        text=raw["text"],
        lang="hi",
        hateful=0,
        category="none",
        target="",
        dataset="trac1",
        split=raw["split"],
    )


def read_pejorativity(path: Path) -> pd.DataFrame:
    """PejorativITy (Italian): misogyny = hateful (gender); a pejorative epithet without
    misogyny, or neither, = not hateful."""
    raw = pd.read_csv(path, dtype={"text": str})
    _need(raw, path, ["text", "misogyny"])
    hateful = (raw["misogyny"] == 1).astype(int)
    return _frame(
        text=raw["text"],
        lang="it",
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target=hateful.map({1: "gender", 0: ""}),
        dataset="pejorativity",
        split=hash_split(raw["text"]),
    )


def read_toxicity_es(*paths: Path) -> pd.DataFrame:
    """Spanish toxicity gold standard: toxic is not hate, so only tweets both coders
    found not toxic are used, as not hateful."""
    parts = []
    for path in paths:
        raw = pd.read_csv(path, dtype={"text": str})
        _need(raw, path, ["text", "coder_1", "coder_2"])
        parts.append(raw[(raw["coder_1"] == 0) & (raw["coder_2"] == 0)])
    raw = pd.concat(parts, ignore_index=True)
    return _frame(
        text=raw["text"],
        lang="es",
        hateful=0,
        category="none",
        target="",
        dataset="toxicity-es",
        split=hash_split(raw["text"]),
    )


_MY_HATEFUL = {"ra": "ethnicity", "re": "religion", "se": "gender"}
_MY_NOT = {"no", "ab", "po", "bo", "ed"}
_MY_TAG = re.compile(r"/[a-z]{2}(?:\|[a-z]{2})*(?![a-z])")


def read_myhatespeech(path: Path) -> pd.DataFrame:
    """myHateSpeech (Burmese; NON-COMMERCIAL, CC BY-NC-SA 4.0): racist, religious, sexist =
    hateful (ethnicity, religion, gender); none, abusive, political, body-shaming,
    educational = not hateful; lethal (wishes of death, harm or arrest, aimed at people and
    groups alike, no target label) is dropped as ambiguous, as are lines without a label.
    Inline tags (``word/ab``) and the word-segmenting spaces are removed, so that texts
    look like the unsegmented Burmese the model will read."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, sep, label = line.rpartition("\t")
        if not sep:
            continue
        label = label.strip().strip("/\u200c ").strip()
        if label not in _MY_HATEFUL and label not in _MY_NOT:
            continue
        plain = _MY_TAG.sub("", text)
        rows.append((re.sub(r"(?<=[\u1000-\u109f]) (?=[\u1000-\u109f])", "", plain), label))
    if not rows:
        raise CorpusFormatError(f"{path}: no labelled lines (text TAB label) found")
    raw = pd.DataFrame(rows, columns=["text", "label"])
    hateful = raw["label"].isin(list(_MY_HATEFUL)).astype(int)
    return _frame(
        text=raw["text"],
        lang="my",
        hateful=hateful,
        category=hateful.map({1: "", 0: "none"}),
        target=raw["label"].map(_MY_HATEFUL).fillna(""),
        dataset="myhatespeech",
        split=hash_split(raw["text"]),
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
        read_germeval(paths["germeval-2018-train"], paths["germeval-2018-test"]),
        read_ross(paths["ross-2016-refugees"]),
        read_told_br(paths["told-br"]),
        read_cold(paths["cold-train"], paths["cold-test"]),
        read_swsr(paths["swsr"]),
        read_trac1(paths["trac1-hindi-train"], paths["trac1-hindi-dev"]),
        read_pejorativity(paths["pejorativity"]),
        read_toxicity_es(paths["toxicity-es-protests"], paths["toxicity-es-convention"]),
    ]
    if "myhatespeech" in paths:  # only when asked for: non-commercial
        parts.append(read_myhatespeech(paths["myhatespeech"]))
    frame = pd.concat(parts, ignore_index=True)
    frame = frame[frame["text"].str.strip().astype(bool)]
    return frame.reset_index(drop=True)
