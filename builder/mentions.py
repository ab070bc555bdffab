"""Recognition: gazetteer names (through inflection and spelling variants), acronyms
defined in the text, office titles, leaders named after a title, and dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, SENT_START
from spacy.tokens import Doc

from . import gazetteer as gz
from .gazetteer import NameForm
from . import nlp as nlp_mod
from .dates import find_dates
from .langpack import LangPack, make_cue
from .model import Mention
from .text import slug

VOCAB_OFFICES = {"President", "PrimeMinister", "VicePresident", "ForeignMinister", "Minister",
                 "ChiefAdviser", "Monarch", "Chancellor"}
_LATIN = re.compile(r"[A-Za-z]")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
TYPE_PREFERENCE = {"Country": 0, "Organization": 1, "SummitSeries": 1, "City": 2, "Ministry": 3, "Leader": 4}
KIND_PREFERENCE = {"name": 0, "acronym": 1, "demonym": 2}


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


def _strip_surface(pack: LangPack, surface: str, key: str, stem_key: str) -> str:
    """The surface form of a token without the case ending that matching removed."""
    if key == stem_key:
        return surface
    for suf in sorted(pack["suffixes"], key=len, reverse=True):
        if surface.endswith(suf) and pack.fold(surface[: -len(suf)]) == stem_key:
            return surface[: -len(suf)]
    return surface


def _surface(tv: TokenView, text: str, start: int, end: int) -> str:
    return text[tv.idx[start]: tv.idx[end - 1] + len(tv.text[end - 1])]


class Recogniser:
    def __init__(self, lang: str, pack: LangPack, gaz: gz.Gazetteer):
        self.lang, self.pack, self.gaz = lang, pack, gaz
        names = gaz.index(lang, lambda s: nlp_mod.tokenize(lang, s))
        self.names = PhraseTable(names)
        self.titles = PhraseTable({tuple(pack.fold(t) for t in nlp_mod.tokenize(lang, k) if t.strip()): v
                                   for k, v in pack["titles"].items()}
                                  | {tuple(pack.fold(t) for t in k.split()): None for k in pack["leader_nouns"]})
        self.honorifics = PhraseTable({tuple(pack.fold(t) for t in nlp_mod.tokenize(lang, h.rstrip("$"))): True
                                       for h in pack["honorifics"]})
        self.particles = {pack.fold(p) for p in pack["genitive_particles"]}
        self.genitive = {pack.fold(s) for s in pack["genitive_suffixes"]}
        self.name_stop = {pack.fold(w) for w in pack["name_stop"]} | set(pack.months) | set(pack.weekdays)
        self.cue_first = {c.tokens[0] for cues in pack.cues.values() for c in cues}
        self.buildings = [make_cue(pack, b) for b in pack["building_nouns"]]
        self._readings: dict[tuple[str, ...], tuple] = {}
        self.geographic = pack.words("geographic_nouns")
        self.summit_words = PhraseTable({c.tokens: True for c in pack.cues["summit_strong"]})

    def before_building(self, tv: TokenView, end: int) -> bool:
        """'হায়দরাবাদ হাউস', 'Rashtrapati Bhavan', 'রাষ্ট্রপতি ভবনে': a name that is part
        of a building's name is not the city or office it names."""
        if end >= len(tv.keys):
            return False
        key = tv.keys[end]
        return any((key == b.tokens[0] or b.tokens[0] in tv.stems[end]) if b.exact else key.startswith(b.tokens[0])
                   for b in self.buildings)

    # ------------------------------------------------------------------ names
    def _reading(self, key: tuple[str, ...]) -> tuple[gz.Entry, NameForm, bool]:
        """The entry a name form stands for (a name before an acronym before a demonym;
        a state before an organisation before a city ...), and whether every reading is a
        city; memoised per form."""
        got = self._readings.get(key)
        if got is None:
            forms = self.names.phrases[key]
            form = min(forms, key=lambda f: (KIND_PREFERENCE[f.kind],
                                             TYPE_PREFERENCE.get(self.gaz.entries[f.entry_id].type, 9)))
            all_cities = all(self.gaz.entries[f.entry_id].type == "City" for f in forms)
            got = self._readings[key] = (self.gaz.entries[form.entry_id], form, all_cities)
        return got

    def gazetteer_mentions(self, tv: TokenView, text: str) -> list[Mention]:
        out, i, n = [], 0, len(tv.keys)
        latin = self.lang == "en"
        heads = self.names.first
        can_start = [not heads.isdisjoint(st) for st in tv.stems]
        while i < n:
            hit = self.names.longest(tv, i) if can_start[i] and not tv.punct[i] else None
            if hit and (latin or _LATIN.match(tv.text[i])) and not tv.text[i][:1].isupper():
                hit = None  # Latin-script names are capitalised: 'chad', 'turkey' are words
            if not hit:
                i += 1
                continue
            end, key, last = hit
            entry, form, all_cities = self._reading(key)
            if (all_cities and self.before_building(tv, end)) or (
                    entry.type == "Country" and end < n and not self.geographic.isdisjoint(tv.stems[end])):
                i = end
                continue  # 'Hyderabad House', 'Indian Ocean', 'ভারত মহাসাগর': not the city or state
            last_key = tv.keys[end - 1]
            base_last = _strip_surface(self.pack, tv.text[end - 1], last_key, last)
            surface = _surface(tv, text, i, end)
            base = surface[: len(surface) - len(tv.text[end - 1])] + base_last
            out.append(Mention(start=i, end=end, kind=entry.type, text=surface, base=base,
                               entry_id=entry.id, via=form.kind, sent=tv.sent[i],
                               genitive=last != last_key and last_key[len(last):] in self.genitive))
            i = end
        return out

    # --------------------------------------------------------------- acronyms
    def resolve_acronyms(self, tv: TokenView, mentions: list[Mention]) -> list[Mention]:
        """'সাংহাই সহযোগিতা সংস্থা (এমইএ)': the bracketed acronym names the entity before
        it, in this article, whatever the gazetteer says.  Where an acronym is defined
        twice, each use takes the reading whose type fits its context."""
        mentions = self._defined_organisations(tv, mentions)
        defs: dict[tuple[str, ...], list[tuple[int, str, str]]] = {}
        for m in mentions:
            j = m.end
            if j + 2 < len(tv.keys) and tv.keys[j] == "(" and m.kind in {"Organization", "Ministry", "Country"}:
                k = j + 1
                while k < len(tv.keys) and k < j + 4 and tv.keys[k] != ")":
                    k += 1
                if k < len(tv.keys) and tv.keys[k] == ")" and k > j + 1:
                    acr = tuple(tv.keys[j + 1:k])
                    defs.setdefault(acr, []).append((j + 1, m.entry_id, m.kind))
        if not defs:
            return mentions
        table = PhraseTable({a: True for a in defs})
        summit_first = {c.tokens[0] for c in self.pack.cues["summit"]}
        keep = [m for m in mentions]
        covered = {t: m for m in mentions for t in range(m.start, m.end)}
        i = 0
        while i < len(tv.keys):
            hit = table.longest(tv, i)
            if not hit:
                i += 1
                continue
            end, acr, _ = hit
            readings = defs[acr]
            at_definition = any(pos == i for pos, _, _ in readings)
            ids = {eid for _, eid, _ in readings}
            if len(ids) == 1:
                eid, kind = readings[0][1], readings[0][2]
            else:
                near_summit = any(any(s in summit_first or s.startswith(tuple(summit_first)) for s in tv.stems[k])
                                  for k in range(end, min(end + 2, len(tv.keys))))
                pool = [r for r in readings if (r[2] == "Organization") == near_summit] or readings
                before = [r for r in pool if r[0] <= i]
                eid, kind = (max(before)[1:] if before else min(pool)[1:])
            old = covered.get(i)
            if old is not None and old.start == i and old.end == end:
                keep.remove(old)
            elif old is not None:
                i = end
                continue
            keep.append(Mention(start=i, end=end, kind=kind, text=" ".join(tv.text[i:end]),
                                base=" ".join(tv.text[i:end]), entry_id=eid,
                                via="acronym-definition" if at_definition else "acronym", sent=tv.sent[i]))
            i = end
        return sorted(keep, key=lambda m: m.start)

    # ----------------------------------------------------------- summit series
    def named_series(self, tv: TokenView, text: str, mentions: list[Mention]) -> list[Mention]:
        """'Russia-Africa Summit', 'ভারত-আফ্রিকা ফোরাম শীর্ষ সম্মেলন': a state joined by a
        hyphen to a region or forum, then the word summit, names a summit series the
        gazetteer may not know.  Its id comes from the state and the sound of the rest,
        so that the same series written in any script is one node.  A state joined to
        another state ('India-Russia summit') is a bilateral meeting, not a series."""
        from .translit import skeleton
        by_start = {m.start: m for m in mentions}
        out, skip = [], set()
        n = len(tv.keys)
        for m in mentions:
            if m.kind != "Country" or m.end + 1 >= n or tv.keys[m.end] not in {"-", "–", "—"}:
                continue
            for k in range(m.end + 2, min(n, m.end + 5)):
                if tv.punct[k - 1] or (k - 1 in by_start and by_start[k - 1].kind != "Title"):
                    break
                end = self.summit_words.longest(tv, k)
                if end is None:
                    continue
                middle = [tv.text[j] for j in range(m.end + 1, k)]
                key = "-".join(x for x in (skeleton(w) for w in middle) if x)
                if not key:
                    break
                out.append(Mention(start=m.start, end=end[0], kind="SummitSeries", text=_surface(tv, text, m.start, end[0]),
                                   base=_surface(tv, text, m.start, end[0]), entry_id=f"series-{m.entry_id}-{key}",
                                   via="series-pattern", sent=tv.sent[m.start]))
                skip.update(range(m.start, end[0]))
                break
        if not out:
            return mentions
        kept = [m for m in mentions if not (set(range(m.start, m.end)) & skip)]
        return sorted(kept + out, key=lambda x: x.start)

    def _defined_organisations(self, tv: TokenView, mentions: list[Mention]) -> list[Mention]:
        """'Mekong-Ganga Cooperation (MGC)': a name with an organisation word, written out
        before a bracketed acronym, is an organisation even when the gazetteer does not
        know it; its id comes from the acronym."""
        ends = {m.end for m in mentions}
        covered = {t for m in mentions for t in range(m.start, m.end)}
        org_words = self.pack.words("org_words")
        latin = self.lang == "en"
        new = []
        for j, key in enumerate(tv.keys):
            if key != "(" or j in ends or j + 2 >= len(tv.keys):
                continue
            k = j + 1
            while k < len(tv.keys) and k < j + 3 and tv.keys[k] != ")":
                k += 1
            if k >= len(tv.keys) or tv.keys[k] != ")" or k == j + 1:
                continue
            acronym = "".join(tv.text[j + 1:k])
            if latin and not re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", acronym):
                continue
            start = j
            while start > 0 and j - start < 8:
                t = tv.text[start - 1]
                if tv.punct[start - 1] and t != "-":
                    break
                if start - 1 in covered or tv.keys[start - 1] in self.name_stop and t not in ("of", "and", "for", "the"):
                    break
                if latin and not (t[:1].isupper() or t in ("of", "and", "for", "the", "-", "on", "in")):
                    break
                start -= 1
            while start < j and tv.keys[start] in ("of", "and", "for", "the", "-", "on", "in"):
                start += 1
            if start >= j or not any(w in org_words for w in (s for t in range(start, j) for s in tv.stems[t])):
                continue
            name = " ".join(tv.text[start:j]).replace(" - ", "-")
            new.append(Mention(start=start, end=j, kind="Organization", text=name, base=name,
                               entry_id="org-" + slug(acronym), via="defined-in-text", sent=tv.sent[start]))
        return sorted(mentions + new, key=lambda m: m.start) if new else mentions

    # ----------------------------------------------------------------- titles
    def title_mentions(self, tv: TokenView, taken: set[int]) -> list[Mention]:
        out, i = [], 0
        first = self.titles.first
        can_start = [not first.isdisjoint(st) for st in tv.stems]
        while i < len(tv.keys):
            hit = self.titles.longest(tv, i) if can_start[i] and i not in taken and not tv.punct[i] else None
            if not hit:
                i += 1
                continue
            end, key, last = hit
            if self.before_building(tv, end):
                i = end
                continue
            genitive = last != tv.keys[end - 1]
            out.append(Mention(start=i, end=end, kind="Title", text=" ".join(tv.text[i:end]),
                               office=self.titles.phrases[key], genitive=genitive, sent=tv.sent[i]))
            i = end
        return out

    def _skip_honorifics(self, tv: TokenView, j: int) -> int:
        while j < len(tv.keys):
            hit = self.honorifics.longest(tv, j)
            if not hit:
                break
            j = hit[0]
        return j

    def _name_after(self, tv: TokenView, j: int, taken: set[int]) -> tuple[int, int, str] | None:
        """A personal name starting at token j: (start, end, base form)."""
        n = len(tv.keys)
        k = j
        parts: list[str] = []
        limit = 4
        while k < n and len(parts) < limit and k not in taken:
            t, key = tv.text[k], tv.keys[k]
            if self.lang == "en":
                if t == "-" and parts and k + 1 < n and tv.text[k + 1][:1].isupper():
                    parts.append("-")
                    k += 1
                    continue
                if not (t[:1].isupper() and (t.replace("-", "").isalpha() or _INITIAL.match(t))) or key in self.name_stop:
                    break
                if self.titles.longest(tv, k):
                    break
                parts.append(t)
                k += 1
                continue
            if tv.punct[k] and t not in {"-", "."}:
                break
            if t in {"-", "."}:
                if parts and k + 1 < n and not tv.punct[k + 1]:
                    parts.append(t)
                    k += 1
                    continue
                break
            if key in self.name_stop or any(c.isdigit() for c in key) or key in self.cue_first \
                    or self.titles.longest(tv, k) or any(key.endswith(e) for e in self.pack["name_verb_endings"]):
                break
            stripped = next((t[: -len(s)] for s in self.pack["name_strip"] if t.endswith(s) and len(t) - len(s) >= 2), None)
            if not stripped and len(t) > 2 and any(t.endswith(s) for s in self.pack["locative_suffixes"]):
                return None  # 'ভবনে', 'ঢাকায়': a place in the locative, not a person
            if stripped:
                parts.append(stripped)
                k += 1
                break
            parts.append(t)
            k += 1
        while parts and parts[-1] in {"-", "."}:
            parts.pop()
            k -= 1
        if not parts or all(len(p) < 2 for p in parts):
            return None
        if self.lang == "en" and len([p for p in parts if p != "-"]) < 2 and _INITIAL.match(parts[0] or ""):
            return None
        name = "".join(p if p == "-" or i == 0 or parts[i - 1] == "-" else " " + p for i, p in enumerate(parts))
        return j, k, name.replace(" -", "-")

    def attach_titles(self, tv: TokenView, text: str, mentions: list[Mention], titles: list[Mention]) -> list[Mention]:
        """Tie each title to the state before or after it and to the leader it names;
        a title followed by an unknown name makes a new leader."""
        starts = {m.start: m for m in mentions}
        ends = {m.end: m for m in mentions}
        taken = {t for m in mentions for t in range(m.start, m.end)} | {t for m in titles for t in range(m.start, m.end)}
        new: list[Mention] = []
        for t in titles:
            country = self._country_before(tv, t.start, ends)
            j = t.end
            if self.lang == "en" and j < len(tv.keys) and tv.keys[j] in {"of", "for"}:
                for k in range(j, min(j + 10, len(tv.keys))):
                    m = starts.get(k)
                    if m and m.kind == "Country":
                        country, j = m.entry_id, m.end
                        break
                    if m and m.kind == "Leader":
                        break
                    if not (tv.text[k][:1].isupper() or tv.keys[k] in {"of", "for", "the", "and", "-"}):
                        break
            t.country = country
            if t.genitive:
                continue
            j = self._skip_honorifics(tv, j)
            m = starts.get(j)
            if m is None:
                # 'External Affairs Minister S Jaishankar': initials or a given name the
                # gazetteer spells otherwise may come before the matched name
                for k in (j + 1, j + 2):
                    ahead = starts.get(k)
                    if ahead is not None and ahead.kind == "Leader" and self._name_like(tv, j, k):
                        m = ahead
                        break
            if m is not None and m.kind == "Leader":
                self._give_title(m, t)
                continue
            if t.office not in VOCAB_OFFICES or m is not None:
                continue
            found = self._name_after(tv, j, taken)
            if not found:
                continue
            s, e, name = found
            known = self.gaz.link_leader(name, country)
            leader = Mention(start=s, end=e, kind="Leader", text=_surface(tv, text, s, e), base=name,
                             entry_id=known or "leader-" + slug(name), via="title-sound" if known else "title",
                             sent=tv.sent[s])
            self._give_title(leader, t)
            new.append(leader)
            taken.update(range(s, e))
        # English appositions: "Vladimir Putin, President of the Russian Federation"
        title_at = {t.start: t for t in titles}
        for m in mentions:
            if m.kind == "Leader" and m.end + 1 < len(tv.keys) and tv.keys[m.end] == ",":
                t = title_at.get(m.end + 1)
                if t and t.country and not m.office:
                    self._give_title(m, t)
        # A state in the genitive (or its demonym) right before a leader: "ভারতের নরেন্দ্র মোদি"
        for m in mentions + new:
            if m.kind == "Leader" and not m.country:
                # 'कजाखस्तान के काजयम जोमार्त तोकायेव': given names the gazetteer spells
                # differently may stand between the state and the matched surname
                for skip in range(0, 3):
                    s = m.start - skip
                    if s < 1 or any(tv.punct[k] or tv.keys[k] in self.name_stop for k in range(s, m.start)):
                        break
                    m.country = self._country_before(tv, s, ends)
                    if m.country:
                        break
        return sorted(mentions + new, key=lambda x: x.start)

    def _name_like(self, tv: TokenView, start: int, end: int) -> bool:
        for k in range(start, end):
            t = tv.text[k]
            if tv.punct[k] and t != "." or tv.keys[k] in self.name_stop or any(c.isdigit() for c in t):
                return False
            if (self.lang == "en" or _LATIN.match(t)) and not t[:1].isupper():
                return False
        return True

    @staticmethod
    def _give_title(leader: Mention, title: Mention) -> None:
        if title.office in VOCAB_OFFICES and not leader.office:
            leader.office = title.office
        if title.country and not leader.country:
            leader.country = title.country

    def _country_before(self, tv: TokenView, start: int, ends: dict[int, Mention]) -> str | None:
        m = ends.get(start)
        if m is None and start >= 1 and tv.keys[start - 1] in self.particles:
            m = ends.get(start - 1)
        return m.entry_id if m is not None and m.kind == "Country" else None


def recognise(doc: Doc, text: str, lang: str, pack: LangPack, published: dt.date | None) -> tuple[TokenView, list[Mention]]:
    rec = _recogniser(lang)
    tv = view(doc)
    mentions = rec.gazetteer_mentions(tv, text)
    mentions = rec.resolve_acronyms(tv, mentions)
    mentions = rec.named_series(tv, text, mentions)
    taken = {t for m in mentions for t in range(m.start, m.end)}
    titles = rec.title_mentions(tv, taken)
    mentions = rec.attach_titles(tv, text, mentions, titles)
    taken = {t for m in mentions for t in range(m.start, m.end)}
    dates = [d for d in find_dates(tv.text, tv.stems, pack, published) if not (set(range(d.start, d.end)) & taken)]
    for d in dates:
        d.sent = tv.sent[d.start]
    return tv, sorted(mentions + titles + dates, key=lambda m: (m.start, m.end))


_RECOGNISERS: dict[str, Recogniser] = {}


def _recogniser(lang: str) -> Recogniser:
    rec = _RECOGNISERS.get(lang)
    if rec is None:
        from . import langpack
        rec = _RECOGNISERS[lang] = Recogniser(lang, langpack.load(lang), gz.load())
    return rec
