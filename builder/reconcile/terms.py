"""Leaders over time: each office claim paired with the state the same article ties the
leader to, and the terms the sources support (earliest and latest date a claim holds at).

A claim marked ``former`` says the holding had ended by its date: it is not a current
office and never extends a term. Claims are folded into terms as they stream by: a term
keeps its dates, its support and its best confidence, never the claims themselves.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy

from ..corpus.seen import hash64
from ..namespace import DK
from .values import as_day

OFFICE, LEADER_OF = str(DK.office), str(DK.leaderOf)
# offices one person holds for a state at a time, and that one person at a time holds
EXCLUSIVE = {str(DK[o]) for o in ("President", "PrimeMinister", "VicePresident", "ChiefAdviser",
                                  "Monarch", "Chancellor", "ForeignMinister")}


@dataclass
class Term:
    """A leader in an office of a state, as the articles date it."""

    leader: str
    office: str
    state: str
    earliest: str | None = None
    latest: str | None = None
    support: int = 0                 # articles with a current claim
    confidence: float = 0.0          # the best of the current claims
    graphs: set[str] | None = None   # those articles, where asked for (see terms)

    @property
    def current(self) -> bool:
        return self.support > 0

    @property
    def span(self) -> tuple[str, str] | None:
        return (self.earliest, self.latest) if self.earliest and self.latest else None

    def add(self, as_of: str | None, confidence: float) -> None:
        """A current claim (one the article does not call former) of this term."""
        self.confidence = max(self.confidence, confidence)
        if as_of:
            if self.earliest is None or as_day(as_of) < as_day(self.earliest):
                self.earliest = as_of
            if self.latest is None or as_day(as_of, last=True) > as_day(self.latest, last=True):
                self.latest = as_of


def terms(claims: Iterable[tuple], states: dict[str, set[str]], *, sources: bool = False) -> list[Term]:
    """One term per (leader, office, state) from (graph, leader, office, state, as of,
    former, confidence) rows; a row with no state (its article names none for the
    leader) counts for the leader's one known state (``states``) when there is one.
    Each term's support counts the articles of its current claims, which are kept as
    (term, hash of the article) numbers, 16 bytes a claim; with ``sources``, each term
    keeps its articles' IRIs too (``graphs``: the conflicts' sides name them)."""
    index: dict[tuple[str, str, str], int] = {}  # each term's place in ``made``
    made: list[Term] = []
    claimed, articles = array("Q"), array("Q")  # a current claim's term, and its article's hash
    for graph, leader, office, state, as_of, former, confidence in claims:
        if state is None:
            known = states.get(leader, ())
            if len(known) != 1:
                continue
            state = next(iter(known))
        i = index.get((leader, office, state))
        if i is None:
            i = index[leader, office, state] = len(made)
            made.append(Term(leader, office, state, graphs=set() if sources else None))
        if former:  # the holding had ended by then: the term exists, current or not
            continue
        made[i].add(as_of, confidence)
        claimed.append(i)
        articles.append(hash64(graph))
        if sources:
            made[i].graphs.add(graph)
    if claimed:
        pairs = numpy.unique(numpy.stack([numpy.frombuffer(claimed, dtype=numpy.uint64),
                                          numpy.frombuffer(articles, dtype=numpy.uint64)], axis=1), axis=0)
        for t, n in zip(made, numpy.bincount(pairs[:, 0].astype(numpy.int64), minlength=len(made)).tolist()):
            t.support = n
    return sorted(made, key=lambda t: (t.state, t.office, t.earliest or "", t.leader))
