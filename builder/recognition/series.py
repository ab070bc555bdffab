"""Summit series the gazetteer does not know: 'Russia-Africa Summit',
'ভারত-আফ্রিকা ফোরাম শীর্ষ সম্মেলন'."""
from __future__ import annotations

from ..model import Mention
from ..translit import skeleton
from .resources import Resources
from .tokens import TokenView, surface

_POSSESSIVE = {"’", "'", "’s", "'s", "s"}


def named_series(res: Resources, tv: TokenView, text: str, mentions: list[Mention]) -> list[Mention]:
    """A state joined by a hyphen to a region or forum, then the word summit, names a
    series.  Its id comes from the state and the sound of the rest, so that the same
    series written in any script is one node.  A state joined to another state
    ('India-Russia summit') is a bilateral meeting, not a series."""
    by_start = {m.start: m for m in mentions}
    out, skip = [], set()
    n = len(tv.keys)
    for m in mentions:
        if m.kind != "Country" or m.end + 1 >= n or tv.keys[m.end] not in {"-", "–", "—"}:
            continue
        for k in range(m.end + 2, min(n, m.end + 6)):
            if (tv.punct[k - 1] and tv.keys[k - 1] not in _POSSESSIVE) or \
                    (k - 1 in by_start and by_start[k - 1].kind != "Title"):
                break  # 'United States – Nordic Leaders’ Summit': a possessive mark does not
            hit = res.summit_words.longest(tv, k)
            if hit is None:
                continue
            key = "-".join(x for x in (skeleton(tv.text[j]) for j in range(m.end + 1, k)
                                       if tv.keys[j] not in _POSSESSIVE) if x)
            if not key:
                break
            name = surface(tv, text, m.start, hit[0])
            out.append(Mention(start=m.start, end=hit[0], kind="SummitSeries", text=name, base=name,
                               entry_id=f"series-{m.entry_id}-{key}", via="series-pattern", sent=tv.sent[m.start]))
            skip.update(range(m.start, hit[0]))
            break
    if res.latin:
        out += _named_in_english(res, tv, text, mentions, skip)
    if not out:
        return mentions
    # 'India-Africa Summit' after 'India-Africa Forum Summit': one series, the fuller name's
    for m in out:
        longer = [o.entry_id for o in out if o.entry_id != m.entry_id and o.entry_id.startswith(m.entry_id + "-")]
        if len(set(longer)) == 1:
            m.entry_id = longer[0]
    kept = [m for m in mentions if not (set(range(m.start, m.end)) & skip)]
    return sorted(kept + out, key=lambda x: x.start)


_GENERIC = {"leaders", "leaders’", "leaders'", "annual", "special", "extraordinary", "virtual", "informal",
            "next", "last", "this", "the", "a", "an", "first", "second", "third", "heads", "state", "government",
            "ordinary", "s", "'s", "’s", "’", "'"}


def _named_in_english(res: Resources, tv: TokenView, text: str, mentions: list[Mention], skip: set[int]) -> list[Mention]:
    """'the AI Action Summit', 'the Nuclear Security Summit': capitalised words no
    organisation, state or person before a capitalised 'Summit' name a summit series of
    its own (not the summit of an organisation named elsewhere in the text)."""
    covered = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for k, t in enumerate(tv.text):
        if t != "Summit" or k in skip or k in covered:
            continue
        j = k
        while j - 1 >= 0 and k - (j - 1) <= 4 and j - 1 not in covered and not tv.punct[j - 1] \
                and tv.text[j - 1][:1].isupper() and tv.text[j - 1].replace("-", "").isalnum() \
                and tv.sent[j - 1] == tv.sent[k]:
            j -= 1
        if j - 1 >= 0 and j - 1 in covered:
            continue  # 'BRICS Leaders Summit', 'India-Central Asia Summit': another name's summit
        words = [tv.keys[x] for x in range(j, k)]
        if not words or all(w in _GENERIC for w in words) or (j == tv.sent.index(tv.sent[k]) and len(words) == 1):
            continue
        key = "-".join(x for x in (skeleton(tv.text[x]) for x in range(j, k) if tv.keys[x] not in _GENERIC) if x)
        if not key:
            continue
        name = surface(tv, text, j, k + 1)
        out.append(Mention(start=j, end=k + 1, kind="SummitSeries", text=name, base=name,
                           entry_id=f"series-{key}", via="series-name", sent=tv.sent[j]))
    return out
