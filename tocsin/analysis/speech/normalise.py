"""Undo the spelling tricks used to dodge filters, before any matching or scoring.

- Unicode: NFKC (full-width and styled letters become plain), zero-width characters
  removed, accents, Arabic diacritics and the Devanagari nukta dropped, letters that do
  not decompose folded as they are typed without diacritics ("ł" -> "l", "œ" -> "oe"),
  Arabic letter variants unified, case folded.
- Leetspeak inside words: ``m0r0n`` -> ``moron``, ``c@ncer`` -> ``cancer``,
  ``mu$lims`` -> ``muslims`` (numbers on their own, like ``2024``, are left alone).
- Inserted separators: ``i m m i g r a n t s``, ``j.e.w.s`` and ``म ु स ल म ा न`` -> one
  word.
- Repeated letters: three or more of the same letter shrink (``kiiiill`` -> ``kill``).
- Twitter debris: URLs -> ``urltoken``, @mentions -> ``usertoken``, HTML entities unescaped.

:func:`words` splits normalised text into the words every matcher reads (Mandarin per
character, Burmese per syllable).

Dropped letters (``parasits``) are not repaired here: the classifier's character
n-grams and the lexicon's fuzzy matching handle them.
"""

from __future__ import annotations

import html
import re
import unicodedata

_ZERO_WIDTH = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_URL = re.compile(r"(?:https?://|www\.)\S+|\burl\b", re.IGNORECASE)
_MENTION = re.compile(r"(?<!\w)@\w+")
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "€": "e",
        "+": "t",
        "|": "l",
    }
)
# a word made of letters with at least one leet character between or after letters
_LEET_WORD = re.compile(
    r"(?<![\w@$])(?=[\w@$!€+|]*[^\W\d_])[\w@$€+|]*(?:[013457@$€+|]|!(?=\w))[\w@$!€+|]*"
)
# three or more single letters separated by one space, dot, dash, star or underscore; in
# Devanagari a vowel sign or other combining sign counts as a letter ("म ु स ल म ा न",
# decision 0565): Unicode does not class them as letters
_DEVANAGARI_SIGNS = "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"
_LETTER = rf"(?:[^\W\d_]|[{_DEVANAGARI_SIGNS}])"
_SPACED = re.compile(
    rf"(?<![\w{_DEVANAGARI_SIGNS}]){_LETTER}([ .\-*_])(?:{_LETTER}\1){{1,}}{_LETTER}"
    rf"(?![\w{_DEVANAGARI_SIGNS}])"
)
_REPEAT_VOWEL = re.compile(r"([aeiouy])\1{2,}")
_REPEAT_OTHER = re.compile(r"([^\W\d_])\1{2,}")
# Arabic letter variants unified, and letters with a diacritic that Unicode does not
# decompose folded as they are typed without it
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": None}
    | {"ł": "l", "œ": "oe", "æ": "ae"}
)
_SPACES = re.compile(r"\s+")


_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
    "\u0670\u06d6-\u06ed\u093c\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_LEET_CHARS = set("013457@$€+|!")


def strip_marks(text: str) -> str:
    """Drop combining marks (accents, Arabic harakat, the Devanagari nukta) after
    decomposition."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", text)))


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if not any(c.isalpha() for c in word):
        return word
    stripped = word.rstrip("!")  # a trailing "!" is punctuation, not an "i"
    return stripped.translate(_LEET) + word[len(stripped) :]


def _unspace(match: re.Match[str]) -> str:
    return re.sub(r"[ .\-*_]", "", match.group(0)) + " "


def normalise(text: str) -> str:
    """The canonical form of ``text`` used for matching and features (see module doc)."""
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))
    text = strip_marks(text).casefold().translate(_FOLD)
    text = _URL.sub(" urltoken ", text)
    text = _MENTION.sub(" usertoken ", text)
    text = _SPACED.sub(_unspace, text)
    if not _LEET_CHARS.isdisjoint(text):
        text = _LEET_WORD.sub(_unleet, text)
    text = _REPEAT_VOWEL.sub(r"\1", text)
    text = _REPEAT_OTHER.sub(r"\1\1", text)
    return _SPACES.sub(" ", text).strip()


# words keep their combining vowel signs (Devanagari, Bengali, Myanmar, Ethiopic ...)
_MARK = "\u0900-\u0dff\u1000-\u109f\u1200-\u137f"
_TOKEN = re.compile(rf"[\w{_MARK}]+(?:'\w+)?|[^\w\s{_MARK}]")
_WORDLIKE = re.compile(rf"[^\W_]|[{_MARK}]")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MYANMAR = re.compile(r"[\u1000-\u109f]")
# a syllable starts at a consonant that is neither stacked (after ္) nor killed (before ်/္)
_MY_SYLLABLE = re.compile(r"(?<!\u1039)([\u1000-\u1021](?![\u103a\u1039]))")


def is_word(token: str) -> bool:
    """Whether a token of :func:`words` is a word rather than a punctuation mark."""
    return _WORDLIKE.match(token) is not None


def words(norm: str) -> list[str]:
    """The tokens of normalised text: words and punctuation marks, Mandarin one character
    at a time and Burmese one syllable at a time (both are written without spaces)."""
    tokens = _TOKEN.findall(norm)
    if CJK.search(norm):
        tokens = [c for t in tokens for c in (t if CJK.search(t) else [t])]
    if MYANMAR.search(norm):
        tokens = [s for t in tokens for s in _MY_SYLLABLE.sub(r" \1", t).split()]
    return tokens
