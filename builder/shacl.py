"""SHACL validation against the shapes in shapes/: one graph (validate) or a batch of
article graphs in one engine call (validate_articles).

The shapes are core SHACL and need no ontology graph, no inference and no SHACL-AF
(see the head of shapes/diplokg-shapes.ttl), so pyshacl validates the caller's graph
without copying it and without changing it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from .resources import turtle_files

ENGINES = ("pyshacl", "turbo")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    for path in turtle_files("shapes"):
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The OWL ontology (not needed for validation)."""
    g = Graph()
    for path in turtle_files("ontology"):
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def _turbo_shapes():
    try:
        import pyshacl_turbo
    except ImportError:
        raise ImportError("the SHACL engine 'turbo' needs pyshacl-turbo: "
                          "pip install 'diplokg[turbo]' (or use engine='pyshacl')") from None
    return pyshacl_turbo.compile_shapes(shapes_graph())


def _run(graph: Graph, engine: str) -> tuple[bool, Graph, str]:
    if engine == "pyshacl":
        from pyshacl import validate as shacl
        return shacl(graph, shacl_graph=shapes_graph(), inference="none", advanced=False,
                     inplace=False, allow_warnings=True)
    if engine == "turbo":
        return _turbo_shapes().validate(graph, allow_warnings=True)
    raise ValueError(f"unknown SHACL engine {engine!r} (one of {', '.join(ENGINES)})")


def validate(graph: Graph, *, engine: str = "pyshacl") -> tuple[bool, Graph, str]:
    """(conforms, results graph, report text), as pyshacl gives them; the caller's graph
    is not changed."""
    conforms, results, text = _run(graph, engine)
    return bool(conforms), results, text


@dataclass(frozen=True)
class Violation:
    """One validation result: the node at fault, the property (a SPARQL property path,
    prefixed) or None for the node itself, the shape's message, the offending value."""
    focus: str
    path: str | None
    message: str
    value: str | None

    def line(self) -> str:
        where = self.focus + (f" {self.path}" if self.path is not None else "")
        extra = f" (value: {self.value})" if self.value is not None and self.value != self.focus else ""
        return f"{where}: {self.message}{extra}"


def _path_text(results: Graph, path) -> str:
    """A result path as SPARQL writes it: dk:date, dk:organizedBy|dk:inSeries, ^dk:member."""
    alternatives = results.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(results, p) for p in results.items(alternatives))
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(results, inverse)
    if results.value(path, RDF.first) is not None:
        return "/".join(_path_text(results, p) for p in results.items(path))
    return path.n3(shapes_graph().namespace_manager)


def _results(results: Graph):
    """(Violation, focus term, path term, value term) per validation result."""
    for r in results.subjects(SH.resultSeverity, None):
        focus, path = results.value(r, SH.focusNode), results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        v = Violation(str(focus), None if path is None else _path_text(results, path),
                      str(results.value(r, SH.resultMessage)), None if value is None else str(value))
        yield v, focus, path, value


def violations(results: Graph) -> list[Violation]:
    """The results graph's violations, sorted by line."""
    return sorted((v for v, *_ in _results(results)), key=Violation.line)


def summarize(results: Graph, limit: int = 50) -> str:
    """A report a person can act on: one line per violation (focus node, property,
    message, value), sorted."""
    lines = [v.line() for v in violations(results)]
    shown = lines[:limit]
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"{len(lines)} SHACL violation(s):\n" + "\n".join(shown) + more


def validate_articles(graphs: Sequence[Graph], *, engine: str = "pyshacl") -> list[list[Violation]]:
    """Validate many article graphs in one engine call; result i lists article i's
    violations ([] when it conforms).  Chunking is the caller's job (100–200 a call).

    The graphs are merged and validated once.  A result whose value was reached through
    one property is the article's that states that triple (focus, property, value);
    any other result (a missing or extra value) is every article's in which the focus
    node is a subject, since only there can the shapes target it.  This agrees with
    validating each graph on its own as long as articles that share a node agree about
    it, as the builder's do (an entity is written the same way by every article): a
    cardinality or class constraint that one article meets only with another's triples
    would be judged on the union."""
    merged = Graph()
    for g in graphs:
        merged += g
    conforms, results, _ = _run(merged, engine)
    out: list[list[Violation]] = [[] for _ in graphs]
    if conforms:
        return out
    for v, focus, path, value in _results(results):
        if isinstance(path, URIRef) and value is not None and value != focus:
            owners = [i for i, g in enumerate(graphs) if (focus, path, value) in g]
        else:
            owners = [i for i, g in enumerate(graphs) if (focus, None, None) in g]
        for i in owners or [i for i, g in enumerate(graphs) if (None, None, focus) in g]:
            out[i].append(v)
    for found in out:
        found.sort(key=Violation.line)
    return out
