"""diplokg export: a graph as GraphML, GEXF, node-link JSON or one HTML page."""
from __future__ import annotations

import click

from .common import graph_input, write_output


@click.command("export")
@graph_input
@click.option("--to", "to", type=click.Choice(["graphml", "gexf", "json", "html"]), required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' for stdout).")
def export_cmd(graph, to, output):
    """Export GRAPH through NetworkX as GraphML, GEXF, node-link JSON, or a self-contained HTML view."""
    if to == "html":
        from ..visualize import to_html
        data = to_html(graph).encode("utf-8")
    else:
        from ..export import export
        data = export(graph, to)
    write_output(output, data)
