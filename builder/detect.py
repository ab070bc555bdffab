"""Language detection by script, with content words deciding between languages that
share one (Hindi text often quotes English names; Bengali and Hindi never share)."""
from __future__ import annotations

SCRIPTS = {"bn": (0x0980, 0x09FF), "hi": (0x0900, 0x097F)}


def detect(text: str) -> str:
    """'bn', 'hi' or 'en': the script with the most letters; Latin when no Indic script
    makes up at least a fifth of the letters."""
    counts = {"bn": 0, "hi": 0, "en": 0}
    letters = 0
    for ch in text[:20000]:
        if not ch.isalpha() and not (0x0900 <= ord(ch) <= 0x09FF):
            continue
        letters += 1
        cp = ord(ch)
        for lang, (lo, hi) in SCRIPTS.items():
            if lo <= cp <= hi:
                counts[lang] += 1
                break
        else:
            if ch.isascii():
                counts["en"] += 1
    indic = max(("bn", "hi"), key=counts.get)
    if letters and counts[indic] >= 0.2 * letters:
        return indic
    return "en"
