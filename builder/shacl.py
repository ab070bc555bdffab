"""SHACL validation against the shapes in shapes/: one graph (validate) or a batch of
article graphs in one engine call (validate_articles).

The shapes are core SHACL and need no ontology graph, no inference and no SHACL-AF
(see the head of shapes/diplokg-shapes.ttl), so pyshacl validates the caller's graph
without copying it and without changing it.
"""
from __future__ import annotations

import re
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
    """Article graphs gathered for one validation, each as N-Triples.

    ``batch.add(ntriples)`` takes one article's triples (``store.terms.ntriples``);
    ``add_graph`` an rdflib graph. At validation each article's own nodes (the ones diplokg
    mints: id: IRIs and blank nodes) are renamed apart in the text, so that no article's
    node is judged on another article's triples, and every result maps back to exactly its
    article. The Rust engine reads the renamed text as it is (no graph is built in Python),
    a few articles a call: its time per article grows with the size of the call."""

    TURBO_CHUNK = 16  # articles per pyshacl-turbo call

    def __init__(self):
        self.articles: list[bytes] = []

    def add(self, ntriples: bytes) -> None:
        self.articles.append(ntriples)

    def add_graph(self, graph) -> None:
        from .store.terms import OxTerms, ntriples
        self.add(ntriples(graph, OxTerms()))

    def validate(self, engine: str = "auto") -> list[list[Violation]]:
        """Result i lists the violations of article i (sorted; [] when it conforms).
        'auto' takes the Rust engine when it is installed, else pyshacl."""
        out: list[list[Violation]] = [[] for _ in self.articles]
        engine = batch_engine(engine)
        if engine not in ENGINES:
            raise ValueError(f"unknown SHACL engine {engine!r} (one of {', '.join(ENGINES)})")
        step = self.TURBO_CHUNK if engine == "turbo" else max(1, len(self.articles))
        for first in range(0, len(self.articles), step):
            chunk = range(first, min(first + step, len(self.articles)))
            text = b"".join(_renamed(self.articles[i], i) for i in chunk)
            conforms, results, _ = _run(_engine_input(text, engine), engine)
            if conforms:
                continue
            for focus, path, message, value in _results(results):
                i, node = _original(focus)
                if value is not None:
                    value = _original(value)[1]
                v = Violation(str(node), path, message, None if value is None else str(value))
                for k in [i] if i is not None else [k for k in chunk if _is_subject(self.articles[k], node)]:
                    out[k].append(v)
        for found in out:
            found.sort(key=Violation.line)
        return out


# An article's own nodes renamed apart, in N-Triples (a subject starts its line; an object
# follows the subject and the predicate, neither of which holds a space): id:REST becomes
# urn:x-diplokg-batch:I/REST and _:LABEL becomes _:bIxLABEL in article I.
_BATCH = "urn:x-diplokg-batch:"
_OWN_SUBJECT = re.compile(rb"(?m)^<" + re.escape(_ID.encode()))
_OWN_OBJECT = re.compile(rb"(?m)^(\S+ <[^>]*> )<" + re.escape(_ID.encode()))
_BLANK_SUBJECT = re.compile(rb"(?m)^_:")
_BLANK_OBJECT = re.compile(rb"(?m)^(\S+ <[^>]*> )_:")
_RENAMED_IRI = re.compile(re.escape(_BATCH) + r"([0-9]+)/(.*)", re.S)
_RENAMED_BLANK = re.compile(r"b([0-9]+)x(.*)", re.S)


def _renamed(ntriples: bytes, index: int) -> bytes:
    iri = b"<%s%d/" % (_BATCH.encode(), index)
    text = _OWN_OBJECT.sub(rb"\1" + iri, _OWN_SUBJECT.sub(iri, ntriples))
    if b"_:" in text:
        blank = b"_:b%dx" % index
        text = _BLANK_OBJECT.sub(rb"\1" + blank, _BLANK_SUBJECT.sub(blank, text))
    return text


def _original(term) -> tuple[int | None, object]:
    """(article index, original term) of a renamed node; (None, term) for any other."""
    if isinstance(term, URIRef) and term.startswith(_BATCH):
        found = _RENAMED_IRI.fullmatch(term)
        return int(found[1]), URIRef(_ID + found[2])
    if isinstance(term, BNode):
        found = _RENAMED_BLANK.fullmatch(term)
        if found:
            return int(found[1]), BNode(found[2])
    return None, term


def _is_subject(ntriples: bytes, node) -> bool:
    """Whether the article states anything of ``node`` (an IRI or literal not its own)."""
    if not isinstance(node, URIRef):
        return False
    head = b"<" + str(node).encode() + b"> "
    return ntriples.startswith(head) or b"\n" + head in ntriples


def _engine_input(text: bytes, engine: str):
    """The renamed N-Triples as the engine reads them: for pyshacl-turbo the text itself
    (its own reader keeps blank node labels), for pyshacl an rdflib graph."""
    if engine == "turbo":
        _turbo_shapes()  # a clear error when the engine is missing
        from pyshacl_turbo.rdf import Input
        return Input(text.decode("utf-8"), "nquads", None, {}, preserve_ids=True)
    import pyoxigraph as ox

    from .store.terms import from_ox
    graph = Graph()
    for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
        graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return graph


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
