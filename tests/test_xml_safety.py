"""No character XML 1.0 forbids reaches any serializer's output (issue 8, item 2): the
builder takes them out of the text it reads, builder.xmlsafe cleans graphs read from
files, and GraphML/GEXF carry hostile IRIs, predicates and literals."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef

from builder import build_graph, validate
from builder.cli.common import serialize
from builder.export import export
from builder.namespace import DK
from builder.text import normalize
from builder.xmlsafe import XML_FORBIDDEN, clean_graph, clean_text, is_clean

FORBIDDEN = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff", "\ud800", "\udc00"]
# names with control characters, in sentences where a meeting of two leaders is found
TEXTS = [
    ("en", "Prime Minister Zarko Ve\x01lev met President Anton Gr\x0big in Astana on 4 July 2024."),
    ("en", "Prime Minister Narendra Modi\x01 met President Kassym-Jomart Tokayev\x0b in Astana on 4 July 2024."),
    ("bn", "প্রধানমন্ত্রী জারকো ভে\x01লেভ ও প্রেসিডেন্ট আন্তন গ্রি\x0bগ ৪ জুলাই ২০২৪ আস্তানায় বৈঠক করেন।"),
    ("hi", "प्रधानमंत्री जारको वे\x01लेव और राष्ट्रपति आंतन ग्रि\x0bग ने 4 जुलाई 2024 को अस्ताना में मुलाकात की।"),
]


def _terms(g):
    return [t for triple in g for t in triple]


@pytest.mark.parametrize("ch", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def test_normalized_text_holds_no_xml_forbidden_character(ch):
    text = normalize(f"Zarko Ve{ch}lev")
    assert not XML_FORBIDDEN.search(text)
    assert text in ("Zarko Velev", "Zarko Ve\ufffdlev", "Zarko Ve\nlev")


def test_normalize_keeps_line_structure_for_vertical_tab_and_form_feed():
    assert normalize("a\x0bb\x0cc") == "a\nb\nc"


@pytest.mark.parametrize("lang,text", TEXTS, ids=[f"{t[0]}{i}" for i, t in enumerate(TEXTS)])
def test_control_characters_never_reach_the_graph(lang, text):
    g = build_graph(text, lang=lang, source="wire\x01\udc00.txt")
    assert is_clean(g)
    assert validate(g)[0]


@pytest.mark.parametrize("lang,text", TEXTS, ids=[f"{t[0]}{i}" for i, t in enumerate(TEXTS)])
def test_rdf_xml_of_an_article_with_control_characters_parses_back(lang, text):
    g = build_graph(text, lang=lang)
    data = serialize(g, "xml")
    back = Graph().parse(data=data, format="xml")
    assert set(back) == set(g)
    assert len(list(ox.parse(data, format=ox.RdfFormat.RDF_XML))) == len(g)


def test_build_rdf_xml_and_validate_it(tmp_path, run_cli):
    src = tmp_path / "a.txt"
    src.write_text(TEXTS[0][1] + "\n" + TEXTS[1][1], encoding="utf-8")
    out = tmp_path / "out.rdf"
    r = run_cli("build", src, "--lang", "en", "-o", out)
    assert r.exit_code == 0, r.output
    assert run_cli("validate", out).exit_code == 0
    ET.fromstring(out.read_bytes())


def _hostile_file_graph() -> Graph:
    """What a graph file may hold: N-Triples escapes give any character to an IRI or literal."""
    nt = ('<https://x.test/a\\u0001b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
          '<https://w3id.org/diplokg/ontology#Meeting> .\n'
          '<https://x.test/a\\u0001b> <https://w3id.org/diplokg/ontology#mode> <https://x.test/m\\u000Bode> .\n'
          '<https://x.test/a\\u0001b> <https://w3id.org/diplokg/ontology#note> "x\\u0001y\\uFFFEz" .\n'
          '<https://x.test/a\\u0001b> <https://w3id.org/diplokg/ontology#note> "tagged\\u0008"@en .\n'
          '<https://x.test/a\\u0001b> <https://w3id.org/diplokg/ontology#date> "2024\\u0001"^^'
          '<http://www.w3.org/2001/XMLSchema#gYear> .\n')
    return Graph().parse(data=nt, format="nt")


def test_clean_text():
    assert clean_text("a\x01b\x0bc\ufffe\ud800d\te\nf\rg") == "abc\ufffdd\te\nf\rg"
    assert clean_text("ভারত") == "ভারত"


def test_clean_graph_is_the_safety_net_for_graphs_read_from_files():
    g = _hostile_file_graph()
    assert not is_clean(g)
    clean = clean_graph(g)
    assert is_clean(clean) and len(clean) == len(g)
    assert Literal("xyz") in set(clean.objects())
    assert Literal("tagged", lang="en") in set(clean.objects())
    assert Literal("2024", datatype=XSD.gYear) in set(clean.objects())
    assert URIRef("https://x.test/a%01b") in set(clean.subjects())
    data = clean.serialize(format="xml", encoding="utf-8")
    ET.fromstring(data)
    assert len(Graph().parse(data=data, format="xml")) == len(g)
    assert len(list(ox.parse(data, format=ox.RdfFormat.RDF_XML))) == len(g)
    own = build_graph(TEXTS[1][1], lang="en")
    assert clean_graph(own) is own     # nothing to do: no copy


def test_graphml_and_gexf_of_hostile_iris_predicates_and_literals_parse():
    g = _hostile_file_graph()
    g.add((URIRef("https://x.test/p\ud800q"), RDF.type, DK.Country))
    g.add((URIRef("https://x.test/p\ud800q"), URIRef("https://x.test/lab\x0bel"), Literal("v\ud800\x02")))
    g.add((URIRef("https://x.test/a\x01b"), URIRef("https://x.test/rel\x02"), URIRef("https://x.test/p\ud800q")))
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        data = export(g, fmt)
        ET.fromstring(data)
        back = reader(io.BytesIO(data))
        assert set(back.nodes) == {"https://x.test/a%01b", "https://x.test/p%EF%BF%BDq"}
        assert back.number_of_edges() == 1
        text = data.decode("utf-8")
        assert not XML_FORBIDDEN.search(text)


def _hostile_with_surrogate() -> Graph:
    g = _hostile_file_graph()
    g.add((URIRef("https://x.test/s\ud800"), URIRef("https://x.test/p"), Literal("a\ud800b")))
    return g


OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
              "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}


@pytest.mark.parametrize("fmt", sorted(OX_FORMATS))
def test_every_syntax_carries_a_cleaned_file_graph(fmt):
    g = _hostile_with_surrogate()
    data = serialize(clean_graph(g), fmt)
    assert not XML_FORBIDDEN.search(data.decode("utf-8"))
    assert {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=OX_FORMATS[fmt])}
    if fmt != "json-ld":   # rdflib reads JSON-LD only with its context at hand
        assert len(Graph().parse(data=data, format={"nquads": "nquads", "trig": "trig"}.get(fmt, fmt))) >= len(g)


@pytest.mark.parametrize("fmt", sorted(OX_FORMATS))
def test_serialize_cleans_a_file_graph(fmt):
    g = _hostile_with_surrogate()
    data = serialize(g, fmt)
    assert len({(q.subject, q.predicate, q.object) for q in ox.parse(data, format=OX_FORMATS[fmt])}) == len(g)
