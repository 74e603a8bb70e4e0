"""Frames of dehumanisation said with a restrictive negation (decision 0559): "les {g} ne
sont que des {v}" (are nothing but), "{g} sind nichts als {v}", "{g}不过是{v}". The
negator restricts, it does not deny. Each has a twin that says the same of praise
(:func:`restrictive_twin`). The list is kept only to measure (``augment.MEASURE_ONLY``):
neither model learns it. These frames are the project's own; they are not frames of the
functional suite, and no external test suite was used.
"""

from __future__ import annotations

RESTRICTIVE_FRAMES: dict[str, list[str]] = {
    "en": ["{g} are nothing but {v}", "{g} are nothing more than {v}"],
    "fr": ["les {g} ne sont que des {v}", "les {g} ne sont rien d'autre que des {v}"],
    "es": ["los {g} no son más que {v}", "los {g} no son otra cosa que {v}"],
    "de": ["{g} sind nichts als {v}", "{g} sind nichts anderes als {v}"],
    "it": ["gli {g} non sono che {v}", "gli {g} non sono altro che {v}"],
    "pt": ["os {g} não passam de {v}", "os {g} não são mais do que {v}"],
    "nl": ["{g} zijn niets dan {v}", "{g} zijn niets anders dan {v}"],
    "pl": ["{g} to nic innego jak {v}", "{g} nie są niczym innym jak {v}"],
    "ar": ["{g} ليسوا إلا {v}", "ما {g} إلا {v}"],
    "hi": ["{g} {v} के सिवा कुछ नहीं हैं", "{g} और कुछ नहीं, बस {v} हैं"],
    "zh": ["{g}不过是{v}", "{g}只不过是{v}而已"],
    "sw": ["{g} si chochote ila {v}", "{g} si kitu ila {v}"],
}


def restrictive_twin(frame: str) -> str:
    """The non-hateful twin of a restrictive frame: the same restriction said of praise."""
    return frame.replace("{v}", "{q}")
