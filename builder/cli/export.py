"""diplokg export: a graph file or a store as RDF, GraphML, GEXF, node-link JSON or one HTML page."""
from __future__ import annotations

import sys

import click

from .common import fail, graph_or_store, serialize, write_output

RDF_FORMATS = ["nquads", "nt", "trig", "turtle"]


@click.command("export")
@graph_or_store
@click.option("--to", "to", type=click.Choice(RDF_FORMATS + ["graphml", "gexf", "json", "html"]), required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' for stdout).")
@click.option("--article", "articles", multiple=True, metavar="ID", help="Only this article (repeatable; --store).")
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles published on or after this date (--store).")
@click.option("--until", metavar="YYYY-MM-DD", help="Only articles published on or before this date (--store).")
def export_cmd(source, to, output, articles, since, until):
    """Export GRAPH or --store DIR: RDF (from a store, streamed without loading it),
    GraphML, GEXF, node-link JSON, or a self-contained HTML view."""
    from ..store import Store, StoreError

    if isinstance(source, Store):
        with source:
            try:
                iris = source.graphs(articles, since=since, until=until) if (articles or since or until) else None
            except StoreError as e:
                fail(str(e))
            if to in RDF_FORMATS:
                _stream(source, to, output, iris)
                return
            graph = source.rdflib_graph(iris if iris is not None else source.graphs())
    else:
        if articles or since or until:
            fail("--article, --since and --until select articles of a --store")
        graph = source
        if to in RDF_FORMATS:
            write_output(output, serialize(graph, to))
            return
    if to == "html":
        from ..visualize import to_html
        data = to_html(graph).encode("utf-8")
    else:
        from ..export import export
        data = export(graph, to)
    write_output(output, data)


def _stream(store, fmt: str, output: str, iris) -> None:
    """Write RDF straight from the store: to a temporary file renamed at the end."""
    if output == "-":
        store.export(sys.stdout.buffer, fmt, graph_iris=iris)
        sys.stdout.buffer.flush()
        return
    from ..io import atomic_path
    try:
        with atomic_path(output) as tmp:
            store.export(tmp, fmt, graph_iris=iris)
    except OSError as e:
        fail(f"{output}: cannot write ({e.strerror or e})")
