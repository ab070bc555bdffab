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

# 'auto': for a batch of articles the Rust engine when it is installed (it is fastest on
# a pyoxigraph store), else pyshacl; for one rdflib graph pyshacl (the Rust engine is
# slower when handed an rdflib graph). Both give the same results on diplokg's shapes.
ENGINES = ("auto", "pyshacl", "turbo")
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
                          "pip install pyshacl-turbo (or use engine='pyshacl')") from None
    return pyshacl_turbo.compile_shapes(shapes_graph())


def batch_engine(engine: str) -> str:
    """The engine 'auto' stands for when validating a batch of articles."""
    if engine != "auto":
        return engine
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return "pyshacl"
    return "turbo"


def _run(graph, engine: str) -> tuple[bool, Graph, str]:
    if engine in ("pyshacl", "auto"):
        from pyshacl import validate as shacl
        return shacl(graph, shacl_graph=shapes_graph(), inference="none", advanced=False,
                     inplace=False, allow_warnings=True)
    if engine == "turbo":
        return _turbo_shapes().validate(graph, allow_warnings=True)
    raise ValueError(f"unknown SHACL engine {engine!r} (one of {', '.join(ENGINES)})")


def validate(graph: Graph, *, engine: str = "auto") -> tuple[bool, Graph, str]:
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
    """Article graphs gathered for one validation call.

    ``batch.article()`` gives the set to build an article's triples into (``add`` and
    ``in`` are all that ``add_extraction`` needs); at validation each article's own nodes
    (the ones diplokg mints: id: IRIs and blank nodes) are renamed apart, so that no
    article's node is judged on another article's triples, and every result maps back
    to exactly its article."""

    def __init__(self):
        self.articles: list[set] = []

    def article(self) -> set:
        triples: set = set()
        self.articles.append(triples)
        return triples

    def add_graph(self, graph) -> set:
        triples = self.article()
        triples.update(graph)
        return triples

    def validate(self, engine: str = "auto", to_ox=None) -> list[list[Violation]]:
        """Result i lists the violations of article i (sorted; [] when it conforms).
        'auto' takes the Rust engine when it is installed (fed a pyoxigraph store, where
        it is fastest), else pyshacl (fed an rdflib graph). ``to_ox``: a term converter
        (store.terms.OxTerms) to share with the caller."""
        out: list[list[Violation]] = [[] for _ in self.articles]
        if not self.articles:
            return out
        engine = batch_engine(engine)
        back: dict[str, tuple[int, object]] = {}
        if engine == "turbo":
            from .store.terms import OxTerms

            import pyoxigraph as ox
            data = ox.Store()
            data.extend([ox.Quad(*t) for t in self._renamed(back, to_ox or OxTerms(), ox.NamedNode, ox.BlankNode)])
        else:
            data = Graph()
            for triple in self._renamed(back, lambda term: term, URIRef, BNode):
                data.add(triple)
        conforms, results, _ = _run(data, engine)
        if conforms:
            return out
        for focus, path, message, value in _results(results):
            i, node = back.get(str(focus), (None, focus))
            if value is not None:
                value = str(back.get(str(value), (None, value))[1])
            v = Violation(str(node), path, message, value)
            for k in [i] if i is not None else [k for k, a in enumerate(self.articles)
                                                 if any(t[0] == node for t in a)]:
                out[k].append(v)
        for found in out:
            found.sort(key=Violation.line)
        return out

    def _renamed(self, back: dict, term, iri, blank):
        """Every article's triples with its own nodes renamed apart, as the engine's terms:
        ``term`` converts a term kept as it is, ``iri`` and ``blank`` make a new name from
        a string; ``back`` maps a new name's string to (article index, original node)."""
        for index, triples in enumerate(self.articles):
            names: dict = {}

            def rename(node):
                new = names.get(node)
                if new is None:
                    if isinstance(node, BNode) or (isinstance(node, URIRef) and node.startswith(_ID)):
                        label = f"{index}x{len(names)}"
                        if isinstance(node, URIRef):
                            label = "urn:x-diplokg-batch:" + label
                            new = iri(label)
                        else:
                            new = blank(label)
                        back[label] = (index, node)
                    else:
                        new = term(node)
                    names[node] = new
                return new

            for s, p, o in triples:
                yield rename(s), term(p), rename(o)


def validate_articles(graphs: Sequence[Graph], *, engine: str = "auto") -> list[list[Violation]]:
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
