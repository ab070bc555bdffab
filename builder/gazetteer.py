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
        self._links: dict[tuple[str, str | None, str | None], str | None] = {}
        self._own_words: dict[str, set[str]] = {}
        self._joined: tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]] | None = None

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def name_words(self, lang: str, fold) -> frozenset[str]:
        """Every word of every name the gazetteer has in ``lang`` (and in English),
        folded: words no stop list may claim."""
        out: set[str] = set()
        for entry in self.entries.values():
            for code in {lang, "en"}:
                for form in entry.names.get(code, []):
                    out.update(fold(w) for w in form.replace("-", " ").split())
        return frozenset(out)

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

    def _leader_forms(self):
        """(entry, name form) of every leader, in every script the gazetteer has."""
        for entry in self.entries.values():
            if entry.type == "Leader":
                for forms in entry.names.values():
                    for form in forms:
                        yield entry, form

    def sound_index(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Leaders by the sound skeleton of their surnames, and of every word of their
        names, in every script the gazetteer has them in (see translit.py)."""
        if self._sound is None:
            from .translit import skeleton
            surnames: dict[str, set[str]] = {}
            words: dict[str, set[str]] = {}
            for entry, form in self._leader_forms():
                parts = _name_words(form)
                sks = [skeleton(w) for w in parts]
                # the surname is the last word; a short one ('Yunus' -> 'ns')
                # is taken with the word before it, never replaced by a given
                # name ('Muhammad'), which would make every Mahmud a Yunus
                last = sks[-1] if sks else ""
                if len(last) < 3 and len(parts) >= 2:
                    last = skeleton(parts[-2] + parts[-1])
                sks = [k for k in sks if len(k) >= 3]
                if len(last) >= 3:
                    surnames.setdefault(last, set()).add(entry.id)
                for k in sks:
                    words.setdefault(k, set()).add(entry.id)
            self._sound = (surnames, words)
        return self._sound

    def sounds_like_own_word(self, entry_id: str, word: str) -> bool:
        """Whether a word sounds like one of the words of the leader's names, in any
        script ('Tayyip', 'जोसेफ', 'কাসিম' for their leaders)."""
        from .translit import close, skeleton
        sk = skeleton(word)
        entry = self.entries.get(entry_id)
        if len(sk) < 2 or entry is None:
            return False
        own = self._own_words.get(entry_id)
        if own is None:
            own = self._own_words[entry_id] = {skeleton(w) for forms in entry.names.values() for f in forms
                                               for w in _name_words(f)}
        return any(k == sk or close(k, sk) for k in own if k)

    def joined_index(self) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
        """Leaders by the sound skeleton of a whole name written as one word ('Xi
        Jinping' -> 'ksjnpng', 'শি জিনপিং' -> 'sjnpn'), with the skeletons bucketed by
        their first and last two classes: for names whose syllables the text writes
        apart ('সি চিন পিং', 'शी जिन पिंग')."""
        if self._joined is None:
            from .translit import skeleton
            full: dict[str, set[str]] = {}
            for entry, form in self._leader_forms():
                sk = skeleton("".join(_name_words(form)))
                if len(sk) >= 5:
                    full.setdefault(sk, set()).add(entry.id)
            heads: dict[str, set[str]] = {}
            tails: dict[str, set[str]] = {}
            for sk in full:
                heads.setdefault(sk[:2], set()).add(sk)
                tails.setdefault(sk[-2:], set()).add(sk)
            self._joined = (full, heads, tails)
        return self._joined

    def link_joined(self, words: list[str]) -> str | None:
        """The one leader whose whole name sounds like these syllables run together."""
        from .translit import close, skeleton
        sk = skeleton("".join(words))
        if len(sk) < 5:
            return None
        full, heads, tails = self.joined_index()
        keys = heads.get(sk[:2], set()) | tails.get(sk[-2:], set())
        ids = {e for key in keys if key == sk or close(key, sk) for e in full[key]}
        return next(iter(ids)) if len(ids) == 1 else None

    def link_leader(self, name: str, country: str | None, office: str | None = None) -> str | None:
        """The gazetteer leader a name written in any script or spelling stands for:
        the surname must sound alike, and either the state the text ties the person to
        must be one they led or a second word of the name must agree as well
        ('টোকায়েভ', 'Tokaev' -> Kassym-Jomart Tokayev).  Two leaders of one state who
        share the name ('Salman') are told apart by more words of the name agreeing, then
        by the office the text gives.  Memoised per (name, state, office)."""
        if (name, country, office) not in self._links:
            self._links[(name, country, office)] = self._link_leader(name, country, office)
        return self._links[(name, country, office)]

    def _link_leader(self, name: str, country: str | None, office: str | None = None) -> str | None:
        from .translit import close, skeleton
        surnames, words_index = self.sound_index()
        parts = name.replace("-", " ").replace(".", " ").split()
        words = [k for k in (skeleton(w) for w in parts) if len(k) >= 3]
        # a short surname ('রামা' -> 'rm') is indexed with the word before it (sound_index)
        short = len(parts) >= 2 and len(skeleton(parts[-1])) < 3 and len(skeleton(parts[-2] + parts[-1])) >= 3
        if short:
            words.append(skeleton(parts[-2] + parts[-1]))
        if not words:
            return None

        def sounding(index: dict[str, set[str]], w: str) -> set[str]:
            hits = set(index.get(w, ()))
            if len(w) >= 4:
                hits |= {e for key, ids in index.items() if abs(len(key) - len(w)) <= 1 and close(key, w) for e in ids}
            return hits

        cands = sounding(surnames, words[-1]) if short or len(skeleton(parts[-1])) >= 3 else set()
        tail = name.replace("-", " ").split()[-2:]
        if len(tail) == 2 and all(1 <= len(skeleton(w)) <= 3 for w in tail):
            # 'চিন পিং' for 'Jinping': syllables written apart
            cands |= sounding(surnames, skeleton("".join(tail)))
        agree: dict[str, int] = {}

        def agreement() -> dict[str, int]:
            if not agree and cands:
                agreeing = [sounding(words_index, w) for w in words]
                agree.update({e: sum(e in hits for hits in agreeing) for e in cands})
            return agree

        if country is not None:
            chosen = {e for e in cands if any(p.get("country") == country for p in self.entries[e].positions)}
        else:  # no state to check: a second word must agree too
            chosen = {e for e in cands if agreement()[e] >= 2}
        if len(chosen) > 1:  # more words of the name agreeing
            agree = agreement()
            best = max(agree[e] for e in chosen)
            chosen = {e for e in chosen if agree[e] == best}
        if len(chosen) > 1 and office:  # 'বাদশাহ সালমান': the king, not the crown prince
            held = {e for e in chosen if any(p.get("office") == office and p.get("country") in (country, None)
                                             for p in self.entries[e].positions)}
            chosen = held or chosen
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
    # A regnal name ("Salman of Saudi Arabia") is the name before "of"; a name that ends
    # in a father's or a house's name ("Mohammad bin Salman", "... Al Khalifa") has no
    # surname of its own to stand for it.
    particles = langpack.load("en").words("name_particles")
    for entry in entries.values():
        if entry.type == "Leader":
            en = entry.names.setdefault("en", [])
            for full in list(en):
                personal = _personal(full)
                parts = personal.replace(".", " ").split()
                if personal != full:
                    if len(parts) == 1 and len(parts[0]) >= 4 and parts[0] not in en:
                        en.append(parts[0])
                    continue
                if len(parts) >= 3 and parts[-2].casefold().strip("-") in particles:
                    continue
                if len(parts) >= 2 and len(parts[-1]) >= 4 and parts[-1][0].isupper() and parts[-1] not in en:
                    en.append(parts[-1])
    return Gazetteer(entries)


def _name_words(form: str) -> list[str]:
    """The words of a person's name form, hyphens and initials' dots taken as spaces."""
    return _personal(form).replace("-", " ").replace(".", " ").split()


def _personal(name: str) -> str:
    """The person's own name in a regnal style: 'Salman' of 'Salman of Saudi Arabia'."""
    head, sep, _ = name.partition(" of ")
    return head if sep and head else name
