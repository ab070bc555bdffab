"""Text normalisation: one canonical form for everything the extractors read."""
from __future__ import annotations

import re
import unicodedata

from .iri import is_iri_char
from .xmlsafe import XML_FORBIDDEN

# Zero-width and invisible characters that survive copy-paste from web pages.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# a run of two or more spaces, or any space other than the plain one: folded to one space
_SPACES = re.compile(f"{_SPACE}{{2,}}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def _xml_char(m: re.Match) -> str:
    """What XML 1.0 forbids: line and page breaks become line breaks, a lone surrogate
    U+FFFD; other control characters and U+FFFE, U+FFFF go."""
    ch = m.group(0)
    return "\n" if ch in "\x0b\x0c" else "\ufffd" if "\ud800" <= ch <= "\udfff" else ""


def normalize(text: str) -> str:
    """NFC, invisible characters removed, both danda forms unified, runs of spaces folded;
    no character XML 1.0 forbids (control characters go, vertical tab and form feed are
    line breaks, a lone surrogate is U+FFFD), so every RDF syntax can carry the text.

    Line breaks are kept: headlines and datelines are lines of their own.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if XML_FORBIDDEN.search(text):
        text = XML_FORBIDDEN.sub(_xml_char, text)
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


# invisible characters that change no letter: formatting (bidi controls, joiners, tags)
# and variation selectors; a key drops them rather than splitting the name there
_VARIATION = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def slug(text: str) -> str:
    """An IRI-safe, script-preserving key: lowercase letters and digits (with their marks)
    joined by '-'. Formatting characters and variation selectors are dropped; anything
    an RFC 3987 IRI may not hold (private use, non-characters, surrogates) separates."""
    text = unicodedata.normalize("NFKC", text).casefold()
    parts, cur = [], []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf" or _VARIATION.match(ch):
            continue
        if (ch.isalnum() or cat.startswith("M")) and is_iri_char(ch):
            cur.append(ch)
        elif cur:
            parts.append("".join(cur))
            cur = []
    if cur:
        parts.append("".join(cur))
    return "-".join(parts)
