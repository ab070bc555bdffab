"""Shared pieces of the command line: exit codes, one-line errors, graph input and output."""
from __future__ import annotations

import errno
import functools
import math
import os
import re
import sys
from pathlib import Path

import click

from .. import io
from ..rdfio import EXTENSIONS

FORMATS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "json-ld": ".jsonld", "nt": ".nt", "xml": ".rdf"}
EXT_TO_FORMAT = dict(EXTENSIONS)  # .ttl .trig .nq/.nquads .nt .jsonld/.json-ld/.json .rdf/.xml/.owl
EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT = 0, 1, 2
EXIT_LIMIT = 3  # a query ran past its timeout or memory cap and was stopped
EXIT_BROKEN_PIPE = 141  # stdout was closed by its reader (| head): 128 + SIGPIPE, as a shell reports it
_SURROGATE = re.compile("[\ud800-\udfff]")
_WRITE_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EROFS, errno.EPIPE}


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    """One line on stderr, ``diplokg: error: ...``, and exit. Lone surrogates (undecodable
    bytes of a file name) are written U+FFFD."""
    click.echo(f"diplokg: error: {_SURROGATE.sub(chr(0xFFFD), message)}", err=True)
    sys.exit(code)


class Group(click.Group):
    """The diplokg command group: stdout closed by its reader (``| head``) ends the
    command quietly with exit 141; a write error nothing else caught is one line, exit 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            broken_pipe()
        except OSError as e:
            if e.errno not in _WRITE_ERRORS:
                raise
            silence_stdout()
            fail(f"{e.filename or '-'}: cannot write ({e.strerror or e})")


def broken_pipe() -> None:
    silence_stdout()
    sys.exit(EXIT_BROKEN_PIPE)


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit cannot fail again (and print a
    traceback) once a write to it has failed."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (tests)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


def write_stdout(data: bytes) -> None:
    """All of ``data`` to stdout, flushed; a full disk is a one-line error (exit 2), a
    closed pipe a quiet exit 141."""
    try:
        io.write_stdout(data)
    except BrokenPipeError:
        broken_pipe()
    except OSError as e:
        silence_stdout()
        fail(f"-: cannot write ({e.strerror or e})")


def echo(text: str) -> None:
    """A line of output on stdout, checked as write_stdout checks."""
    write_stdout((text + "\n").encode("utf-8", "replace"))


def add_inputs(*paths: str) -> None:
    """Remember the command's input files, which no output may overwrite."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta.setdefault("diplokg.inputs", []).extend(p for p in paths if p)


def check_output(path: str | None, what: str = "-o") -> None:
    """Refuse an output that is one of the inputs (through symlinks, '..', hard links)."""
    if not path or path == "-":
        return
    ctx = click.get_current_context(silent=True)
    inputs = ctx.find_root().meta.get("diplokg.inputs", []) if ctx is not None else []
    try:
        io.check_not_input(path, inputs, what)
    except io.OutputError as e:
        fail(e.strerror)


def write_output(path: str, data: bytes) -> None:
    """``data`` to ``path``: stdout for '-', a FIFO or device directly, a file atomically."""
    if path == "-":
        write_stdout(data)
        return
    check_output(path)
    try:
        io.write_atomic(path, data)
    except OSError as e:
        fail(f"{path}: cannot write ({e.strerror or e})")


def write_with(path: str, write) -> None:
    """Call ``write(binary_file)`` for stdout ('-') or a file written as write_output does."""
    if path == "-":
        try:
            sys.stdout.flush()
            write(io.WholeWriter(sys.stdout.buffer))
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            broken_pipe()
        except OSError as e:
            silence_stdout()
            fail(f"-: cannot write ({e.strerror or e})")
        return
    check_output(path)
    try:
        with io.atomic_path(path) as tmp, open(tmp, "wb") as fh:
            write(io.WholeWriter(fh))
    except OSError as e:
        fail(f"{path}: cannot write ({e.strerror or e})")


class Confidence(click.ParamType):
    """A number in [0, 1]: not nan, not inf."""

    name = "0..1"

    def convert(self, value, param, ctx):
        try:
            x = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if math.isnan(x) or not 0.0 <= x <= 1.0:
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return x


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
    """The graph of a file ('-': stdin), its syntax from --input-format, else its
    extension, else its content (builder.rdfio); every error one line, exit 2."""
    from ..rdfio import parse_graph

    add_inputs(path)
    name = "<stdin>" if path == "-" else path
    try:
        if path != "-" and not Path(path).is_file():
            raise io.InputError(f"{path}: no such file" if not Path(path).exists() else f"{path}: not a file")
        return parse_graph(io.read_bytes(path), name, fmt)
    except io.InputError as e:
        fail(str(e))


def serialize(graph, fmt: str) -> bytes:
    """The graph in an RDF syntax, UTF-8. The quad syntaxes put it in the named graph
    id:graph/diplokg and, as a store does its merged view, in the default graph too: a
    graph database that loads the file answers the named queries with no
    union-default-graph option, and GRAPH ?g still finds where the triples came from.
    Characters XML 1.0 forbids (a graph read from a file may hold them) are cleaned
    first, so that every syntax parses back."""
    from ..xmlsafe import clean_graph
    graph = clean_graph(graph)
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
