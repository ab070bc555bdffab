"""diplokg eval: score diplokg on gold-annotated articles."""
from __future__ import annotations

import json
import sys

import click

from .common import EXIT_BAD_INPUT, EXIT_OK, Confidence, echo


@click.command("eval")
@click.argument("golds", nargs=-1, required=True, metavar="GOLD...")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON document instead of tables.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list, per article, the facts missed and spurious and the entities not linked.")
@click.option("--min-confidence", type=Confidence(), default=0.0, show_default=True,
              help="Leave out facts whose confidence is below this (as diplokg build does).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes to build the articles with.")
def eval_cmd(golds, as_json, verbose, min_confidence, workers):
    """Score diplokg on articles you annotated: precision, recall and F1.

    A GOLD is a gold file NAME.json (the format is in the README) or a folder, searched
    for every NAME.json (sidecars NAME.meta.json aside). The article of NAME.json is
    NAME.txt beside it (or the file its "text" field names), read with its NAME.meta.json
    sidecar (published, lang, source) and, if there is one, the index.jsonl of its folder
    or a folder above; it is built as `diplokg build` builds it, and the graph is scored
    against the gold.

    Prints P/R/F1 per fact family, per language and overall, and linking accuracy.

    Exit codes: 0 every gold scored; 2 bad input (a missing article, a gold file that
    cannot be read or is not one, a path that does not exist): one line each on stderr
    naming the file, and the other golds are still scored and reported. 2 also if an
    article could not be built (reported; scored as an empty graph)."""
    from ..evaluation import evaluate

    def problem(message: str) -> None:
        click.echo(f"diplokg: error: {message}", err=True)

    report = evaluate(golds, min_confidence=min_confidence, workers=workers, problem=problem)
    for origin, error in report.build_failures.items():
        click.echo(f"diplokg: error: {origin}: could not be built ({error}); scored as an empty graph", err=True)
    if as_json:
        echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    elif report.articles:
        if verbose:
            echo(report.details())
            echo("")
        echo(report.table())
    sys.exit(EXIT_OK if report.ok else EXIT_BAD_INPUT)
