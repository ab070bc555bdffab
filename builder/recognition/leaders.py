"""Office titles, the states they are tied to, and the leaders they name — known to the
gazetteer, linked by the sound of their name, or new."""
from __future__ import annotations

from ..model import Mention
from ..text import slug
from .resources import Resources
from .tokens import INITIAL, LATIN, TokenView, surface

VOCAB_OFFICES = {"President", "PrimeMinister", "VicePresident", "ForeignMinister", "Minister",
                 "ChiefAdviser", "Monarch", "Chancellor"}
_OF = {"of", "for"}


def title_mentions(res: Resources, tv: TokenView, taken: set[int]) -> list[Mention]:
    out, free = [], 0
    for i in res.titles.candidates(tv):
        if i < free or i in taken or tv.punct[i]:
            continue
        hit = res.titles.longest(tv, i)
        if not hit:
            continue
        end, key, last = hit
        free = end
        if res.before_building(tv, end):
            continue
        out.append(Mention(start=i, end=end, kind="Title", text=" ".join(tv.text[i:end]),
                           office=res.titles.phrases[key], genitive=last != tv.keys[end - 1], sent=tv.sent[i]))
    return out


def attach_titles(res: Resources, tv: TokenView, text: str, mentions: list[Mention],
                  titles: list[Mention]) -> list[Mention]:
    """Tie each title to the state before or after it and to the leader it names; a
    title followed by an unknown name makes a new leader."""
    starts = {m.start: m for m in mentions}
    ends = {m.end: m for m in mentions}
    taken = {t for m in mentions + titles for t in range(m.start, m.end)}
    new: list[Mention] = []
    for t in titles:
        country = _country_before(res, tv, t.start, ends)
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
        j = _skip_honorifics(res, tv, j)
        m = starts.get(j)
        if m is None:
            # 'External Affairs Minister S Jaishankar': initials or a given name the
            # gazetteer spells otherwise may come before the matched name
            for k in (j + 1, j + 2):
                ahead = starts.get(k)
                if ahead is not None and ahead.kind == "Leader" and _name_like(res, tv, j, k):
                    m = ahead
                    break
        if m is not None and m.kind == "Leader":
            _give_title(m, t)
            t.entry_id = m.entry_id
            continue
        if t.office not in VOCAB_OFFICES or m is not None:
            continue
        found = _name_after(res, tv, j, taken)
        if not found:
            continue
        s, e, name = found
        known = res.gaz.link_leader(name, country)
        leader = Mention(start=s, end=e, kind="Leader", text=surface(tv, text, s, e), base=name,
                         entry_id=known or "leader-" + slug(name), via="title-sound" if known else "title",
                         sent=tv.sent[s])
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
    for m in mentions + new:
        if m.kind == "Leader" and not m.country:
            for skip in range(0, 3):
                s = m.start - skip
                if s < 1 or any(tv.punct[k] or tv.keys[k] in res.name_stop for k in range(s, m.start)):
                    break
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
    """A personal name starting at token j: (start, end, base form)."""
    n, pack = len(tv.keys), res.pack
    k = j
    parts: list[str] = []
    while k < n and len(parts) < 4 and k not in taken:
        t, key = tv.text[k], tv.keys[k]
        if res.latin:
            if t == "-" and parts and k + 1 < n and tv.text[k + 1][:1].isupper():
                parts.append("-")
                k += 1
                continue
            if not (t[:1].isupper() and (t.replace("-", "").isalpha() or INITIAL.match(t))) or key in res.name_stop \
                    or res.titles.longest(tv, k):
                break
            parts.append(t)
            k += 1
            continue
        if t in {"-", "."}:
            if parts and k + 1 < n and not tv.punct[k + 1]:
                parts.append(t)
                k += 1
                continue
            break
        if tv.punct[k] or key in res.name_stop or any(c.isdigit() for c in key) or key in res.cue_first \
                or res.titles.longest(tv, k) or any(key.endswith(e) for e in pack["name_verb_endings"]):
            break
        stripped = next((t[: -len(s)] for s in pack["name_strip"] if t.endswith(s) and len(t) - len(s) >= 2), None)
        if stripped:
            parts.append(stripped)  # 'হাসিনাকে': the case ending closes the name
            k += 1
            break
        if len(t) > 2 and any(t.endswith(s) for s in pack["locative_suffixes"]):
            return None  # 'ভবনে', 'ঢাকায়': a place in the locative, not a person
        parts.append(t)
        k += 1
    while parts and parts[-1] in {"-", "."}:
        parts.pop()
        k -= 1
    if not parts or all(len(p) < 2 for p in parts):
        return None
    if res.latin and len([p for p in parts if p != "-"]) < 2 and INITIAL.match(parts[0]):
        return None
    name = "".join(p if p == "-" or i == 0 or parts[i - 1] == "-" else " " + p for i, p in enumerate(parts))
    return j, k, name.replace(" -", "-")


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
