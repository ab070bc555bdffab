"""Meetings: phone calls, virtual and in-person talks between two named leaders."""
from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Fact
from .context import Context
from .summits import org_in_view, anchors_in
from .util import best_date, more_precise

MODES = (("phone", "Phone"), ("virtual", "Virtual"), ("inperson", "InPerson"))
MAX_PARTICIPANTS = 2  # a bilateral contact; three leaders in one sentence are rarely one meeting


def extract(ctx: Context, gaz: Gazetteer) -> list[Fact]:
    merged: dict[frozenset, Fact] = {}
    recent: list[str] = []  # leaders in the order last named
    for s in range(len(ctx.sent_spans)):
        named = [m.entry_id for m in ctx.in_sentence(s, "Leader")]
        leaders = set(named)
        if len(leaders) < 2 and ctx.cues_in("pair", s):
            # "the two leaders held talks": the last two leaders the article named
            pair = list(dict.fromkeys(reversed(recent + named)))[:2]
            leaders = set(pair) if len(pair) == 2 else leaders
        recent = [x for x in recent if x not in named] + list(dict.fromkeys(named))
        groups = [leaders] if 2 <= len(leaders) <= MAX_PARTICIPANTS else _one_with_many(ctx, s)
        if not groups:
            continue
        found = [(name, mode, ctx.cues_in(name, s)) for name, mode in MODES]
        found = [(mode, cues) for _, mode, cues in found if cues]
        if not found:
            continue
        for leaders in groups:
            _add(ctx, s, leaders, found, merged)
    for fact in merged.values():
        if fact.attrs["date"] is None and ctx.dateline is not None:
            fact.attrs["date"] = ctx.dateline  # a report filed that day of a call or talks
            fact.confidence = min(fact.confidence, 0.6)
    return list(merged.values())


def _one_with_many(ctx: Context, s: int) -> list[set[str]]:
    """'X held talks with A, B and C': one meeting of X with each, when the others are
    one list (separators, titles, states between them); all of them in one meeting only
    where the text says they met together ('a trilateral meeting', 'jointly')."""
    ms = sorted(ctx.in_sentence(s, "Leader"), key=lambda m: m.start)
    ids = list(dict.fromkeys(m.entry_id for m in ms))
    if len(ids) < 3:
        return []
    if ctx.cues_in("jointly", s):
        return [set(ids)]
    if ctx.cues_in("attend", s):
        return []  # leaders said to be present are at a gathering, not in talks by pairs
    first = ms[0].entry_id
    rest = [m for m in ms if m.entry_id != first]
    lo, hi = ms[0].end, rest[-1].end + 2
    if not any(lo <= c.start <= hi for c in ctx.cues_in("together", s)):
        return []  # 'with A, B and C', 'A, B ও C-এর সঙ্গে', 'A, B और C से'
    seps = ctx.pack.words("list_separators") | ctx.pack.words("genitive_particles") | {"the"}
    covered = {t for m in ctx.in_sentence(s, "Title", "Country") for t in range(m.start, m.end)}
    for a, b in zip(rest, rest[1:]):
        gap = range(a.end, b.start)
        # name parts the gazetteer did not take ('রিসেপ তায়িপ' before 'এরদোয়ান') may stand
        # just before the next name; a separator must be there
        if not any(ctx.tv.keys[k] in seps for k in gap) or not all(
                ctx.tv.keys[k] in seps or k in covered or ctx.tv.punct[k] or b.start - k <= 3 for k in gap):
            return []
    return [{first, m.entry_id} for m in rest]


def _add(ctx: Context, s: int, leaders: set[str], found, merged: dict) -> None:
    """One meeting of these leaders, told in sentence ``s``, unless only asked for or denied."""
    mode, cues = found[0]
    if any(0 <= c.start - h.end <= 2 for h in ctx.cues_in("hypothetical", s) for c in cues):
        return  # 'has called for talks with Xi': no contact took place
    if any(0 <= c.start - h.end <= 3 for h in ctx.cues_in("negation", s) for c in cues) or \
            any(0 <= h.start - c.end <= 2 for h in ctx.cues_in("unreal_after", s) for c in cues):
        return  # 'did not meet', 'no talks', 'মুলাকাত नहीं हुई': none took place
    anchors = anchors_in(ctx, s)
    at_summit = bool(anchors) and bool(ctx.in_sentence(s, "Organization", "SummitSeries"))
    if at_summit and mode != "Phone" and not ctx.cues_in("sidelines", s):
        return  # leaders listed at a summit are its participants, not a meeting
    if anchors and mode == "Virtual" and not ctx.cues_in("sidelines", s) and org_in_view(ctx, s):
        return  # 'the D-8 ... the virtual summit': that summit's mode, not a video call of two
    d = best_date(ctx.in_sentence(s, "Date"), cues[0].start)
    if d is None and ctx.cues_in("sidelines", s):
        d = _summit_date_before(ctx, s)  # on the sidelines of the summit just reported
    date, conf = (d.date, 0.8 if not d.relative else 0.75) if d else (None, 0.7)
    key = frozenset(leaders)
    fact = merged.get(key)
    if fact is None:
        merged[key] = Fact("meeting", tuple(sorted(key)),
                           {"participants": sorted(key), "mode": mode, "date": date},
                           [ctx.evidence(s)], conf)
    else:
        fact.attrs["date"] = more_precise(fact.attrs["date"], date)
        fact.evidence.append(ctx.evidence(s))
        fact.confidence = max(fact.confidence, conf)


def _summit_date_before(ctx: Context, s: int):
    """The date of the latest summit mention before sentence ``s``."""
    for prev in range(s - 1, max(-1, s - 4), -1):
        if anchors_in(ctx, prev):
            dates = ctx.in_sentence(prev, "Date")
            if dates:
                anchor = anchors_in(ctx, prev)[0]
                return best_date(dates, anchor.start)
    return None
