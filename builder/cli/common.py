"""Shared pieces of the command line: exit codes, one-line errors, graph input and output."""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from ..io import write_atomic

FORMATS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "json-ld": ".jsonld", "nt": ".nt", "xml": ".rdf"}
EXT_TO_FORMAT = {v: k for k, v in FORMATS.items()} | {".json": "json-ld", ".owl": "xml"}
EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT = 0, 1, 2
EXIT_LIMIT = 3  # a query ran past its timeout or memory cap and was stopped


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    click.echo(f"diplokg: error: {message}", err=True)
    sys.exit(code)


def write_output(path: str, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as e:
        fail(f"{path}: cannot write ({e.strerror or e})")


def graph_input(func):
    """Shared argument: an RDF graph file ('-' for stdin), format from its extension."""

    @click.argument("graph_file", metavar="GRAPH", type=str)
    @click.option("--input-format", "input_format", type=click.Choice(sorted(FORMATS)), default=None,
                  help="RDF syntax of GRAPH (default: from its extension, else turtle).")
    @functools.wraps(func)
    def wrapper(graph_file, input_format, **kw):
        return func(load_graph(graph_file, input_format), **kw)

    return wrapper


def store_required(*, read_only: bool):
    """Shared option: --store DIR, a corpus store that must exist."""

    def decorate(func):
        @click.option("--store", "store_dir", metavar="DIR", required=True, help="The corpus store directory.")
        @functools.wraps(func)
        def wrapper(store_dir, **kw):
            return func(open_store(store_dir, read_only=read_only, must_exist=True), **kw)

        return wrapper

    return decorate


def graph_or_store(func):
    """Shared argument: an RDF graph file (GRAPH, '-' for stdin) or --store DIR."""

    @click.argument("graph_file", metavar="[GRAPH]", type=str, required=False)
    @click.option("--store", "store_dir", metavar="DIR", help="Read a corpus store instead of a graph file.")
    @click.option("--input-format", "input_format", type=click.Choice(sorted(FORMATS)), default=None,
                  help="RDF syntax of GRAPH (default: from its extension, else turtle).")
    @functools.wraps(func)
    def wrapper(graph_file, store_dir, input_format, **kw):
        if bool(graph_file) == bool(store_dir):
            fail("give either a GRAPH file or --store DIR")
        source = open_store(store_dir, read_only=True) if store_dir else load_graph(graph_file, input_format)
        return func(source, **kw)

    return wrapper


def open_store(path: str, *, read_only: bool = False, must_exist: bool = False):
    from ..store import Store, StoreError
    if must_exist and not Path(path).is_dir():
        fail(f"{path}: no such store directory")
    if must_exist and not (Path(path) / "CURRENT").is_file():
        fail(f"{path}: not an Oxigraph store (no diplokg store there)")
    try:
        return Store(path, read_only=read_only)
    except StoreError as e:
        fail(str(e))


def load_graph(path: str, fmt: str | None):
    from rdflib import Dataset

    fmt = fmt or EXT_TO_FORMAT.get(Path(path).suffix.lower(), "turtle")
    if path != "-" and not Path(path).is_file():
        fail(f"{path}: no such file")
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    if fmt == "json-ld" and _remote_context(data):
        fail(f"{path}: refers to a remote JSON-LD @context; diplokg works offline and does not fetch it")
    ds = Dataset(default_union=True)
    try:
        ds.parse(data=data, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        fail(f"{path}: not valid {fmt}: {first}")
    from ..rdf import new_graph
    g = new_graph()
    for t in ds.triples((None, None, None)):
        g.add(t)
    return g


def _remote_context(data: bytes) -> bool:
    """Whether a JSON-LD document names a context by IRI (which a parser would fetch)."""
    try:
        doc = json.loads(data)
    except ValueError:
        return False  # the parser reports the syntax error
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ctx = node.get("@context")
            if isinstance(ctx, str) or (isinstance(ctx, list) and any(isinstance(c, str) for c in ctx)):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def serialize(graph, fmt: str) -> bytes:
    """The graph in an RDF syntax, UTF-8. The quad syntaxes put it in the named graph
    id:graph/diplokg and, as a store does its merged view, in the default graph too: a
    graph database that loads the file answers the named queries with no
    union-default-graph option, and GRAPH ?g still finds where the triples came from."""
    if fmt == "turtle":
        from ..turtle import to_turtle
        return to_turtle(graph).encode("utf-8")
    if fmt in ("trig", "nquads"):  # through Oxigraph, which keeps every literal's lexical form
        import pyoxigraph as ox

        from ..namespace import ID
        from ..rdf import PREFIXES
        from ..store.terms import graph_quads
        named = graph_quads(graph, ox.NamedNode(str(ID["graph/diplokg"])))
        quads = sorted(named + [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in named], key=str)
        if fmt == "nquads":
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes={k: str(v) for k, v in PREFIXES.items()})
    return graph.serialize(format=fmt, encoding="utf-8")
