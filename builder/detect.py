"""Language detection by script, with content words deciding between languages that
share one (Hindi text often quotes English names; Bengali and Hindi never share)."""
from __future__ import annotations

SCRIPTS = {"bn": (0x0980, 0x09FF), "hi": (0x0900, 0x097F)}


def letter_counts(text: str) -> dict[str, int]:
    """Letters of each script ('bn', 'hi', 'en' for ASCII) and in all ('letters')."""
    counts = {"bn": 0, "hi": 0, "en": 0, "letters": 0}
    for ch in text:
        if not ch.isalpha() and not (0x0900 <= ord(ch) <= 0x09FF):
            continue
        counts["letters"] += 1
        cp = ord(ch)
        for lang, (lo, hi) in SCRIPTS.items():
            if lo <= cp <= hi:
                counts[lang] += 1
                break
        else:
            if ch.isascii():
                counts["en"] += 1
    return counts


def language_of(counts: dict[str, int]) -> str:
    """'bn', 'hi' or 'en': the Indic script with the most letters, when it makes up at
    least a fifth of the letters; else Latin."""
    indic = max(("bn", "hi"), key=counts.get)
    if counts["letters"] and counts[indic] >= 0.2 * counts["letters"]:
        return indic
    return "en"


def detect(text: str) -> str:
    """The language of ``text`` (its first 20,000 characters) by ``language_of``."""
    return language_of(letter_counts(text[:20000]))
