"""The token view every recognition rule reads, and phrase matching over it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, SENT_START
from spacy.tokens import Doc

from ..langpack import LangPack

LATIN = re.compile(r"[A-Za-z]")
INITIAL = re.compile(r"^(?:[A-Z]\.)+$")


@dataclass
class TokenView:
    """The per-token facts every rule needs, computed once."""

    text: list[str]
    keys: list[str]
    stems: list[list[str]]
    punct: list[bool]
    sent: list[int]
    idx: list[int]


def view(doc: Doc) -> TokenView:
    arr = doc.to_array([SENT_START, IDX, IS_PUNCT, IS_SPACE])
    sent_ids = doc.user_data.get("diplokg.sent_ids")
    if sent_ids is None:  # a doc from a pipeline without diplokg_sentences
        sent_ids, s = [], -1
        for flag in arr[:, 0]:
            if flag == 1:
                s += 1
            sent_ids.append(max(s, 0))
    texts = doc.user_data.get("diplokg.texts") or [t.text for t in doc]
    return TokenView(text=texts, keys=doc.user_data["diplokg.keys"], stems=doc.user_data["diplokg.stems"],
                     punct=(arr[:, 2] | arr[:, 3]).astype(bool).tolist(), sent=sent_ids,
                     idx=arr[:, 1].tolist())


class PhraseTable:
    """Token-tuple phrases with prefix pruning; the last token may match by its stem."""

    def __init__(self, phrases: dict[tuple[str, ...], object]):
        self.phrases = phrases
        self.prefixes = {p[:i] for p in phrases for i in range(1, len(p))}
        self.max_len = max((len(p) for p in phrases), default=0)
        self.first = {p[0] for p in phrases}

    def longest(self, tv: TokenView, i: int) -> tuple[int, tuple, str] | None:
        """(end, phrase, matched last key) of the longest phrase starting at token i."""
        if self.first.isdisjoint(tv.stems[i]):
            return None
        best = None
        prefix: tuple[str, ...] = ()
        n = len(tv.keys)
        for j in range(i, min(n, i + self.max_len)):
            for cand in tv.stems[j]:
                key = prefix + (cand,)
                if key in self.phrases:
                    best = (j + 1, key, cand)
                    break
            nxt = prefix + (tv.keys[j],)
            if nxt not in self.prefixes:
                break
            prefix = nxt
        return best

    def candidates(self, tv: TokenView) -> list[int]:
        """The tokens where some phrase may start (a quick pre-filter)."""
        first = self.first
        return [i for i, st in enumerate(tv.stems) if not first.isdisjoint(st)]


def strip_surface(pack: LangPack, surface: str, key: str, stem_key: str) -> str:
    """The surface form of a token without the case ending that matching removed."""
    if key == stem_key:
        return surface
    for suf in pack.surface_suffixes:
        if surface.endswith(suf) and pack.fold(surface[: -len(suf)]) == stem_key:
            return surface[: -len(suf)]
    return surface


def surface(tv: TokenView, text: str, start: int, end: int) -> str:
    """The text of tokens start..end as written, spaces included."""
    return text[tv.idx[start]: tv.idx[end - 1] + len(tv.text[end - 1])]
