"""Frames of a tolerance denied to a group (decisions 0563, 0564): "i can't stand {g}", "je ne
supporte pas les {g}", "wir können {g} nicht ausstehen", "我受不了{g}". They say "I hate
{g}" with a negator. Each has a twin that says the same of a group that is not protected
("i can't stand {p}", made by :func:`feeling_frames.feeling_twin`). Polish is left out:
its object takes the genitive, which the group fillers lack. The list is kept only to
measure (``augment.MEASURE_ONLY``): neither model learns it. These frames are the
project's own; they are not frames of the functional suite, and no external test suite
was used.
"""

from __future__ import annotations

TOLERANCE_FRAMES: dict[str, list[str]] = {
    "en": ["i can't stand {g}", "i really cannot stand these {g} anymore", "we can't stand {g}"],
    "fr": [
        "je ne supporte pas les {g}",
        "je ne supporte plus ces {g}",
        "je ne peux pas supporter les {g}",
    ],
    "es": ["no soporto a los {g}", "ya no aguanto a esos {g}", "no puedo soportar a los {g}"],
    "de": [
        "wir können {g} nicht ausstehen",
        "{g} kann ich nicht ausstehen",
        "ich ertrage diese {g} nicht mehr",
    ],
    "it": [
        "io non sopporto proprio gli {g}",
        "non reggo più questi {g}",
        "non posso sopportare gli {g}",
    ],
    "pt": ["não suporto os {g}", "já não aguento esses {g}", "não consigo suportar os {g}"],
    "nl": [
        "wij kunnen {g} niet uitstaan",
        "{g} kan ik niet luchten",
        "wij kunnen die {g} niet verdragen",
    ],
    "ar": ["أنا لا أطيق {g}", "لا أتحمل هؤلاء {g}", "نحن لا نطيق {g}"],
    "hi": [
        "मैं {g} को बर्दाश्त नहीं कर सकती",
        "हम {g} को सहन नहीं कर सकते",
        "मुझसे ये {g} बर्दाश्त नहीं होते",
    ],
    "zh": ["我受不了{g}", "我真的受不了这些{g}", "我们容不下{g}"],
    "sw": [
        "siwezi kuwavumilia {g}",
        "hatuwezi kuwavumilia hawa {g}",
        "siwavumilii {g} hata kidogo",
    ],
}
