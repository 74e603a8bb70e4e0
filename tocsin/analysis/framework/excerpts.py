"""Split a document into excerpts (paragraphs) with stable ids, detect each excerpt's
language (py3langid) and the countries it is about (names, demonyms, capitals)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from tocsin.reference.countries import all_countries, normalise

MIN_EXCERPT_CHARS = 40  # shorter lines (headings, bylines) join the next paragraph
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


def split_paragraphs(text: str, document_hash: str) -> list[Paragraph]:
    """Paragraphs separated by blank lines (or by single newlines when a text has none);
    short lines join the paragraph after them; very long ones are cut at sentences."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.split("\n")
        # a block whose lines are themselves paragraphs (one newline between them)
        if any(len(line) >= 200 for line in lines[:-1]):
            blocks.extend(lines)
        else:
            blocks.append(block)
    pieces: list[str] = []
    pending = ""
    for block in blocks:
        clean = re.sub(r"\s+", " ", block).strip()
        if not clean:
            continue
        heading = clean.startswith("#")
        clean = f"{pending} {clean}".strip() if pending else clean
        if len(clean) < MIN_EXCERPT_CHARS or heading:
            pending = clean
            continue
        pending = ""
        while len(clean) > MAX_EXCERPT_CHARS:
            cut = clean.rfind(". ", 0, MAX_EXCERPT_CHARS) + 1 or MAX_EXCERPT_CHARS
            pieces.append(clean[:cut].strip())
            clean = clean[cut:].strip()
        pieces.append(clean)
    if pending:
        if pieces:
            pieces[-1] = f"{pieces[-1]} {pending}"
        else:
            pieces.append(pending)
    return [
        Paragraph(excerpt_key(document_hash, i, piece), i, piece) for i, piece in enumerate(pieces)
    ]


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
