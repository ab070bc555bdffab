"""Language packs: the per-language data (lexicons, morphology, cue words) as one object.

The data lives in ``builder/lang/<code>/lexicon.json``; this module only loads it and
offers the few operations the engine needs (folding, suffix stripping, digit mapping).
Adding a language is adding a folder with a lexicon and tests.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

LANGUAGES = ("bn", "en", "hi")


@dataclass(frozen=True)
class Cue:
    """A cue phrase as a tuple of folded tokens; ``exact`` disables prefix matching."""

    tokens: tuple[str, ...]
    exact: bool


@dataclass(eq=False)
class LangPack:
    code: str
    data: dict
    fold_map: dict[str, str] = field(default_factory=dict)
    suffixes: tuple[str, ...] = ()          # folded, longest first: for matching keys
    surface_suffixes: tuple[str, ...] = ()  # as written, longest first: for surface forms
    digit_table: dict[int, str] = field(default_factory=dict)
    cues: dict[str, tuple[Cue, ...]] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _maps: dict[str, dict] = field(default_factory=dict, repr=False)

    def __getitem__(self, key: str):
        return self.data[key]

    def words(self, key: str, *, optional: bool = False) -> frozenset[str]:
        """A lexicon list of the pack, folded, as a set (computed once); ``optional``: a list
        some packs lack, empty there."""
        got = self._words.get(key)
        if got is None:
            if optional and key not in self.data:
                return frozenset()
            got = self._words[key] = frozenset(self.fold(w) for w in self.data[key])
        return got

    def folded_map(self, key: str) -> dict[str, object]:
        """A lexicon mapping of the pack with folded keys (computed once)."""
        got = self._maps.get(key)
        if got is None:
            got = self._maps[key] = {self.fold(k): v for k, v in self.data[key].items()}
        return got

    def fold(self, text: str) -> str:
        """Matching key: case-folded, spelling variants folded (ী/ি, nukta, ...)."""
        text = text.casefold()
        for a, b in self.fold_map.items():
            if a in text:
                text = text.replace(a, b)
        if self.code == "hi":  # नरेन्द्र == नरेंद्र: a nasal consonant + virama before a consonant is an anusvara
            out = []
            i = 0
            while i < len(text):
                if text[i] in "ङञणनम" and i + 2 < len(text) and text[i + 1] == "\u094d" and "\u0915" <= text[i + 2] <= "\u0939":
                    out.append("\u0902")
                    i += 2
                    continue
                out.append(text[i])
                i += 1
            text = "".join(out)
        return text

    def stems(self, key: str) -> list[str]:
        """The folded key and the stems left by stripping one inflectional suffix."""
        out = [key]
        min_stem = self.data.get("min_stem", 2)
        for suf in self.suffixes:
            if key.endswith(suf) and len(key) - len(suf) >= min_stem:
                out.append(key[: -len(suf)])
        return out

    def digits(self, text: str) -> str:
        return text.translate(self.digit_table)


@lru_cache(maxsize=None)
def load(code: str) -> LangPack:
    if code not in LANGUAGES:
        raise ValueError(f"unsupported language {code!r}; choose one of {', '.join(LANGUAGES)}")
    raw = json.loads(resources.files("builder.lang").joinpath(code, "lexicon.json").read_text("utf-8"))
    pack = LangPack(code=code, data=raw)
    pack.fold_map = {k: v for k, v in raw.get("fold", {}).items() if k != v}
    pack.digit_table = {ord(d): str(i) for i, d in enumerate(raw.get("digits", ""))}
    # Suffixes are folded like the tokens they are stripped from, longest first.
    pack.suffixes = tuple(sorted({pack.fold(s) for s in raw.get("suffixes", [])}, key=len, reverse=True))
    pack.surface_suffixes = tuple(sorted(set(raw.get("suffixes", [])), key=len, reverse=True))
    pack.months = {pack.fold(k): v for k, v in raw.get("months", {}).items()}
    pack.weekdays = {pack.fold(k): v for k, v in raw.get("weekdays", {}).items()}
    pack.cues = {name: tuple(make_cue(pack, p) for p in phrases) for name, phrases in raw.get("cues", {}).items()}
    return pack


def phrase_tokens(phrase: str) -> list[str]:
    """Whitespace-separated words, with hyphens as tokens of their own ('three-day'),
    as the tokenizers split them."""
    out: list[str] = []
    for word in phrase.split():
        parts = word.split("-")
        for i, part in enumerate(parts):
            if i:
                out.append("-")
            if part:
                out.append(part)
    return out


def make_cue(pack: LangPack, phrase: str) -> Cue:
    exact = phrase.endswith("$")
    return Cue(tuple(pack.fold(t) for t in phrase_tokens(phrase.rstrip("$"))), exact)
