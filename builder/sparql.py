"""SPARQL over a diplokg graph: ad-hoc queries and the named ones in builder/queries/."""
from __future__ import annotations

from importlib import resources

from rdflib import Graph

from .rdf import PREFIXES


def named_queries() -> dict[str, str]:
    base = resources.files("builder.queries")
    return {p.name[:-3]: p.read_text("utf-8") for p in base.iterdir() if p.name.endswith(".rq")}


def named_query(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise KeyError(f"no named query {name!r}; choose one of {', '.join(sorted(queries))}")
    return queries[name]


def query(graph: Graph, sparql: str) -> tuple[list[str], list[tuple]]:
    """Run a SELECT (or ASK) query; returns (variable names, rows of Python values or None)."""
    result = graph.query(sparql, initNs=PREFIXES)
    if result.type == "ASK":
        return ["ask"], [(bool(result.askAnswer),)]
    if result.type != "SELECT":
        raise ValueError("only SELECT and ASK queries are supported here")
    names = [str(v) for v in result.vars]
    return names, [tuple(row) for row in result]
