"""diplokg build: articles in, one graph file out (the corpus store comes later)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..io import InputError, read_article, read_metadata
from .common import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, EXT_TO_FORMAT, FORMATS, serialize, write_output


@click.command()
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
    from ..api import build_graph
    from ..rdf import new_graph

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
        from ..shacl import summarize
        from ..shacl import validate as shacl
        conforms, results, _ = shacl(graph)
        if not conforms:
            click.echo(summarize(results), err=True)
            code = EXIT_VIOLATIONS
    if bad:
        click.echo(f"diplokg: {bad} of {len(files)} articles skipped", err=True)
        code = EXIT_BAD_INPUT
    sys.exit(code)
