"""The gazetteer: named things (states, organisations, leaders, cities) as data.

Entries are read from ``builder/data/gazetteer/*.jsonl``; entries with the same ``id``
are merged, so that the hand-curated file adds names, demonyms and acronyms to the
generated ones.  Name forms are indexed per language as tuples of folded tokens, using
the language's own tokenizer, so that matching works on the same units as the text.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from . import langpack

FILES = ("countries.jsonl", "cities.jsonl", "organizations.jsonl", "leaders.jsonl", "curated.jsonl")
NAMED_TYPES = ("Country", "Leader", "Organization", "City", "Ministry", "SummitSeries")


@dataclass
class Entry:
    id: str
    type: str
    qid: str | None = None
    label: str | None = None
    names: dict[str, list[str]] = field(default_factory=dict)
    acronyms: dict[str, list[str]] = field(default_factory=dict)
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    positions: list[dict] = field(default_factory=list)
    country: str | None = None

    def merge(self, row: dict) -> None:
        for key in ("names", "demonyms"):
            for lang, forms in row.get(key, {}).items():
                bucket = getattr(self, key).setdefault(lang, [])
                bucket.extend(f for f in forms if f not in bucket)
        acr = row.get("acronyms")
        if isinstance(acr, list):  # generated files give a flat list of Latin acronyms
            acr = {"en": acr}
        for lang, forms in (acr or {}).items():
            bucket = self.acronyms.setdefault(lang, [])
            bucket.extend(f for f in forms if f not in bucket)
        self.qid = self.qid or row.get("qid")
        self.label = self.label or row.get("label")
        self.country = self.country or row.get("country")
        for pos in row.get("positions", []):
            if pos not in self.positions:
                self.positions.append(pos)

    @property
    def english(self) -> str:
        return self.label or (self.names.get("en") or [self.id])[0]

    def offices_at(self, year: int | None) -> list[dict]:
        """Positions held in ``year`` (all positions when the year is unknown)."""
        if year is None:
            return list(self.positions)
        return [p for p in self.positions
                if (p.get("start") or 0) <= year and (p.get("end") is None or year <= p["end"])]


@dataclass(frozen=True)
class NameForm:
    entry_id: str
    kind: str  # "name", "acronym" or "demonym"


class Gazetteer:
    def __init__(self, entries: dict[str, Entry]):
        self.entries = entries
        self._index: dict[str, dict[tuple[str, ...], list[NameForm]]] = {}
        self._sound: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
        self._links: dict[tuple[str, str | None], str | None] = {}

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def index(self, lang: str, tokenize) -> dict[tuple[str, ...], list[NameForm]]:
        """Name forms of every entry, in the given language and in English (Latin names
        appear in all scripts' texts), as tuples of folded tokens."""
        if lang in self._index:
            return self._index[lang]
        pack = langpack.load(lang)
        idx: dict[tuple[str, ...], list[NameForm]] = {}

        def add(form: str, entry: Entry, kind: str) -> None:
            toks = tuple(pack.fold(pack.digits(t)) for t in tokenize(form) if t.strip())
            if not toks or (len(toks) == 1 and len(toks[0]) < 2):
                return
            bucket = idx.setdefault(toks, [])
            nf = NameForm(entry.id, kind)
            if nf not in bucket:
                bucket.append(nf)

        langs = [lang] if lang == "en" else [lang, "en"]
        for entry in self.entries.values():
            for code in langs:
                for form in entry.names.get(code, []):
                    add(form, entry, "name")
                for form in entry.acronyms.get(code, []):
                    add(form, entry, "acronym")
                for form in entry.demonyms.get(code, []):
                    add(form, entry, "demonym")
        self._drop_ambiguous_surnames(idx)
        self._index[lang] = idx
        return idx

    def sound_index(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Leaders by the sound skeleton of their surnames, and of every word of their
        names, in every script the gazetteer has them in (see translit.py)."""
        if self._sound is None:
            from .translit import skeleton
            surnames: dict[str, set[str]] = {}
            words: dict[str, set[str]] = {}
            for entry in self.entries.values():
                if entry.type != "Leader":
                    continue
                for forms in entry.names.values():
                    for form in forms:
                        sks = [skeleton(w) for w in form.replace("-", " ").replace(".", " ").split()]
                        sks = [k for k in sks if len(k) >= 3]
                        if sks:
                            surnames.setdefault(sks[-1], set()).add(entry.id)
                        for k in sks:
                            words.setdefault(k, set()).add(entry.id)
            self._sound = (surnames, words)
        return self._sound

    def link_leader(self, name: str, country: str | None) -> str | None:
        """The gazetteer leader a name written in any script or spelling stands for:
        the surname must sound alike, and either the state the text ties the person to
        must be one they led or a second word of the name must agree as well
        ('টোকায়েভ', 'Tokaev' -> Kassym-Jomart Tokayev).  Memoised per (name, state)."""
        if (name, country) not in self._links:
            self._links[(name, country)] = self._link_leader(name, country)
        return self._links[(name, country)]

    def _link_leader(self, name: str, country: str | None) -> str | None:
        from .translit import close, skeleton
        surnames, words_index = self.sound_index()
        words = [k for k in (skeleton(w) for w in name.replace("-", " ").replace(".", " ").split()) if len(k) >= 3]
        if not words:
            return None

        def sounding(index: dict[str, set[str]], w: str) -> set[str]:
            hits = set(index.get(w, ()))
            if len(w) >= 4:
                hits |= {e for key, ids in index.items() if abs(len(key) - len(w)) <= 1 and close(key, w) for e in ids}
            return hits

        cands = sounding(surnames, words[-1])
        if country is not None:
            chosen = {e for e in cands if any(p.get("country") == country for p in self.entries[e].positions)}
        else:  # no state to check: a second word must agree too
            agreeing = [sounding(words_index, w) for w in words]
            chosen = {e for e in cands if sum(e in hits for hits in agreeing) >= 2}
        return next(iter(chosen)) if len(chosen) == 1 else None

    def _drop_ambiguous_surnames(self, idx) -> None:
        """A one-token leader name shared by two people identifies neither."""
        for key, forms in list(idx.items()):
            leaders = {f.entry_id for f in forms if self.entries[f.entry_id].type == "Leader"}
            if len(key) == 1 and len(leaders) > 1:
                idx[key] = [f for f in forms if f.entry_id not in leaders]
                if not idx[key]:
                    del idx[key]


def _read_rows():
    base = resources.files("builder.data").joinpath("gazetteer")
    for name in FILES:
        text = base.joinpath(name).read_text("utf-8")
        for line in text.splitlines():
            if line.strip():
                yield json.loads(line)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    entries: dict[str, Entry] = {}
    for row in _read_rows():
        entry = entries.get(row["id"])
        if entry is None:
            entry = entries[row["id"]] = Entry(id=row["id"], type=row["type"])
        entry.merge(row)
    # A position is only usable for a state the gazetteer knows as a Country (the 2021
    # data also lists de facto states and constituent kingdoms).
    states = {e.id for e in entries.values() if e.type == "Country"}
    for entry in entries.values():
        entry.positions = [p for p in entry.positions if p.get("country") in states]
    # Leaders of the generated file carry only English names; add their surname as an
    # English short form ("Modi"), which is how news text refers to them.
    for entry in entries.values():
        if entry.type == "Leader":
            en = entry.names.setdefault("en", [])
            for full in list(en):
                parts = full.replace(".", " ").split()
                if len(parts) >= 2 and len(parts[-1]) >= 4 and parts[-1][0].isupper() and parts[-1] not in en:
                    en.append(parts[-1])
    return Gazetteer(entries)
