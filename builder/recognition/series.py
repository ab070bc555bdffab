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
    if not out:
        return mentions
    # 'India-Africa Summit' after 'India-Africa Forum Summit': one series, the fuller name's
    for m in out:
        longer = [o.entry_id for o in out if o.entry_id != m.entry_id and o.entry_id.startswith(m.entry_id + "-")]
        if len(set(longer)) == 1:
            m.entry_id = longer[0]
    kept = [m for m in mentions if not (set(range(m.start, m.end)) & skip)]
    return sorted(kept + out, key=lambda x: x.start)
