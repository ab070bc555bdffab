"""The diplokg command line: a thin layer over the Python API.

Exit codes: 0 success (and, for build/validate, the graph conforms to the shapes);
1 the graph does not conform (the report is printed; build still writes the graph);
2 bad input or usage (one line on stderr naming the file); for a batch build, 2 also
means that some articles were skipped (each reported) while the rest were written.
"""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from .io import InputError, read_article, read_metadata, write_atomic

FORMATS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "json-ld": ".jsonld", "nt": ".nt", "xml": ".rdf"}
EXT_TO_FORMAT = {v: k for k, v in FORMATS.items()} | {".json": "json-ld", ".owl": "xml"}
EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str) -> None:
    click.echo(f"diplokg: error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


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
    from .rdf import new_graph
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
    """The graph in an RDF syntax, UTF-8; the quad syntaxes put it in the named graph
    id:graph/diplokg."""
    if fmt == "turtle":
        from .turtle import to_turtle
        return to_turtle(graph).encode("utf-8")
    if fmt in ("trig", "nquads"):
        from rdflib import Dataset

        from .namespace import ID
        ds = Dataset()
        for prefix, ns in graph.namespaces():
            ds.bind(prefix, ns)
        named = ds.graph(ID["graph/diplokg"])
        for t in graph:
            named.add(t)
        return ds.serialize(format=fmt, encoding="utf-8")
    return graph.serialize(format=fmt, encoding="utf-8")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplokg", prog_name="diplokg")
def main():
    """diplokg: diplomacy news articles (Bengali, English, Hindi) as validated RDF graphs."""


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-o", "--output", required=True, help="Output graph file ('-' for stdout).")
@click.option("--lang", type=click.Choice(["auto", "bn", "en", "hi"]), default="auto", show_default=True,
              help="Article language; auto detects it from script and content.")
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date, to resolve 'Tuesday', 'this year', 'today'.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="RDF syntax (default: from the output's extension, else turtle).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out facts whose confidence is below this.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
def build(files, output, lang, published, fmt, min_confidence, no_validate):
    """Build one graph from FILE... (articles as UTF-8 text, '-' for stdin) and validate it.

    An article's sidecar NAME.meta.json ({"published": "YYYY-MM-DD", "lang": "bn",
    "source": "https://..."}) supplies what the options do not."""
    from .api import build_graph
    from .rdf import new_graph

    fmt = fmt or EXT_TO_FORMAT.get(Path(output).suffix.lower(), "turtle")
    graph = new_graph()
    bad = 0
    for path in files:
        try:
            text = read_article(path)
            meta = read_metadata(path)  # options given on the command line win
            build_graph(text, lang=lang if lang != "auto" else meta.get("lang", "auto"),
                        published=published or meta.get("published"), source=meta.get("source", path),
                        min_confidence=min_confidence, graph=graph)
        except InputError as e:
            click.echo(f"diplokg: error: {e}", err=True)
            bad += 1
        except ValueError as e:
            click.echo(f"diplokg: error: {path}: {e}", err=True)
            bad += 1
    if bad == len(files):
        sys.exit(EXIT_BAD_INPUT)
    write_output(output, serialize(graph, fmt))
    code = EXIT_OK
    if not no_validate:
        from .shacl import summarize
        from .shacl import validate as shacl
        conforms, results, _ = shacl(graph)
        if not conforms:
            click.echo(summarize(results), err=True)
            code = EXIT_VIOLATIONS
    if bad:
        click.echo(f"diplokg: {bad} of {len(files)} articles skipped", err=True)
        code = EXIT_BAD_INPUT
    sys.exit(code)


@main.command("validate")
@graph_input
@click.option("--full-report", is_flag=True, help="Print pyshacl's full report instead of one line per violation.")
def validate_cmd(graph, full_report):
    """Validate GRAPH against the diplokg SHACL shapes (exit 0 conforms, 1 violations)."""
    from .shacl import summarize
    from .shacl import validate as shacl

    conforms, results, report = shacl(graph)
    click.echo(report if full_report else ("Conforms." if conforms else summarize(results)))
    sys.exit(EXIT_OK if conforms else EXIT_VIOLATIONS)


@main.command("query")
@graph_input
@click.argument("sparql", required=False)
@click.option("--name", "name", help="Run a named query instead (see --list).")
@click.option("--list", "list_names", is_flag=True, help="List the named queries and exit.")
@click.option("--output-format", "out", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query_cmd(graph, sparql, name, list_names, out):
    """Run SPARQL (a query string, or @FILE) or a named query over GRAPH."""
    from .sparql import named_queries, named_query, query

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


@main.command("export")
@graph_input
@click.option("--to", "to", type=click.Choice(["graphml", "gexf", "json", "html"]), required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' for stdout).")
def export_cmd(graph, to, output):
    """Export GRAPH through NetworkX as GraphML, GEXF, node-link JSON, or a self-contained HTML view."""
    if to == "html":
        from .visualize import to_html
        data = to_html(graph).encode("utf-8")
    else:
        from .export import export
        data = export(graph, to)
    write_output(output, data)


if __name__ == "__main__":
    main()
