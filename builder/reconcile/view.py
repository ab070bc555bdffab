"""The consolidated view's triples: one description per event, partnership, membership,
leader term and named thing, as quads in the consolidated graph."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyoxigraph as ox

from ..model import DateValue
from ..namespace import DK, ID
from ..rdf import confidence_literal, date_literal
from ..store.iris import CONSOLIDATED
from ..store.terms import to_ox
from .claims import DATE, DERIVED, RDF_TYPE, NodeClaims
from .terms import LEADER_OF, OFFICE, Term
from .values import Choice, choose_date, choose_value

GRAPH = ox.NamedNode(CONSOLIDATED)
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
# properties of which an event (or a partnership, a membership) has one value
SINGLE = [str(DK[p]) for p in ("date", "hostCountry", "location", "edition", "mode", "since")]
# properties whose values add up over the articles, and name things to describe
MULTI = [str(DK[p]) for p in ("participant", "organizedBy", "inSeries", "partner", "member", "organization",
                              "kind", "status")]
NAMES = {str(DK[p]) for p in ("participant", "organizedBy", "inSeries", "partner", "member", "organization",
                              "hostCountry", "location")}


def _q(s, p: str, o) -> ox.Quad:
    return ox.Quad(s, _predicate(p), o, GRAPH)


@lru_cache(maxsize=256)  # the view's few predicates
def _predicate(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


@lru_cache(maxsize=4096)  # few distinct values, made again and again
def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_node(XSD + "integer"))


@lru_cache(maxsize=4096)  # few distinct values, made again and again
def _decimal(x: float) -> ox.Literal:
    return to_ox(confidence_literal(x))  # the article graphs' form of a confidence


@lru_cache(maxsize=4096)  # few distinct values, made again and again
def _date(iso: str) -> ox.Literal:
    return to_ox(date_literal(DateValue(iso)))  # xsd:gYear, gYearMonth or date, as the article graphs write it


def statement(s: ox.NamedNode, p: str, o, choice: Choice) -> list[ox.Quad]:
    """The chosen value, and a statement about it carrying its support and confidence."""
    st = _node(str(ID) + "consolidated/" + hashlib.sha256((s.value + " " + p).encode()).hexdigest()[:16])
    return [_q(s, p, o), _q(st, RDF_TYPE, _node(RDF + "Statement")), _q(st, RDF + "subject", s),
            _q(st, RDF + "predicate", _node(p)), _q(st, RDF + "object", o),
            _q(st, str(DK.support), _integer(choice.support)), _q(st, str(DK.confidence), _decimal(choice.confidence))]


def describe(node: NodeClaims, joined: Iterable[str] = ()) -> Iterator[ox.Quad]:
    """A fact node in the view: its type, every value of its multi-valued properties,
    one value of each single-valued one, its articles, and the mentions joined to it."""
    s = _node(node.iri)
    yield _q(s, RDF_TYPE, _node(str(DK[node.kind])))
    for p in MULTI:
        for k in sorted({k for k, _, _ in node.values.get(p, ())}):
            yield _q(s, p, node.terms[k])
    for p in SINGLE:
        claims = node.values.get(p, ())
        choice = (choose_date if p in (DATE, str(DK.since)) else choose_value)(claims) if claims else None
        if choice is not None:
            yield from statement(s, p, node.terms[choice.value], choice)
    for a in sorted(node.articles):
        yield _q(s, DERIVED, _node(a))
    for u in sorted(joined):
        yield _q(_node(u), str(DK.sameEventAs), s)


def named_things(node: NodeClaims) -> set[str]:
    """The things a fact node names (participants, organisers, partners, venues …)."""
    return {k for p in NAMES for k, _, _ in node.values.get(p, ())}


def describe_terms(terms: list[Term]) -> Iterator[ox.Quad]:
    """Each term, and each leader's current offices and states (claims not marked former)."""
    current: set[tuple[str, str, str]] = set()
    for t in terms:
        if not t.current:  # only ever called former
            continue
        current.add((t.leader, OFFICE, t.office))
        current.add((t.leader, LEADER_OF, t.state))
        n = _node(str(ID) + "term/" + hashlib.sha256(f"{t.leader} {t.office} {t.state}".encode()).hexdigest()[:16])
        yield _q(n, RDF_TYPE, _node(str(DK.Term)))
        yield _q(n, str(DK.holder), _node(t.leader))
        yield _q(n, str(DK.heldOffice), _node(t.office))
        yield _q(n, str(DK.ofCountry), _node(t.state))
        yield _q(n, str(DK.support), _integer(t.support))
        yield _q(n, str(DK.confidence), _decimal(t.confidence))
        if t.earliest:
            yield _q(n, str(DK.earliest), _date(t.earliest))
            yield _q(n, str(DK.latest), _date(t.latest))
    for leader, p, o in sorted(current):
        yield _q(_node(leader), p, _node(o))


def copy_descriptions(store: ox.Store, iris: Iterable[str], *, leaders: Iterable[str] = ()) -> Iterator[ox.Quad]:
    """Type, labels and Wikidata link of each named thing from the merged view (and, for
    leaders, the articles that name them), for the view's queries to show."""
    props = [RDF_TYPE, "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2002/07/owl#sameAs"]
    for iri in sorted(set(iris)):
        s = _node(iri)
        for p in props:
            for q in store.quads_for_pattern(s, _node(p), None, ox.DefaultGraph()):
                yield _q(s, p, q.object)
    for iri in sorted(set(leaders)):
        s = _node(iri)
        for q in store.quads_for_pattern(s, _node(DERIVED), None, ox.DefaultGraph()):
            yield _q(s, DERIVED, q.object)
