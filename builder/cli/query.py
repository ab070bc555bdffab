"""diplokg query: SPARQL or a named query over a graph."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import fail, graph_input


@click.command("query")
@graph_input
@click.argument("sparql", required=False)
@click.option("--name", "name", help="Run a named query instead (see --list).")
@click.option("--list", "list_names", is_flag=True, help="List the named queries and exit.")
@click.option("--output-format", "out", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query_cmd(graph, sparql, name, list_names, out):
    """Run SPARQL (a query string, or @FILE) or a named query over GRAPH."""
    from ..sparql import named_queries, named_query, query

    if list_names:
        for key, text in sorted(named_queries().items()):
            click.echo(f"{key:14} {text.splitlines()[0].lstrip('# ')}")
        return
    if bool(sparql) == bool(name):
        fail("give either a SPARQL query or --name NAME")
    try:
        text = named_query(name) if name else (Path(sparql[1:]).read_text("utf-8") if sparql.startswith("@") else sparql)
        names, rows = query(graph, text)
    except (KeyError, OSError) as e:
        fail(str(e).strip("'\""))
    except Exception as e:  # SPARQL syntax errors come from pyparsing
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
