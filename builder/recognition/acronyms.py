"""Acronyms defined in the text: 'সাংহাই সহযোগিতা সংস্থা (এমইএ)', 'Mekong-Ganga
Cooperation (MGC)'.  A definition overrides the gazetteer for the article; where an
acronym is defined twice, each use takes the reading whose type fits its context."""
from __future__ import annotations

import re

from ..model import Mention
from ..text import slug
from .resources import Resources
from .tokens import PhraseTable, TokenView

_LATIN_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")
_JOINERS = ("of", "and", "for", "the", "-", "on", "in")


def _bracketed(tv: TokenView, j: int, width: int) -> int | None:
    """The index of the ')' closing a '(' at j around 1..width tokens, if any."""
    k = j + 1
    while k < len(tv.keys) and k < j + width + 1 and tv.keys[k] != ")":
        k += 1
    return k if k < len(tv.keys) and tv.keys[k] == ")" and k > j + 1 else None


def defined_organisations(res: Resources, tv: TokenView, mentions: list[Mention]) -> list[Mention]:
    """A name with an organisation word, written out before a bracketed acronym, is an
    organisation even when the gazetteer does not know it; its id comes from the acronym."""
    ends = {m.end for m in mentions}
    covered = {t for m in mentions for t in range(m.start, m.end)}
    org_words = res.pack.words("org_words")
    new = []
    for j, key in enumerate(tv.keys):
        if key != "(" or j in ends or j + 2 >= len(tv.keys):
            continue
        k = _bracketed(tv, j, 2)
        if k is None:
            continue
        acronym = "".join(tv.text[j + 1:k])
        if res.latin and not _LATIN_ACRONYM.fullmatch(acronym):
            continue
        start = j
        while start > 0 and j - start < 8:
            t = tv.text[start - 1]
            if tv.punct[start - 1] and t != "-":
                break
            if start - 1 in covered or tv.keys[start - 1] in res.name_stop and t not in _JOINERS:
                break
            if res.latin and not (t[:1].isupper() or t in _JOINERS):
                break
            start -= 1
        while start < j and tv.keys[start] in _JOINERS:
            start += 1
        if start >= j or not any(w in org_words for t in range(start, j) for w in tv.stems[t]):
            continue
        name = " ".join(tv.text[start:j]).replace(" - ", "-")
        new.append(Mention(start=start, end=j, kind="Organization", text=name, base=name,
                           entry_id="org-" + slug(acronym), via="defined-in-text", sent=tv.sent[start]))
    return sorted(mentions + new, key=lambda m: m.start) if new else mentions


def _defines(m: Mention, inside: list[str]) -> bool:
    """A bracket after a name defines an acronym for it unless it holds a date or a number
    ('Kazakhstan (2019)'), or, after a state, anything but the state's own initials
    ('United Arab Emirates (UAE)'; not 'Kyrgyzstan (SCO)')."""
    if any(ch.isdigit() for t in inside for ch in t) and m.kind != "Organization":
        return False
    if any(t.isdigit() for t in inside):
        return False
    if m.kind == "Country":
        initials = "".join(w[:1] for w in m.text.split() if w[:1].isupper())
        return len(initials) > 1 and "".join(inside).replace(".", "") == initials
    return True


def resolve_acronyms(res: Resources, tv: TokenView, mentions: list[Mention]) -> list[Mention]:
    mentions = defined_organisations(res, tv, mentions)
    defs: dict[tuple[str, ...], list[tuple[int, str, str]]] = {}
    for m in mentions:
        j = m.end
        if j + 2 < len(tv.keys) and tv.keys[j] == "(" and m.kind in {"Organization", "Ministry", "Country"}:
            k = _bracketed(tv, j, 3)
            if k is not None and _defines(m, tv.text[j + 1:k]):
                defs.setdefault(tuple(tv.keys[j + 1:k]), []).append((j + 1, m.entry_id, m.kind))
    if not defs:
        return mentions
    table = PhraseTable({a: True for a in defs})
    summit_first = tuple({c.tokens[0] for c in res.pack.cues["summit"]})
    keep = list(mentions)
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
        if len({eid for _, eid, _ in readings}) == 1:
            eid, kind = readings[0][1], readings[0][2]
        else:
            # before the word summit: the organisation (a summit is held by one); else the
            # reading defined last before this use
            near_summit = any(s.startswith(summit_first) for k in range(end, min(end + 2, len(tv.keys)))
                              for s in tv.stems[k])
            pool = [r for r in readings if (r[2] == "Organization") == near_summit] or readings
            before = [r for r in pool if r[0] <= i]
            eid, kind = max(before)[1:] if before else min(pool)[1:]
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
