"""diplokg validate: check a graph file, or every article graph of a store, against the shapes."""
from __future__ import annotations

import sys

import click

from .common import EXIT_OK, EXIT_VIOLATIONS, echo, graph_or_store


@click.command("validate")
@graph_or_store
@click.option("--full-report", is_flag=True, help="Print pyshacl's full report instead of one line per violation.")
@click.option("--shacl-engine", type=click.Choice(["auto", "pyshacl", "turbo"]), default="auto", show_default=True,
              help="auto: pyshacl-turbo for --store batches when installed, else pyshacl.")
def validate_cmd(source, full_report, shacl_engine):
    """Validate GRAPH (or each article graph of --store DIR) against the diplokg SHACL
    shapes (exit 0 conforms, 1 violations)."""
    from ..store import Store

    if isinstance(source, Store):
        with source:
            bad = total = 0
            for article_id, violations in source.validate(engine=shacl_engine):
                total += 1
                if violations:
                    bad += 1
                    for line in violations:
                        echo(f"{article_id}: {line}")
        echo(f"{total} articles, {bad} not conforming." if bad else f"Conforms ({total} articles).")
        sys.exit(EXIT_VIOLATIONS if bad else EXIT_OK)
    from ..shacl import summarize
    from ..shacl import validate as shacl

    conforms, results, report = shacl(source)
    echo(report if full_report else ("Conforms." if conforms else summarize(results)))
    sys.exit(EXIT_OK if conforms else EXIT_VIOLATIONS)
