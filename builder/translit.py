"""Sound skeletons: a name's consonants, reduced to broad classes, comparable across the
Bengali, Devanagari and Latin scripts ('Tokayev', 'Tokaev', 'টোকায়েভ' and 'तोकायेव' all
give 'tkb').  Vowels and y-glides are dropped, voiced/unvoiced and aspirated pairs
merge, and v/w/b are one class since Bengali writes 'v' as ভ.  The per-script maps are
language data (``sound_skeleton`` in each lexicon).  Used to link a leader named in the
text, in any script or spelling, to the gazetteer's entry for them.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from . import langpack

SCRIPT_OF = (("bn", 0x0980, 0x09FF), ("hi", 0x0900, 0x097F))


def script(text: str) -> str:
    for ch in text:
        cp = ord(ch)
        for code, lo, hi in SCRIPT_OF:
            if lo <= cp <= hi:
                return code
    return "en"


@lru_cache(maxsize=None)
def _table(code: str) -> tuple[dict[str, str], int]:
    table = langpack.load(code)["sound_skeleton"]
    return table, max(len(k) for k in table)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonant skeleton of one word, in whichever script it is written."""
    code = script(word)
    text = unicodedata.normalize("NFC", word.casefold())
    if code == "en":
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    table, longest = _table(code)
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in range(longest, 0, -1):
            piece = text[i:i + size]
            if piece in table:
                out.append(table[piece])
                i += size
                break
        else:
            i += 1  # vowels, vowel signs, virama, punctuation
    collapsed: list[str] = []
    for c in "".join(out):
        if not collapsed or collapsed[-1] != c:
            collapsed.append(c)
    return "".join(collapsed)


def close(a: str, b: str) -> bool:
    """Equal, or one consonant apart when both are long enough to tell names apart."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))
