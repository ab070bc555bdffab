"""One node per event: an undated mention joins the dated event it must be.

Rules (the README's "Reconciliation" section says the same):

- Candidates share the undated node's organiser or series (summits) or its exact set of
  participants (meetings): the IRI minus its last segment, which is the date.
- A summit mention with no date joins the summit of the same organiser held in the year
  its article was published.
- A meeting mention with no date joins the meeting of the same participants dated at
  most ``WINDOW_DAYS`` days before the article's publication date (a month-precision
  date counts when any day of that month is in the window; the latest such meeting
  wins); a year-precision date is too coarse to join.
- A candidate must agree with what the mention says: the same mode, host, venue and
  edition where both give one.
- An article with no publication date joins only when the store holds exactly one
  dated event it could be.
- Otherwise the mention stays apart, under an IRI that names the publication date (not
  the article), so that two copies of one story still give one node.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from ..namespace import DK, ID
from .claims import DATE, NodeClaims
from .values import as_day, choose_date, choose_value

WINDOW_DAYS = 7
AGREE = [str(DK[p]) for p in ("mode", "hostCountry", "location", "edition")]


def _said(n: NodeClaims) -> dict[str, str]:
    """An event's chosen mode, host, venue and edition (those it has)."""
    out = {}
    for p in AGREE:
        choice = choose_value(n.values.get(p, ()))
        if choice is not None:
            out[p] = choice.value
    return out


def _agree(a: dict[str, str], b: dict[str, str]) -> bool:
    """Whether two events' single values (see _said) can be one event's."""
    return all(b.get(p, v) == v for p, v in a.items())


PARTNERSHIP = str(ID) + "partnership/"


def group_of(iri: str) -> str:
    """The candidates' common part: the event IRI without its date segment (a
    membership's without its status, for the conflicts between them). A partnership
    is a group of its own: nothing joins it to another, and all the partnerships of one
    kind, as one group, would be held at once and grow with the corpus."""
    if iri.startswith(PARTNERSHIP):
        return iri
    return iri.rsplit("/", 1)[0]


def group_order(node: tuple[str, str]) -> tuple[str, str]:
    """The order describe_events takes (IRI, kind) nodes in: by group, then IRI."""
    return group_of(node[0]), node[0]


def joins(group: Iterable[NodeClaims], published: dict[str, str | None]) -> dict[str, str]:
    """{undated IRI: dated IRI} for the undated events of one group that join a dated one.
    ``published`` maps each article graph to its publication date (or None)."""
    nodes = list(group)
    dates = {}
    for n in nodes:
        choice = choose_date(n.values.get(DATE, ()))
        if choice is not None:
            dates[n.iri] = (n.kind, choice.value, _said(n))
    out = {}
    for n in nodes:
        if n.iri in dates:
            continue
        said = _said(n)
        dated = {iri: (kind, d) for iri, (kind, d, theirs) in dates.items() if _agree(said, theirs)}
        days = {published.get(g) for g in n.graphs}
        if days == {None} or not days:
            if len(dated) == 1:
                out[n.iri] = next(iter(dated))
            continue
        target = None
        for day in sorted(d for d in days if d):
            target = _summit_of_year(dated, day) if n.kind == "Summit" else _meeting_before(dated, day)
            if target:
                break
        if target:
            out[n.iri] = target
    return out


def _summit_of_year(dated: dict[str, tuple[str, str]], published: str) -> str | None:
    same = [iri for iri, (kind, d) in dated.items() if kind == "Summit" and d[:4] == published[:4]]
    return same[0] if len(same) == 1 else None


def _meeting_before(dated: dict[str, tuple[str, str]], published: str) -> str | None:
    end = as_day(published)
    start = end - timedelta(days=WINDOW_DAYS)
    best = None
    for iri, (kind, d) in dated.items():
        if kind != "Meeting" or len(d) == 4:
            continue
        if as_day(d) <= end and as_day(d, last=True) >= start:
            if best is None or (d, iri) > best:
                best = (d, iri)
    return best[1] if best else None
