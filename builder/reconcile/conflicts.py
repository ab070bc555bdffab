"""Where sources disagree: values of one event property that cannot both hold, a leader
in two offices of a state at once, an office of a state held by two people at once, and
a membership with two statuses in one year.

Each conflict lists its sides; each side its value, the article graphs behind it and
their best confidence. Evidence sentences are looked up for the report only.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespace import DK
from .claims import NodeClaims
from .terms import EXCLUSIVE, Term
from .values import Side, date_sides, overlaps, value_sides

SINGLE = {str(DK[p]): p for p in ("date", "hostCountry", "location", "edition", "mode")}


@dataclass
class Conflict:
    subject: str          # the event, leader, state or membership the sources disagree on
    kind: str             # Summit, Meeting, Leader, Office, Membership
    property: str         # date, hostCountry, location, edition, mode, office, holder, status
    sides: list[Side]
    about: list[str] = field(default_factory=list)  # the nodes whose evidence backs the sides
    evidence: dict[str, list[str]] = field(default_factory=dict)  # graph -> evidence sentences

    @property
    def weight(self) -> tuple[int, int]:
        sizes = [len(s.sources) for s in self.sides]
        return sum(sizes), min(sizes)


def event_conflicts(node: NodeClaims, joined: Iterable[str] = ()) -> list[Conflict]:
    """The single-valued properties of an event (with what joined it) that disagree."""
    out = []
    for p, name in SINGLE.items():
        claims = node.values.get(p, ())
        sides = date_sides(claims) if name == "date" else value_sides(claims)
        if sides:
            out.append(Conflict(node.iri, node.kind, name, sides, [node.iri, *joined]))
    return out


def _side(value: str, term: Term) -> Side:
    return Side(value, frozenset(term.graphs or ()), term.confidence)  # no graphs: only counted


def term_conflicts(terms: Iterable[Term]) -> list[Conflict]:
    """Two exclusive offices of one state held by one leader at once; one exclusive office
    of a state held by two leaders at once (terms as dated by current claims)."""
    current = [t for t in terms if t.office in EXCLUSIVE and t.span]
    out = []
    by_leader: dict[tuple[str, str], list[Term]] = defaultdict(list)
    by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for t in current:
        by_leader[t.leader, t.state].append(t)
        by_office[t.office, t.state].append(t)
    for (leader, _), ts in sorted(by_leader.items()):
        clash = _overlapping(ts)
        if clash:
            out.append(Conflict(leader, "Leader", "office", [_side(t.office, t) for t in clash], [leader]))
    for (office, state), ts in sorted(by_office.items()):
        clash = _overlapping(ts)
        if clash:
            out.append(Conflict(state, "Office", "holder " + office.rsplit("#", 1)[-1],
                                [_side(t.leader, t) for t in clash], [t.leader for t in clash]))
    return out


def _overlapping(ts: list[Term]) -> list[Term]:
    """The terms that overlap another of the list."""
    return [t for t in ts if any(o is not t and overlaps(t.span, o.span) for o in ts)]


def membership_conflicts(nodes: Iterable[NodeClaims], published: dict[str, str | None]) -> list[Conflict]:
    """A member given two statuses in one organisation by articles of the same year."""
    member, org, status = str(DK.member), str(DK.organization), str(DK.status)
    groups: dict[tuple[str, str], list[NodeClaims]] = defaultdict(list)
    for n in nodes:
        if n.kind == "Membership" and n.values.get(member) and n.values.get(org):
            groups[n.values[member][0][0], n.values[org][0][0]].append(n)
    out = []
    for (m, o), ns in sorted(groups.items()):
        by_year: dict[str | None, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for n in ns:
            for value, g, conf in n.values.get(status, ()):
                day = published.get(g)
                by_year[day[:4] if day else None][value].append((g, conf))
        for statuses in by_year.values():
            if len(statuses) > 1:
                sides = [Side(v, frozenset(g for g, _ in cs), max(c for _, c in cs)) for v, cs in sorted(statuses.items())]
                out.append(Conflict(m, "Membership", "status in " + o, sides, [n.iri for n in ns]))
                break
    return out


def add_evidence(store: ox.Store, conflicts: list[Conflict]) -> None:
    """The evidence sentences behind each side of each conflict, from its article graphs."""
    for c in conflicts:
        for g in sorted({g for side in c.sides for g in side.sources}):
            subjects = " ".join(str(ox.NamedNode(i)) for i in c.about)
            c.evidence[g] = sorted({r[0].value for r in store.query(
                "PREFIX dk: <https://w3id.org/diplokg/ontology#> "
                "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
                f"SELECT DISTINCT ?text WHERE {{ VALUES ?s {{ {subjects} }} GRAPH {ox.NamedNode(g)} {{ "
                "{ ?s dk:evidence ?ev } UNION { ?st rdf:subject ?s ; dk:evidence ?ev } "
                "?ev dk:sentenceText ?text } }")})
