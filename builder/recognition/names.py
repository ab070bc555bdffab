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
    joined = _syllable_names(res, tv, text)
    blocked = {k for m in joined for k in range(m.start, m.end)}
    for i in res.names.candidates(tv):
        if i < free or tv.punct[i] or i in blocked:
            continue
        hit = res.names.longest(tv, i)
        if not hit or ((res.latin or LATIN.match(tv.text[i])) and not tv.text[i][:1].isupper()):
            continue  # Latin-script names are capitalised: 'chad', 'turkey' are words
        end, key, last = hit
        if blocked.intersection(range(i, end)):
            continue
        entry, form, all_cities = _reading(res, key)
        if entry.type == "Leader" and end - i == 1 and _inside_other_name(res, tv, i, entry.id, out):
            continue  # 'Ellen Johnson Sirleaf', 'মোহাম্মদ বিন সালমান': not Boris Johnson, not King Salman
        free = end
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
    return sorted(out + joined, key=lambda m: m.start) if joined else out


def _syllable_names(res: Resources, tv: TokenView, text: str) -> list[Mention]:
    """'সি চিন পিং', 'शी जिन पिंग': a leader's name with its syllables written as words
    of their own (the one-syllable words of Chinese, Korean, Vietnamese names), found by
    the sound of the words run together; the last may carry a case ending."""
    from ..translit import skeleton
    out: list[Mention] = []
    n, k = len(tv.keys), 0
    while k < n - 1:
        hit = None
        for size in (3,):  # three syllables: 'Xi Jin Ping', 'Kim Jong Un', 'Lee Jae Myung'
            end = k + size
            if end > n or any(tv.punct[x] or tv.keys[x] in res.name_stop or tv.keys[x] in res.common_words
                               for x in range(k, end)):
                continue
            words = tv.text[k:end]
            if any(LATIN.match(w) and not w[:1].isupper() for w in words):
                continue
            sks = [skeleton(w) for w in words]
            if not all(1 <= len(sk) <= 3 for sk in sks):
                continue  # syllables, not words
            for last in dict.fromkeys(tv.stems[end - 1]):
                base_last = strip_surface(res.pack, words[-1], tv.keys[end - 1], last)
                eid = res.gaz.link_joined(words[:-1] + [base_last])
                if eid:
                    hit = (end, eid, base_last, last)
                    break
            if hit:
                break
        if not hit:
            k += 1
            continue
        end, eid, base_last, last = hit
        written = surface(tv, text, k, end)
        out.append(Mention(start=k, end=end, kind="Leader", text=written,
                           base=written[: len(written) - len(tv.text[end - 1])] + base_last, entry_id=eid,
                           via="name", sent=tv.sent[k],
                           genitive=last != tv.keys[end - 1] and tv.keys[end - 1][len(last):] in res.genitive))
        k = end
    return out


def _inside_other_name(res: Resources, tv: TokenView, i: int, entry_id: str, found: list[Mention]) -> bool:
    """A one-word name of a leader that is part of another person's name: after a
    patronymic particle ('bin', 'বিন', 'बिन'), or, in Latin script, amid capitalised
    name words none of which sounds like a name of that leader."""
    if i >= 1 and tv.keys[i - 1] in res.name_particles:
        return True
    if i + 2 < len(tv.keys) and tv.keys[i + 1] in res.name_particles and not tv.punct[i + 2]:
        return True  # 'Mohamed bin Zayed': a given name before a patronymic, not a surname
    if not LATIN.match(tv.text[i]) or (found and found[-1].end == i):
        return False
    n = len(tv.keys)

    def name_word(k: int) -> bool:
        t = tv.text[k]
        return (0 <= k < n and not tv.punct[k] and t[:1].isupper() and t.isalpha() and len(t) > 2
                and tv.keys[k] not in res.name_stop
                and tv.keys[k] not in res.common_words and not res.honorifics.first.intersection(tv.stems[k]))

    before = []
    k = i - 1
    while k >= 0 and len(before) < 3 and name_word(k) and tv.sent[k] == tv.sent[i]:
        before.append(k)
        k -= 1
    after = i + 1 < n and name_word(i + 1) and tv.sent[i + 1] == tv.sent[i]
    if not before:
        # 'Prime Minister Tshering Tobgay': after a title, a surname of one leader followed
        # by a name word that is none of that leader's is someone else's given name
        titled = any(k >= 0 and (hit := res.titles.longest(tv, k)) is not None and hit[0] == i
                     for k in (i - 1, i - 2, i - 3))
        return bool(titled and after and tv.sent[i + 1] == tv.sent[i]
                    and not res.gaz.sounds_like_own_word(entry_id, tv.text[i + 1]))
    sentence_initial = before[-1] == 0 or tv.sent[before[-1] - 1] != tv.sent[i]
    if sentence_initial and len(before) == 1 and not after:
        return False  # 'Then Johnson said': a capitalised first word of a sentence
    if any(res.gaz.sounds_like_own_word(entry_id, tv.text[k]) for k in before):
        return False  # 'Jair Messias Bolsonaro', 'Tayyip Erdogan': the leader's own given name
    return True
