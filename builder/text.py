"""Text normalisation: one canonical form for everything the extractors read."""
from __future__ import annotations

import re
import unicodedata

# Zero-width and invisible characters that survive copy-paste from web pages.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# a run of two or more spaces, or any space other than the plain one: folded to one space
_SPACES = re.compile(f"{_SPACE}{{2,}}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def normalize(text: str) -> str:
    """NFC, invisible characters removed, both danda forms unified, runs of spaces folded.

    Line breaks are kept: headlines and datelines are lines of their own.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # the Bengali currency mark ৷ is typed for the danda ।: one sentence mark
    text = _INVISIBLE.sub("", text).replace("\u09f7", "\u0964")
    text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        text = "\n".join(line.strip() for line in text.split("\n"))
    return text


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def slug(text: str) -> str:
    """An IRI-safe, script-preserving key: lowercase letters and digits joined by '-'."""
    text = unicodedata.normalize("NFKC", text).casefold()
    parts, cur = [], []
    for ch in text:
        if ch.isalnum() or unicodedata.category(ch).startswith("M"):
            cur.append(ch)
        elif cur:
            parts.append("".join(cur))
            cur = []
    if cur:
        parts.append("".join(cur))
    return "-".join(parts)
