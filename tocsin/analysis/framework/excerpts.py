"""Split a document into excerpts (paragraphs) with stable ids, detect each excerpt's
language (py3langid) and the countries it is about (names, demonyms, capitals)."""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tocsin.reference.countries import all_countries, normalise

MIN_EXCERPT_WORDS = 8  # fewer words is a heading, a byline or a fragment, not an excerpt
MAX_EXCERPT_CHARS = 4000

# Demonyms and capitals for the countries analysts meet most; names and ISO aliases
# come from the country reference. Keys are normalised (lower case, ASCII).
EXTRA_NAMES: dict[str, str] = {
    "syrian": "SYR",
    "damascus": "SYR",
    "aleppo": "SYR",
    "chinese": "CHN",
    "beijing": "CHN",
    "xinjiang": "CHN",
    "uighur": "CHN",
    "uyghur": "CHN",
    "burmese": "MMR",
    "rohingya": "MMR",
    "rakhine": "MMR",
    "naypyidaw": "MMR",
    "yangon": "MMR",
    "rwandan": "RWA",
    "kigali": "RWA",
    "sudanese": "SDN",
    "khartoum": "SDN",
    "darfur": "SDN",
    "south sudanese": "SSD",
    "juba": "SSD",
    "ethiopian": "ETH",
    "addis ababa": "ETH",
    "tigray": "ETH",
    "congolese": "COD",
    "kinshasa": "COD",
    "nigerian": "NGA",
    "abuja": "NGA",
    "afghan": "AFG",
    "kabul": "AFG",
    "iraqi": "IRQ",
    "baghdad": "IRQ",
    "yemeni": "YEM",
    "sanaa": "YEM",
    "ukrainian": "UKR",
    "kyiv": "UKR",
    "kiev": "UKR",
    "russian": "RUS",
    "moscow": "RUS",
    "israeli": "ISR",
    "palestinian": "PSE",
    "gaza": "PSE",
    "malian": "MLI",
    "bamako": "MLI",
    "somali": "SOM",
    "mogadishu": "SOM",
    "cambodian": "KHM",
    "khmer rouge": "KHM",
    "phnom penh": "KHM",
    "sri lankan": "LKA",
    "colombo": "LKA",
    "bosnian": "BIH",
    "srebrenica": "BIH",
    "sarajevo": "BIH",
    "yugoslavia": "YUG",
    "brussels": "BEL",
    "belgian": "BEL",
    "geneva": "CHE",
    "new york": "USA",
    "american": "USA",
    "washington": "USA",
    "central african": "CAF",
    "bangui": "CAF",
    "burundian": "BDI",
    "libyan": "LBY",
    "tripoli": "LBY",
    "venezuelan": "VEN",
    "haitian": "HTI",
    "pakistani": "PAK",
    "indian": "IND",
    "iranian": "IRN",
    "tehran": "IRN",
    "turkish": "TUR",
    "egyptian": "EGY",
    "cairo": "EGY",
    "sierra leonean": "SLE",
    "freetown": "SLE",
    "mexican": "MEX",
    "brazilian": "BRA",
    "guatemalan": "GTM",
    "salvadoran": "SLV",
    "north korean": "PRK",
    "pyongyang": "PRK",
    "cameroonian": "CMR",
    "burkinabe": "BFA",
    "ouagadougou": "BFA",
    "nigerien": "NER",
    "niamey": "NER",
    "mozambican": "MOZ",
    "cabo delgado": "MOZ",
    "zimbabwean": "ZWE",
    "democratic republic of the congo": "COD",
    "democratic republic of congo": "COD",
    "dr congo": "COD",
    "drc": "COD",
    "goma": "COD",
    "ituri": "COD",
    "north kivu": "COD",
    "republic of the congo": "COG",
    "congo brazzaville": "COG",
    "brazzaville": "COG",
    "ivory coast": "CIV",
    "ivorian": "CIV",
    "el geneina": "SDN",
    "el fasher": "SDN",
}
# Reference keys that are ordinary words or organisations in running text.
_AMBIGUOUS = {"guinea", "georgia", "jordan", "chad", "niger", "turkey", "un", "us", "uk"}


@dataclass(frozen=True)
class Paragraph:
    """One excerpt before storage: its stable key, position and text."""

    key: str
    position: int
    text: str


def excerpt_key(document_hash: str, position: int, text: str) -> str:
    """A stable id: the same document text always yields the same keys."""
    digest = hashlib.sha256(f"{document_hash}:{position}:{text}".encode()).hexdigest()
    return f"ex-{digest[:16]}"


# A paragraph ends its last sentence (Latin, Arabic, CJK stops; closing quotes or brackets).
_SENTENCE_END = re.compile(r"[.!?…؟۔。:;][\"'”’»)\]*]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LIST_ITEM = re.compile(r"^(?:[-*•–]|\(?[0-9]{1,3}[.)]|\(?[a-z][.)])\s")


def is_prose(text: str) -> bool:
    """Whether a cleaned block reads as a paragraph worth an excerpt: enough words, not a
    Markdown heading, not a fragment starting mid-sentence, and ending a sentence."""
    if text.startswith("#"):
        return False
    if _CJK.search(text):  # written without spaces between words: count characters
        if len(text) < 4 * MIN_EXCERPT_WORDS:
            return False
    elif len(text.split()) < MIN_EXCERPT_WORDS:
        return False
    first = text.lstrip("-*•–\"'“‘«([ ")[:1]
    if first.islower():
        return False
    return bool(_SENTENCE_END.search(text))


def _join_wrapped(lines: list[str]) -> list[str]:
    """Lines of one block as logical lines: a line that starts in lower case continues a
    line that did not end a sentence (text wrapped at a fixed width); Markdown headings
    and list items always start a new line."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        continues = (
            out
            and not out[-1].startswith("#")
            and not _SENTENCE_END.search(out[-1])
            and line[:1].islower()
            and not _LIST_ITEM.match(line)
        )
        if continues:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _blocks(text: str) -> list[str]:
    """Candidate paragraphs: blocks between blank lines; inside a block, headings, list
    items and lines that are paragraphs of their own (long lines, or lines that stop well
    short of the block's width, like a title over wrapped text) are split apart."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = _join_wrapped(block.split("\n"))
        full = max((len(line) for line in lines), default=0)
        current: list[str] = []
        for line in lines:
            previous = current[-1] if current else ""
            starts_new = (
                line.startswith("#")
                or _LIST_ITEM.match(line) is not None
                or previous.startswith("#")
                or len(previous) >= 200
                or len(previous) < 0.7 * full
            )
            if current and starts_new:
                blocks.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            blocks.append(" ".join(current))
    return blocks


def split_paragraphs(text: str, document_hash: str) -> list[Paragraph]:
    """The document's excerpts: its paragraphs (see :func:`is_prose`); headings, agenda
    lines, bylines and fragments are left out, very long paragraphs are cut at sentences.
    A text with no paragraph at all (a list of short lines) is kept whole."""
    cleaned = [re.sub(r"\s+", " ", block).strip() for block in _blocks(text)]
    prose = [block for block in cleaned if is_prose(block)]
    if not prose:
        whole = re.sub(r"\s+", " ", text).strip()
        prose = [whole] if whole else []
    pieces: list[str] = []
    for clean in prose:
        while len(clean) > MAX_EXCERPT_CHARS:
            cut = clean.rfind(". ", 0, MAX_EXCERPT_CHARS) + 1 or MAX_EXCERPT_CHARS
            pieces.append(clean[:cut].strip())
            clean = clean[cut:].strip()
        pieces.append(clean)
    return [
        Paragraph(excerpt_key(document_hash, i, piece), i, piece) for i, piece in enumerate(pieces)
    ]


def pdf_page_lines(page: Any) -> list[tuple[str, float]]:
    """A pypdf page's printed lines, each with the height of its baseline on the page
    (from pypdf's text visitor), for :func:`reflow_pdf_lines`."""
    lines: list[tuple[str, float]] = []
    parts: list[str] = []
    height: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_font: object) -> None:
        if not parts:
            height.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])
        parts.append(text)
        if text.endswith("\n"):
            lines.append(("".join(parts).strip(), height.pop()))
            parts.clear()

    page.extract_text(visitor_text=visit)
    if parts:
        lines.append(("".join(parts).strip(), height.pop()))
    return [(text, y) for text, y in lines if text]


def reflow_pdf_lines(pages: list[list[tuple[str, float]]]) -> str:
    """Paragraphs, separated by blank lines, from PDF pages given as their printed lines
    with the height of each line on the page. A paragraph ends where the space to the next
    line is clearly wider than the page's usual line spacing, where a line ends a sentence
    and stops short of the usual line width, or before a list item; page numbers are
    dropped and a paragraph that runs over a page break is joined up."""
    paragraphs: list[str] = []
    for page in pages:
        lines = [(text.strip(), y) for text, y in page if text.strip()]
        lines = [(text, y) for text, y in lines if not text.isdigit()]
        if not lines:
            continue
        widths = sorted(len(text) for text, _y in lines)
        full = widths[int(len(widths) * 0.8)] if len(widths) >= 3 else widths[-1]
        gaps = sorted(a[1] - b[1] for a, b in itertools.pairwise(lines) if a[1] - b[1] > 0)
        spacing = gaps[len(gaps) // 2] if gaps else 0.0
        current: list[str] = []
        first = lines[0][0]
        if paragraphs and not _SENTENCE_END.search(paragraphs[-1]) and first[:1].islower():
            current = [paragraphs.pop()]  # the paragraph goes on from the previous page
        for i, (line, y) in enumerate(lines):
            current.append(line)
            following, below = lines[i + 1] if i + 1 < len(lines) else ("", y)
            gap = y - below
            wide_gap = spacing > 0 and (gap > 1.4 * spacing or gap < 0)
            short = len(line) < 0.85 * full
            ends = bool(_SENTENCE_END.search(line)) and short
            heading_like = short and not _SENTENCE_END.search(line) and following[:1].isupper()
            if not following or wide_gap or ends or heading_like or _LIST_ITEM.match(following):
                paragraphs.append(_join_hyphenated(current))
                current = []
    return "\n\n".join(paragraphs)


def _join_hyphenated(lines: list[str]) -> str:
    """One paragraph from its printed lines, re-joining words hyphenated at a line end."""
    text = lines[0]
    for line in lines[1:]:
        text = text[:-1] + line if text.endswith("-") and line[:1].islower() else f"{text} {line}"
    return text


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None for very short text."""
    if len(text.strip()) < 20:
        return None
    import py3langid

    lang, _score = py3langid.classify(text)
    return str(lang)


@cache
def _country_patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for ref in all_countries():
        if ref.iso3 is None:
            continue
        for alias in (ref.name, *ref.aliases):
            key = normalise(alias)
            if len(key) >= 4 and key not in _AMBIGUOUS and not key.isdigit():
                names.setdefault(key, ref.code)
    names.update(EXTRA_NAMES)
    alternatives = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a in alternatives) + r")s?\b")
    return pattern, names


def detect_countries(text: str) -> list[str]:
    """Codes of the countries the text names (by name, demonym or capital), in order."""
    pattern, names = _country_patterns()
    found: list[str] = []
    for match in pattern.finditer(normalise(text)):
        code = names[match.group(1)]
        if code not in found:
            found.append(code)
    return found
