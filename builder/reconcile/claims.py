"""Reading claims out of a corpus store: what each article graph says of an event, a
partnership or membership, and of who held which office when.

Everything is read in batches through SPARQL over the article graphs (``GRAPH ?g``), so
each value keeps the article that stated it; nothing loads the corpus at once.
"""
from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy
import pyoxigraph as ox

from ..corpus.seen import hash64
from ..namespace import DK
from ..store.memory import release_free_memory
from ..store.iris import CONSOLIDATED

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
CONFIDENCE, EVIDENCE, DATE = str(DK.confidence), str(DK.evidence), str(DK.date)
KINDS = ("Summit", "Meeting", "Partnership", "Membership")
BATCH = 256  # nodes per query
ARTICLE_GRAPHS = f"FILTER(?g != <{CONSOLIDATED}>)"  # every named graph but the view itself


@dataclass
class NodeClaims:
    """What the article graphs say of one node: per predicate, the claims
    (value key, graph, confidence); the RDF term behind each value key; the articles."""

    iri: str
    kind: str
    values: dict[str, list[tuple[str, str, float]]] = field(default_factory=dict)
    terms: dict[str, ox.NamedNode | ox.Literal] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)

    def add(self, other: NodeClaims) -> None:
        for p, claims in other.values.items():
            self.values.setdefault(p, []).extend(claims)
        self.terms.update(other.terms)
        self.articles |= other.articles
        self.graphs |= other.graphs

    def dated(self) -> bool:
        return bool(self.values.get(DATE))


def key(term) -> str:
    """A value's key: an IRI, or a literal's lexical form (dates, editions)."""
    return term.value


def fact_nodes(store: ox.Store) -> Iterator[tuple[str, str]]:
    """(IRI, kind) of every summit, meeting, partnership and membership in the merged view."""
    for kind in KINDS:
        for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(str(DK[kind])), ox.DefaultGraph()):
            if isinstance(q.subject, ox.NamedNode):
                yield q.subject.value, kind


def read_nodes(store: ox.Store, nodes: Iterable[tuple[str, str]]) -> Iterator[NodeClaims]:
    """The claims about each (IRI, kind), read a batch at a time."""
    batch: list[tuple[str, str]] = []
    for item in nodes:
        batch.append(item)
        if len(batch) >= BATCH:
            yield from _read_batch(store, batch)
            batch = []
    if batch:
        yield from _read_batch(store, batch)


def _values(iris: Iterable[str]) -> str:
    return " ".join(str(ox.NamedNode(i)) for i in iris)


def _read_batch(store: ox.Store, batch: list[tuple[str, str]]) -> list[NodeClaims]:
    out = {iri: NodeClaims(iri, kind) for iri, kind in batch}
    pending: list[tuple[NodeClaims, str, str, ox.NamedNode | ox.Literal]] = []
    confidence: dict[tuple[str, str], float] = {}
    rows = store.query(f"SELECT ?n ?g ?p ?o WHERE {{ VALUES ?n {{ {_values(out)} }} GRAPH ?g {{ ?n ?p ?o }} "
                       f"{ARTICLE_GRAPHS} FILTER(?p != <{EVIDENCE}> && ?p != <{RDF_TYPE}>) }}")  # never read
    for row in rows:
        node, g, p, o = out[row[0].value], row[1].value, row[2].value, row[3]
        node.graphs.add(g)
        if p == CONFIDENCE:
            confidence[node.iri, g] = float(o.value)
        elif p == DERIVED:
            node.articles.add(o.value)
        else:
            pending.append((node, p, g, o))
    for node, p, g, o in pending:
        k = key(o)
        node.terms[k] = o
        node.values.setdefault(p, []).append((k, g, confidence.get((node.iri, g), 0.0)))
    return list(out.values())


class Published:
    """The publication date of each article graph (None when the article gives none),
    read in one pass over the store's dk:published triples the first time it is asked,
    and kept as two arrays sorted by the hash of the graph's IRI (a date as its bytes):
    about 20 MB a million articles, so one process reads them once for all the events
    it describes (reading them took 6.6 s at 100k articles)."""

    CHUNK = 1 << 16  # dates gathered in Python objects at once while reading

    def __init__(self, store: ox.Store):
        self.store = store
        self._keys: numpy.ndarray | None = None
        self._dates: numpy.ndarray | None = None

    def _read(self) -> None:
        keys, dates, chunk = [], [], {}

        def keep() -> None:  # the chunk gathered so far goes into arrays
            keys.append(numpy.fromiter(chunk.keys(), dtype=numpy.uint64, count=len(chunk)))
            dates.append(numpy.array(list(chunk.values()), dtype=bytes))
            chunk.clear()

        for q in self.store.quads_for_pattern(None, ox.NamedNode(str(DK.published)), None, None):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != CONSOLIDATED:
                chunk[hash64(q.graph_name.value)] = q.object.value.encode("utf-8")
                if len(chunk) >= self.CHUNK:
                    keep()
        keep()
        k, d = numpy.concatenate(keys), numpy.concatenate(dates)
        order = numpy.argsort(k, kind="stable")
        self._keys, self._dates = k[order], d[order]
        release_free_memory()  # the chunks' Python objects, freed in small pieces

    def __call__(self, graphs: Iterable[str]) -> dict[str, str | None]:
        if self._keys is None:
            self._read()
        graphs = list(graphs)
        if not graphs or not len(self._keys):
            return dict.fromkeys(graphs)
        wanted = numpy.array([hash64(g) for g in graphs], dtype=numpy.uint64)
        at = numpy.minimum(self._keys.searchsorted(wanted), len(self._keys) - 1)
        found, dates = (self._keys[at] == wanted).tolist(), self._dates[at].tolist()  # Python objects: quick
        return {g: d.decode("utf-8") if ok else None for g, d, ok in zip(graphs, dates, found)}


HOLDINGS = ("PREFIX dk: <https://w3id.org/diplokg/ontology#> "
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ")


def office_claims(store: ox.Store) -> Iterator[tuple[str, str, str, str | None, str | None, bool, float]]:
    """(graph, leader, office, state or None, as of, former, confidence) for each office
    claim of an article, with each state the same article says the leader leads (None
    when it names none).

    Two queries Oxigraph answers as it goes: the leaderOf claims first, kept as arrays
    (LeaderStates), then the office claims, each joined to them. (One query joining the two
    held every article's leaderOf claims as Oxigraph's own terms: 100 MiB at 100k
    articles.)"""
    states = LeaderStates(store)
    rows = store.query(
        HOLDINGS + "SELECT ?g ?s ?o ?c ?asOf ?f WHERE { GRAPH ?g { "
        "?st rdf:predicate dk:office ; rdf:subject ?s ; rdf:object ?o ; dk:confidence ?c . "
        "OPTIONAL { ?st dk:asOf ?asOf } OPTIONAL { ?st dk:former ?f } } " + ARTICLE_GRAPHS + " }")
    for g, leader, office, confidence, as_of, former in rows:
        graph = sys.intern(g.value)
        for state, was in states(graph, leader.value) or [(None, False)]:
            yield (graph, leader.value, office.value, state, as_of.value if as_of else None, _true(former) or was,
                   float(confidence.value))


class LeaderStates:
    """The state of every leaderOf claim of the article graphs, by (graph, leader), with
    whether the claim calls the holding former: read in one pass, kept as arrays sorted by
    the hash of graph and leader, each state a number (there are a few hundred)."""

    def __init__(self, store: ox.Store):
        keys, codes, names = array("Q"), array("q"), {}  # 16 bytes a claim while read
        rows = store.query(
            HOLDINGS + "SELECT ?g ?s ?state ?f WHERE { GRAPH ?g { "
            "?st rdf:predicate dk:leaderOf ; rdf:subject ?s ; rdf:object ?state . "
            "OPTIONAL { ?st dk:former ?f } } " + ARTICLE_GRAPHS + " }")
        for g, leader, state, former in rows:
            keys.append(_pair(g.value, leader.value))
            codes.append(2 * names.setdefault(state.value, len(names)) + _true(former))
        k = numpy.frombuffer(keys, dtype=numpy.uint64)
        order = numpy.argsort(k, kind="stable")
        self._keys, self._codes = k[order], numpy.frombuffer(codes, dtype=numpy.int64)[order]
        self._names = list(names)

    def __call__(self, graph: str, leader: str) -> list[tuple[str, bool]]:
        key = numpy.uint64(_pair(graph, leader))  # as a Python int, numpy would compare floats
        lo, hi = self._keys.searchsorted(key), self._keys.searchsorted(key, side="right")
        return [(self._names[c >> 1], bool(c & 1)) for c in self._codes[lo:hi].tolist()]


def _pair(graph: str, leader: str) -> int:
    return hash64(graph + " " + leader)  # an IRI has no space


def states_of(store: ox.Store) -> dict[str, set[str]]:
    """The states each leader is said to lead, by any article (the merged view)."""
    out: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, ox.NamedNode(str(DK.leaderOf)), None, ox.DefaultGraph()):
        out.setdefault(q.subject.value, set()).add(q.object.value)
    return out


def _true(term) -> bool:
    return term is not None and term.value in ("true", "1")
