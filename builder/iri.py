"""RFC 3987 IRIs: which characters an IRI may hold, and text made safe to hold.

An IRI may hold ASCII letters, digits and a few marks, and beyond ASCII only the
``ucschar`` ranges of RFC 3987 (so no private-use characters, no non-characters, no
surrogates, no C1 controls, no variation selectors of plane 14); it must not hold the
bidirectional formatting characters (RFC 3987, section 4.1). Anything else is
percent-encoded as UTF-8 (a lone surrogate as U+FFFD). pyoxigraph, whose IRI parser is a
strict RFC 3987 one, is the judge in :func:`is_iri`.
"""
from __future__ import annotations

import re

# RFC 3987 ucschar
_UCS = ("\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
        "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd\U00040000-\U0004fffd"
        "\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
        "\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
        "\U000d0000-\U000dfffd\U000e1000-\U000efffd")
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_PATH_ASCII = "A-Za-z0-9\\-._~!$&'()*+,;=:@/"
# a character an IRI path may not hold as it is (a '%' only as the start of an escape)
_NOT_PATH = re.compile(f"[^{_PATH_ASCII}%{_UCS}]|[{_BIDI}]|%(?![0-9A-Fa-f]{{2}})")
# a character no part of an IRI may hold as it is
_NOT_IRI = re.compile(f"[^{_PATH_ASCII}?#\\[\\]%{_UCS}]|[{_BIDI}]|%(?![0-9A-Fa-f]{{2}})")
_IRI_CHAR = re.compile(f"[A-Za-z0-9{_UCS}]")
_BIDI_RE = re.compile(f"[{_BIDI}]")


def is_iri_char(ch: str) -> bool:
    """Whether a letter, digit or mark may stand in an IRI as it is (ASCII alphanumerics
    and RFC 3987 ucschar, bidi controls excepted)."""
    return _IRI_CHAR.match(ch) is not None and _BIDI_RE.match(ch) is None


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    if "\ud800" <= ch[0] <= "\udfff":
        ch = "\ufffd"
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def iri_path(text: str) -> str:
    """``text`` as IRI path characters: what a path may hold is kept ('/' included), the
    rest percent-encoded as UTF-8 (a '%' that starts no escape becomes '%25')."""
    return text if _NOT_PATH.search(text) is None else _NOT_PATH.sub(_escape, text)


def iri_text(iri: str) -> str:
    """A whole IRI with what no IRI may hold (spaces, controls, any of <>"{}|\\^` ,
    characters outside RFC 3987's ranges, bidi controls, a stray '%') percent-encoded as
    UTF-8."""
    return iri if _NOT_IRI.search(iri) is None else _NOT_IRI.sub(_escape, iri)


def is_iri(text: str) -> bool:
    """Whether ``text`` is an absolute RFC 3987 IRI (as pyoxigraph parses one) with no
    bidirectional formatting character."""
    import pyoxigraph as ox
    if _BIDI_RE.search(text):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True
