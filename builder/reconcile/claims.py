"""Reading claims out of a corpus store: what each article graph says of an event, a
partnership or membership, and of who held which office when.

Everything is read in batches through SPARQL over the article graphs (``GRAPH ?g``), so
each value keeps the article that stated it; nothing loads the corpus at once.
"""
from __future__ import annotations

import sys
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
    when it names none)."""
    rows = store.query(
        HOLDINGS + "SELECT ?g ?s ?o ?state ?asOf ?f1 ?f2 ?c WHERE { GRAPH ?g { "
        "?st rdf:predicate dk:office ; rdf:subject ?s ; rdf:object ?o ; dk:confidence ?c . "
        "OPTIONAL { ?st2 rdf:predicate dk:leaderOf ; rdf:subject ?s ; rdf:object ?state . "
        "OPTIONAL { ?st2 dk:former ?f2 } } "
        "OPTIONAL { ?st dk:asOf ?asOf } OPTIONAL { ?st dk:former ?f1 } } "
        + ARTICLE_GRAPHS + " }")
    for r in rows:
        yield (sys.intern(r[0].value), r[1].value, r[2].value, r[3].value if r[3] else None,
               r[4].value if r[4] else None, _true(r[5]) or _true(r[6]), float(r[7].value))


def states_of(store: ox.Store) -> dict[str, set[str]]:
    """The states each leader is said to lead, by any article (the merged view)."""
    out: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, ox.NamedNode(str(DK.leaderOf)), None, ox.DefaultGraph()):
        out.setdefault(q.subject.value, set()).add(q.object.value)
    return out


def _true(term) -> bool:
    return term is not None and term.value in ("true", "1")
