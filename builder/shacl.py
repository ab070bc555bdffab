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


def summarize(results: Graph, limit: int = 50) -> str:
    """A report a person can act on: one line per violation (focus node, property,
    message, value), most frequent messages first."""
    from rdflib.namespace import SH

    lines = []
    for r in results.subjects(SH.resultSeverity, None):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        message = results.value(r, SH.resultMessage)
        value = results.value(r, SH.value)
        where = f"{focus}" + (f" {path.n3(results.namespace_manager)}" if path is not None else "")
        extra = f" (value: {value})" if value is not None and value != focus else ""
        lines.append(f"{where}: {message}{extra}")
    lines.sort()
    shown = lines[:limit]
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"{len(lines)} SHACL violation(s):\n" + "\n".join(shown) + more
