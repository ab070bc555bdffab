"""Summits: an organisation's (or a named series') gathering of leaders, with organiser,
host, city, date, edition, participants and mode."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..gazetteer import Gazetteer
from ..model import DateValue, Evidence, Fact, Mention
from .context import Context
from .util import best_date, distance, leader_country, more_precise, overlaps


@dataclass
class Anchor:
    start: int
    end: int
    sent: int
    strong: bool
    series: Mention | None = None
    items: dict[str, list] = field(default_factory=dict)


@dataclass
class SummitRecord:
    org: str | None
    date: DateValue | None
    host: str | None = None
    location: str | None = None
    edition: int | None = None
    mode: str | None = None
    participants: set[str] = field(default_factory=set)
    future: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.6


def anchors_in(ctx: Context, s: int) -> list[Anchor]:
    series = ctx.in_sentence(s, "SummitSeries")
    strong = [(c.start, c.end) for c in ctx.cues_in("summit_strong", s)]
    out = [Anchor(m.start, m.end, s, True, series=m) for m in series]
    for c in sorted(ctx.cues_in("summit", s), key=lambda c: (c.start, -(c.end - c.start))):
        if any(overlaps(c.start, c.end, a.start, a.end) for a in out):
            continue
        is_strong = any(overlaps(c.start, c.end, a, b) for a, b in strong)
        out.append(Anchor(c.start, c.end, s, is_strong))
    return sorted(out, key=lambda a: a.start)


def _assign(ctx: Context, anchors: list[Anchor], name: str, start: int, end: int, obj) -> None:
    same = [a for a in anchors if ctx.same_clause(a.start, start)]
    if not same:
        return
    a = min(same, key=lambda a: distance(a.start, a.end, start, end))
    a.items.setdefault(name, []).append(obj)


def _locative(ctx: Context, m: Mention) -> bool:
    """A state named as a place: 'কাজাখস্তানে', 'in Kazakhstan', 'भारत में'."""
    pack, tv = ctx.pack, ctx.tv
    if not m.genitive and m.text.startswith(m.base) and m.text[len(m.base):] in pack["locative_suffixes"]:
        return True
    if m.start > 0 and tv.keys[m.start - 1] in pack.words("locative_particles_before"):
        return True
    return m.end < len(tv.keys) and tv.keys[m.end] in pack.words("locative_particles_after")


def _qualifies_person(ctx: Context, m: Mention) -> bool:
    """'Indian Prime Minister', 'भारत के प्रधानमंत्री': the state names a person's office."""
    nxt = m.end
    if nxt < len(ctx.tv.keys) and ctx.tv.keys[nxt] in ctx.pack.words("genitive_particles"):
        nxt += 1
    return any(o.start == nxt and o.kind in ("Title", "Leader") for o in ctx.in_sentence(m.sent))


def _joining(ctx: Context, s: int) -> set[str]:
    """Leaders and states a sentence says take part: it has an attend word, and no
    organisation, membership or meeting words that would make it about something else
    ('Egypt and Iran joined BRICS', 'the minister was present at the talks')."""
    if not ctx.cues_in("attend", s) or ctx.in_sentence(s, "Organization") or any(
            ctx.cues_in(name, s) for name in ("status_full", "status_observer", "status_dialogue",
                                              "phone", "virtual", "inperson")):
        return set()
    people = {m.entry_id for m in ctx.in_sentence(s, "Leader")}
    states = {m.entry_id for m in ctx.in_sentence(s, "Country")
              if not m.genitive and not _locative(ctx, m) and not _qualifies_person(ctx, m)}
    return people | states


def _not_attending(ctx: Context, m: Mention) -> bool:
    """Who invites ('the Kazakh President invited Erdogan to take part') or is to be
    met ('expected to meet Chinese President Xi'), unless on the sidelines, is not said
    to take part."""
    s = m.sent
    if any(0 <= c.start - m.end <= 2 for c in ctx.cues_in("invite", s)):
        return True
    if ctx.cues_in("sidelines", s):
        return False  # met on the sidelines: both were there
    return any(0 <= m.start - c.end <= 3 for name in ("inperson", "phone", "virtual") for c in ctx.cues_in(name, s))


def _record(ctx: Context, gaz: Gazetteer, a: Anchor, year: int | None) -> SummitRecord | None:
    it = a.items
    orgs = [m for m in it.get("org", [])]
    org_m = min(orgs, key=lambda m: distance(m.start, m.end, a.start, a.end)) if orgs else None
    org = a.series.entry_id if a.series else (org_m.entry_id if org_m else None)
    dates = it.get("date", [])
    d = best_date(dates, a.start)
    rec = SummitRecord(org=org, date=d.date if d else None)
    cities = it.get("city", [])
    if cities:
        city = min(cities, key=lambda m: distance(m.start, m.end, a.start, a.end))
        rec.location = city.entry_id
        entry = gaz.get(city.entry_id)
        if entry and entry.country in ctx.country_counts():
            rec.host = entry.country  # only a state the article names
    hosts = it.get("host", [])
    if hosts:
        cue = hosts[0]
        countries = [m for m in ctx.in_sentence(a.sent, "Country")
                     if ctx.same_clause(m.start, cue.start) and distance(m.start, m.end, cue.start, cue.end) <= 6
                     and not m.genitive]
        leaders = [m for m in ctx.in_sentence(a.sent, "Leader") if ctx.same_clause(m.start, cue.start)]
        if countries:
            rec.host = min(countries, key=lambda m: distance(m.start, m.end, cue.start, cue.end)).entry_id
        elif leaders:
            lead = min(leaders, key=lambda m: distance(m.start, m.end, cue.start, cue.end))
            rec.host = rec.host or leader_country(lead, gaz, year)
            rec.participants.add(lead.entry_id)  # the host leader takes part
    if not rec.host:
        loc = [m for m in it.get("country", []) if _locative(ctx, m)]
        if loc:
            rec.host = loc[0].entry_id
    starts = [a.start] + ([org_m.start] if org_m and org_m.end <= a.start and a.start - org_m.end <= 2 else [])
    for pos in sorted(starts):
        rec.edition = ctx.ordinal_before(pos)
        if rec.edition is not None:
            break
    if rec.date and rec.date.precision == 3 and (it.get("multiday") or it.get("sidelines")):
        # 'a three-day summit ending on Thursday' is a range; a day met 'on the sidelines'
        # is the meeting's, one day of the summit: the month is what the text gives
        rec.date = DateValue(rec.date.iso[:7])
    if it.get("virtual"):
        rec.mode = "Virtual"
    if it.get("attend") or it.get("sidelines"):  # met on the sidelines of it: was there
        rec.participants |= {m.entry_id for m in it.get("leader", []) if not _not_attending(ctx, m)}
        rec.participants |= {m.entry_id for m in it.get("country", [])
                             if m.entry_id != rec.host and not m.genitive and not _locative(ctx, m)
                             and not _qualifies_person(ctx, m)}
    rec.future = ctx.is_future(a.sent)
    rec.evidence.append(ctx.evidence(a.sent))
    rec.confidence = 0.5 + 0.1 * sum(x is not None for x in (rec.date, rec.host, rec.location, rec.edition)) \
        + (0.1 if a.strong else 0.0)
    return rec


def extract(ctx: Context, gaz: Gazetteer) -> list[Fact]:
    year = ctx.published.year if ctx.published else None
    records: list[SummitRecord] = []
    last: SummitRecord | None = None
    last_sent = -10
    with_series = {m.sent for m in ctx.mentions if m.kind == "SummitSeries"}
    for s in sorted(set(ctx.sentences_with("summit", "attend")) | with_series):
        anchors = anchors_in(ctx, s)
        if not anchors:
            # 'China, Pakistan and Russia will join' right after the summit was named
            if last is not None and 0 < s - last_sent <= 2:
                last.participants |= _joining(ctx, s)
            continue
        for m in ctx.in_sentence(s):
            kind = {"Organization": "org", "City": "city", "Country": "country", "Date": "date",
                    "Leader": "leader"}.get(m.kind)
            if kind and not any(overlaps(m.start, m.end, a.start, a.end) for a in anchors):
                _assign(ctx, anchors, kind, m.start, m.end, m)
        for name in ("host", "attend", "virtual", "multiday", "sidelines"):
            for c in ctx.cues_in(name, s):
                _assign(ctx, anchors, name, c.start, c.end, c)
        for a in anchors:
            rec = _record(ctx, gaz, a, year)
            if rec.org is None:
                # "the virtual summit": the summit the article has been speaking of
                if last is not None and s - last_sent <= 3:
                    last.participants |= rec.participants
                    last.mode = last.mode or rec.mode
                    last.evidence.extend(rec.evidence)
                continue
            records.append(rec)
            last, last_sent = rec, s
    return [_fact(r) for r in _merge(records, year)]


def _merge(records: list[SummitRecord], year: int | None) -> list[SummitRecord]:
    """One record per (organiser, year); an undated mention joins the one summit of
    its organiser it can only mean (the upcoming one when it speaks of the future)."""
    dated: dict[tuple, SummitRecord] = {}
    undated: list[SummitRecord] = []
    for r in records:
        if r.date is None:
            undated.append(r)
            continue
        key = (r.org, r.date.year)
        if key in dated:
            _absorb(dated[key], r)
        else:
            dated[key] = r
    leftovers: dict[str, SummitRecord] = {}
    for r in undated:
        same = [d for (org, _), d in dated.items() if org == r.org]
        if r.future and year is not None:
            same = [d for d in same if d.date.year >= year]
        target = same[0] if len(same) == 1 else None
        if target is not None:
            _absorb(target, r)
        elif r.org in leftovers:
            _absorb(leftovers[r.org], r)
        else:
            leftovers[r.org] = r
    return list(dated.values()) + list(leftovers.values())


def _absorb(into: SummitRecord, other: SummitRecord) -> None:
    into.date = more_precise(into.date, other.date)
    into.host = into.host or other.host
    into.location = into.location or other.location
    into.edition = into.edition or other.edition
    into.mode = into.mode or other.mode
    into.participants |= other.participants
    into.evidence.extend(other.evidence)
    into.confidence = max(into.confidence, other.confidence)


def _fact(r: SummitRecord) -> Fact:
    attrs = {"org": r.org, "date": r.date, "host": r.host, "location": r.location,
             "edition": r.edition, "mode": r.mode, "participants": sorted(r.participants)}
    key = (r.org, r.date.year if r.date else None)
    return Fact("summit", key, attrs, r.evidence, min(r.confidence, 1.0))
