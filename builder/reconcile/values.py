"""Choosing one value from what many sources say: pure functions over claims.

A claim here is (value, source, confidence): the lexical value (an ISO date or an IRI),
the article graph that states it, and that article's confidence in the fact. Dates are
compared by precision: ``2022`` is consistent with ``2022-09`` (it says less), ``2022-09``
and ``2022-10`` cannot both hold.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

Claim = tuple[str, str, float]  # (value, source graph, confidence)


@dataclass(frozen=True)
class Choice:
    """The consolidated value, how many sources are consistent with it, and the best
    confidence among them."""

    value: str
    support: int
    confidence: float


@dataclass(frozen=True)
class Side:
    """One of two or more values that cannot all hold, with the sources behind it."""

    value: str
    sources: frozenset[str]
    confidence: float


def consistent_dates(a: str, b: str) -> bool:
    """Whether two ISO dates of any precision can both hold: one is a prefix of the other."""
    return a.startswith(b) or b.startswith(a)


def _best(candidates: dict[str, set[str]], confidence: dict[str, float]) -> Choice:
    value = max(candidates, key=lambda v: (len(candidates[v]), confidence[v], v))
    return Choice(value, len(candidates[value]), confidence[value])


def _by_value(claims: Iterable[Claim]) -> tuple[dict[str, set[str]], dict[str, float]]:
    sources: dict[str, set[str]] = {}
    best: dict[str, float] = {}
    for value, source, conf in claims:
        sources.setdefault(value, set()).add(source)
        best[value] = max(best.get(value, 0.0), conf)
    return sources, best


def leaf_dates(values: Iterable[str]) -> list[str]:
    """The most precise dates: those that are no other's prefix."""
    vs = set(values)
    return sorted(v for v in vs if not any(o != v and o.startswith(v) for o in vs))


def choose_date(claims: Iterable[Claim]) -> Choice | None:
    """The most precise date consistent with the most sources: each most precise date
    counts the sources that state it or a coarser date it refines (``2022`` supports
    ``2022-09``); ties go to the date stated with the higher confidence."""
    sources, conf = _by_value(claims)
    if not sources:
        return None
    support = {leaf: set().union(*(s for v, s in sources.items() if leaf.startswith(v)))
               for leaf in leaf_dates(sources)}
    # ties go to the date its own claims are surest of; the confidence given is the best
    # of every claim consistent with it
    leaf = max(support, key=lambda v: (len(support[v]), conf[v], v))
    return Choice(leaf, len(support[leaf]), max(c for v, c in conf.items() if leaf.startswith(v)))


def choose_value(claims: Iterable[Claim]) -> Choice | None:
    """The value most sources state; ties go to the higher confidence."""
    sources, conf = _by_value(claims)
    return _best(sources, conf) if sources else None


def date_sides(claims: Iterable[Claim]) -> list[Side]:
    """The dates that cannot all hold, each with the sources that state it (or a coarser
    date only it refines); [] when the dates agree."""
    sources, conf = _by_value(claims)
    leaves = leaf_dates(sources)
    if len(leaves) < 2:
        return []
    sides = []
    for leaf in leaves:
        own = {v for v in sources if leaf.startswith(v) and sum(lf.startswith(v) for lf in leaves) == 1}
        sides.append(Side(leaf, frozenset().union(*(sources[v] for v in own)), max(conf[v] for v in own)))
    return sides


def value_sides(claims: Iterable[Claim]) -> list[Side]:
    """The different values of a single-valued property, each with its sources; [] when
    they agree."""
    sources, conf = _by_value(claims)
    if len(sources) < 2:
        return []
    return [Side(v, frozenset(s), conf[v]) for v, s in sorted(sources.items())]


def as_day(iso: str, *, last: bool = False) -> date:
    """An ISO date of any precision as a day: its first day (or, with ``last``, its last)."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1) if last else date(y, m, 1)
    return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two spans of ISO dates (earliest, latest; any precision) share a day."""
    return as_day(a[0]) <= as_day(b[1], last=True) and as_day(b[0]) <= as_day(a[1], last=True)
