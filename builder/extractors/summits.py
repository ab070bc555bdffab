"""Summits: an organisation's (or a named series') gathering of leaders, with organiser,
host, city, date, edition, participants and mode."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..gazetteer import Gazetteer
from ..model import DateValue, Evidence, Fact, Mention
from .context import Context
from .util import best_date, distance, leader_country, more_precise, names_a_government, overlaps


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
    sents: set[int] = field(default_factory=set)


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


def _in_a_name(ctx: Context, m: Mention) -> bool:
    """'Paris Agreement', 'Shanghai spirit', 'शंघाई सहयोग': a place inside another name is
    not where anything is held."""
    return any(c.start == m.end for c in ctx.cues_in("place_in_name", m.sent))


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
    guests = ctx.pack.words("guest_nouns", optional=True)
    # 'হাসিনা আমন্ত্রিত অতিথি হিসেবে যোগ দেন', 'as an invited guest': the one invited, who attends
    invites = [c for c in ctx.cues_in("invite", s)
               if not (c.end < len(ctx.tv.keys) and guests & set(ctx.tv.stems[c.end]))]
    if any(0 <= c.start - m.end <= 2 for c in invites) or names_a_government(ctx, m):
        return True
    if ctx.cues_in("sidelines", s):
        return False  # met on the sidelines: both were there
    return any(0 <= m.start - c.end <= 3 for name in ("inperson", "phone", "virtual") for c in ctx.cues_in(name, s))


_RANGE_WORDS = {"to", "-", "–", "—", "থেকে", "से", "till", "until"}


def _day_range(ctx: Context, d) -> bool:
    """'September 9 and 10', '9 और 10 सितंबर', '২২ থেকে ২৪ আগস্ট': days written as a list or
    a range around one date are several days of the gathering."""
    keys = ctx.tv.keys
    joins = ctx.pack.words("list_separators") | _RANGE_WORDS

    def day(k: int) -> bool:
        return 0 <= k < len(keys) and keys[k].isdigit() and 1 <= int(keys[k]) <= 31

    return (d.start >= 2 and keys[d.start - 1] in joins and day(d.start - 2)) or \
        (d.end + 1 < len(keys) and keys[d.end] in joins and day(d.end + 1))


def _denied(ctx: Context, c) -> bool:
    """'did not attend', 'শামিল नहीं हुए', 'যোগ দেননি': no attendance."""
    return any(0 <= c.start - h.end <= 3 for h in ctx.cues_in("negation", c.sent)) or \
        any(0 <= h.start - c.end <= 2 for h in ctx.cues_in("unreal_after", c.sent)) or \
        any(h.start <= c.end + 2 and c.start <= h.end for h in ctx.cues_in("prospective", c.sent))
    # 'যোগ দেওয়ার আমন্ত্রণ': invited to join, not (yet) there


def _record(ctx: Context, gaz: Gazetteer, a: Anchor, year: int | None) -> SummitRecord | None:
    it = a.items
    orgs = [m for m in it.get("org", [])]
    org_m = min(orgs, key=lambda m: distance(m.start, m.end, a.start, a.end)) if orgs else None
    org = a.series.entry_id if a.series else (org_m.entry_id if org_m else None)
    dates = it.get("date", [])
    d = best_date(dates, a.start)
    rec = SummitRecord(org=org, date=d.date if d else None)
    cities = [c for c in it.get("city", []) if not _in_a_name(ctx, c)]
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
            if rec.host is None:  # 'from Brazil and will host ... in Johannesburg': the venue's state stands
                rec.host = min(countries, key=lambda m: distance(m.start, m.end, cue.start, cue.end)).entry_id
            near = [m for m in leaders if distance(m.start, m.end, cue.start, cue.end) <= 4]
            if near:  # 'hosted by Thai Prime Minister Paetongtarn Shinawatra': the host leader takes part
                rec.participants.add(min(near, key=lambda m: distance(m.start, m.end, cue.start, cue.end)).entry_id)
        elif leaders:
            if ctx.pack.code != "en":  # 'X ने ... की मेजबानी की': the host is the subject, before the verb
                leaders = [m for m in leaders if m.end <= cue.start] or leaders
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
    if rec.date and rec.date.precision == 3 and (it.get("multiday") or it.get("sidelines") or any(
            _day_range(ctx, x) for x in dates if x.date and x.date.iso[:7] == rec.date.iso[:7])):
        # 'a three-day summit ending on Thursday' is a range; a day met 'on the sidelines'
        # is the meeting's, one day of the summit: the month is what the text gives
        rec.date = DateValue(rec.date.iso[:7])
    if it.get("virtual"):
        rec.mode = "Virtual"
    met_for = [c for c in it.get("inperson", []) if c.end <= a.start]
    attend = [c for c in it.get("attend", []) if not _denied(ctx, c)]
    if attend or it.get("sidelines") or met_for:
        # took part; met on the sidelines of it; 'met in Helsinki for the summit': was there
        rec.participants |= {m.entry_id for m in it.get("leader", []) if not _not_attending(ctx, m)}
        rec.participants |= {m.entry_id for m in it.get("country", [])
                             if not m.genitive and not _locative(ctx, m)
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
    orphan: SummitRecord | None = None
    orphan_sent = -10
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
        for name in ("host", "attend", "virtual", "multiday", "sidelines", "inperson"):
            for c in ctx.cues_in(name, s):
                _assign(ctx, anchors, name, c.start, c.end, c)
        for a in anchors:
            rec = _record(ctx, gaz, a, year)
            rec.sents.add(s)
            past = _past(ctx, a)
            if rec.org is not None and a.series is None and not a.strong and last is not None \
                    and rec.org != last.org and not _org_next_to(ctx, a) \
                    and last.org in {m.entry_id for m in ctx.in_sentence(s, "Organization")}:
                # 'सम्मेलन के पहले दिन अफ्रीकी संघ को जी20 का सदस्य बनाया गया': the bare word is
                # the summit in view, whose organiser the sentence names too, not the nearer one
                rec.org = last.org
            if rec.org is None:
                # "the virtual summit", "this summit": the summit the article has been
                # speaking of, which it adds its date, venue and participants to
                anaphoric = _anaphoric(ctx, a)
                if last is not None and not past and (s - last_sent <= 3 or anaphoric):
                    if not anaphoric:
                        rec.edition = None  # 'इससे पहले ... समिट में': not an ordinal of it
                    _absorb(last, rec, fill_only=True)
                    last_sent = s
                    continue
                org = org_in_view(ctx, s)
                if org is None and last is not None and not past and rec.future <= last.future:
                    # 'সম্মেলনে ... অংশ নেন' paragraphs on: the one summit the article is about
                    rec.edition = None
                    _absorb(last, rec, fill_only=True)
                    last_sent = s
                    continue
                if org is None:
                    orphan = rec  # 'the tenth summit ...' before its organisation is named
                    orphan_sent = s
                    continue
                rec.org = org
            if orphan is not None and s - orphan_sent <= 2:
                _absorb(rec, orphan, fill_only=True)
                orphan = None
            if rec.date is None and not past and last is not None and last.org == rec.org \
                    and s - last_sent <= 3:
                _absorb(last, rec, fill_only=True)  # the same summit named again
                last_sent = s
                continue
            for r in _coordinated(ctx, gaz, a, rec):
                records.append(r)
            if not past:
                last, last_sent = rec, s
    return [_fact(r) for r in _merge(records, year)]


def _before(ctx: Context, a: Anchor, name: str, window: int) -> bool:
    """A cue of ``name`` at most ``window`` words before the anchor, no punctuation between."""
    return any(c.end <= a.start and a.start - c.end <= window
               and not any(ctx.tv.punct[k] for k in range(c.end, a.start))
               for c in ctx.cues_in(name, a.sent))


def _org_next_to(ctx: Context, a: Anchor) -> bool:
    """An organisation written right before the summit word ('the BRICS summit',
    'এসসিও শীর্ষ সম্মেলনে') or right after it ('summit of the SCO')."""
    link = {"of", "the"}
    return any(0 <= a.start - o.end <= 2 or (0 < o.start - a.end <= 2 and all(
        ctx.tv.keys[k] in link for k in range(a.end, o.start))) for o in a.items.get("org", []))


def _anaphoric(ctx: Context, a: Anchor) -> bool:
    """'this summit', 'এই শীর্ষ সম্মেলন', 'यह तीसरा आईएएफएस सम्मेलन': the summit in view."""
    return _before(ctx, a, "anaphor", 3)


def _past(ctx: Context, a: Anchor) -> bool:
    """'the previous summits', 'পিছলে/গত শীর্ষ সম্মেলন': earlier ones, not the one in view."""
    return _before(ctx, a, "previous", 1)


def org_in_view(ctx: Context, s: int) -> str | None:
    """The one organisation named in the sentence or the two before it ('the D-8 grouping
    ... The tenth summit was held virtually'), if only one is."""
    for prev in (s, s - 1, s - 2):
        if prev < 0:
            break
        orgs = {m.entry_id for m in ctx.in_sentence(prev, "Organization", "SummitSeries")}
        if len(orgs) == 1:
            return orgs.pop()
        if orgs:
            return None
    return None


def _coordinated(ctx: Context, gaz: Gazetteer, a: Anchor, rec: SummitRecord) -> list[SummitRecord]:
    """'the SCO and CSTO summits', 'summits in 2020 and 2021': one summit each."""
    seps = ctx.pack.words("list_separators") | {"the"}
    keys = ctx.tv.keys

    def joined(x_end: int, y_start: int) -> bool:
        gap = range(x_end, y_start)
        return len(gap) > 0 and all(keys[k] in seps for k in gap)

    out = [rec]
    orgs = sorted(a.items.get("org", []), key=lambda m: m.start)
    if a.series is None and rec.org and len(orgs) > 1:
        # organisations listed right before the summit word, the last one next to it
        chain = [o for o in orgs if o.end <= a.start]
        if chain and a.start - chain[-1].end <= 2 and chain[-1].entry_id == rec.org:
            k = len(chain) - 1
            while k > 0 and joined(chain[k - 1].end, chain[k].start):
                k -= 1
            for o in chain[k:-1]:
                if o.entry_id != rec.org:
                    out.append(_clone(rec, org=o.entry_id))
    years = sorted((d for d in a.items.get("date", []) if d.date.precision == 1), key=lambda d: d.start)
    if rec.date is not None and rec.date.precision == 1 and len(years) > 1:
        chain = [years[0]]
        for d in years[1:]:
            if joined(chain[-1].end, d.start):
                chain.append(d)
            elif rec.date.iso not in {c.date.iso for c in chain}:
                chain = [d]
        if len(chain) > 1 and rec.date.iso in {c.date.iso for c in chain}:
            cities = sorted(a.items.get("city", []), key=lambda m: m.start)
            paired = ctx.cues_in("respectively", a.sent) and len(cities) == len(chain)
            base = list(out)
            out = []
            for r in base:
                for k, d in enumerate(chain):
                    c = _clone(r, date=d.date, edition=r.edition if d.date.iso == rec.date.iso else None)
                    if paired:  # 'in 2008 and 2011 in New Delhi and Addis Ababa respectively'
                        c.location = cities[k].entry_id
                        entry = gaz.get(c.location)
                        c.host = entry.country if entry and entry.country in ctx.country_counts() else None
                    out.append(c)
    return out


def _clone(rec: SummitRecord, **changes) -> SummitRecord:
    new = SummitRecord(org=rec.org, date=rec.date, host=rec.host, location=rec.location,
                       edition=rec.edition, mode=rec.mode, participants=set(rec.participants),
                       future=rec.future, evidence=list(rec.evidence), confidence=rec.confidence,
                       sents=set(rec.sents))
    for k, v in changes.items():
        setattr(new, k, v)
    return new


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
        if len(same) > 1:
            # 'the BRICS summit in Kazan' beside 'the next summit, in Brazil in 2025': the one
            # held where this mention places it, else the one of the report's year not ahead
            same = [d for d in same if r.location and d.location == r.location
                    or r.host and d.host == r.host and not r.location] or \
                ([d for d in same if d.date.year == year and not d.future] if year is not None else [])
        target = same[0] if len(same) == 1 else None
        if target is not None and year is not None and target.date.year < year \
                and not any(abs(a - b) <= 3 for a in r.sents for b in target.sents):
            target = None  # 'the SCO summit' in a 2024 report is not the 2017 one told of far off
        if target is not None:
            _absorb(target, r)
        elif r.org in leftovers:
            _absorb(leftovers[r.org], r)
        else:
            leftovers[r.org] = r
    return list(dated.values()) + list(leftovers.values())


def _absorb(into: SummitRecord, other: SummitRecord, fill_only: bool = False) -> None:
    if fill_only and into.date is not None and other.date is not None and other.date.precision == 2 \
            and into.date.precision == 3 and into.date.iso[:7] == other.date.iso:
        into.date = other.date  # the dateline's day, then '22 to 24 August': a summit of days
    if fill_only and into.date is not None and other.date is not None:
        # a day named later ('the summit dinner on Thursday') is one day of it, and another
        # date is not this summit's: the summit keeps the date it was told with
        other = _clone(other, date=None)
    into.date = more_precise(into.date, other.date)
    into.sents |= other.sents
    into.host = into.host or other.host
    into.location = into.location or other.location
    into.edition = into.edition or other.edition
    into.mode = into.mode or other.mode
    into.participants |= other.participants
    into.evidence.extend(other.evidence)
    into.confidence = max(into.confidence, other.confidence)


def _fact(r: SummitRecord) -> Fact:
    # the host country takes part as host: one edge to it, not two
    attrs = {"org": r.org, "date": r.date, "host": r.host, "location": r.location,
             "edition": r.edition, "mode": r.mode, "participants": sorted(r.participants - {r.host})}
    key = (r.org, r.date.year if r.date else None)
    return Fact("summit", key, attrs, r.evidence, min(r.confidence, 1.0))
