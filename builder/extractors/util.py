"""Small helpers shared by the extractors."""
from __future__ import annotations

from ..model import DateValue, Mention


def distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def best_date(dates: list[Mention], pos: int) -> Mention | None:
    """The date nearest to ``pos``, refined by a more precise date that agrees with it
    ('এই বছরের জুলাইয়ে ২০২৪': 2024-07 over 2024)."""
    if not dates:
        return None
    near = min(dates, key=lambda d: (distance(d.start, d.end, pos, pos + 1), -d.date.precision))
    agreeing = [d for d in dates if d.date.iso.startswith(near.date.iso) or near.date.iso.startswith(d.date.iso)]
    return max(agreeing, key=lambda d: (d.date.precision, -distance(d.start, d.end, pos, pos + 1)))


def more_precise(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None:
        return b
    if b is None:
        return a
    if b.iso.startswith(a.iso) and b.precision > a.precision:
        return b
    return a


def leader_country(m: Mention, gaz, year: int | None) -> str | None:
    if m.country:
        return m.country
    entry = gaz.get(m.entry_id)
    if entry is None:
        return None
    positions = entry.offices_at(year)
    return positions[0]["country"] if positions else None


def names_a_government(ctx, m) -> bool:
    """'শেখ হাসিনা সরকারের পতন', 'Sheikh Hasina's government', 'the Biden administration':
    the name qualifies a government; the person is not said to do anything."""
    words = ctx.pack.words("government_nouns", optional=True)
    k = m.end
    if k < len(ctx.tv.keys) and ctx.tv.keys[k] in ctx.pack.words("genitive_particles"):
        k += 1
    return k < len(ctx.tv.keys) and not words.isdisjoint(ctx.tv.stems[k])
