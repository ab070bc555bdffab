"""NetworkX view of a diplokg graph, and GraphML / GEXF / JSON exports of it.

Nodes are the graph's IRIs (as strings); every attribute is a plain string, never an rdflib term, so that GraphML and GEXF writers accept them and other
tools read them back.  Literal-valued properties become node attributes; IRI-valued
ones become edges labelled with the property's local name.
"""
from __future__ import annotations

import json
import re
from io import BytesIO

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from .namespace import DK

# Characters XML 1.0 forbids; a label from the web may carry them.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SKIP_EDGES = {PROV.wasDerivedFrom, DK.evidence, RDF.subject, RDF.object, RDF.predicate}


def local(term) -> str:
    return re.split(r"[#/]", str(term))[-1]


def _clean(text: str) -> str:
    return _XML_BAD.sub("", str(text))


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities, events and articles as nodes; relations as labelled edges."""
    g = nx.MultiDiGraph()
    typed = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    typed -= set(graph.subjects(RDF.type, RDF.Statement)) | set(graph.subjects(RDF.type, DK.Evidence))
    for node in sorted(typed, key=str):
        types = sorted(local(t) for t in graph.objects(node, RDF.type))
        labels = [o for o in graph.objects(node, RDFS.label)]
        label = next((str(o) for o in labels if getattr(o, "language", None) == "en"), None) \
            or (str(labels[0]) if labels else local(node))
        attrs = {"type": _clean(",".join(types)), "label": _clean(label)}
        alts = sorted({_clean(str(o)) for o in graph.objects(node, SKOS.altLabel)})
        if alts:
            attrs["altLabels"] = " | ".join(alts)
        same = sorted(str(o) for o in graph.objects(node, OWL.sameAs))
        if same:
            attrs["wikidata"] = " ".join(same)
        for p, o in graph.predicate_objects(node):
            if isinstance(o, Literal) and p not in (RDFS.label, SKOS.altLabel):
                key = local(p)
                value = _clean(str(o))
                attrs[key] = value if key not in attrs else f"{attrs[key]} | {value}"
        g.add_node(str(node), **attrs)
    for s, p, o in graph:
        if p in SKIP_EDGES or p == RDF.type or not isinstance(o, URIRef):
            continue
        if str(s) in g and str(o) in g:
            g.add_edge(str(s), str(o), key=local(p), relation=local(p))
        elif str(s) in g and p in (DK.office, DK.mode, DK.kind, DK.status):
            g.nodes[str(s)][local(p)] = local(o)
    return g


def export(graph: Graph, fmt: str) -> bytes:
    """The graph as 'graphml', 'gexf' or 'json' (node-link) bytes, UTF-8."""
    nxg = to_networkx(graph)
    if fmt == "json":
        data = nx.node_link_data(nxg, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    buf = BytesIO()
    if fmt == "graphml":
        nx.write_graphml(nxg, buf, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(nxg, buf, encoding="utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose graphml, gexf or json")
    return buf.getvalue()
