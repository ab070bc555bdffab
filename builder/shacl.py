"""SHACL validation against the shapes in shapes/, the ontology as class hierarchy."""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from .resources import turtle_files


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    for path in turtle_files("shapes"):
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    g = Graph()
    for path in turtle_files("ontology"):
        g.parse(path, format="turtle")
    return g


def validate(graph: Graph) -> tuple[bool, Graph, str]:
    """(conforms, results graph, report text), as pyshacl gives them; the caller's graph
    is not changed (RDFS inference runs on a copy)."""
    from pyshacl import validate as shacl

    conforms, results, text = shacl(graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                    inference="none", advanced=True, inplace=False,
                                    allow_warnings=True)
    return bool(conforms), results, text
