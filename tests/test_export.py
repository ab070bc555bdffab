"""NetworkX view and exports: plain-string attributes, valid XML, safe HTML."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import PROV

from builder import to_networkx
from builder.export import export
from builder.namespace import DK, ID
from builder.visualize import to_html


def test_networkx_nodes_edges_and_plain_attributes(seed_graph):
    g = to_networkx(seed_graph)
    modi = g.nodes["https://w3id.org/diplokg/id/Q1058"]
    assert modi["label"] == "Narendra Modi" and modi["type"] == "Leader"
    assert modi.get("office") == "PrimeMinister"
    assert g.has_edge("https://w3id.org/diplokg/id/Q1058", "https://w3id.org/diplokg/id/Q668", key="leaderOf")
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, str) for v in attrs.values())
    for _, _, attrs in g.edges(data=True):
        assert all(isinstance(v, str) for v in attrs.values())


def test_graphml_and_gexf_are_valid_xml_that_networkx_reads_back(seed_graph):
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        data = export(seed_graph, fmt)
        ET.fromstring(data)
        import io
        back = reader(io.BytesIO(data))
        assert back.number_of_nodes() == to_networkx(seed_graph).number_of_nodes()


def test_json_node_link(seed_graph):
    data = json.loads(export(seed_graph, "json"))
    assert {"nodes", "links"} <= set(data)


def _hostile_graph() -> Graph:
    g = Graph()
    art = ID["article/x"]
    g.add((art, RDF.type, DK.Article))
    n = ID["leader/x"]
    g.add((n, RDF.type, DK.Leader))
    g.add((n, RDFS.label, Literal('</script><script>alert("x")</script>\x0b&amp;', lang="en")))
    g.add((n, PROV.wasDerivedFrom, art))
    return g


def test_control_characters_do_not_break_xml():
    for fmt in ("graphml", "gexf"):
        ET.fromstring(export(_hostile_graph(), fmt))


def test_html_is_self_contained_and_labels_cannot_close_the_script():
    page = to_html(_hostile_graph())
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "").replace("https://w3id.org", "") \
        or "src=" not in page
    assert "<script src" not in page and "cdn" not in page.lower()
    assert page.count("</script>") == 2   # the data block and the drawing script, nothing from the label
    assert "\\u003c/script\\u003e" in page
