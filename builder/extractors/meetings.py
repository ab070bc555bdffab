"""Meetings: phone calls, virtual and in-person talks between two named leaders."""
from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Fact
from .context import Context
from .summits import anchors_in
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
        if not 2 <= len(leaders) <= MAX_PARTICIPANTS:
            continue
        found = [(name, mode, ctx.cues_in(name, s)) for name, mode in MODES]
        found = [(mode, cues) for _, mode, cues in found if cues]
        if not found:
            continue
        mode, cues = found[0]
        if any(0 <= c.start - h.end <= 2 for h in ctx.cues_in("hypothetical", s) for c in cues):
            continue  # 'has called for talks with Xi': no contact took place
        at_summit = bool(anchors_in(ctx, s)) and bool(ctx.in_sentence(s, "Organization", "SummitSeries"))
        if at_summit and mode != "Phone" and not ctx.cues_in("sidelines", s):
            continue  # leaders listed at a summit are its participants, not a meeting
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
    for fact in merged.values():
        if fact.attrs["date"] is None and ctx.dateline is not None:
            fact.attrs["date"] = ctx.dateline  # a report filed that day of a call or talks
            fact.confidence = min(fact.confidence, 0.6)
    return list(merged.values())


def _summit_date_before(ctx: Context, s: int):
    """The date of the latest summit mention before sentence ``s``."""
    for prev in range(s - 1, max(-1, s - 4), -1):
        if anchors_in(ctx, prev):
            dates = ctx.in_sentence(prev, "Date")
            if dates:
                anchor = anchors_in(ctx, prev)[0]
                return best_date(dates, anchor.start)
    return None
