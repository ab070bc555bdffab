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

from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import SH

from .namespace import ID
from .resources import turtle_files

ENGINES = ("pyshacl", "turbo")
_ID = str(ID)


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
    """(focus node, path text or None, message, value) per validation result."""
    for r in results.subjects(SH.resultSeverity, None):
        path = results.value(r, SH.resultPath)
        yield (results.value(r, SH.focusNode), None if path is None else _path_text(results, path),
               str(results.value(r, SH.resultMessage)), results.value(r, SH.value))


def violations(results: Graph) -> list[Violation]:
    """The results graph's violations, sorted by line."""
    return sorted((Violation(str(f), p, m, None if v is None else str(v)) for f, p, m, v in _results(results)),
                  key=Violation.line)


def summarize(results: Graph, limit: int = 50) -> str:
    """A report a person can act on: one line per violation (focus node, property,
    message, value), sorted."""
    lines = [v.line() for v in violations(results)]
    shown = lines[:limit]
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"{len(lines)} SHACL violation(s):\n" + "\n".join(shown) + more


class ArticleBatch:
    """Article graphs gathered for one validation call. Each article's own nodes (the
    ones diplokg mints: id: IRIs and blank nodes) are renamed apart as its triples come
    in, so that no article's node is judged on another article's triples, and every
    result maps back to exactly its article.

    ``batch.article()`` gives a graph-like recorder to build an article into (``add``,
    ``in``, iteration and ``len`` over the article's own triples, as written): its
    triples go straight into the batch's graph, with no second copy to merge."""

    def __init__(self):
        self.graph = Graph()
        self.articles: list[ArticleTriples] = []
        self._back: dict = {}

    def article(self) -> ArticleTriples:
        rec = ArticleTriples(self, len(self.articles))
        self.articles.append(rec)
        return rec

    def add_graph(self, graph) -> ArticleTriples:
        rec = self.article()
        for t in graph:
            rec.add(t)
        return rec

    def _rename(self, index: int, names: dict, node):
        if not (isinstance(node, BNode) or (isinstance(node, URIRef) and node.startswith(_ID))):
            return node
        new = names.get(node)
        if new is None:
            new = names[node] = BNode() if isinstance(node, BNode) else URIRef(f"urn:x-diplokg-batch:{len(self._back)}")
            self._back[new] = (index, node)
        return new

    def validate(self, engine: str = "pyshacl") -> list[list[Violation]]:
        """Result i lists the violations of article i (sorted; [] when it conforms)."""
        out: list[list[Violation]] = [[] for _ in self.articles]
        if not self.articles:
            return out
        conforms, results, _ = _run(self.graph, engine)
        if conforms:
            return out
        for focus, path, message, value in _results(results):
            i, node = self._back.get(focus, (None, focus))
            if value is not None:
                value = str(self._back.get(value, (None, value))[1])
            v = Violation(str(node), path, message, value)
            for k in [i] if i is not None else [k for k, a in enumerate(self.articles) if a.has_subject(node)]:
                out[k].append(v)
        for found in out:
            found.sort(key=Violation.line)
        return out


class ArticleTriples:
    """One article of an :class:`ArticleBatch`: what ``add_extraction`` needs of a graph."""

    def __init__(self, batch: ArticleBatch, index: int):
        self._batch, self._index = batch, index
        self._names: dict = {}
        self.triples: set = set()

    def add(self, triple) -> None:
        if triple in self.triples:
            return
        self.triples.add(triple)
        s, p, o = triple
        rename = self._batch._rename
        self._batch.graph.add((rename(self._index, self._names, s), p, rename(self._index, self._names, o)))

    def __contains__(self, triple) -> bool:
        return triple in self.triples

    def __iter__(self):
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)

    def has_subject(self, node) -> bool:
        return any(t[0] == node for t in self.triples)


def validate_articles(graphs: Sequence[Graph], *, engine: str = "pyshacl") -> list[list[Violation]]:
    """Validate many article graphs in one engine call; result i lists the violations of
    graphs[i] (sorted; [] when it conforms), the same as validate(graphs[i]) would give.
    Chunking is the caller's job (a hundred or two articles a call).

    The graphs are merged with each article's own nodes renamed apart (an entity that
    several articles describe is checked once per article, on that article's triples),
    validated once, and every result is mapped back to its article (see ArticleBatch).
    A node that is not diplokg's (not an id: IRI) is shared: its results go to every
    article in which it is a subject."""
    batch = ArticleBatch()
    for g in graphs:
        batch.add_graph(g)
    return batch.validate(engine)
