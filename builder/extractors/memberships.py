"""Memberships: a state (or organisation) as full member, observer or dialogue partner
of an organisation, with the date it became one."""
from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Fact, Mention
from .context import Context
from .util import best_date, distance, overlaps

STATUSES = (("status_dialogue", "DialoguePartner"), ("status_observer", "Observer"), ("status_full", "FullMember"))
PROSPECTIVE_WINDOW = 12


def _groups(ctx: Context, s: int) -> list[list[Mention]]:
    """Countries listed together: 'ইরান, বেলারুশ এবং মঙ্গোলিয়াকে', 'Brazil, Russia, India,
    China and South Africa'; titles and leaders between them do not break a list."""
    seps = ctx.pack.words("list_separators") | {"the"}  # 'the Kyrgyz Republic, the UK'
    covered = {t for m in ctx.in_sentence(s, "Title", "Leader") for t in range(m.start, m.end)}
    cities = ctx.in_sentence(s, "City")
    groups: list[list[Mention]] = []
    prev_end = None
    for m in ctx.in_sentence(s, "Country"):
        if any(c.start == m.end for c in cities):
            continue  # 'কাজাখস্তানের আস্তানায়': the state qualifies a city
        gap = range(prev_end, m.start) if prev_end is not None else None
        if gap is not None and all(ctx.tv.keys[k] in seps or k in covered for k in gap) \
                and ctx.same_clause(prev_end - 1, m.start):
            groups[-1].append(m)
        else:
            groups.append([m])
        prev_end = m.end
    return groups


def _org_list(ctx: Context, orgs: list[Mention], nearest: Mention) -> list[str]:
    """'members of BRICS and the SCO': the organisations listed with the nearest one."""
    seps = ctx.pack.words("list_separators") | {"the"}
    ordered = sorted(orgs, key=lambda o: o.start)

    def listed(a: Mention, b: Mention) -> bool:  # only separators between them, and some
        gap = range(a.end, b.start)
        return len(gap) > 0 and all(ctx.tv.keys[k] in seps for k in gap)

    lo = hi = ordered.index(nearest)
    while lo > 0 and listed(ordered[lo - 1], ordered[lo]):
        lo -= 1
    while hi + 1 < len(ordered) and listed(ordered[hi], ordered[hi + 1]):
        hi += 1
    return list(dict.fromkeys(o.entry_id for o in ordered[lo:hi + 1]))


def _organisation_member(ctx: Context, orgs: list[Mention], cues) -> tuple[Mention, Mention] | None:
    """With no state in the sentence, an organisation may be the member: the one the
    status word follows, while the other is marked as the one belonged to ('জি-২০-র',
    'समूह का', 'of the G20')."""
    if len(orgs) < 2:
        return None
    keys = ctx.tv.keys
    particles = ctx.pack.words("genitive_particles")
    endings = ctx.pack.words("genitive_suffixes")

    def belonged_to(o: Mention) -> bool:
        after = keys[o.end] if o.end < len(keys) else ""
        split_ending = after == "-" and o.end + 1 < len(keys) and keys[o.end + 1] in endings  # 'জি-২০-র'
        return o.genitive or after in particles or split_ending or \
            (o.start > 0 and keys[o.start - 1] == "of") or (o.start > 1 and keys[o.start - 2] == "of")

    first_cue = min(c.start for c, _ in cues)
    targets = [o for o in orgs if belonged_to(o)]
    before = [o for o in orgs if o.end <= first_cue and o not in targets]
    if len(targets) != 1 or not before:
        return None
    member = max(before, key=lambda o: o.end)
    if member.entry_id == targets[0].entry_id or member.entry_id in _org_list(ctx, orgs, targets[0]):
        return None
    return member, targets[0]


def _pairs(ctx: Context, groups, cues, starts):
    """Each list of states with the status word nearest to it; a status word left without
    a list, but followed by 'became' ('... and in 2017 became its full member'), takes
    the sentence's first list, its subject."""
    out, used = [], set()
    for group in groups:
        g_start, g_end = group[0].start, group[-1].end
        same = [(c, st) for c, st in cues if ctx.same_clause(c.start, g_start)]
        if not same:
            continue
        # 'মালয়েশিয়া আসিয়ানের সদস্য, আর বাংলাদেশ ... ফোরামের সদস্য', 'A is a member of X, while
        # B is one of Y': a state's own predicate follows it; one before it is another's
        later = [(c, st) for c, st in same if c.start >= g_end and distance(c.start, c.end, g_start, g_end) <= 12]
        if later and any(c.end <= g_start and any(o[0] is not group and o[-1].end <= c.start for o in groups)
                         for c, _ in same):
            same = later
        cue, status = min(same, key=lambda cs: distance(cs[0].start, cs[0].end, g_start, g_end))
        if distance(cue.start, cue.end, g_start, g_end) <= 12:
            out.append((group, cue, status))
            used.add(id(cue))
    if groups:
        subject = groups[0]
        for cue, status in cues:
            if id(cue) not in used and subject[-1].end <= cue.start and ctx.same_clause(subject[0].start, cue.start) \
                    and any(0 <= st.start - cue.end <= 3 for st in starts):
                out.append((subject, cue, status))
    return out


def _org_referred(ctx: Context, s: int) -> list[Mention]:
    """'the bloc', 'এই জোটে', 'इस समूह के': the organisation last named, within three
    sentences, stands at the place of the word that refers to it."""
    refs = ctx.cues_in("org_reference", s)
    if not refs:
        return []
    for prev in range(s - 1, max(-1, s - 4), -1):
        orgs = ctx.in_sentence(prev, "Organization")
        if orgs:
            o = orgs[-1]
            return [Mention(r.start, r.end, "Organization", o.text, base=o.base, entry_id=o.entry_id, sent=s)
                    for r in refs[:1]]
    return []


def extract(ctx: Context, gaz: Gazetteer) -> list[Fact]:
    merged: dict[tuple, Fact] = {}
    for s in ctx.sentences_with(*(name for name, _ in STATUSES)):
        cues = []
        for name, status in STATUSES:
            for c in ctx.cues_in(name, s):
                if not any(overlaps(c.start, c.end, o.start, o.end) for o, _ in cues):
                    cues.append((c, status))
        if not cues:
            continue
        orgs = ctx.in_sentence(s, "Organization") or _org_referred(ctx, s)
        if not orgs:
            continue
        prospective = ctx.cues_in("prospective", s)
        starts = ctx.cues_in("membership_start", s)
        groups = _groups(ctx, s)
        pair = ctx.cues_in("pair_states", s)
        if not groups and pair:
            # "both countries are members": the article's two main states
            states = ctx.main_states(gaz, ctx.published.year if ctx.published else None)[:2]
            if len(states) == 2:
                groups = [[Mention(pair[0].start, pair[0].end, "Country", "", entry_id=c, sent=s) for c in states]]
        if not groups and (pairing := _organisation_member(ctx, orgs, cues)):
            member, target = pairing  # 'the African Union became a permanent member of the G20'
            groups, orgs = [[member]], [target]
        dates = ctx.in_sentence(s, "Date")
        for group, cue, status in _pairs(ctx, groups, cues, starts):
            lo, hi = min(cue.start, group[0].start), max(cue.end, group[-1].end)
            if any(distance(p.start, p.end, cue.start, cue.end) <= PROSPECTIVE_WINDOW
                   and lo - 3 <= p.start < hi + 3
                   for p in prospective if ctx.same_clause(p.start, cue.start)):
                continue  # invited to become, applied to be: not (yet) a member
            org_clause = [o for o in orgs if ctx.same_clause(o.start, cue.start)] or orgs
            nearest = min(org_clause, key=lambda o: distance(o.start, o.end, cue.start, cue.end))
            if _names_another_body(ctx, nearest, cue):
                continue  # 'member of BRICS' New Development Bank', 'আসিয়ান আঞ্চলিক ফোরামের সদস্য'
            since = None
            if any(ctx.same_clause(st.start, cue.start) for st in starts):
                # a date belongs to the status word nearest to it ('observer in 2005 ...
                # full member in 2017')
                own = [d for d in dates if ctx.same_clause(d.start, cue.start) and
                       min(cues, key=lambda cs: distance(cs[0].start, cs[0].end, d.start, d.end))[0] is cue]
                d = best_date(own, cue.start)
                since = d.date if d else None
            for org, member in ((o, m) for o in _org_list(ctx, org_clause, nearest) for m in group):
                if member.entry_id == org:
                    continue
                key = (member.entry_id, org, status)
                fact = merged.get(key)
                if fact is None:
                    merged[key] = Fact("membership", key, {"member": member.entry_id, "organization": org,
                                                           "status": status, "since": since},
                                       [ctx.evidence(s)], 0.8 if member.kind == "Country" else 0.6)
                else:
                    fact.attrs["since"] = fact.attrs["since"] or since
                    fact.evidence.append(ctx.evidence(s))
    hoped = _hoped_for(ctx)
    return [f for f in merged.values()
            if f.attrs["since"] is not None or (f.attrs["member"], f.attrs["organization"]) not in hoped]


def _names_another_body(ctx: Context, org: Mention, cue) -> bool:
    """The organisation only qualifies the body the status is of: 'ব্রিকসের নিউ ডেভেলপমেন্ট
    ব্যাংকের সদস্য', 'आसियान क्षेत्रीय मंच का सदस्य', 'a member of the ASEAN Regional Forum'."""
    tv, pack = ctx.tv, ctx.pack
    skip = pack.words("list_separators") | pack.words("genitive_particles")
    named = {k for m in ctx.in_sentence(org.sent, "Country", "Organization", "Leader") for k in range(m.start, m.end)}
    if org.end <= cue.start:
        if any(k in named for k in range(org.end, cue.start)):
            return False  # 'এসসিওর ... ইরান, বেলারুশ এবং মঙ্গোলিয়াকে পর্যবেক্ষক': the members stand between
        gap = [k for k in range(org.end, cue.start) if not tv.punct[k]]
        content = [k for k in gap if tv.keys[k] not in skip]
        if not content:
            return False
        last = cue.start - 1
        genitive = tv.keys[last] in pack.words("genitive_particles") or (last in content and any(
            st != tv.keys[last] and tv.keys[last].startswith(st) and tv.keys[last][len(st):] in pack.words("genitive_suffixes")
            for st in tv.stems[last]))
        return len(content) >= 2 and genitive
    k = org.end
    return pack.code == "en" and k < len(tv.keys) and k not in named and not tv.punct[k] \
        and tv.text[k][:1].isupper() and tv.keys[k] not in skip


def _hoped_for(ctx: Context) -> set[tuple[str, str]]:
    """'look forward to Sweden joining NATO', 'hopes to see Timor-Leste join ASEAN': a state
    the article expects to join an organisation is not said to be a member of it."""
    out = set()
    for s in ctx.sentences_with("hypothetical", "prospective"):
        wish = ctx.cues_in("hypothetical", s) + ctx.cues_in("prospective", s)
        joins = ctx.cues_in("attend", s) + ctx.cues_in("membership_start", s)
        for c in ctx.in_sentence(s, "Country"):
            if not any(0 <= c.start - w.end <= 4 for w in wish):
                continue
            for j in joins:
                if 0 <= j.start - c.end <= 3:
                    for o in ctx.in_sentence(s, "Organization"):
                        if 0 <= o.start - j.end <= 2:
                            out.add((c.entry_id, o.entry_id))
    return out
