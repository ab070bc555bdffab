"""The closed Python namespace, the ontology Turtle and the public vocabulary agree."""
from __future__ import annotations

import re

import pytest
from conftest import SHARED
from rdflib import OWL, RDF, RDFS, Graph, Literal

from builder.namespace import DK
from builder.resources import turtle_files


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    for p in turtle_files("ontology"):
        g.parse(p)
    return g


def defined_terms(g: Graph) -> set[str]:
    ns = str(DK._NS)
    return {str(s)[len(ns):] for s in g.subjects() if str(s).startswith(ns)}


def test_namespace_matches_ontology(onto):
    python_terms = set(DK.__annotations__)
    assert python_terms == defined_terms(onto)


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        DK.NoSuchTerm  # noqa: B018


def test_every_term_has_english_and_bengali_label(onto):
    for term in defined_terms(onto):
        langs = {o.language for o in onto.objects(DK[term], RDFS.label) if isinstance(o, Literal)}
        assert {"en", "bn"} <= langs, term


def test_classes_and_properties_have_comments_and_domains(onto):
    for cls in onto.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(DK._NS)):
            assert {o.language for o in onto.objects(cls, RDFS.comment)} >= {"en", "bn"}, cls
    for p in set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(onto.subjects(RDF.type, OWL.DatatypeProperty)):
        assert list(onto.objects(p, RDFS.comment)), p


def test_no_owl_imports(onto):
    assert not list(onto.objects(None, OWL.imports))


@pytest.mark.skipif(not (SHARED / "eval" / "VOCABULARY.md").exists(), reason="shared vocabulary not present")
def test_public_vocabulary_is_all_defined(onto):
    text = (SHARED / "eval" / "VOCABULARY.md").read_text("utf-8")
    used = set(re.findall(r"`dk:([A-Za-z]+)`", text)) | set(re.findall(r"dk:([A-Za-z]+)", text))
    assert used <= defined_terms(onto), used - defined_terms(onto)
