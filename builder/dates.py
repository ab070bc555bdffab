"""Dates in text: Bengali, Devanagari and Latin digits, month and weekday names,
ranges, and relative expressions resolved against the publication date."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .langpack import LangPack
from .model import DateValue, Mention

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)(?:-?[^\d].*)?$")
_DAY = re.compile(r"^([0-3]?\d)(?:st|nd|rd|th|ই|লা|শে|-?এ)?$")
_DMY = re.compile(r"^([0-3]?\d)[-/.]([A-Za-z]{3,9}|\d\d?)[-/.](\d{4})$")
RANGE_WORDS = {"-", "–", "—", "to", "থেকে", "से"}
_ISO = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_ISO_ANY = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # [0-9]: ASCII digits only


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def valid_iso(iso: str) -> bool:
    """Whether ``iso`` is a real date as diplokg writes one: 'YYYY', 'YYYY-MM' or
    'YYYY-MM-DD' (ASCII digits, year 0001-9999, month 1-12, a day the month has)."""
    m = _ISO_ANY.fullmatch(iso) if isinstance(iso, str) else None
    if not m:
        return False
    y, mon, d = (int(g) if g else None for g in m.groups())
    return 1 <= y <= 9999 and (mon is None or 1 <= mon <= 12) and (d is None or _valid(y, mon, d))


def _iso(y: int, m: int | None = None, d: int | None = None) -> DateValue | None:
    """The date at the precision the text gives, never an impossible one: a day the month
    lacks gives the month; a month outside 1-12 (or a year outside 1-9999) gives None."""
    if not 1 <= y <= 9999 or (m is not None and not 1 <= m <= 12):
        return None
    if d and m and _valid(y, m, d):
        return DateValue(f"{y:04d}-{m:02d}-{d:02d}")
    if m:
        return DateValue(f"{y:04d}-{m:02d}")
    return DateValue(f"{y:04d}")


def _numeric_dmy(day: int, month: int, year: int) -> DateValue | None:
    """'04/07/2024' day first; '12/31/2024', where only month first is a date, month first."""
    if not 1 <= month <= 12 and 1 <= day <= 12 and _valid(year, day, month):
        day, month = month, day
    return _iso(year, month, day)


def _in_year_of(published: dt.date, month: int, day: int | None) -> DateValue:
    """A day and month without a year: the publication year, or the year before when
    that would put the date more than half a year after publication ('on 20 December'
    in an article of 5 January)."""
    year = published.year
    if dt.date(year, month, min(day or 1, 28)) - published > dt.timedelta(days=183):
        year -= 1
    return _iso(year, month, day)


def shift_to_next_week(d: DateValue) -> DateValue:
    """A weekday read as the coming one ('will address the summit on Friday')."""
    nxt = dt.date.fromisoformat(d.iso) + dt.timedelta(days=7)
    return _iso(nxt.year, nxt.month, nxt.day)


@lru_cache(maxsize=None)
def _words(pack: LangPack) -> dict:
    """The folded word sets date rules test, computed once per language."""
    fold = pack.fold
    w = {"year": {fold(x) for x in pack["year_words"]}, "this": {fold(x) for x in pack["this_words"]},
         "last": {fold(x) for x in pack["last_words"]}, "next": {fold(x) for x in pack["next_words"]},
         "year_nouns": {fold(x) for x in pack["year_nouns"]}, "month_nouns": {fold(x) for x in pack["month_nouns"]},
         "durations": {fold(x) for x in pack["duration_nouns"]},
         "rel_days": {fold(k): v for k, v in pack["relative_days"].items()}}
    w["triggers"] = (set(pack.months) | set(pack.weekdays) | set(w["rel_days"]) | w["this"] | w["last"] | w["next"])
    return w


def find_dates(tokens: list[str], keys: list[list[str]], pack: LangPack,
               published: dt.date | None) -> list[Mention]:
    """Scan folded tokens (each with its stems) for dates; returns Date mentions.

    ``tokens`` are the surface forms (for capitalisation checks), ``keys[i]`` the folded
    key of token i followed by its stems.
    """
    n = len(tokens)
    out: list[Mention] = []
    latin = pack.code == "en"

    def month_at(i: int) -> int | None:
        if i >= n:
            return None
        if latin and not tokens[i][:1].isupper():
            return None
        for k in keys[i]:
            m = pack.months.get(k.rstrip("."))
            if m:
                return m
        return None

    def year_at(i: int) -> int | None:
        if i >= n:
            return None
        m = _YEAR.match(keys[i][0])
        return int(m.group(1)) if m else None

    def day_at(i: int) -> int | None:
        if i >= n:
            return None
        m = _DAY.match(keys[i][0])
        if m and 1 <= int(m.group(1)) <= 31:
            return int(m.group(1))
        return None

    def skip_comma(i: int) -> int:
        return i + 1 if i < n and keys[i][0] in {",", "،"} else i

    w = _words(pack)
    year_words, this_words, last_words, next_words = w["year"], w["this"], w["last"], w["next"]
    year_nouns, month_nouns, durations, rel_days = w["year_nouns"], w["month_nouns"], w["durations"], w["rel_days"]
    triggers = w["triggers"]

    candidates = [i for i, stems in enumerate(keys) if stems[0][:1].isdigit() or not triggers.isdisjoint(stems)]
    i = 0
    for i in candidates:
        if out and i < out[-1].end:
            continue
        k = keys[i][0]
        start = i
        val: DateValue | None = None
        relative = False
        via = "name"
        end = i + 1
        m = _DMY.match(k)
        iso = _ISO.match(k)
        if iso and _valid(*map(int, iso.groups())):
            val = _iso(*map(int, iso.groups()))
        elif m:
            if m.group(2).isdigit():
                val = _numeric_dmy(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            elif mon := pack.months.get(m.group(2).casefold()):
                val = _iso(int(m.group(3)), mon, int(m.group(1)))
        elif day_at(i) is not None:
            # "25 June, 2024", "3-4 July 2022", "২৭ জানুয়ারী, ২০২২"
            d = day_at(i)
            j = i + 1
            is_range = j + 1 < n and keys[j][0] in RANGE_WORDS and day_at(j + 1) is not None
            if is_range:
                j += 2  # "3-4 July": the range's month is the precision the text gives
            mon = month_at(j)
            if mon:
                j2 = skip_comma(j + 1)
                y = year_at(j2)
                if y:
                    val, end = _iso(y, mon, None if is_range else d), j2 + 1
                elif published:
                    val, end, relative = _in_year_of(published, mon, None if is_range else d), j + 1, True
        if val is None and (mon := month_at(i)):
            j = i + 1
            d = day_at(j) if latin else None
            if d is not None:  # "June 3, 2022", "October 22 to 24, 2024", "April 4"
                is_range = j + 2 < n and keys[j + 1][0] in RANGE_WORDS and day_at(j + 2) is not None
                if is_range:
                    j += 2
                j2 = skip_comma(j + 1)
                y = year_at(j2)
                if y:
                    val, end = _iso(y, mon, None if is_range else d), j2 + 1
                elif published:
                    val, end, relative = _in_year_of(published, mon, None if is_range else d), j + 1, True
            if val is None:
                y = year_at(skip_comma(j))
                if y:  # "June 2017"
                    val, end = _iso(y, mon), skip_comma(j) + 1
        if val is None and (y := year_at(i)) and not (i + 1 < n and any(s in durations for s in keys[i + 1])):
            # "২০১৭ সালের জুন মাসে": year, year word, month
            j = i + 1
            if j < n and any(s in year_words for s in keys[j]):
                j += 1
            mon = month_at(j)
            d = day_at(j) if not latin and j > i + 1 else None
            if d is not None and month_at(j + 1):
                # "২০২৪ সালের ১৫ মার্চ": year, year word, day, month
                val, end = _iso(y, month_at(j + 1), d), j + 2
            elif mon and (latin is False):
                val, end = _iso(y, mon), j + 1
                if end < n and any(s in month_nouns for s in keys[end]):
                    end += 1
            else:
                val, end = _iso(y), i + 1 if j == i + 1 else j
        if val is None and published:
            stems = keys[i]
            if any(s in rel_days for s in stems):
                off = next(rel_days[s] for s in stems if s in rel_days)
                val, relative = _iso(*(published + dt.timedelta(days=off)).timetuple()[:3]), True
            elif any(s in pack.weekdays for s in stems) and (not latin or tokens[i][:1].isupper()):
                wd = next(pack.weekdays[s] for s in stems if s in pack.weekdays)
                delta = (published.weekday() - wd) % 7
                day = published - dt.timedelta(days=delta)
                val, relative, via = _iso(day.year, day.month, day.day), True, "weekday"
            elif any(s in this_words | last_words | next_words for s in stems) and i + 1 < n:
                shift = 0 if any(s in this_words for s in stems) else (-1 if any(s in last_words for s in stems) else 1)
                nxt = keys[i + 1]
                if any(s in year_nouns for s in nxt):
                    y = published.year + shift
                    mon = month_at(i + 2)
                    if mon:  # "এই বছরের জুলাইয়ে": this year's July
                        val, end = _iso(y, mon), i + 3
                    else:
                        val, end = _iso(y), i + 2
                    relative = True
                elif any(s in month_nouns for s in nxt):
                    mth = published.month + shift
                    y = published.year + (mth - 1) // 12
                    val, end, relative = _iso(y, (mth - 1) % 12 + 1), i + 2, True
        if val is not None:
            out.append(Mention(start=start, end=end, kind="Date", text=" ".join(tokens[start:end]),
                               date=val, relative=relative, via=via))
    return out
