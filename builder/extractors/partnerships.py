"""Partnerships: diplomatic relations and (comprehensive) strategic partnerships between
states, with the date they were established or raised to that level."""
from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Fact
from .context import Context, Cue
from .util import best_date, distance, leader_country, overlaps

KINDS = (("partnership_comprehensive", "ComprehensiveStrategicPartnership"),
         ("partnership_strategic", "StrategicPartnership"),
         ("partnership_diplomatic", "DiplomaticRelations"))


def _cues(ctx: Context, s: int):
    """The partnership phrases of a sentence, strongest first; 'strategic' a few words
    before 'partnership' counts too ('विशेष रणनीतिक और वैश्विक साझेदारी')."""
    for cue_name, kind in KINDS:
        for cue in ctx.cues_in(cue_name, s):
            yield kind, cue
    for p in ctx.cues_in("partnership_general", s):
        for w in ctx.cues_in("strategic_word", s):
            if 0 < p.start - w.end <= 3 and ctx.same_clause(w.start, p.start):
                yield "StrategicPartnership", Cue(p.name, w.start, p.end, s)
    for p in ctx.cues_in("partnership_general", s):
        if _named_between_states(ctx, p):
            yield "GeneralPartnership", p


def _named_between_states(ctx: Context, p: Cue) -> bool:
    """'the U.S.-Colombia partnership', 'भारत-जापान साझेदारी', 'partnership between India
    and Japan': a partnership the text names, its two states written next to the word."""
    states = [m for m in ctx.in_sentence(p.sent, "Country") if ctx.same_clause(m.start, p.start)]
    before = [m for m in states if 0 <= p.start - m.end <= 2]
    if before:
        k = before[-1].start
        joined = [m for m in states if m.end < k and k - m.end == 1 and ctx.tv.keys[m.end] in {"-", "–", "—"}]
        return bool(joined)
    after = [m for m in states if 0 <= m.start - p.end <= 3]
    return bool(after) and any(0 <= c.start - p.end <= 1 for c in ctx.cues_in("together", p.sent)) \
        and len([m for m in states if m.start > p.end and m.start - p.end <= 8]) >= 2


def _pair_before(ctx: Context, gaz: Gazetteer, s: int, year: int | None) -> list[str] | None:
    """The states of the two leaders of the nearest sentence before ``s`` (within three)
    that names two or more leaders; none where they are of more than two states."""
    for prev in range(s - 1, max(-1, s - 4), -1):
        ms = ctx.in_sentence(prev, "Leader")
        if len({m.entry_id for m in ms}) < 2:
            continue
        states = list(dict.fromkeys(c for m in ms if (c := leader_country(m, gaz, year))))
        return states if len(states) == 2 else None
    return None


def _unreal(ctx: Context, cue: Cue) -> bool:
    """'no diplomatic relations', 'called for a strategic partnership', 'संबंध नहीं':
    not a relation that is."""
    s = cue.sent
    return any(0 <= cue.start - h.end <= 3 for name in ("negation", "hypothetical", "prospective")
               for h in ctx.cues_in(name, s)) or \
        any(0 <= h.start - cue.end <= 2 for h in ctx.cues_in("unreal_after", s))


def extract(ctx: Context, gaz: Gazetteer) -> list[Fact]:
    year = ctx.published.year if ctx.published else None
    top = ctx.main_states(gaz, year)
    merged: dict[tuple, Fact] = {}
    for s in ctx.sentences_with(*(name for name, _ in KINDS), "partnership_general"):
        used: list[tuple[int, int]] = []
        for kind, cue in _cues(ctx, s):
            if any(overlaps(cue.start, cue.end, a, b) for a, b in used):
                continue  # "comprehensive strategic partnership" is not also a strategic one
            used.append((cue.start, cue.end))
            if _unreal(ctx, cue):
                continue
            if kind == "StrategicPartnership" and any(
                    0 <= cue.start - w.end <= 2 for w in ctx.cues_in("comprehensive", s)):
                kind = "ComprehensiveStrategicPartnership"  # 'comprehensive global strategic partnership'

            clause = [m for m in ctx.in_sentence(s) if ctx.same_clause(m.start, cue.start)]
            partners = [m.entry_id for m in clause if m.kind == "Country"]
            partners += [c for m in clause if m.kind == "Leader" and (c := leader_country(m, gaz, year))]
            partners = list(dict.fromkeys(partners))
            conf = 0.85
            if len(partners) < 2 and any(
                    m.kind == "Organization" and distance(m.start, m.end, cue.start, cue.end) <= 3 for m in clause):
                continue  # 'the India–ASEAN strategic partnership': one state and a bloc, no pair of states
            if len(partners) < 2:
                # "the two sides elevated ties": the two states of the talks just told;
                # "our strategic partnership with Kazakhstan": the article's main states
                pair = _pair_before(ctx, gaz, s, year)
                if pair and (not partners or partners[0] in pair):
                    partners += [c for c in pair if c not in partners]
                else:
                    partners += [c for c in top if c not in partners][: 2 - len(partners)]
                conf = 0.6
            if len(partners) < 2:
                continue
            since = None
            anniversary = any(ctx.same_clause(c.start, cue.start) for c in ctx.cues_in("anniversary", s))
            if not anniversary and any(ctx.same_clause(c.start, cue.start) for c in ctx.cues_in("establish", s)):
                d = best_date([m for m in clause if m.kind == "Date"], cue.start)
                since = d.date if d else None
            key = (kind, frozenset(partners))
            fact = merged.get(key)
            if fact is None:
                merged[key] = Fact("partnership", (kind, tuple(sorted(partners))),
                                   {"kind": kind, "partners": sorted(partners), "since": since},
                                   [ctx.evidence(s)], conf)
            else:
                fact.attrs["since"] = fact.attrs["since"] or since
                fact.evidence.append(ctx.evidence(s))
                fact.confidence = max(fact.confidence, conf)
    return list(merged.values())
