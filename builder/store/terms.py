"""rdflib terms to pyoxigraph terms and back. pyoxigraph checks every IRI it is given,
so a term that no RDF parser would accept fails here, naming the term."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef


def to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


class OxTerms:
    """to_ox with a memory: an article batch names the same predicates, classes and
    entities over and over, and each is converted (and checked) once."""

    def __init__(self):
        self._seen: dict = {}
        self._text: dict = {}

    def __call__(self, term):
        # keyed by (class, term): a Literal and a URIRef with the same text are equal strings
        key = (type(term), term)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = to_ox(term)
        return found

    def text(self, term) -> str:
        """The term as N-Triples writes it (pyoxigraph's own escaping), memoised."""
        key = (type(term), term)
        found = self._text.get(key)
        if found is None:
            found = self._text[key] = str(self(term))
        return found


def ntriples(triples, terms: OxTerms | None = None) -> bytes:
    """Triples (rdflib terms) as N-Triples, one per line (ValueError on a term that is not
    valid RDF), each term written by pyoxigraph. No line break can occur inside a line:
    literals escape theirs."""
    text = (terms or OxTerms()).text
    return "".join([f"{text(s)} {text(p)} {text(o)} .\n" for s, p, o in triples]).encode("utf-8")


def in_graph(ntriples: bytes, iri: str) -> bytes:
    """N-Triples made N-Quads in the named graph ``iri`` (an IRI pyoxigraph accepted): each
    line's final " ." is the only one followed by a line break."""
    return ntriples.replace(b" .\n", b" <" + iri.encode() + b"> .\n")


def graph_quads(graph, graph_name: ox.NamedNode, convert=to_ox) -> list[ox.Quad]:
    """The triples of an rdflib graph (or any iterable of triples) as quads in one named
    graph (ValueError on a term that is not valid RDF)."""
    return [ox.Quad(convert(s), convert(p), convert(o), graph_name) for s, p, o in graph]
