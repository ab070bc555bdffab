"""Gazetteer names in the text, through case endings and spelling variants."""
from __future__ import annotations

from ..gazetteer import Entry, NameForm
from ..model import Mention
from .resources import Resources
from .tokens import LATIN, TokenView, strip_surface, surface

TYPE_PREFERENCE = {"Country": 0, "Organization": 1, "SummitSeries": 1, "City": 2, "Ministry": 3, "Leader": 4}
KIND_PREFERENCE = {"name": 0, "acronym": 1, "demonym": 2}


def _reading(res: Resources, key: tuple[str, ...]) -> tuple[Entry, NameForm, bool]:
    """The entry a name form stands for (a name before an acronym before a demonym; a
    state before an organisation before a city ...), and whether every reading is a
    city; memoised per form."""
    got = res.readings.get(key)
    if got is None:
        entries = res.gaz.entries
        forms = res.names.phrases[key]
        form = min(forms, key=lambda f: (KIND_PREFERENCE[f.kind], TYPE_PREFERENCE.get(entries[f.entry_id].type, 9)))
        all_cities = all(entries[f.entry_id].type == "City" for f in forms)
        got = res.readings[key] = (entries[form.entry_id], form, all_cities)
    return got


def gazetteer_mentions(res: Resources, tv: TokenView, text: str) -> list[Mention]:
    out, n, free = [], len(tv.keys), 0
    for i in res.names.candidates(tv):
        if i < free or tv.punct[i]:
            continue
        hit = res.names.longest(tv, i)
        if not hit or ((res.latin or LATIN.match(tv.text[i])) and not tv.text[i][:1].isupper()):
            continue  # Latin-script names are capitalised: 'chad', 'turkey' are words
        end, key, last = hit
        free = end
        entry, form, all_cities = _reading(res, key)
        if (all_cities and res.before_building(tv, end)) or (
                entry.type == "Country" and end < n and not res.geographic.isdisjoint(tv.stems[end])):
            continue  # 'Hyderabad House', 'Indian Ocean', 'ভারত মহাসাগর': not the city or state
        last_key = tv.keys[end - 1]
        base_last = strip_surface(res.pack, tv.text[end - 1], last_key, last)
        written = surface(tv, text, i, end)
        base = written[: len(written) - len(tv.text[end - 1])] + base_last
        out.append(Mention(start=i, end=end, kind=entry.type, text=written, base=base,
                           entry_id=entry.id, via=form.kind, sent=tv.sent[i],
                           genitive=last != last_key and last_key[len(last):] in res.genitive))
    return out
