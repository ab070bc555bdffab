"""SHACL shapes: the builder's graphs conform; broken graphs fail with actionable messages."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from builder import validate
from builder.namespace import DK, ID
from builder.shacl import summarize, violations


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


def _named(g, art, key, label, cls):
    """A named thing as the builder writes it: typed, labelled, derived from the article."""
    n = ID[key]
    g.add((n, RDF.type, cls))
    g.add((n, RDFS.label, Literal(label, lang="en")))
    g.add((n, PROV.wasDerivedFrom, art))
    return n


def _country(g, art, key, label):
    return _named(g, art, key, label, DK.Country)


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


# ------------------------------------------------------------------ broken graphs
# Each returns a graph that breaks the shapes; BROKEN lists them with the (focus, path)
# of every violation expected, so that other tests (the batch validator, the engines)
# can use them too.

def partnership_with_one_partner() -> Graph:
    g, art = _base()
    ind = _country(g, art, "Q668", "India")
    p = ID["partnership/x"]
    _fact(g, art, p, DK.Partnership)
    g.add((p, DK.partner, ind))
    g.add((p, DK.kind, DK.StrategicPartnership))
    return g


def membership_with_two_members() -> Graph:
    g, art = _base()
    a, b = _country(g, art, "Q668", "India"), _country(g, art, "Q232", "Kazakhstan")
    m = ID["membership/x"]
    _fact(g, art, m, DK.Membership)
    g.add((m, DK.member, a))
    g.add((m, DK.member, b))
    return g


def summit_held_by_a_ministry() -> Graph:
    g, art = _base()
    mea = _named(g, art, "ministry/mea", "MEA", DK.Ministry)
    s = ID["summit/x"]
    _fact(g, art, s, DK.Summit)
    g.add((s, DK.organizedBy, mea))
    return g


def partnership_since(value: Literal) -> Graph:
    g, art = _base()
    a, b = _country(g, art, "Q668", "India"), _country(g, art, "Q232", "Kazakhstan")
    p = ID["partnership/x"]
    _fact(g, art, p, DK.Partnership)
    for c in (a, b):
        g.add((p, DK.partner, c))
    g.add((p, DK.kind, DK.DiplomaticRelations))
    g.add((p, DK.since, value))
    return g


def published(value: Literal) -> Graph:
    g, art = _base()
    g.add((art, DK.published, value))
    return g


def country_without_provenance() -> Graph:
    g, art = _base()
    n = ID["Q668"]
    g.add((n, RDF.type, DK.Country))
    g.add((n, RDFS.label, Literal("India", lang="en")))
    return g


def untagged_label_and_foreign_sameas() -> Graph:
    g, art = _base()
    n = _country(g, art, "Q668", "India")
    g.remove((n, RDFS.label, None))
    g.add((n, RDFS.label, Literal("India")))
    g.add((n, OWL.sameAs, URIRef("http://example.org/India")))
    return g


def meeting_without_leaders_or_mode() -> Graph:
    g, art = _base()
    m = ID["meeting/x"]
    _fact(g, art, m, DK.Meeting)
    return g


def fact_without_confidence_or_evidence() -> Graph:
    g, art = _base()
    a, b = _country(g, art, "Q668", "India"), _country(g, art, "Q232", "Kazakhstan")
    p = ID["partnership/x"]
    g.add((p, RDF.type, DK.Partnership))
    g.add((p, PROV.wasDerivedFrom, art))
    for c in (a, b):
        g.add((p, DK.partner, c))
    g.add((p, DK.kind, DK.DiplomaticRelations))
    return g


def summit_of_nobody() -> Graph:
    """A summit with neither an organiser nor a series, a city as participant, edition 0,
    a phone mode and a date that is no date."""
    g, art = _base()
    city = _named(g, art, "city/astana", "Astana", DK.City)
    s = ID["summit/x"]
    _fact(g, art, s, DK.Summit)
    g.add((s, DK.participant, city))
    g.add((s, DK.edition, Literal(0)))
    g.add((s, DK.mode, DK.Phone))
    g.add((s, DK.date, Literal("2024-07-04T10:00:00", datatype=XSD.dateTime)))
    return g


def leader_with_a_bad_office_and_country() -> Graph:
    g, art = _base()
    city = _named(g, art, "city/astana", "Astana", DK.City)
    leader = _named(g, art, "leader/x", "X", DK.Leader)
    g.add((leader, SKOS.altLabel, Literal("X")))
    g.add((leader, DK.leaderOf, city))
    g.add((leader, DK.office, DK.Phone))
    return g


def ministry_of_two_states_and_bad_article() -> Graph:
    g, art = _base()
    a, b = _country(g, art, "Q668", "India"), _country(g, art, "Q232", "Kazakhstan")
    mea = _named(g, art, "ministry/mea", "MEA", DK.Ministry)
    g.add((mea, DK.ministryOf, a))
    g.add((mea, DK.ministryOf, b))
    g.set((art, DK.contentHash, Literal("md5:0")))
    g.add((art, DK.language, Literal("en", datatype=XSD.language)))
    g.add((art, DK.published, Literal("2024")))
    ev = ID["evidence/test/9"]
    g.add((ev, RDF.type, DK.Evidence))
    g.add((ev, DK.sentenceIndex, Literal(-1)))
    g.add((ev, DK.sentenceText, Literal("untagged")))
    g.add((ev, PROV.wasDerivedFrom, art))
    return g


_P, _S, _M, _L = ID["partnership/x"], ID["summit/x"], ID["membership/x"], ID["leader/x"]
BROKEN = {  # name: (graph builder, {(focus, path)} of the violations expected)
    "partnership_with_one_partner": (partnership_with_one_partner, {(_P, "dk:partner")}),
    "membership_with_two_members": (membership_with_two_members, {
        (_M, "dk:member"), (_M, "dk:organization"), (_M, "dk:status")}),
    "summit_held_by_a_ministry": (summit_held_by_a_ministry, {(_S, "dk:organizedBy")}),
    "since_string": (lambda: partnership_since(Literal("June 2024")), {(_P, "dk:since")}),
    "since_datetime": (lambda: partnership_since(Literal("2024-06-25", datatype=XSD.dateTime)), {(_P, "dk:since")}),
    "since_integer": (lambda: partnership_since(Literal(2024)), {(_P, "dk:since")}),
    # impossible dates, which rdflib keeps as ill-typed literals (issue 8, item 13)
    "since_month_31": (lambda: partnership_since(Literal("2024-31", datatype=XSD.gYearMonth)), {(_P, "dk:since")}),
    "since_month_0": (lambda: partnership_since(Literal("2024-00", datatype=XSD.gYearMonth)), {(_P, "dk:since")}),
    "since_february_30": (lambda: partnership_since(Literal("2024-02-30", datatype=XSD.date)), {(_P, "dk:since")}),
    "since_february_29_2023": (lambda: partnership_since(Literal("2023-02-29", datatype=XSD.date)),
                               {(_P, "dk:since")}),
    "since_year_24": (lambda: partnership_since(Literal("24", datatype=XSD.gYear)), {(_P, "dk:since")}),
    "since_year_0": (lambda: partnership_since(Literal("0000", datatype=XSD.gYear)), {(_P, "dk:since")}),
    "published_month_13": (lambda: published(Literal("2024-13-01", datatype=XSD.date)),
                           {(ID["article/test"], "dk:published")}),
    "country_without_provenance": (country_without_provenance, {(ID["Q668"], "prov:wasDerivedFrom")}),
    "untagged_label_and_foreign_sameas": (untagged_label_and_foreign_sameas, {
        (ID["Q668"], "rdfs:label"), (ID["Q668"], "owl:sameAs")}),
    "meeting_without_leaders_or_mode": (meeting_without_leaders_or_mode, {
        (ID["meeting/x"], "dk:participant"), (ID["meeting/x"], "dk:mode")}),
    "fact_without_confidence_or_evidence": (fact_without_confidence_or_evidence, {
        (_P, "dk:confidence"), (_P, "dk:evidence")}),
    "summit_of_nobody": (summit_of_nobody, {
        (_S, "dk:organizedBy|dk:inSeries"), (_S, "dk:participant"), (_S, "dk:edition"), (_S, "dk:mode"),
        (_S, "dk:date")}),
    "leader_with_a_bad_office_and_country": (leader_with_a_bad_office_and_country, {
        (_L, "dk:leaderOf"), (_L, "dk:office"), (_L, "skos:altLabel")}),
    "ministry_of_two_states_and_bad_article": (ministry_of_two_states_and_bad_article, {
        (ID["ministry/mea"], "dk:ministryOf"), (ID["article/test"], "dk:contentHash"),
        (ID["article/test"], "dk:language"), (ID["article/test"], "dk:published"),
        (ID["evidence/test/9"], "dk:sentenceIndex"), (ID["evidence/test/9"], "dk:startOffset"),
        (ID["evidence/test/9"], "dk:endOffset"), (ID["evidence/test/9"], "dk:sentenceText")}),
}


def focus_paths(g: Graph) -> set[tuple[str, str | None]]:
    conforms, results, _ = validate(g)
    found = {(v.focus, v.path) for v in violations(results)}
    assert conforms == (not found)
    return found


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_graphs_give_exactly_the_expected_violations(name):
    build, expected = BROKEN[name]
    assert focus_paths(build()) == {(str(f), p) for f, p in expected}


# ------------------------------------------------------------------ the messages

def test_partnership_needs_two_partners():
    assert "two or more distinct dk:partner" in messages(partnership_with_one_partner())


def test_membership_needs_exactly_one_member_and_a_status():
    text = messages(membership_with_two_members())
    assert "exactly one dk:member" in text
    assert "exactly one dk:organization" in text
    assert "exactly one dk:status" in text


def test_summit_held_by_a_ministry_fails():
    assert "held by an organisation, not a ministry" in messages(summit_held_by_a_ministry())


@pytest.mark.parametrize("value", [Literal("June 2024"), Literal("2024-06-25", datatype=XSD.dateTime),
                                   Literal(2024)])
def test_dates_must_be_date_gyearmonth_or_gyear(value):
    assert "dk:since must be an xsd:date, xsd:gYearMonth or xsd:gYear" in messages(partnership_since(value))


BAD_DATES = [Literal("2024-31", datatype=XSD.gYearMonth), Literal("2024-00", datatype=XSD.gYearMonth),
             Literal("2024-02-30", datatype=XSD.date), Literal("2023-02-29", datatype=XSD.date),
             Literal("1900-02-29", datatype=XSD.date), Literal("2024-04-31", datatype=XSD.date),
             Literal("24", datatype=XSD.gYear), Literal("0000", datatype=XSD.gYear),
             Literal("2024-1", datatype=XSD.gYearMonth), Literal("2024-06-25", datatype=XSD.gYearMonth)]
GOOD_DATES = [Literal("2024-02-29", datatype=XSD.date), Literal("2000-02-29", datatype=XSD.date),
              Literal("2024-12-31", datatype=XSD.date), Literal("2024-12", datatype=XSD.gYearMonth),
              Literal("1992", datatype=XSD.gYear), Literal("2024-06-25Z", datatype=XSD.date),
              Literal("2024-06+05:30", datatype=XSD.gYearMonth)]


@pytest.mark.parametrize("engine", ["pyshacl", "turbo"])
@pytest.mark.parametrize("value", BAD_DATES, ids=str)
def test_impossible_dates_fail_with_both_engines(value, engine):
    """sh:datatype passes an ill-typed rdflib literal: the shapes check the lexical form."""
    conforms, results, text = validate(partnership_since(value), engine=engine)
    assert not conforms
    assert {(v.focus, v.path) for v in violations(results)} == {(str(_P), "dk:since")}
    if value.datatype == XSD.date:
        assert not validate(published(value), engine=engine)[0]


@pytest.mark.parametrize("engine", ["pyshacl", "turbo"])
@pytest.mark.parametrize("value", GOOD_DATES, ids=str)
def test_real_dates_conform_with_both_engines(value, engine):
    assert validate(partnership_since(value), engine=engine)[0]


def test_every_node_needs_provenance():
    assert "which article it was read from" in messages(country_without_provenance())


def test_label_needs_language_tag_and_sameas_wikidata():
    text = messages(untagged_label_and_foreign_sameas())
    assert "rdfs:label with a language tag" in text
    assert "Wikidata entity IRI" in text


def test_meeting_needs_two_leaders_and_a_mode():
    text = messages(meeting_without_leaders_or_mode())
    assert "two or more dk:participant leaders" in text
    assert "dk:mode is dk:InPerson, dk:Virtual or dk:Phone" in text


def test_fact_without_confidence_or_evidence_fails():
    text = messages(fact_without_confidence_or_evidence())
    assert "dk:confidence between 0 and 1" in text
    assert "dk:Evidence sentence" in text


def test_summit_needs_an_organiser_or_a_series():
    text = summarize(validate(summit_of_nobody())[1])
    assert "summit/x dk:organizedBy|dk:inSeries: A summit is an organisation's (dk:organizedBy)" in text
    assert ("A summit's dk:participant is a dk:Leader or a dk:Country. "
            "(value: https://w3id.org/diplokg/id/city/astana)") in text


def test_summary_lines_name_node_property_message_and_value():
    lines = summarize(validate(untagged_label_and_foreign_sameas())[1]).splitlines()
    assert lines == [
        "2 SHACL violation(s):",
        "https://w3id.org/diplokg/id/Q668 owl:sameAs: owl:sameAs must point at a Wikidata entity IRI "
        "(http://www.wikidata.org/entity/Q…). (value: http://example.org/India)",
        "https://w3id.org/diplokg/id/Q668 rdfs:label: A named thing needs an rdfs:label with a language tag "
        "(its English name where known). (value: India)",
    ]
