"""Office titles, the states they are tied to, and the leaders they name — known to the
gazetteer, linked by the sound of their name, or new."""
from __future__ import annotations

import unicodedata

from ..model import Mention
from ..text import slug
from .resources import Resources
from .tokens import INITIAL, LATIN, TokenView, surface

VOCAB_OFFICES = {"President", "PrimeMinister", "VicePresident", "ForeignMinister", "Minister",
                 "ChiefAdviser", "Monarch", "Chancellor"}
_OF = {"of", "for"}


def title_mentions(res: Resources, tv: TokenView, taken: set[int]) -> list[Mention]:
    """Titles in the text; a title after 'former', 'সাবেক', 'तत्कालीन' is marked
    ``via="past"``: the office it names was held before."""
    out, free = [], 0
    starts = sorted(set(res.titles.candidates(tv)) | set(_compound_candidates(res, tv)))
    for i in starts:
        if i < free or i in taken or tv.punct[i]:
            continue
        hit = res.titles.longest(tv, i)
        if hit:
            end, key, last = hit
            office = res.titles.phrases[key]
        else:
            found = _compound_title(res, tv, i)
            if not found:
                continue
            end, office, last = i + 1, found[0], found[1]
        free = end
        if res.before_building(tv, end):
            continue
        out.append(Mention(start=i, end=end, kind="Title", text=" ".join(tv.text[i:end]), office=office,
                           genitive=last != tv.keys[end - 1], sent=tv.sent[i],
                           via="past" if _past_before(res, tv, i, taken) is not None else "name"))
    return out


def _compound_candidates(res: Resources, tv: TokenView) -> list[int]:
    if not res.compound_titles:
        return []
    return [i for i, st in enumerate(tv.stems) if any(s.endswith(h) for s in st for h in res.compound_titles)]


def _compound_title(res: Resources, tv: TokenView, i: int) -> tuple[str, str] | None:
    """'প্রতিরক্ষামন্ত্রী', 'स्वास्थ्यमंत्री': one word made of a portfolio and a title
    word is that title: (office, the stem matched)."""
    for stem in tv.stems[i]:
        for head, office in sorted(res.compound_titles.items(), key=lambda h: -len(h[0])):
            if stem.endswith(head) and len(stem) - len(head) >= 2:
                return office, stem
    return None


def _past_before(res: Resources, tv: TokenView, start: int, taken: set[int]) -> int | None:
    """The token of 'former', 'সাবেক', 'पूर्व' ... right before a title (or before the
    state or demonym before it: 'former British Prime Minister'), if any."""
    k = start - 1
    if k >= 0 and tv.keys[k] == "-":  # 'ex-President'
        k -= 1
    for _ in range(4):
        if k < 0 or tv.punct[k] and tv.keys[k] != "-":
            return None
        if tv.keys[k] in res.past_words:
            before = k - 1
            if before >= 0 and tv.keys[before] in res.past_not_after \
                    and not (tv.keys[before] in res.particles and before - 1 in taken):
                return None  # 'यात्रा से पूर्व': before the visit; but 'भारत के पूर्व': former
            return k
        if k in taken or tv.keys[k] in res.particles:
            k -= 1  # over a state, a demonym or a genitive particle
            continue
        return None
    return None


def attach_titles(res: Resources, tv: TokenView, text: str, mentions: list[Mention],
                  titles: list[Mention]) -> list[Mention]:
    """Tie each title to the state before or after it and to the leader it names; a
    title followed by an unknown name makes a new leader."""
    starts = {m.start: m for m in mentions}
    ends = {m.end: m for m in mentions}
    taken = {t for m in mentions + titles for t in range(m.start, m.end)}
    new: list[Mention] = []
    # names of this article's leaders by their words' sounds: a name cut short later
    # ('बेंजामिन नेतन्') is the same person
    unknown: list[tuple[list[str], str]] = [(_sounds(m.base or m.text), m.entry_id) for m in mentions
                                            if m.kind == "Leader" and m.entry_id]
    for t in titles:
        country = _country_before(res, tv, t.start, ends)
        k = t.start - 1
        if country is None and k >= 1 and not tv.punct[k] and k not in taken:
            # 'জাপানের নতুন প্রধানমন্ত্রী', 'भारत के नए प्रधानमंत्री': a state in the genitive, one
            # word (a modifier) before the title; not a state in the locative ('চীনে অবস্থানরত')
            m = ends.get(k) or (ends.get(k - 1) if tv.keys[k - 1] in res.particles else None)
            if m is not None and m.kind == "Country" and (m.genitive or m.end < k):
                country = m.entry_id
        if country is None and t.via == "past":  # 'যুক্তরাজ্যের সাবেক প্রধানমন্ত্রী'
            past = _past_before(res, tv, t.start, taken)
            if past is not None:
                country = _country_before(res, tv, past, ends)
        j = t.end
        if res.latin and j < len(tv.keys) and tv.keys[j] in _OF:
            # 'Minister of State for External Affairs of India Meenakshi Lekhi'
            for k in range(j, min(j + 10, len(tv.keys))):
                m = starts.get(k)
                if m and m.kind == "Country":
                    country, j = m.entry_id, m.end
                    break
                if (m and m.kind == "Leader") or not (tv.text[k][:1].isupper() or tv.keys[k] in {"of", "for", "the", "and", "-"}):
                    break
        t.country = country
        if t.genitive:
            continue  # 'প্রধানমন্ত্রীর প্রেস সচিব': the title qualifies what follows
        m = starts.get(j)  # 'প্রধান উপদেষ্টা ড. মুহাম্মদ ইউনূস': the name may hold the honorific
        if m is None or m.kind != "Leader":
            j = _skip_honorifics(res, tv, j)
            m = starts.get(j)
        if m is None:
            # 'External Affairs Minister S Jaishankar', 'जोसेफ आर. बाइडेन', 'कासिम-जोमार्ट
            # टोकायेव': initials or given names the gazetteer spells otherwise may come
            # before the matched name
            m = _known_after_given_names(res, tv, j, starts, country)
        if m is not None and m.kind == "Leader":
            _give_title(m, t)
            t.entry_id = m.entry_id
            continue
        if m is not None:
            continue
        found = _name_after(res, tv, j, taken)
        if not found:
            continue
        s, e, name = found
        office = t.office if t.office in VOCAB_OFFICES else None
        known = res.gaz.link_leader(name, country, office)
        if not known and t.office not in VOCAB_OFFICES:
            continue  # 'Crown Prince ...': only a leader the gazetteer knows
        known = known or _same_unknown(name, unknown)
        eid = known or "leader-" + slug(name)
        last, base_last = tv.keys[e - 1], res.pack.fold(name.split()[-1])
        leader = Mention(start=s, end=e, kind="Leader", text=surface(tv, text, s, e), base=name,
                         entry_id=eid, via="title-sound" if known else "title", sent=tv.sent[s],
                         genitive=last != base_last and last.startswith(base_last)
                         and last[len(base_last):] in res.genitive)  # 'সিফানদোনের আমন্ত্রণে'
        if not known:
            unknown.append((_sounds(name), eid))
        _give_title(leader, t)
        t.entry_id = leader.entry_id
        new.append(leader)
        taken.update(range(s, e))
    # English appositions: "Vladimir Putin, President of the Russian Federation"
    title_at = {t.start: t for t in titles}
    for m in mentions:
        if m.kind == "Leader" and m.end + 1 < len(tv.keys) and tv.keys[m.end] == ",":
            t = title_at.get(m.end + 1)
            if t and t.country and not m.office:
                _give_title(m, t)
    # A state in the genitive (or its demonym) right before a leader: "ভারতের নরেন্দ্র মোদি";
    # given names the gazetteer spells differently may stand between ('कजाखस्तान के काजयम
    # जोमार्त तोकायेव')
    titled = {k for t in titles for k in range(t.start, t.end)}
    for m in mentions + new:
        if m.kind == "Leader" and not m.country:
            for skip in range(0, 3):
                s = m.start - skip
                if s < 1 or any(tv.punct[k] or tv.keys[k] in res.name_stop or k in titled for k in range(s, m.start)):
                    break  # not over a title: 'চীনে অবস্থানরত প্রধানমন্ত্রী শেখ হাসিনা' is no Chinese leader
                m.country = _country_before(res, tv, s, ends)
                if m.country:
                    break
    return sorted(mentions + new, key=lambda x: x.start)


def leaders_after_states(res: Resources, tv: TokenView, text: str, mentions: list[Mention],
                         titles: list[Mention]) -> list[Mention]:
    """"Ukraine's Zelenskiy", 'কাজাখস্তানের তোকায়েভ', 'कजाखस्तान के काजयम जोमार्त तोकायेव':
    a name right after a state, in a spelling the gazetteer lacks, is that state's
    leader when its sound links it to one of the gazetteer's leaders of that state."""
    taken = {t for m in mentions + titles for t in range(m.start, m.end)}
    new = []
    for m in mentions:
        if m.kind != "Country" or not (m.genitive or m.via == "demonym" or res.latin or
                                       (m.end < len(tv.keys) and tv.keys[m.end] in res.particles)):
            continue
        j = m.end + (1 if m.end < len(tv.keys) and tv.keys[m.end] in res.particles | {"'s"} else 0)
        run = j
        while run < len(tv.keys) and run - j < 3 and run not in taken and not tv.punct[run] \
                and tv.keys[run] not in res.name_stop and _name_like(res, tv, run, run + 1):
            run += 1
        for end in range(run, j, -1):
            name = " ".join(tv.text[j:end])
            known = res.gaz.link_leader(name, m.entry_id)
            if known:
                new.append(Mention(start=j, end=end, kind="Leader", text=surface(tv, text, j, end), base=name,
                                   entry_id=known, via="state-sound", country=m.entry_id, sent=tv.sent[j]))
                taken.update(range(j, end))
                break
    return sorted(mentions + new, key=lambda x: x.start) if new else mentions


def _skip_honorifics(res: Resources, tv: TokenView, j: int) -> int:
    while j < len(tv.keys):
        hit = res.honorifics.longest(tv, j)
        if not hit:
            break
        j = hit[0]
    return j


def _name_after(res: Resources, tv: TokenView, j: int, taken: set[int]) -> tuple[int, int, str] | None:
    """A personal name starting at token j: (start, end, base form).  The name ends at a
    function word, a word of the lexicon (cues, titles), a verb, a digit or a case ending
    ('রুবিওর', 'টোকায়েভকে', 'रुबियोने'), which is left out of the base form."""
    n, pack = len(tv.keys), res.pack
    k = j
    parts: list[str] = []
    most = 4 if res.latin else 3  # unknown names in Bengali and Hindi text: up to three words
    while k < n and sum(len(p.rstrip(".")) > 2 for p in parts) < most and k not in taken:
        t, key = tv.text[k], tv.keys[k]
        if res.latin or LATIN.match(t):
            if t == "-" and parts and k + 1 < n and tv.text[k + 1][:1].isupper():
                parts.append("-")
                k += 1
                continue
            if parts and key in res.name_particles and k + 1 < n and (
                    tv.text[k + 1][:1].isupper() or tv.keys[k + 1] in res.name_particles
                    and k + 2 < n and tv.text[k + 2][:1].isupper()):
                parts.append(t)  # 'Mohammed bin Salman', 'Ursula von der Leyen'
                k += 1
                continue
            month_name = bool(parts) and key in res.pack.months and not (k + 1 < n and tv.keys[k + 1][:1].isdigit())
            if not (t[:1].isupper() and (t.replace("-", "").isalpha() or INITIAL.match(t))) \
                    or (key in res.name_stop and not month_name) or res.titles.longest(tv, k):
                break  # a month name after a given name and before no day is a surname: 'Theresa May'
            parts.append(t)
            k += 1
            if month_name:
                break
            continue
        if t in {"-", "."}:
            if parts and k + 1 < n and not tv.punct[k + 1]:
                parts.append(t)
                k += 1
                continue
            break
        if tv.punct[k] or _not_a_name_word(res, tv, k) or res.titles.longest(tv, k):
            break
        stripped = _strip_case(res, tv, k)
        if stripped:
            parts.append(stripped)  # 'হাসিনাকে': the case ending closes the name
            k += 1
            break
        if len(t) > 2 and any(t.endswith(s) for s in pack["locative_suffixes"]):
            if parts and not res.common_words.isdisjoint(tv.stems[k]):
                break  # 'বৈঠকে': a common noun after the name
            return None  # 'ভবনে', 'ঢাকায়': a place in the locative, not a person
        parts.append(t)
        k += 1
    if len(parts) >= 2 and k < n and k not in taken and tv.keys[k] in res.light_verbs and tv.text[k - 1] == parts[-1]:
        parts.pop()  # 'উদ্বোধন করেন', 'दौरा करेंगे': the noun of a noun-verb compound
        k -= 1
    while parts and parts[-1] in {"-", "."}:
        parts.pop()
        k -= 1
    while parts and pack.fold(parts[-1]) in res.name_particles:
        parts.pop()
        k -= 1
    if not parts or all(len(p) < 2 for p in parts):
        return None
    if res.latin and len([p for p in parts if p != "-"]) < 2 and INITIAL.match(parts[0]):
        return None
    name = "".join(p if p == "-" or i == 0 or parts[i - 1] == "-" else " " + p for i, p in enumerate(parts))
    return j, k, name.replace(" -", "-")


def _not_a_name_word(res: Resources, tv: TokenView, k: int) -> bool:
    """A function word, a word of the lexicon, a verb or a number: no part of a name."""
    key = tv.keys[k]
    if key in res.initial_letters and k + 1 < len(tv.keys) and not tv.punct[k + 1] \
            and (tv.keys[k + 1] in res.initial_letters or not _not_a_name_word(res, tv, k + 1)):
        return False  # 'এ কে আব্দুল মোমেন': initials before a name
    if key in res.name_stop or key in res.common_words or key in res.cue_first or any(c.isdigit() for c in key):
        return True
    if any(key.endswith(e) for e in res.pack["name_verb_endings"]):
        return True
    if any(key.endswith(e) and len(key) > len(e) + 1 for e in res.pack.data.get("plural_endings", ())):
        return True  # 'সাংবাদিকদের', 'पत्रकारों': a plural is no one's name
    return any(len(st) >= 3 and (st in res.common_words or st in res.name_stop) for st in tv.stems[k][1:])


def _strip_case(res: Resources, tv: TokenView, k: int) -> str | None:
    """The word without the case ending or clitic that closes a name: 'টোকায়েভকে',
    'রুবিওর' (-র after a vowel), 'পুতিনও' (-ও after a consonant), 'रुबियोने'; 'হাসিনার',
    'रुबियोको' only where the bare word is written elsewhere in the text."""
    pack, t = res.pack, tv.text[k]

    def cut(s: str) -> str | None:
        return t[: -len(s)] if t.endswith(s) and len(t) - len(s) >= 2 else None

    for s in pack["name_strip"]:
        if (base := cut(s)) is not None:
            return base
    for s in pack.data.get("name_genitive_after_vowel", ()):
        if (base := cut(s)) is not None and base[-1] in res.name_vowels:
            return base
    for s in pack.data.get("name_emphatic_after_consonant", ()):
        if (base := cut(s)) is not None and _consonant(base[-1], res.name_vowels):
            return base
    for s in pack.data.get("name_emphatic_after_consonant", ()):
        # 'মুইজ্জুও': the clitic after a vowel sign no name ends its word with before -ও
        if (base := cut(s)) is not None and base[-1] in pack.data.get("name_emphatic_after_vowel_signs", ""):
            return base
    nxt = tv.keys[k + 1] if k + 1 < len(tv.keys) else None
    if nxt is not None and nxt in pack.words("genitive_postpositions", optional=True):
        # 'সিনাওয়াত্রার সভাপতিত্বে', 'কুমারের সঙ্গে': the genitive a postposition asks for
        for s in list(pack.data.get("name_genitive_after_vowel", ())) + list(pack.data.get("name_strip_if_seen", ())):
            if (base := cut(s)) is not None and s.startswith("র"):
                return base
    if_seen = pack.data.get("name_strip_if_seen", ())
    if if_seen:
        keys = _keys_of(tv)
        for s in if_seen:
            if (base := cut(s)) is not None and pack.fold(base) in keys:
                return base
    return None


def _consonant(ch: str, vowels: str) -> bool:
    return ch not in vowels and unicodedata.category(ch) == "Lo" and "LETTER" in unicodedata.name(ch, "") \
        and not any(v in unicodedata.name(ch, "") for v in (" LETTER A", " LETTER AA"))


_KEYS: dict[int, tuple[TokenView, frozenset[str]]] = {}


def _keys_of(tv: TokenView) -> frozenset[str]:
    got = _KEYS.get(id(tv))
    if got is None or got[0] is not tv:
        _KEYS.clear()
        got = _KEYS[id(tv)] = (tv, frozenset(tv.keys))
    return got[1]


def _known_after_given_names(res: Resources, tv: TokenView, j: int, starts: dict[int, Mention],
                             country: str | None = None) -> Mention | None:
    """A leader the gazetteer knows, named after initials or given names it spells
    otherwise ('S Jaishankar', 'जोसेफ आर. बाइडेन', 'कासिम-जोमार्ट टोकायेव'): the given
    names must be initials, or sound like a name of that leader, or the title's state
    must not contradict the gazetteer ('Ellen Johnson Sirleaf', President of Liberia, is
    not Boris Johnson)."""
    given: list[str] = []
    for k in range(j, min(j + 6, len(tv.keys))):
        ahead = starts.get(k)
        if ahead is not None:
            if ahead.kind != "Leader" or not given:
                return None
            if all(len(g.rstrip(".")) <= 2 or INITIAL.match(g) for g in given):
                return ahead
            if any(res.gaz.sounds_like_own_word(ahead.entry_id, g) for g in given):
                return ahead
            entry = res.gaz.get(ahead.entry_id)
            if country is None or (entry and any(p.get("country") == country for p in entry.positions)):
                return ahead  # no state to contradict the name, or the leader's own state
            return None
        t = tv.text[k]
        if t in {"-", "."}:
            continue
        if not _name_like(res, tv, k, k + 1) or (not res.latin and not LATIN.match(t) and _not_a_name_word(res, tv, k)) \
                or res.titles.longest(tv, k):
            return None
        given.append(t)
    return None


def _sounds(name: str) -> list[str]:
    from ..translit import skeleton
    return [skeleton(w) for w in name.replace("-", " ").replace(".", " ").split()]


def _same_unknown(name: str, unknown: list[tuple[list[str], str]]) -> str | None:
    """A name the article gave before in full or cut short ('बेंजामिन नेतन्' after
    'बेंजामिन नेतन्याहू'): each word sounds the same, or one is the start of the other."""
    sks = _sounds(name)
    if len(sks) == 1 and sks[0] and len(name) >= 3:
        # 'ब्रिटिश प्रधानमंत्री सुनक' after 'ऋषि सुनक', 'প্রধানমন্ত্রী অলি' after 'কে পি শর্মা অলি':
        # the surname alone, of one person named in full before
        same = {eid for known, eid in unknown if len(known) >= 2 and known[-1] == sks[0]}
        if len(same) == 1:
            return same.pop()
    for known, eid in unknown:
        if len(known) != len(sks) or not all(a and b and (a.startswith(b) or b.startswith(a)) and min(len(a), len(b)) >= 2
                                             for a, b in zip(known, sks)):
            continue
        if (len(sks) >= 2 and any(a == b for a, b in zip(known, sks))) or known == sks:
            return eid
    return None


def _name_like(res: Resources, tv: TokenView, start: int, end: int) -> bool:
    for k in range(start, end):
        t = tv.text[k]
        if tv.punct[k] and t != "." or tv.keys[k] in res.name_stop or any(c.isdigit() for c in t):
            return False
        if (res.latin or LATIN.match(t)) and not t[:1].isupper():
            return False
    return True


def _give_title(leader: Mention, title: Mention) -> None:
    if title.office in VOCAB_OFFICES and not leader.office:
        leader.office = title.office
    if title.country and not leader.country:
        leader.country = title.country


def _country_before(res: Resources, tv: TokenView, start: int, ends: dict[int, Mention]) -> str | None:
    m = ends.get(start)
    if m is None and start >= 1 and tv.keys[start - 1] in res.particles:
        m = ends.get(start - 1)
    return m.entry_id if m is not None and m.kind == "Country" else None
