"""diplokg query: SPARQL or a named query over a graph file or a corpus store."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import FORMATS, fail, load_graph, open_store


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
@click.option("--list", "list_names", is_flag=True, help="List the named queries and their parameters, and exit.")
@click.option("--output-format", "out", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query_cmd(args, store_dir, input_format, name, params, list_names, out):
    """Run SPARQL (a query string, or @FILE) or a named query over GRAPH, or over the
    corpus store DIR with --store. Give exactly one of GRAPH and --store.

    Named queries give one row per summit, leader, meeting, partnership, membership or
    (fact, sentence), and take parameters: `diplokg query --store corpus/ --name meetings
    --param leader=wd:Q1058 --param since=2024`. A parameter is bound as a value, never
    pasted into the query text; a query takes only those it declares in
    `# param: NAME TYPE — what it does` comment lines (see --list).
    """
    from ..sparql import QueryError, declared_params, describe, named_queries, named_query, query

    if list_names:
        for key, text in sorted(named_queries().items()):
            click.echo(f"{key:14} {describe(text)}")
            for pname, (kind, doc) in declared_params(text).items():
                click.echo(f"{'':14}   --param {pname}=… ({kind}) {doc}".rstrip())
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
    try:
        text = named_query(name) if name else (Path(sparql[1:]).read_text("utf-8") if sparql.startswith("@") else sparql)
    except (KeyError, OSError) as e:
        fail(str(e).strip("'\""))
    try:
        from ..sparql import bind_params
        bind_params(text, bindings)   # bad parameters are reported before anything is opened
    except QueryError as e:
        fail(str(e))
    target = open_store(store_dir, read_only=True, must_exist=True).ox if store_dir else load_graph(args[0], input_format)
    try:
        names, rows = query(target, text, params=bindings)
    except QueryError as e:
        fail(str(e))
    except Exception as e:  # SPARQL syntax errors: pyparsing (rdflib), SyntaxError (Oxigraph)
        fail(f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if out == "json":
        click.echo(json.dumps([dict(zip(names, r)) for r in cells], ensure_ascii=False, indent=1))
    elif out == "csv":
        import csv
        w = csv.writer(sys.stdout)
        w.writerow(names)
        w.writerows(cells)
    else:
        widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
        click.echo("  ".join(n.ljust(w) for n, w in zip(names, widths)))
        for r in cells:
            click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)))
