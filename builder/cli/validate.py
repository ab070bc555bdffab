"""diplokg validate: check a graph against the shapes."""
from __future__ import annotations

import sys

import click

from .common import EXIT_OK, EXIT_VIOLATIONS, graph_input


@click.command("validate")
@graph_input
@click.option("--full-report", is_flag=True, help="Print pyshacl's full report instead of one line per violation.")
def validate_cmd(graph, full_report):
    """Validate GRAPH against the diplokg SHACL shapes (exit 0 conforms, 1 violations)."""
    from ..shacl import summarize
    from ..shacl import validate as shacl

    conforms, results, report = shacl(graph)
    click.echo(report if full_report else ("Conforms." if conforms else summarize(results)))
    sys.exit(EXIT_OK if conforms else EXIT_VIOLATIONS)
