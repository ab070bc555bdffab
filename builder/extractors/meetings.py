"""Meetings: phone calls, virtual and in-person talks between two named leaders."""
from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Fact
from .context import Context
from .summits import org_in_view, anchors_in
from .util import best_date, more_precise, names_a_government

MODES = (("phone", "Phone"), ("virtual", "Virtual"), ("inperson", "InPerson"))
MAX_PARTICIPANTS = 2  # a bilateral contact; three leaders in one sentence are rarely one meeting


def extract(ctx: Context, gaz: Gazetteer) -> list[Fact]:
    merged: dict[frozenset, Fact] = {}
    recent: list[str] = []  # leaders in the order last named
    for s in range(len(ctx.sent_spans)):
        named = [m.entry_id for m in ctx.in_sentence(s, "Leader") if not names_a_government(ctx, m)]
        leaders = set(named)
        if len(leaders) < 2 and ctx.cues_in("pair", s):
            # "the two leaders held talks": the last two leaders the article named
            pair = list(dict.fromkeys(reversed(recent + named)))[:2]
            leaders = set(pair) if len(pair) == 2 else leaders
        recent = [x for x in recent if x not in named] + list(dict.fromkeys(named))
        groups = _met_by_subject(ctx, s)
        if groups is None and len(leaders) == 1:
            groups = _met_by_object_pronoun(ctx, s, named)
        if groups is None:
            groups = [leaders] if 2 <= len(leaders) <= MAX_PARTICIPANTS else _one_with_many(ctx, s)
        if not groups:
            continue
        found = [(name, mode, ctx.cues_in(name, s)) for name, mode in MODES]
        found = [(mode, cues) for _, mode, cues in found if cues]
        if not found:
            continue
        for leaders in groups:
            _add(ctx, s, leaders, found, merged)
    lead = _lead_sentences(ctx)
    for fact in merged.values():
        if fact.attrs["date"] is None and ctx.dateline is not None \
                and any(e.sentence in lead for e in fact.evidence):
            fact.attrs["date"] = ctx.dateline  # a report filed that day of the call or talks it leads with
            fact.confidence = min(fact.confidence, 0.6)
    return list(merged.values())


def _lead_sentences(ctx: Context) -> set[int]:
    """The headline, the dateline and the lead: the sentences up to the second one with
    a verb's worth of words (a report's first paragraph tells the news of its day)."""
    out, long_ones = set(), 0
    for s, (ts, te) in enumerate(ctx.sent_spans):
        out.add(s)
        if te - ts > 8:
            long_ones += 1
            if long_ones >= 2:
                break
    return out


_BETWEEN = {"between", "মধ্যে", "बीच"}  # 'between A and B': they met each other


def _coordinated(ctx: Context, ms: list) -> bool:
    """Leaders written as one list: separators (and their titles, states) between them."""
    seps = ctx.pack.words("list_separators") | ctx.pack.words("genitive_particles") | {"the"}
    covered = {t for m in ctx.in_sentence(ms[0].sent, "Title", "Country") for t in range(m.start, m.end)}
    for a, b in zip(ms, ms[1:]):
        gap = range(a.end, b.start)
        if not any(ctx.tv.keys[k] in seps for k in gap) or not all(
                ctx.tv.keys[k] in seps or k in covered or ctx.tv.punct[k] or b.start - k <= 3 for k in gap):
            return False
    return True


def _met_by_subject(ctx: Context, s: int) -> list[set[str]] | None:
    """'তিনি রামাফোসা ও শি জিনপিংয়ের সঙ্গে বৈঠক করেন', 'उन्होंने ... अब्बास और ओली से मुलाकात
    की', 'He held talks with Sunak and Kishida', 'प्रधानमंत्री ने मैक्रों, जेलेंस्की ... से
    मुलाकात की': the leaders named are all on the side of 'with'; who met them is the
    pronoun or the bare title before them, the leader the article spoke of last (the
    first named in the sentence before).  One meeting of that leader with each."""
    ms = sorted(ctx.in_sentence(s, "Leader"), key=lambda m: m.start)
    if not ms or len({m.entry_id for m in ms}) != len(ms) or (len(ms) > 1 and not _coordinated(ctx, ms)):
        return None
    keys = ctx.tv.keys
    ts = ctx.sent_spans[s][0]
    with_words = {c.tokens[0] for c in ctx.pack.cues.get("together", ()) if len(c.tokens) == 1} - _BETWEEN
    after = any(keys[k] in with_words or with_words & set(ctx.tv.stems[k])
                for k in range(ms[-1].end, min(ms[-1].end + 2, len(keys))))
    before = any(keys[k] in with_words for k in range(max(ts, ms[0].start - 6), ms[0].start))
    if not (after or before and ctx.pack.code == "en"):
        return None
    pronouns = ctx.pack.words("subject_pronouns", optional=True)
    head = range(ts, ms[0].start)
    if after and "subject_after_with" in ctx.pack.data:
        # 'আলিয়েভের সঙ্গে তিনি বৈঠক করেন', 'আলিয়েভের সঙ্গেও তাঁর সাক্ষাৎ হয়': the subject (or
        # the genitive of a verbal noun's subject) after the 'with' phrase, right before the cue
        late = ctx.pack.words("subject_after_with")
        w = next(k for k in range(ms[-1].end, min(ms[-1].end + 2, len(keys)))
                 if keys[k] in with_words or with_words & set(ctx.tv.stems[k]))
        cue_starts = {c.start for name, _ in MODES for c in ctx.cues_in(name, s)}
        for k in range(w + 1, min(w + 3, ctx.sent_spans[s][1])):
            if keys[k] in late and any(0 < c - k <= 3 for c in cue_starts):
                head = range(k, k + 1)
                pronouns = late
                break
    bare = [t for t in ctx.in_sentence(s, "Title") if t.start < ms[0].start and not t.entry_id and not t.genitive
            and not any(ctx.tv.keys[k] in ctx.pack.words("list_separators") for k in range(t.end, ms[0].start))]
    if not (any(keys[k] in pronouns for k in head) or bare):
        return None
    listed = {x.entry_id for x in ms}
    if bare and not any(keys[k] in pronouns for k in head):
        # 'প্রধানমন্ত্রী সম্মেলনের ফাঁকে ... বৈঠক করেন': the holder of that office the article
        # has named most so far (its protagonist), not the last one listed
        holders = {m.entry_id for m in ctx.mentions if m.kind == "Leader" and m.sent < s
                   and m.office == bare[0].office and m.entry_id not in listed}
        counts: dict[str, int] = {}
        for m in ctx.mentions:
            if m.kind == "Leader" and m.sent < s and m.entry_id in holders:
                counts[m.entry_id] = counts.get(m.entry_id, 0) + 1
        if counts:
            best = max(counts.values())
            top = [e for e, c in counts.items() if c == best]
            if len(top) == 1:
                return [{top[0], m.entry_id} for m in ms]
    for prev in range(s - 1, max(-1, s - 3), -1):
        earlier = [m for m in sorted(ctx.in_sentence(prev, "Leader"), key=lambda m: m.start)
                   if m.entry_id not in listed]
        if bare:
            earlier = [m for m in earlier if m.office in (None, bare[0].office)]
        # the subject, not a name in the genitive ('সিফানদোনের আমন্ত্রণে মোদি ... গিয়েছেন')
        earlier = [m for m in earlier if not m.genitive] or earlier
        if earlier:
            return [{earlier[0].entry_id, m.entry_id} for m in ms]
    return None


def _met_by_object_pronoun(ctx: Context, s: int, named: list[str]) -> list[set[str]] | None:
    """'प्रधानमंत्री मोदी ने उनसे मुलाकात की', 'মোদী তাঁর সঙ্গে বৈঠক করেন', 'Modi met him': one
    leader named, the other a pronoun after that name and next to the meeting word; the
    pronoun is the leader other than the first the article named last (one or two
    sentences before)."""
    phrases = [tuple(ctx.pack.fold(w) for w in p.split()) for p in ctx.pack.data.get("with_pronouns", ())]
    if not phrases:
        return None
    ms = [m for m in ctx.in_sentence(s, "Leader") if not names_a_government(ctx, m)]
    if not ms:
        return None
    keys, (ts, te) = ctx.tv.keys, ctx.sent_spans[s]
    hits = [k for k in range(ms[0].end, te) for p in phrases if tuple(keys[k:k + len(p)]) == p]
    if not hits:
        return None
    cues = [c for name, _ in MODES for c in ctx.cues_in(name, s)]
    latin = ctx.pack.code == "en"
    if not any((0 <= k - c.end <= 3) if latin else (0 <= c.start - k <= 6) for k in hits for c in cues):
        return None
    for prev in range(s - 1, max(-1, s - 3), -1):
        earlier = [m for m in sorted(ctx.in_sentence(prev, "Leader"), key=lambda m: m.start)
                   if m.entry_id not in named and not names_a_government(ctx, m)]
        if len({m.entry_id for m in earlier}) == 1:
            return [{named[0], earlier[0].entry_id}]
        if earlier:
            return None  # two others named: which one is unclear
    return None


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
    after = ctx.pack.words("not_a_contact_after", optional=True)
    if mode == "Phone":
        cues = [c for c in cues if not (c.end < len(ctx.tv.keys) and ctx.tv.keys[c.end] in after)]
    if not cues:
        return  # 'the call for a ceasefire', 'a call of duty': no phone call
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
    if fact is not None and fact.attrs["mode"] != mode and date is not None and fact.attrs["date"] != date:
        # 'met at the White House on Thursday ... had spoken by phone last month': two contacts
        key = (key, mode)
        fact = merged.get(key)
    if fact is None:
        fkey = tuple(sorted(leaders)) + (() if isinstance(key, frozenset) else (mode,))
        merged[key] = Fact("meeting", fkey,
                           {"participants": sorted(leaders), "mode": mode, "date": date},
                           [ctx.evidence(s)], conf)
    else:
        fact.attrs["date"] = more_precise(fact.attrs["date"], date)
        fact.evidence.append(ctx.evidence(s))
        fact.confidence = max(fact.confidence, conf)


def _summit_date_before(ctx: Context, s: int):
    """The date of the latest summit mention before sentence ``s``."""
    for prev in range(s - 1, max(-1, s - 4), -1):
        if anchors_in(ctx, prev):
            anchor = anchors_in(ctx, prev)[0]
            # the summit's own date: in its clause ('इस साल जनवरी में ... सदस्य बना था और ... सम्मेलन
            # में हिस्सा लिया' dates the joining, not the summit)
            others = ctx.cues_in("membership_start", prev) + ctx.cues_in("status_full", prev)

            def near(x, d) -> int:
                return min(abs(d.start - x.end), abs(x.start - d.end))

            dates = [d for d in ctx.in_sentence(prev, "Date") if ctx.same_clause(d.start, anchor.start)
                     and not any(near(c, d) < near(anchor, d) for c in others)]
            if dates:
                return best_date(dates, anchor.start)
    return None
