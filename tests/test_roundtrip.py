"""Every graph the builder writes parses in a second, independent parser (pyoxigraph)
to the same triples."""
from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

pyoxigraph = pytest.importorskip("pyoxigraph")

FORMATS = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
           "nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG}


def _term(t) -> str:
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, BNode):
        return "_"
    if isinstance(t, Literal):
        if t.language:
            return f'"{t}"@{t.language}'
        return f'"{t}"^^<{t.datatype or "http://www.w3.org/2001/XMLSchema#string"}>'
    raise TypeError(t)


def _ox(t) -> str:
    if isinstance(t, pyoxigraph.NamedNode):
        return f"<{t.value}>"
    if isinstance(t, pyoxigraph.BlankNode):
        return "_"
    if t.language:
        return f'"{t.value}"@{t.language}'
    return f'"{t.value}"^^<{t.datatype.value}>'


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_pyoxigraph_reads_the_same_triples(seed_graph, fmt):
    from builder.cli import serialize
    data = serialize(seed_graph, fmt)
    ours = sorted((_term(s), _term(p), _term(o)) for s, p, o in seed_graph)
    quads = list(pyoxigraph.parse(data, format=FORMATS[fmt]))
    # N-Quads and TriG carry the graph twice: in a named graph, and in the default graph
    # (the merged view a graph database queries by default); each is the whole graph
    for name in {q.graph_name for q in quads}:
        theirs = sorted((_ox(q.subject), _ox(q.predicate), _ox(q.object)) for q in quads if q.graph_name == name)
        assert ours == theirs, name


def test_hostile_text_stays_data(tmp_path):
    """Quotes, angle brackets, newlines and script tags in a name survive as literals."""
    from builder import build_graph
    from builder.cli import serialize
    text = 'President "Evil> <script>alert(1)</script>\\n" said. Prime Minister Narendra Modi spoke on phone today with President Vladimir Putin.'
    g = build_graph(text, lang="en", published="2020-10-07")
    data = serialize(g, "turtle")
    triples = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(g)
