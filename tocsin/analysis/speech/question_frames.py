"""Frames of hate asked as a negated question (decision 0546): "aren't {g} just {v}?"
asserts what it asks. Each has a twin that asks the same of praise ("aren't {g} just
{q}?", :func:`question_twin`). The list is kept only to measure (``augment.MEASURE_ONLY``):
neither model learns it. These frames are the project's own; they are not frames of the
functional suite, and no external test suite was used.
"""

from __future__ import annotations

QUESTION_FRAMES: dict[str, list[str]] = {
    "en": ["aren't {g} just {v}?", "isn't it true that {g} are {v}?"],
    "fr": ["les {g} ne sont-ils pas des {v} ?", "n'est-il pas vrai que les {g} sont des {v} ?"],
    "es": ["¿no son los {g} unos {v}?", "¿no es verdad que los {g} son {v}?"],
    "de": ["sind {g} nicht einfach {v}?", "ist es nicht wahr, dass {g} {v} sind?"],
    "it": ["gli {g} non sono forse {v}?", "non è vero che gli {g} sono {v}?"],
    "pt": ["os {g} não são uns {v}?", "não é verdade que os {g} são {v}?"],
    "nl": ["zijn {g} niet gewoon {v}?", "is het niet zo dat {g} {v} zijn?"],
    "pl": ["czy {g} to nie {v}?", "czy to nie prawda, że {g} to {v}?"],
    "ar": ["أليس صحيحا أن {g} {v}؟", "ألا ترون أن {g} {v}؟"],
    "hi": ["क्या {g} {v} नहीं हैं?", "क्या यह सच नहीं है कि {g} {v} हैं?"],
    "zh": ["难道{g}不是{v}吗？", "{g}不就是{v}吗？"],
    "sw": ["je, {g} si {v} tu?", "je, si kweli kwamba {g} ni {v}?"],
}


def question_twin(frame: str) -> str:
    """The non-hateful twin of a question frame: the same question asked of praise."""
    return frame.replace("{v}", "{q}")
