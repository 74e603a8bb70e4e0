"""Batch scoring of CSV or JSON Lines files: every input column is kept and ``score``,
``label``, ``category``, ``target``, ``lexicon_terms``, ``cues``, ``lang``, ``status``
and ``line`` (the row's line in the input file) are added.

Every input row has an output row, in input order. A bad row is not scored: its
``status`` says why (``not scored: empty text``), it is listed in the report with its
line, and the rest is scored. Bad rows are: empty text, text that is not a string (JSON
numbers, objects, null) or has no letters, bytes that are not UTF-8, malformed JSON
lines, CSV rows with the wrong number of fields. Where a bad row cannot be read into
its fields (malformed, wrong number of fields, bytes that are not UTF-8), only its added
columns are filled, so that nothing unreadable is written.

A lexicon match of ``high`` severity makes a text hateful even when the model scores it
low (a monitor's new euphemism the model has never seen); the category and target then
come from the term. That holds in languages the model does not read too (Amharic,
Kinyarwanda ...): their status stays ``unsupported-language`` and the cues say the lexicon
flagged them. A term found only inside quotation marks is listed with " (quoted)" and
changes nothing: counter-speech and news quote the words they condemn.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tocsin.analysis.speech.classifier import Predictions, SpeechClassifier
from tocsin.analysis.speech.language import UNSUPPORTED
from tocsin.analysis.speech.lexicon import SEVERITIES as SEVERITY_ORDER
from tocsin.analysis.speech.lexicon import LexiconMatcher, Match

_BAD_BYTES = "text is not valid UTF-8 (wrong encoding?)"
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")  # a JSON escape of a UTF-16 surrogate
# why a text in a language the model does not read is flagged all the same
LEXICON_ONLY = "high-severity lexicon term (the model does not read this language)"
QUOTED = " (quoted)"  # after a lexicon term found only inside quotation marks
ADDED = ("score", "label", "category", "target", "lexicon_terms", "cues", "lang", "status", "line")
NOT_SCORED = "not scored: "  # the status of a bad row begins so, then the reason
MAX_CHARS = 10_000  # the model reads at most this much of a text (the status says so)
csv.field_size_limit(10_000_000)


class BatchInputError(ValueError):
    """The input as a whole cannot be scored (missing text column, unknown format)."""


@dataclass(frozen=True)
class BadRow:
    """A skipped row: its line in the file and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class BatchReport:
    """What a batch run did."""

    scored: int = 0
    hateful: int = 0
    bad: list[BadRow] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)  # scored rows per language
    unsupported: dict[str, int] = field(default_factory=dict)  # unsupported, per language


@dataclass(frozen=True)
class Record:
    """One input row: its line, its fields (none when unreadable), the text to score and,
    for a bad row, why it cannot be scored."""

    line: int
    fields: dict[str, object]
    text: str
    problem: str | None = None


def _bad_bytes(value: str) -> bool:
    """True when ``value`` holds undecodable bytes (read with surrogateescape)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_text(value: object) -> str | None:
    """Why ``value`` cannot be scored, or None (bytes that are not UTF-8 are caught for the
    whole row before)."""
    if value is None:
        return "no text (null)"
    if not isinstance(value, str):
        return f"text is not a string but {type(value).__name__}"
    if not value.strip():
        return "empty text"
    if not any(c.isalpha() for c in value):
        return "no letters in the text"
    return None


def detect_format(path: Path, fmt: str | None = None) -> str:
    """``csv`` or ``jsonl`` from ``fmt`` or the file suffix."""
    fmt = fmt or ("jsonl" if path.suffix.lower() in {".jsonl", ".ndjson", ".json"} else "csv")
    if fmt not in {"csv", "jsonl"}:
        raise BatchInputError(f"unknown input format {fmt!r}: use csv or jsonl")
    return fmt


def _bad(bad: list[BadRow], line: int, reason: str, fields: dict[str, object]) -> Record:
    """Note a bad row in ``bad`` and return its record."""
    bad.append(BadRow(line, reason))
    return Record(line, fields, "", reason)


def read_csv_records(path: Path, text_column: str, bad: list[BadRow]) -> Iterator[Record]:
    """Every row of a CSV file; bad ones carry their problem and are noted in ``bad``."""
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise BatchInputError(f"{path}: the file is empty") from None
        if text_column not in header:
            raise BatchInputError(
                f"{path}: no column {text_column!r}; columns are: {', '.join(header)}"
            )
        index = header.index(text_column)
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield _bad(bad, start, f"malformed CSV: {exc}", {})
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not row:
                continue
            if len(row) != len(header):
                yield _bad(bad, line, f"expected {len(header)} fields, found {len(row)}", {})
                continue
            if any(_bad_bytes(v) for v in row):
                yield _bad(bad, line, _BAD_BYTES, {})
                continue
            fields: dict[str, object] = dict(zip(header, row, strict=True))
            reason = _check_text(row[index])
            if reason:
                yield _bad(bad, line, reason, fields)
                continue
            yield Record(line, fields, row[index])


def csv_header(path: Path) -> list[str]:
    """The column names of a CSV file (none when it is empty)."""
    if not path.is_file():
        raise BatchInputError(f"{path}: no such file")
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        return next(csv.reader(fh), [])


def read_jsonl_records(path: Path, text_column: str, bad: list[BadRow]) -> Iterator[Record]:
    """Every line of a JSON Lines file but blank ones; bad ones carry their problem and
    are noted in ``bad``."""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield _bad(bad, number, _BAD_BYTES, {})
                continue
            except json.JSONDecodeError as exc:
                yield _bad(bad, number, f"malformed JSON: {exc.msg} at column {exc.colno}", {})
                continue
            if not isinstance(data, dict):
                yield _bad(bad, number, f"a JSON {type(data).__name__}, not an object", {})
                continue
            # a lone surrogate escape ("\ud800") decodes but cannot be written as UTF-8;
            # only a line with a surrogate escape is serialised again to look for one
            if _SURROGATE_ESCAPE.search(raw) and _bad_bytes(json.dumps(data, ensure_ascii=False)):
                yield _bad(bad, number, _BAD_BYTES, {})
                continue
            if text_column not in data:
                yield _bad(bad, number, f"no field {text_column!r}", data)
                continue
            reason = _check_text(data[text_column])
            if reason:
                yield _bad(bad, number, reason, data)
                continue
            yield Record(number, data, data[text_column])


def read_records(
    path: Path, text_column: str, bad: list[BadRow], fmt: str | None = None
) -> Iterator[Record]:
    """Every record of a CSV or JSON Lines file (bad rows are also noted in ``bad``)."""
    if not path.is_file():
        raise BatchInputError(f"{path}: no such file")
    if detect_format(path, fmt) == "jsonl":
        return read_jsonl_records(path, text_column, bad)
    return read_csv_records(path, text_column, bad)


def count_lines(path: Path) -> int:
    """Number of lines (for a progress bar)."""
    with path.open("rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


STRENGTH = ("none", "derogation", "slur", "dehumanisation", "threat")


def _stronger(a: str, b: str) -> str:
    return max(a, b, key=lambda c: STRENGTH.index(c) if c in STRENGTH else 0)


def _rank(match: Match) -> tuple[int, int]:
    return SEVERITY_ORDER.index(match.term.severity), STRENGTH.index(match.term.category)


def combine(
    pred: Predictions, matches: list[list[Match]], truncated: list[bool] | None = None
) -> list[dict[str, object]]:
    """The added columns per text: model results combined with lexicon hits.

    A high-severity term makes the text hateful, also in a language the model does not
    read; a term's category counts when it is more severe than the model's (threat >
    dehumanisation > slur > derogation), and its target is used when the text names no
    group.
    """
    n = len(pred.score)
    cue_category = pred.cue_category if len(pred.cue_category) == n else ["derogation"] * n
    named = pred.target_named if len(pred.target_named) == n else [False] * n
    langs = pred.lang if len(pred.lang) == n else [""] * n
    cues = pred.cues if len(pred.cues) == n else [[] for _ in range(n)]
    cut = truncated or [False] * n
    out = []
    for i, found in enumerate(matches):
        label, category, target = pred.label[i], pred.category[i], pred.target[i]
        unread, why = label == UNSUPPORTED, cues[i]
        # a term only quoted (they called us "inyenzi") is reported, not used
        best = max((m for m in found if not m.quoted), key=_rank, default=None)
        top = best.term if best else None
        if top is None:
            pass
        elif unread:
            if top.severity == "high":  # the only reader of a language the model lacks
                label, category, target = "hateful", top.category, top.target
                why = [*why, LEXICON_ONLY]
        elif label != "hateful" and top.severity == "high":
            label, category = "hateful", _stronger(cue_category[i], top.category)
            target = target if named[i] and target else top.target
        elif label == "hateful":
            category = _stronger(category, top.category)
            target = target if named[i] else top.target
        out.append(
            {
                "score": round(float(pred.score[i]), 4),
                "label": label,
                "category": category,
                "target": target,
                "lexicon_terms": "; ".join(
                    sorted({m.term.term + (QUOTED if m.quoted else "") for m in found})
                ),
                "cues": "; ".join(why),
                "lang": langs[i],
                "status": (UNSUPPORTED if unread else "scored")
                + (f" (first {MAX_CHARS:,} characters)" if cut[i] else ""),
            }
        )
    return out


def score_texts(
    model: SpeechClassifier,
    texts: list[str],
    matcher: LexiconMatcher | None = None,
    lang: str | None = None,
    countries: list[str | None] | None = None,
) -> list[dict[str, object]]:
    """Score texts with the model and the lexicon (see :func:`combine`); the model reads
    the first :data:`MAX_CHARS` characters of each text."""
    if not texts:
        return []
    truncated = [len(t) > MAX_CHARS for t in texts]
    if any(truncated):
        texts = [t[:MAX_CHARS] for t in texts]
    pred = model.predict(texts, lang)
    if matcher is None or not matcher.terms:
        matches: list[list[Match]] = [[] for _ in texts]
    else:
        where = countries or [None] * len(texts)
        if len(pred.normalised) == len(texts):
            matches = [
                matcher.match(t, c, normalised=True)
                for t, c in zip(pred.normalised, where, strict=True)
            ]
        else:
            matches = [matcher.match(t, c) for t, c in zip(texts, where, strict=True)]
    return combine(pred, matches, truncated)


def _cell(value: object) -> object:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


_WORKER: dict[str, object] = {}


def _init_worker(model: SpeechClassifier, matcher: LexiconMatcher | None, lang: str | None) -> None:
    _WORKER.update(model=model, matcher=matcher, lang=lang)


def _score_in_worker(texts: list[str]) -> list[dict[str, object]]:
    model = _WORKER["model"]
    assert isinstance(model, SpeechClassifier)
    matcher = _WORKER["matcher"]
    return score_texts(
        model,
        texts,
        matcher if isinstance(matcher, LexiconMatcher) else None,
        _WORKER["lang"] if isinstance(_WORKER["lang"], str) else None,
    )


def default_workers() -> int:
    """Worker processes for batch scoring: one per CPU, at most two."""
    return max(1, min(2, os.cpu_count() or 1))


def _not_scored(reason: str) -> dict[str, object]:
    """The added columns of a row that could not be scored (all but ``line``)."""
    empty: dict[str, object] = dict.fromkeys(ADDED[:-1], "")
    return empty | {"status": NOT_SCORED + reason}


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while True:
        batch = [r for _, r in zip(range(size), records, strict=False)]
        if not batch:
            return
        yield batch


def score_file(
    path: Path,
    out: Path,
    model: SpeechClassifier,
    text_column: str,
    lang: str | None = None,
    matcher: LexiconMatcher | None = None,
    fmt: str | None = None,
    chunk: int = 2000,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> BatchReport:
    """Score every good row of ``path`` into the CSV ``out``, which has a row for every
    input row (a bad one with the reason in its status); ``progress(line)`` is called
    after each chunk with the last line number done. With ``workers`` > 1, chunks are
    scored in that many forked processes (rows keep their order)."""
    report = BatchReport()
    if detect_format(path, fmt) == "jsonl":  # the union of keys, in order of appearance
        seen: dict[str, None] = {}
        for record in read_records(path, text_column, [], "jsonl"):
            seen.update(dict.fromkeys(record.fields))
        columns = list(seen) if text_column in seen else [*seen, text_column]
    else:
        columns = csv_header(path)
    batches = _chunks(read_records(path, text_column, report.bad, fmt), chunk)
    pool = None
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=_init_worker, initargs=(model, matcher, lang)
        )
    tmp = out.with_name(out.name + ".part")
    window = max(workers, 1) * 4  # chunks in flight: bounded memory
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([*columns, *(c if c not in columns else f"tocsin_{c}" for c in ADDED)])
            while True:
                group = [b for _, b in zip(range(window), batches, strict=False)]
                if not group:
                    break
                texts = [[r.text for r in batch if r.problem is None] for batch in group]
                if pool is not None:
                    scored = pool.map(_score_in_worker, texts)
                else:
                    scored = [score_texts(model, t, matcher, lang) for t in texts]
                for batch, results in zip(group, scored, strict=True):
                    done = iter(results)
                    for record in batch:
                        result = _not_scored(record.problem) if record.problem else next(done)
                        writer.writerow(
                            [_cell(record.fields.get(c, "")) for c in columns]
                            + [*result.values(), record.line]
                        )
                        if record.problem:
                            continue
                        report.scored += 1
                        report.hateful += result["label"] == "hateful"
                        code = str(result["lang"]) or "?"
                        report.languages[code] = report.languages.get(code, 0) + 1
                        if str(result["status"]).startswith(UNSUPPORTED):
                            report.unsupported[code] = report.unsupported.get(code, 0) + 1
                    if progress:
                        progress(batch[-1].line)
    finally:
        if pool is not None:
            pool.terminate()
    tmp.replace(out)
    report.bad.sort(key=lambda b: b.line)
    return report
