"""Leaders named again: by the last word of a name the article introduced, or by a bare
title ('the Prime Minister') when one leader holds that office in the article."""
from __future__ import annotations

from ..model import Mention
from .leaders import VOCAB_OFFICES
from .resources import Resources
from .tokens import LATIN, TokenView, strip_surface


def surnames_again(res: Resources, tv: TokenView, text: str, mentions: list[Mention],
                   titles: list[Mention]) -> list[Mention]:
    """'ब्रिटेन के प्रधानमंत्री ऋषि सुनक ... मोदी ने सुनक के साथ': a leader the article
    introduced by title and full name (one the gazetteer does not spell so) is named
    again by the last word of that name."""
    pack = res.pack
    aliases: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.kind == "Leader" and m.via in ("title", "title-sound", "state-sound"):
            words = m.base.replace("-", " ").split()
            if len(words) >= 2 and len(words[-1]) >= 3:
                aliases.setdefault(pack.fold(words[-1]), set()).add(m.entry_id)
                first.setdefault(m.entry_id, m.end)
    aliases = {k: next(iter(v)) for k, v in aliases.items() if len(v) == 1}
    if not aliases:
        return mentions
    taken = {t for m in mentions + titles for t in range(m.start, m.end)}
    new = []
    for i, stems in enumerate(tv.stems):
        if i in taken or tv.punct[i] or aliases.keys().isdisjoint(stems):
            continue
        if (res.latin or LATIN.match(tv.text[i])) and not tv.text[i][:1].isupper():
            continue
        stem = next(st for st in stems if st in aliases)
        eid = aliases[stem]
        if i < first[eid]:
            continue
        word = strip_surface(pack, tv.text[i], tv.keys[i], stem)
        new.append(Mention(start=i, end=i + 1, kind="Leader", text=tv.text[i], base=word, entry_id=eid,
                           via="surname", genitive=stem != tv.keys[i], sent=tv.sent[i]))
    return sorted(mentions + new, key=lambda x: x.start) if new else mentions


def bare_titles(res: Resources, tv: TokenView, mentions: list[Mention], titles: list[Mention]) -> list[Mention]:
    """'The Prime Minister will address the SCO Summit': a title with no name, after the
    article has named exactly one leader with that office (and state, where the title
    gives one), refers to that leader."""
    holders: dict[tuple[str, str | None], set[str]] = {}
    first_seen: dict[str, int] = {}
    for m in mentions:
        if m.kind == "Leader" and m.office:
            holders.setdefault((m.office, None), set()).add(m.entry_id)
            holders.setdefault((m.office, m.country), set()).add(m.entry_id)
            first_seen.setdefault(m.entry_id, m.start)
    new = []
    for t in titles:
        if t.entry_id or (t.genitive and not _with_follows(res, tv, t.end)) or t.office not in VOCAB_OFFICES \
                or t.via == "past":
            continue  # 'the former President' is not the one in office; 'প্রধানমন্ত্রীর প্রেস সচিব'
        ids = holders.get((t.office, t.country), set())
        if len(ids) == 1 and first_seen[next(iter(ids))] < t.start:
            eid = next(iter(ids))
            new.append(Mention(start=t.start, end=t.end, kind="Leader", text=t.text, base="", entry_id=eid,
                               via="title-coref", office=t.office, country=t.country, sent=t.sent))
            t.entry_id = eid
    return sorted(mentions + new, key=lambda x: x.start) if new else mentions


def _with_follows(res: Resources, tv: TokenView, j: int) -> bool:
    """'প্রধান উপদেষ্টার সঙ্গে', 'प्रधानमंत्री के साथ': a title in the genitive before a
    word for 'with' names the person met."""
    words = {tuple(c.tokens) for c in res.pack.cues.get("together", ())} - {("মধ্যে",), ("बीच",), ("between",)}
    for k in (j, j + 1):
        if k < len(tv.keys) and any(w[0] in tv.stems[k] for w in words if len(w) == 1):
            return k == j or tv.keys[j] in res.particles
    return False
