"""diplokg query: SPARQL or a named query over a graph file or a corpus store, with a
timeout, a row cap and a memory cap (builder.sparql_guard)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .common import EXIT_LIMIT, FORMATS, add_inputs, check_output, echo, fail, load_graph, open_store, write_with

TABLE_ROWS = 1000  # the default row cap of table output
ROW_FORMATS = ["table", "csv", "json"]
GRAPH_FORMATS = ["turtle", "nt", "nquads"]


@click.command("query")
@click.argument("args", nargs=-1, metavar="[GRAPH] [SPARQL|@FILE]")
@click.option("--store", "store_dir", metavar="DIR", default=None,
              help="Query a corpus store (opened read-only; its default graph is the merged view of "
                   "the article graphs) instead of a GRAPH file.")
@click.option("--input-format", "input_format", type=click.Choice(sorted(FORMATS)), default=None,
              help="RDF syntax of GRAPH (default: from its extension, else turtle).")
@click.option("--name", "name", help="Run a named query instead (see --list).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter the query declares (repeatable): an IRI (<https://…>, wd:Q1058, "
                   "id:…, dk:…), a date (YYYY, YYYY-MM, YYYY-MM-DD) or a string.")
@click.option("--view", type=click.Choice(["consolidated", "merged"]), default="consolidated", show_default=True,
              help="--store, named queries: the consolidated view (one value per event property, undated "
                   "mentions joined; see `diplokg reconcile`) where the store has one, or the merged view "
                   "(every value any article states).")
@click.option("--list", "list_names", is_flag=True, help="List the named queries and their parameters, and exit.")
@click.option("--output-format", "out", type=click.Choice(ROW_FORMATS + GRAPH_FORMATS), default=None,
              help="SELECT/ASK: table (default), csv or json; CONSTRUCT/DESCRIBE: turtle (default), nt or "
                   "nquads (the triples in the default graph).")
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' for stdout).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True, metavar="SECONDS",
              help="Stop the query after this long: exit 3 (0: no timeout).")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="ROWS",
              help=f"Print at most this many rows (or triples), with a note on stderr when there are more "
                   f"[default: {TABLE_ROWS} for table output, none otherwise; 0: none].")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=0), default=2048, show_default=True,
              metavar="MB", help="Stop the query when it needs this much more memory: exit 3 (0: no cap).")
def query_cmd(args, store_dir, input_format, name, params, view, list_names, out, output, timeout, limit,
              max_memory):
    """Run SPARQL (a query string, or @FILE) or a named query over GRAPH, or over the
    corpus store DIR with --store. Give exactly one of GRAPH and --store.

    SELECT and ASK print rows; CONSTRUCT and DESCRIBE print triples (Turtle by
    default). SERVICE, LOAD and updates are refused before anything runs, and so is
    FROM on a GRAPH file: diplokg sends no request. Each query runs under a timeout and
    a memory cap (exit 3 when one fires) and table output under a row cap.

    Named queries give one row per summit, leader, office holder, meeting, partnership,
    membership, fact or (fact, sentence), and take parameters: `diplokg query --store
    corpus/ --name meetings --param leader=wd:Q1058 --param since=2024`; `--name facts
    --param thing=wd:Q668`, then `--name evidence --param fact=IRI`, show what the
    articles say about a thing. A parameter is bound as a value, never
    pasted into the query text; a query takes only those it declares in
    `# param: NAME TYPE — what it does` comment lines (see --list).
    """
    from ..sparql import (QueryError, QueryMemoryError, QueryTimeout, bind_params, declared_params, describe,
                          named_queries, named_query)

    if list_names:
        for key, text in sorted(named_queries().items()):
            echo(f"{key:14} {describe(text)}")
            for pname, (kind, doc) in declared_params(text).items():
                echo(f"{'':14}   --param {pname}=… ({kind}) {doc}".rstrip())
        return
    args = list(args)
    if store_dir is not None:
        if len(args) > 1:
            fail("give either GRAPH or --store DIR, not both")
        sparql = args[0] if args else None
    else:
        if not args:
            fail("give a GRAPH file or --store DIR")
        if len(args) > 2:
            fail(f"unexpected argument {args[2]!r}")
        sparql = args[1] if len(args) > 1 else None
    if bool(sparql) == bool(name):
        fail("give either a SPARQL query or --name NAME")
    bindings = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep or not key.strip():
            fail(f"--param {p!r}: expected NAME=VALUE")
        bindings[key.strip()] = value
    if sparql and sparql.startswith("@"):
        add_inputs(sparql[1:])
    try:
        text = named_query(name) if name else (Path(sparql[1:]).read_text("utf-8") if sparql.startswith("@") else sparql)
    except (KeyError, OSError, UnicodeDecodeError) as e:
        fail(str(e).strip("'\""))
    try:
        bind_params(text, bindings)   # bad parameters are reported before anything is opened
    except QueryError as e:
        fail(str(e))
    if store_dir:
        from ..sparql_guard import StoreTarget
        check_output(output)
        open_store(store_dir, read_only=True, must_exist=True).close()  # the checks and errors of any store command
        target = StoreTarget(str(store_dir))
    else:
        target = load_graph(args[0], input_format)
        check_output(output)
    try:
        _run(target, text, bindings, out, output, view=view, timeout=timeout or None, limit=limit,
             max_memory=max_memory or None)
    except (QueryTimeout, QueryMemoryError) as e:
        fail(str(e) + (" (--timeout SECONDS to allow more)" if isinstance(e, QueryTimeout)
                       else " (--max-memory MB to allow more)"), code=EXIT_LIMIT)
    except QueryError as e:
        fail(str(e))


def _run(target, text, bindings, out, output, *, view, timeout, limit, max_memory) -> None:
    from ..sparql_guard import Limits, Stream
    from ..sparql_text import query_form

    form = query_form(text)
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    out = out or ("turtle" if graph_form else "table")
    if graph_form and out == "table" or not graph_form and form and out in GRAPH_FORMATS:
        fail(f"--output-format {out} does not fit a {form} query "
             f"({', '.join(GRAPH_FORMATS if graph_form else ROW_FORMATS)})")
    if limit is None:
        limit = TABLE_ROWS if out == "table" else 0
    limits = Limits(timeout=timeout, rows=limit or None, memory=max_memory)
    with Stream(target, text, bindings, limits, view=view) as stream:
        if stream.form in ("CONSTRUCT", "DESCRIBE"):
            if out not in GRAPH_FORMATS and out != "csv" and out != "json":
                out = "turtle"
            if out in GRAPH_FORMATS:
                triples = [t for chunk in stream.chunks() for t in chunk]
                from ..serve.results import graph_bytes
                _write(output, lambda f: f.write(graph_bytes(triples, out)))
                _note_truncated(stream, limit, "triples")
                return
        elif out in GRAPH_FORMATS:
            fail(f"--output-format {out} is for CONSTRUCT and DESCRIBE queries")
        names = stream.names
        if out == "table":
            cells = [_cells(row) for chunk in stream.chunks() for row in chunk]
            _write(output, lambda f: f.write(_table(names, cells).encode("utf-8")))
        elif out == "csv":
            _write(output, lambda f: _csv(f, names, stream))
        else:
            _write(output, lambda f: _json(f, names, stream))
        _note_truncated(stream, limit, "rows")


def _cells(row) -> list[str]:
    return ["" if v is None else str(v) for v in row]


def _table(names, cells) -> str:
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells]
    return "\n".join(lines) + "\n"


def _csv(f, names, stream) -> None:
    import csv
    import io
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(names)
    f.write(buf.getvalue().encode("utf-8"))
    for chunk in stream.chunks():
        buf.seek(0)
        buf.truncate()
        w.writerows(_cells(r) for r in chunk)
        f.write(buf.getvalue().encode("utf-8"))


def _json(f, names, stream) -> None:
    """A JSON array of objects, written as the rows come."""
    f.write(b"[")
    first = True
    for chunk in stream.chunks():
        for row in chunk:
            item = json.dumps(dict(zip(names, _cells(row))), ensure_ascii=False)
            f.write((("\n " if first else ",\n ") + item).encode("utf-8"))
            first = False
    f.write(b"\n]\n" if not first else b"]\n")


def _note_truncated(stream, limit, what: str) -> None:
    if stream.truncated:
        click.echo(f"diplokg: note: the first {limit} {what} are shown; the query gives more "
                   f"(--limit ROWS for more, --limit 0 for all)", err=True)


def _write(output: str, write) -> None:
    """Write to stdout, or to a temporary file renamed to ``output`` at the end; a full
    disk is a one-line error (exit 2), a closed pipe a quiet exit 141, never a traceback."""
    write_with(output, write)
