"""NetworkX view and exports: plain-string attributes, typed GraphML/GEXF with unique
edge ids, valid XML whatever the input, and the explorer page's data and safety (its
behaviour in a browser: tests/test_explorer.py)."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from builder import to_networkx
from builder.export.formats import export
from builder.export.html import to_html
from builder.namespace import DK, ID


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
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)   # the page without its scripts
    assert not re.search(r"\b(src|href)\s*=", markup) and "<link" not in markup and "<iframe" not in markup
    assert "<script src" not in page and "cdn." not in page.lower()
    assert page.count("</script>") == 2   # the data block and the drawing script, nothing from the label
    assert "\\u003c/script\\u003e" in page


# --- GraphML / GEXF: unique edge ids, typed attributes, hostile IRIs ----------------------

def _edge_ids(data: bytes) -> list[str]:
    return [e.get("id") for e in ET.fromstring(data).iter() if e.tag.rsplit("}", 1)[-1] == "edge"]


def test_edge_ids_are_unique(seed_graph):
    for fmt in ("graphml", "gexf"):
        ids = _edge_ids(export(seed_graph, fmt))
        assert len(ids) == to_networkx(seed_graph).number_of_edges() > 20
        assert len(set(ids)) == len(ids) and None not in ids


def test_graphml_and_gexf_attributes_are_typed(seed_graph):
    summit = "https://w3id.org/diplokg/id/summit/Q485207/2017"
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = reader(io.BytesIO(export(seed_graph, fmt)))
        attrs = back.nodes[summit]
        assert attrs["confidence"] == 1.0 and isinstance(attrs["confidence"], float)
        assert attrs["edition"] == 17 and isinstance(attrs["edition"], int)
        assert attrs["articles"] == 1 and isinstance(attrs["articles"], int)
        assert attrs["date"] == "2017-06" and isinstance(attrs["date"], str)
        assert attrs["label"] == "Shanghai Cooperation Organisation summit, 2017-06 (Astana)"
        leader_of = back.edges["https://w3id.org/diplokg/id/Q1058", "https://w3id.org/diplokg/id/Q668"]
        assert leader_of["relation"] == "leaderOf" and isinstance(leader_of["confidence"], float)
    graphml = export(seed_graph, "graphml").decode()
    assert 'attr.name="confidence" attr.type="double"' in graphml
    assert 'attr.name="edition" attr.type="long"' in graphml


def test_gexf_colours_nodes_by_type(seed_graph):
    root = ET.fromstring(export(seed_graph, "gexf"))
    colours = {n.get("label"): n.find("{http://www.gexf.net/1.2draft/viz}color") for n in root.iter()
               if n.tag.endswith("}node")}
    modi, india = colours["Narendra Modi"], colours["India"]
    assert (modi.get("r"), modi.get("g"), modi.get("b")) == ("214", "39", "40")
    assert (india.get("r"), india.get("g"), india.get("b")) != (modi.get("r"), modi.get("g"), modi.get("b"))


def test_control_characters_in_iris_and_predicates_do_not_break_xml():
    g = Graph()
    a, b = URIRef("https://x.test/a\x01b"), URIRef("https://x.test/c\x0bd")
    g.add((a, RDF.type, DK.Country))
    g.add((b, RDF.type, DK.Country))
    g.add((a, URIRef("https://x.test/rel\x02ation"), b))
    g.add((a, URIRef("https://x.test/no\x1fte"), Literal("v\x0c")))
    g.add((a, DK.confidence, Literal("high")))            # a string where a number is usual
    g.add((b, DK.confidence, Literal("0.5", datatype=XSD.decimal)))
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        data = export(g, fmt)
        ET.fromstring(data)
        back = reader(io.BytesIO(data))
        assert set(back.nodes) == {"https://x.test/a%01b", "https://x.test/c%0Bd"}
        assert [d["relation"] for *_, d in back.edges(data=True)] == ["relation"]
        assert {back.nodes[n]["confidence"] for n in back.nodes} == {"high", "0.5"}   # one type per name
    json.loads(export(g, "json"))


# --- the explorer page's data ------------------------------------------------------------

def _page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="diplokg-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_explorer_data_has_human_labels_search_forms_facts_and_evidence(seed_graph):
    from builder.export.explorer import explorer_data
    data = explorer_data(seed_graph)
    by_label = {n["l"]: n for n in data["nodes"]}
    tokayev = by_label["Kassym-Jomart Tokayev"]
    assert "টোকায়েভ" in tokayev["s"] and tokayev["t"] == "Leader"
    assert "Meeting (phone): Kassym-Jomart Tokayev – Narendra Modi, 2024-06-25" in by_label
    assert not any(n["t"] in ("Article", "Evidence", "Statement") for n in data["nodes"])
    facts = [data["facts"][f] for f in tokayev["f"]]
    office = next(f for f in facts if "office" in f["d"])
    assert office["c"] == 0.9 and office["d"] == "Kassym-Jomart Tokayev — office — president"
    sentence = data["evidence"][office["e"][0]]
    assert "টোকায়েভ" in sentence["t"]
    assert data["articles"][sentence["a"]]["s"].endswith("seeds/000_0fa871caced982f0.txt")
    meeting = next(f for f in facts if f["n"] >= 0)
    assert data["nodes"][meeting["n"]]["d"] == "2024-06-25"
    assert [t["name"] for t in data["types"]][:2] == ["Leader", "Country"]


def test_explorer_labels_in_bengali(seed_graph):
    from builder.export.explorer import explorer_data
    labels = {n["l"] for n in explorer_data(seed_graph, label_lang="bn")["nodes"]}
    assert {"কাসিম-জোমার্ট টোকায়েভ", "নরেন্দ্র মোদি", "কাজাখস্তান"} <= labels


def test_explorer_focus_depth_and_date_range(seed_graph):
    from builder.export.explorer import ExplorerError, explorer_data
    one = explorer_data(seed_graph, focus="wd:Q200881", depth=1)
    assert one["focus"] == "https://w3id.org/diplokg/id/Q200881"
    assert {n["l"] for n in one["nodes"]} == {
        "Kassym-Jomart Tokayev", "Kazakhstan", "Meeting (phone): Kassym-Jomart Tokayev – Narendra Modi, 2024-06-25",
        "India-Central Asia Summit, 2022-01-27 (host: India)"}
    assert all(0 <= e["a"] < len(one["nodes"]) and 0 <= e["b"] < len(one["nodes"]) for e in one["edges"])
    two = explorer_data(seed_graph, focus="<https://w3id.org/diplokg/id/Q200881>", depth=2)
    assert "Narendra Modi" in {n["l"] for n in two["nodes"]} and len(two["nodes"]) > len(one["nodes"])
    dated = explorer_data(seed_graph, since="2023", until="2024-06")
    assert sorted(n["d"] for n in dated["nodes"] if n["t"] in ("Summit", "Meeting")) == ["2023", "2024-06-25"]
    with pytest.raises(ExplorerError, match="no such entity"):
        explorer_data(seed_graph, focus="wd:Q1")
    with pytest.raises(ExplorerError, match="not a date"):
        explorer_data(seed_graph, since="June")


def test_html_page_inlines_vis_network_under_a_hash_only_csp(seed_graph):
    page = to_html(seed_graph)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "vis-network" in page and page.count("</script>") == 2
    assert _page_data(page)["nodes"]


def test_labels_cannot_close_the_data_script():
    page = to_html(_hostile_graph())
    data = re.search(r'<script type="application/json" id="diplokg-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data and "&" not in data
    assert any(n["l"].startswith("</script>") for n in _page_data(page)["nodes"])


def test_html_without_pyvis_fails_with_a_clear_line(monkeypatch, tmp_path, run_cli):
    from builder.export import vendor
    vendor.vis_network_js.cache_clear()
    monkeypatch.setattr(vendor.importlib.util, "find_spec", lambda name: None)
    graph = tmp_path / "g.ttl"
    _hostile_graph().serialize(graph, format="turtle")
    try:
        result = run_cli(*["export", str(graph), "--to", "html", "-o", str(tmp_path / "g.html")])
    finally:
        vendor.vis_network_js.cache_clear()
    assert result.exit_code == 2
    assert "pip install 'diplokg[html]'" in result.output and not (tmp_path / "g.html").exists()


def test_cli_export_html_focus_and_label_lang(seed_graph, tmp_path, run_cli):
    graph = tmp_path / "seed.ttl"
    seed_graph.serialize(graph, format="turtle")
    out = tmp_path / "seed.html"
    result = run_cli(*["export", str(graph), "--to", "html", "--focus", "wd:Q1058", "--depth", "1",
                      "--label-lang", "bn", "-o", str(out)])
    assert result.exit_code == 0, result.output
    labels = {n["l"] for n in _page_data(out.read_text("utf-8"))["nodes"]}
    assert "নরেন্দ্র মোদি" in labels and "কাসিম-জোমার্ট টোকায়েভ" not in labels
    bad = run_cli(*["export", str(graph), "--to", "graphml", "--focus", "wd:Q1058"])
    assert bad.exit_code == 2 and "--focus" in bad.output
