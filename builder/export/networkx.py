"""A NetworkX view of a diplokg graph.

Nodes are the graph's typed IRIs (as strings): entities, events and articles, never the
reified statements or evidence nodes. Literal-valued properties become node attributes;
IRI-valued ones become edges labelled with the property's local name (``relation``),
keyed by it, with the ``confidence`` of the reified statement behind them when there is
one. ``label`` is a human label (see :mod:`builder.export.labels`), ``type`` the node's
classes, ``articles`` the number of articles it was read from.

By default every attribute is a plain ``str`` (never an rdflib term). With
``typed=True``, numbers stay numbers: integers as ``int``, decimals and doubles as
``float`` (a property given several numbers keeps the highest); dates stay text.
"""
from __future__ import annotations

from decimal import Decimal

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from ..namespace import DK
from ..xmlsafe import clean_text as clean   # no character XML 1.0 forbids, lone surrogates included
from .labels import Labeller, local

SKIP_EDGES = {PROV.wasDerivedFrom, DK.evidence, RDF.subject, RDF.object, RDF.predicate}
VALUE_EDGES = (DK.office, DK.mode, DK.kind, DK.status)   # IRIs that are values, not nodes
_INTEGER = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger}
_REAL = {XSD.decimal, XSD.double, XSD.float}


def _value(o: Literal, typed: bool):
    if typed:
        try:
            if o.datatype in _INTEGER:
                return int(o)
            if o.datatype in _REAL:
                return float(Decimal(str(o)))
        except (ValueError, ArithmeticError):
            pass
    return clean(o)


def _key(terms) -> tuple:
    return tuple((type(t).__name__, str(t)) for t in terms)


def _merge(old, new):
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return max(old, new)
    return f"{old} | {new}"


def statement_confidences(graph: Graph) -> dict[tuple, float]:
    """(subject, predicate, object) -> the highest confidence of a reified statement of it."""
    found: dict[tuple, float] = {}
    for st in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        for c in graph.objects(st, DK.confidence):
            try:
                found[triple] = max(found.get(triple, 0.0), float(Decimal(str(c))))
            except ArithmeticError:
                continue
    return found


def to_networkx(graph: Graph, *, typed: bool = False, label_lang: str = "en") -> nx.MultiDiGraph:
    """Entities, events and articles as nodes; relations as labelled edges."""
    g = nx.MultiDiGraph()
    label = Labeller(graph, label_lang)
    typed_nodes = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    typed_nodes -= set(graph.subjects(RDF.type, RDF.Statement)) | set(graph.subjects(RDF.type, DK.Evidence))
    count = int if typed else str
    for node in sorted(typed_nodes, key=str):
        types = sorted(local(t) for t in graph.objects(node, RDF.type))
        attrs = {"type": clean(",".join(types)), "label": clean(label(node))}
        alts = sorted({clean(o) for o in graph.objects(node, SKOS.altLabel)})
        if alts:
            attrs["altLabels"] = " | ".join(alts)
        same = sorted(str(o) for o in graph.objects(node, OWL.sameAs))
        if same:
            attrs["wikidata"] = clean(" ".join(same))
        for p, o in sorted(graph.predicate_objects(node), key=_key):
            if isinstance(o, Literal) and p not in (RDFS.label, SKOS.altLabel):
                key, value = clean(local(p)), _value(o, typed)
                attrs[key] = value if key not in attrs else _merge(attrs[key], value)
        attrs["articles"] = count(len(set(graph.objects(node, PROV.wasDerivedFrom))))
        g.add_node(str(node), **attrs)
    confidence = statement_confidences(graph)
    for s, p, o in sorted(graph, key=_key):
        if p in SKIP_EDGES or p == RDF.type or not isinstance(o, URIRef):
            continue
        if str(s) in g and str(o) in g:
            edge = {"relation": clean(local(p))}
            if (s, p, o) in confidence:
                edge["confidence"] = confidence[(s, p, o)] if typed else str(confidence[(s, p, o)])
            g.add_edge(str(s), str(o), key=clean(local(p)), **edge)
        elif str(s) in g and p in VALUE_EDGES:
            g.nodes[str(s)][clean(local(p))] = clean(local(o))
    return g
