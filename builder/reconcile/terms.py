"""Leaders over time: each office claim paired with the state the same article ties the
leader to, and the terms the sources support (earliest and latest date a claim holds at).

A claim marked ``former`` says the holding had ended by its date: it is not a current
office and never extends a term. Claims are folded into terms as they stream by: a term
keeps its dates, its articles and its best confidence, never the claims themselves.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
    graphs: set[str] = field(default_factory=set)   # articles with a current claim
    former: set[str] = field(default_factory=set)   # articles that call it past
    confidence: float = 0.0                         # the best of the current claims

    @property
    def current(self) -> bool:
        return bool(self.graphs)

    @property
    def support(self) -> int:
        return len(self.graphs)

    @property
    def span(self) -> tuple[str, str] | None:
        return (self.earliest, self.latest) if self.earliest and self.latest else None

    def add(self, graph: str, as_of: str | None, former: bool, confidence: float) -> None:
        if former:
            self.former.add(graph)
            return
        self.graphs.add(graph)
        self.confidence = max(self.confidence, confidence)
        if as_of:
            if self.earliest is None or as_day(as_of) < as_day(self.earliest):
                self.earliest = as_of
            if self.latest is None or as_day(as_of, last=True) > as_day(self.latest, last=True):
                self.latest = as_of


def terms(claims: Iterable[tuple], states: dict[str, set[str]]) -> list[Term]:
    """One term per (leader, office, state) from (graph, leader, office, state, as of,
    former, confidence) rows; a row with no state (its article names none for the
    leader) counts for the leader's one known state (``states``) when there is one."""
    found: dict[tuple[str, str, str], Term] = {}
    for graph, leader, office, state, as_of, former, confidence in claims:
        if state is None:
            known = states.get(leader, ())
            if len(known) != 1:
                continue
            state = next(iter(known))
        t = found.get((leader, office, state))
        if t is None:
            t = found[leader, office, state] = Term(leader, office, state)
        t.add(graph, as_of, former, confidence)
    return sorted(found.values(), key=lambda t: (t.state, t.office, t.earliest or "", t.leader))
