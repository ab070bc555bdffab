"""Leaders over time: each office claim paired with the state the same article ties the
leader to, and the terms the sources support (earliest and latest date a claim holds at).

A claim marked ``former`` says the holding had ended by its date: it is not a current
office and never extends a term.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..namespace import DK
from .claims import Holding
from .values import as_day

OFFICE, LEADER_OF = str(DK.office), str(DK.leaderOf)
# offices one person holds for a state at a time, and that one person at a time holds
EXCLUSIVE = {str(DK[o]) for o in ("President", "PrimeMinister", "VicePresident", "ChiefAdviser",
                                  "Monarch", "Chancellor", "ForeignMinister")}


@dataclass(frozen=True)
class TermClaim:
    leader: str
    office: str
    state: str
    as_of: str | None
    former: bool
    graph: str
    confidence: float
    evidence: str | None


@dataclass
class Term:
    leader: str
    office: str
    state: str
    earliest: str | None = None
    latest: str | None = None
    claims: list[TermClaim] = field(default_factory=list)

    @property
    def current(self) -> list[TermClaim]:
        return [c for c in self.claims if not c.former]

    @property
    def support(self) -> int:
        return len({c.graph for c in self.current})

    @property
    def span(self) -> tuple[str, str] | None:
        return (self.earliest, self.latest) if self.earliest and self.latest else None


def term_claims(holdings: Iterable[Holding]) -> list[TermClaim]:
    """Each office claim with the state its article ties the leader to (the leader's one
    known state when the article names none)."""
    by_graph: dict[tuple[str, str], dict[str, dict[str, Holding]]] = defaultdict(lambda: {OFFICE: {}, LEADER_OF: {}})
    states_of: dict[str, set[str]] = defaultdict(set)
    for h in holdings:
        slot = by_graph[h.graph, h.leader][h.predicate]
        slot.setdefault(h.value, h)
        if h.predicate == LEADER_OF:
            states_of[h.leader].add(h.value)
    out = []
    for (graph, leader), claims in by_graph.items():
        states = claims[LEADER_OF] or {s: None for s in states_of[leader] if len(states_of[leader]) == 1}
        for office, h in claims[OFFICE].items():
            for state, sh in states.items():
                former = h.former or bool(sh and sh.former)
                out.append(TermClaim(leader, office, state, h.as_of, former, graph,
                                     min(h.confidence, sh.confidence) if sh else h.confidence, h.evidence))
    return out


def terms(claims: Iterable[TermClaim]) -> list[Term]:
    """One term per (leader, office, state), dated by its current claims."""
    found: dict[tuple[str, str, str], Term] = {}
    for c in claims:
        t = found.setdefault((c.leader, c.office, c.state), Term(c.leader, c.office, c.state))
        t.claims.append(c)
        if c.former or not c.as_of:
            continue
        if t.earliest is None or as_day(c.as_of) < as_day(t.earliest):
            t.earliest = c.as_of
        if t.latest is None or as_day(c.as_of, last=True) > as_day(t.latest, last=True):
            t.latest = c.as_of
    return sorted(found.values(), key=lambda t: (t.state, t.office, t.earliest or "", t.leader))
