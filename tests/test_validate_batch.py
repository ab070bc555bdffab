"""validate_articles: one engine call for many article graphs, results mapped back to the
articles, in agreement with validating each graph on its own; pyshacl and pyshacl-turbo
agree."""
from __future__ import annotations

import sys
from collections import Counter
from importlib.util import find_spec

import pytest
from conftest import case_ids, load_case
from rdflib import Graph, Literal
from rdflib.namespace import SKOS
from test_shapes import BROKEN

from builder import build_graph, shacl
from builder.namespace import DK
from builder.shacl import Violation, validate, validate_articles, violations

ENGINES = ["pyshacl", pytest.param("turbo", marks=pytest.mark.skipif(
    find_spec("pyshacl_turbo") is None, reason="pyshacl-turbo (diplokg[turbo]) not installed"))]


@pytest.fixture(scope="module")
def case_graphs() -> list[Graph]:
    graphs = []
    for case in case_ids():
        text, meta = load_case(case)
        graphs.append(build_graph(text, lang=meta.get("lang", "auto"), published=meta.get("published"),
                                  source=f"tests/cases/{case}"))
    return graphs


def one_by_one(graphs, engine="pyshacl") -> list[list[Violation]]:
    return [violations(validate(g, engine=engine)[1]) for g in graphs]


def copy(g: Graph) -> Graph:
    out = Graph()
    out += g
    return out


def shared_entity(graphs) -> tuple:
    """The entity that most article graphs describe (as subject), and those articles."""
    counts = Counter(s for g in graphs for s in set(g.subjects(SKOS.altLabel, None)))
    node, n = counts.most_common(1)[0]
    assert n >= 3, "the cases should share an entity"
    return node, [i for i, g in enumerate(graphs) if (node, None, None) in g]


def test_violation_line_is_the_summary_line():
    v = Violation("https://w3id.org/diplokg/id/Q668", "rdfs:label", "A named thing needs a label.", "India")
    assert v.line() == "https://w3id.org/diplokg/id/Q668 rdfs:label: A named thing needs a label. (value: India)"
    assert Violation("x", None, "m", "x").line() == "x: m"
    g = BROKEN["untagged_label_and_foreign_sameas"][0]()
    summary = shacl.summarize(validate(g)[1]).splitlines()[1:]
    assert summary == [v.line() for v in violations(validate(g)[1])]


@pytest.mark.parametrize("engine", ENGINES)
def test_batch_agrees_with_one_by_one(case_graphs, engine):
    """Every case's graph, with each broken graph of test_shapes in turn in the middle (the
    broken graphs are variants of one article: they disagree about its nodes, so they do
    not go in one batch together)."""
    assert validate_articles(case_graphs, engine=engine) == [[] for _ in case_graphs]
    middle = len(case_graphs) // 2
    for name, (build, expected) in BROKEN.items():
        graphs = case_graphs[:middle] + [build()] + case_graphs[middle:]
        batch = validate_articles(graphs, engine=engine)
        assert batch == one_by_one(graphs), name
        assert [i for i, r in enumerate(batch) if r] == [middle], name
        assert {(v.focus, v.path) for v in batch[middle]} == {(str(f), p) for f, p in expected}, name


@pytest.mark.parametrize("engine", ENGINES)
def test_only_the_broken_article_is_reported(case_graphs, engine):
    node, sharing = shared_entity(case_graphs)
    middle = sharing[len(sharing) // 2]
    graphs = list(case_graphs)
    broken = graphs[middle] = copy(graphs[middle])
    broken.add((node, SKOS.altLabel, Literal("untagged")))  # a shared entity, broken by one article
    evidence = next(broken.subjects(DK.sentenceIndex, None))  # a node of this article alone
    broken.remove((evidence, DK.sentenceIndex, None))
    batch = validate_articles(graphs, engine=engine)
    assert batch == one_by_one(graphs)
    assert [i for i, r in enumerate(batch) if r] == [middle]
    assert {(v.focus, v.path) for v in batch[middle]} == {(str(node), "skos:altLabel"),
                                                         (str(evidence), "dk:sentenceIndex")}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_shared_entity_is_reported_for_every_article_that_says_so(case_graphs, engine):
    node, sharing = shared_entity(case_graphs)
    graphs = [copy(g) if i in sharing else g for i, g in enumerate(case_graphs)]
    for i in sharing:
        graphs[i].add((node, SKOS.altLabel, Literal("untagged")))
    batch = validate_articles(graphs, engine=engine)
    assert batch == one_by_one(graphs)
    assert [i for i, r in enumerate(batch) if r] == sharing


def test_empty_batch():
    assert validate_articles([]) == []


@pytest.mark.parametrize("engine", ENGINES[1:])
def test_engines_agree(case_graphs, engine):
    """pyshacl-turbo finds what pyshacl finds: same conforms, same (focus, path) pairs,
    on every case's graph and every broken graph of test_shapes."""
    graphs = case_graphs + [build() for build, _ in BROKEN.values()]
    for g in graphs:
        ours, theirs = validate(g), validate(g, engine=engine)
        assert ours[0] == theirs[0]
        assert {(v.focus, v.path) for v in violations(ours[1])} == {(v.focus, v.path) for v in violations(theirs[1])}


def test_turbo_missing_is_a_clear_error(monkeypatch):
    shacl._turbo_shapes.cache_clear()
    monkeypatch.setitem(sys.modules, "pyshacl_turbo", None)
    with pytest.raises(ImportError, match=r"pip install pyshacl-turbo"):
        validate_articles([Graph()], engine="turbo")
    assert shacl.batch_engine("auto") == "pyshacl"  # auto falls back to pyshacl
    assert validate_articles([Graph()], engine="auto") == [[]]
    shacl._turbo_shapes.cache_clear()


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        validate_articles([Graph()], engine="jena")


@pytest.mark.parametrize("engine", ENGINES)
def test_blank_nodes_of_different_articles_are_kept_apart(engine):
    """Two articles name a blank node alike; only the one whose node breaks a shape is
    reported, with the node's own label."""
    from rdflib import RDF, RDFS, BNode, URIRef
    from rdflib.namespace import PROV

    def article(label: Literal) -> Graph:
        g, node = Graph(), BNode("c1")
        source = URIRef("https://w3id.org/diplokg/id/article/x")
        g.add((node, RDF.type, DK.Country))
        g.add((node, PROV.wasDerivedFrom, source))
        g.add((source, RDF.type, DK.Article))
        g.add((node, RDFS.label, label))
        return g

    graphs = [article(Literal("India", lang="en")), article(Literal("India")), article(Literal("Indien", lang="de"))]
    batch = validate_articles(graphs, engine=engine)
    assert batch == one_by_one(graphs)
    assert [v.focus for v in batch[1] if v.path == "rdfs:label"] == ["c1"]
    assert not any(v.path == "rdfs:label" for v in batch[0] + batch[2])
