"""SHACL shapes: the builder's graphs conform; broken graphs fail with actionable messages."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from builder import validate
from builder.namespace import DK, ID


def test_seed_graph_conforms(seed_graph):
    conforms, _, report = validate(seed_graph)
    assert conforms, report


def test_validate_does_not_change_the_graph(seed_graph):
    before = len(seed_graph)
    validate(seed_graph)
    assert len(seed_graph) == before


def _base() -> tuple[Graph, URIRef]:
    g = Graph()
    art = ID["article/test"]
    g.add((art, RDF.type, DK.Article))
    g.add((art, DK.source, Literal("test.txt")))
    g.add((art, DK.language, Literal("bn", datatype=XSD.language)))
    g.add((art, DK.contentHash, Literal("sha256:" + "0" * 64)))
    return g, art


def _country(g, art, key, label):
    n = ID[key]
    g.add((n, RDF.type, DK.Country))
    g.add((n, RDFS.label, Literal(label, lang="en")))
    g.add((n, PROV.wasDerivedFrom, art))
    return n


def _fact(g, art, node, cls):
    ev = ID["evidence/test/0"]
    g.add((ev, RDF.type, DK.Evidence))
    for p, v in ((DK.sentenceIndex, 0), (DK.startOffset, 0), (DK.endOffset, 5)):
        g.add((ev, p, Literal(v)))
    g.add((ev, DK.sentenceText, Literal("ভারত", lang="bn")))
    g.add((ev, PROV.wasDerivedFrom, art))
    g.add((node, RDF.type, cls))
    g.add((node, DK.evidence, ev))
    g.add((node, DK.confidence, Literal(Decimal("0.9"))))
    g.add((node, PROV.wasDerivedFrom, art))


def messages(g: Graph) -> str:
    conforms, results, text = validate(g)
    assert not conforms
    return text


def test_partnership_needs_two_partners():
    g, art = _base()
    ind = _country(g, art, "Q668", "India")
    p = ID["partnership/x"]
    _fact(g, art, p, DK.Partnership)
    g.add((p, DK.partner, ind))
    g.add((p, DK.kind, DK.StrategicPartnership))
    assert "two or more distinct dk:partner" in messages(g)


def test_membership_needs_exactly_one_member_and_a_status():
    g, art = _base()
    a, b = _country(g, art, "Q668", "India"), _country(g, art, "Q232", "Kazakhstan")
    m = ID["membership/x"]
    _fact(g, art, m, DK.Membership)
    g.add((m, DK.member, a))
    g.add((m, DK.member, b))
    text = messages(g)
    assert "exactly one dk:member" in text
    assert "exactly one dk:organization" in text
    assert "exactly one dk:status" in text


def test_summit_held_by_a_ministry_fails():
    g, art = _base()
    mea = ID["ministry/mea"]
    g.add((mea, RDF.type, DK.Ministry))
    g.add((mea, RDFS.label, Literal("MEA", lang="en")))
    g.add((mea, PROV.wasDerivedFrom, art))
    s = ID["summit/x"]
    _fact(g, art, s, DK.Summit)
    g.add((s, DK.organizedBy, mea))
    assert "held by an organisation, not a ministry" in messages(g)


@pytest.mark.parametrize("value", [Literal("June 2024"), Literal("2024-06-25", datatype=XSD.dateTime),
                                   Literal(2024)])
def test_dates_must_be_date_gyearmonth_or_gyear(value):
    g, art = _base()
    a, b = _country(g, art, "Q668", "India"), _country(g, art, "Q232", "Kazakhstan")
    p = ID["partnership/x"]
    _fact(g, art, p, DK.Partnership)
    for c in (a, b):
        g.add((p, DK.partner, c))
    g.add((p, DK.kind, DK.DiplomaticRelations))
    g.add((p, DK.since, value))
    assert "dk:since must be an xsd:date, xsd:gYearMonth or xsd:gYear" in messages(g)


def test_every_node_needs_provenance():
    g, art = _base()
    n = ID["Q668"]
    g.add((n, RDF.type, DK.Country))
    g.add((n, RDFS.label, Literal("India", lang="en")))
    assert "which article it was read from" in messages(g)


def test_label_needs_language_tag_and_sameas_wikidata():
    g, art = _base()
    n = _country(g, art, "Q668", "India")
    g.remove((n, RDFS.label, None))
    g.add((n, RDFS.label, Literal("India")))
    g.add((n, URIRef("http://www.w3.org/2002/07/owl#sameAs"), URIRef("http://example.org/India")))
    text = messages(g)
    assert "rdfs:label with a language tag" in text
    assert "Wikidata entity IRI" in text


def test_meeting_needs_two_leaders_and_a_mode():
    g, art = _base()
    m = ID["meeting/x"]
    _fact(g, art, m, DK.Meeting)
    text = messages(g)
    assert "two or more dk:participant leaders" in text
    assert "dk:mode is dk:InPerson, dk:Virtual or dk:Phone" in text


def test_fact_without_confidence_or_evidence_fails():
    g, art = _base()
    a, b = _country(g, art, "Q668", "India"), _country(g, art, "Q232", "Kazakhstan")
    p = ID["partnership/x"]
    g.add((p, RDF.type, DK.Partnership))
    g.add((p, PROV.wasDerivedFrom, art))
    for c in (a, b):
        g.add((p, DK.partner, c))
    g.add((p, DK.kind, DK.DiplomaticRelations))
    text = messages(g)
    assert "dk:confidence between 0 and 1" in text
    assert "dk:Evidence sentence" in text
