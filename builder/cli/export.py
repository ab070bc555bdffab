"""diplokg export: a graph file or a store as RDF, GraphML, GEXF, node-link JSON or one HTML page."""
from __future__ import annotations


import click

from .common import check_output, fail, graph_or_store, serialize, write_output, write_with

RDF_FORMATS = ["nquads", "nt", "trig", "turtle"]


@click.command("export")
@graph_or_store
@click.option("--to", "to", type=click.Choice(RDF_FORMATS + ["graphml", "gexf", "json", "html"]), required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' for stdout).")
@click.option("--article", "articles", multiple=True, metavar="ID", help="Only this article (repeatable; --store).")
@click.option("--since", metavar="YYYY-MM-DD",
              help="Only articles published on or after this date (--store); html of a GRAPH: events dated so.")
@click.option("--until", metavar="YYYY-MM-DD",
              help="Only articles published on or before this date (--store); html of a GRAPH: events dated so.")
@click.option("--label-lang", type=click.Choice(["en", "bn", "hi"]), default="en", show_default=True,
              help="Language of the labels (html, graphml, gexf, json): English, or the articles' Bengali or Hindi.")
@click.option("--focus", metavar="ENTITY",
              help="html: draw only this entity's neighbourhood (an IRI, or a CURIE such as wd:Q1058).")
@click.option("--depth", type=click.IntRange(0, 10), default=2, show_default=True,
              help="html with --focus: how many links from ENTITY (events count as one).")
@click.option("--title", default="diplokg graph", show_default=True, help="html: the page's title.")
def export_cmd(source, to, output, articles, since, until, label_lang, focus, depth, title):
    """Export GRAPH or --store DIR: RDF (from a store, streamed without loading it),
    GraphML, GEXF, node-link JSON, or one self-contained, offline HTML explorer page.

    --since/--until select a store's articles by publication date; for a GRAPH file
    with --to html they leave out the events (summits, meetings, ...) dated outside."""
    from ..store import Store, StoreError

    if (focus or depth != 2) and to != "html":
        fail("--focus and --depth are for --to html")
    check_output(output)
    page = {}  # options of the html page: the events' date range (a GRAPH), disputed nodes (a store)
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
            if to == "html":
                from ..reconcile.report import disputed
                page = {"disputed": disputed(source)}
    else:
        if articles or ((since or until) and to != "html"):
            fail("--article, --since and --until select articles of a --store")
        graph = source
        page = {"since": since, "until": until}
        if to in RDF_FORMATS:
            write_output(output, serialize(graph, to))
            return
    if to == "html":
        data = _html(graph, title=title, label_lang=label_lang, focus=focus, depth=depth, **page)
    else:
        from ..export.formats import export
        data = export(graph, to, label_lang=label_lang)
    write_output(output, data)


def _html(graph, **options) -> bytes:
    from ..export.explorer import ExplorerError
    from ..export.html import to_html
    from ..export.vendor import MissingExplorerLibrary
    try:
        return to_html(graph, **options).encode("utf-8")
    except (MissingExplorerLibrary, ExplorerError) as e:
        fail(str(e))


def _stream(store, fmt: str, output: str, iris) -> None:
    """Write RDF straight from the store: to stdout, or a temporary file renamed at the end."""
    if output == "-":
        write_with("-", lambda f: store.export(f, fmt, graph_iris=iris))
        return
    from ..io import atomic_path
    check_output(output)
    try:
        with atomic_path(output) as tmp:
            store.export(tmp, fmt, graph_iris=iris)
    except OSError as e:
        fail(f"{output}: cannot write ({e.strerror or e})")
