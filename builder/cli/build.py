"""diplokg build: articles in (files, directories, JSON Lines, stdin), a graph file or a
corpus store out."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import (EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, EXT_TO_FORMAT, FORMATS, Confidence, add_inputs,
                     check_output, fail, serialize, write_output)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", help="Write one graph file ('-' for stdout): for a few articles.")
@click.option("--store", "store_dir", metavar="DIR",
              help="Write into a persistent corpus store (one named graph per article; reruns skip unchanged articles).")
@click.option("--shards", "shards_dir", metavar="DIR",
              help="Keep the built articles as N-Quads shards in DIR (one file per batch, one named graph per "
                   "article), to bulk-load (builder.corpus.shards.load_shards, `oxigraph load`); with --store "
                   "too, the articles this run built.")
@click.option("--dask", "dask_address", metavar="tcp://HOST:8786",
              help="Build on a Dask cluster (the extra diplokg[dask]; diplokg installed on its workers) into "
                   "--store DIR and/or --shards DIR.")
@click.option("--lang", type=click.Choice(["auto", "bn", "en", "hi"]), default="auto", show_default=True,
              help="Article language; auto takes it from the sidecar or JSON field, else detects it.")
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date, to resolve 'Tuesday', 'this year', 'today' (wins over the article's own).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="RDF syntax of -o (default: from its extension, else turtle).")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto", show_default=True,
              help="auto: .jsonl/.jsonl.gz are JSON Lines; .html/.htm files and texts that begin <!doctype html "
                   "or <html are HTML (only the visible text is read); other files and '-' one text article each.")
@click.option("--field", "fields", multiple=True, metavar="FIELD=NAME",
              help="JSON Lines: read FIELD (id, text, lang, published, source) from NAME; repeatable.")
@click.option("--min-confidence", type=Confidence(), default=0.0, show_default=True,
              help="Leave out facts whose confidence is below this.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--shacl-engine", type=click.Choice(["auto", "pyshacl", "turbo"]), default="auto", show_default=True,
              help="auto: pyshacl-turbo (Rust) for article batches when installed, else pyshacl.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Worker processes for extraction, RDF and validation [default: the number of cores]; "
                   "not used with --dask (the cluster's worker threads build).")
@click.option("--batch-size", type=click.IntRange(1), default=64, show_default=True,
              help="Articles per worker task (validated together).")
@click.option("--commit-every", type=click.IntRange(1), default=None,
              help="--store: new articles per commit (bulk load) [default: 1024]. Fewer: less memory, less "
                   "work lost to a crash; more: less compaction, faster.")
@click.option("--writer-memory", "writer_memory", type=click.IntRange(0), default=None, metavar="MIB",
              help="--store: the resident memory (MiB) a commit may take the writing process to, and the "
                   "first commits' highest peak once they are made; commits take fewer articles than "
                   "--commit-every where needed [default: 320; 0: no limit].")
@click.option("--report", "report_path", metavar="FILE",
              help="JSON Lines report of bad input, failed and non-conforming articles, and the summary "
                   "[default with --store: DIR.report.jsonl beside the store].")
@click.option("--no-reconcile", "no_reconcile", is_flag=True,
              help="--store: leave the consolidated view as it was (`diplokg reconcile` rebuilds it later).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; errors only.")
def build(inputs, output, store_dir, shards_dir, dask_address, lang, published, fmt, input_format, fields,
          min_confidence, no_validate, shacl_engine, workers, batch_size, commit_every, writer_memory, report_path,
          no_reconcile, quiet):
    """Build the graph of every article in INPUT... and validate it.

    An INPUT is an article (UTF-8 text, or HTML: only its visible text is read), a
    directory (read recursively: *.txt, *.html, *.htm, each with its NAME.meta.json
    sidecar if any; other files are skipped and counted), a JSON Lines
    file (.jsonl or .jsonl.gz: one article a line, {"text": ..., "id", "lang",
    "published", "source"}), or '-' for standard input.

    With -o, all articles go into one graph file. With --store DIR, each article becomes a
    named graph in a persistent Oxigraph store: a rerun skips unchanged articles and
    replaces changed ones; articles that do not conform are not written (exit 1)."""
    from ..corpus.read import parse_field_map, read_corpus
    from ..corpus.run import default_workers

    if dask_address or shards_dir:
        if output or not (store_dir or shards_dir):
            fail("with --dask or --shards give --store DIR and/or --shards DIR (not -o)")
    elif bool(output) == bool(store_dir):
        fail("give either -o FILE or --store DIR")
    try:
        field_map = parse_field_map(fields)
    except ValueError as e:
        fail(str(e))
    if published is not None:
        _check_date(published)
    add_inputs(*inputs)
    check_output(output)
    check_output(report_path, "--report")
    if store_dir and report_path is None:
        report_path = str(Path(store_dir)) + ".report.jsonl"
    elif shards_dir and report_path is None:
        report_path = str(Path(shards_dir)) + ".report.jsonl"
    items = read_corpus(inputs, fields=field_map, input_format=input_format)
    progress = _progress(inputs, input_format, quiet)
    run = dict(lang=lang, published=published, workers=workers or default_workers(), batch_size=batch_size,
               min_confidence=min_confidence, no_validate=no_validate, shacl_engine=shacl_engine)
    if output:
        summary = _into_file(output, fmt, items, progress, report_path, **run)
    else:
        store_options = {"commit_every": commit_every, "memory_mib": writer_memory}
        summary = _into_store(dask_address, store_dir, shards_dir, store_options, items, progress, report_path,
                              reconcile=not no_reconcile, quiet=quiet, **run)
    if not quiet:
        click.echo(summary.line(), err=True)
    sys.exit(EXIT_BAD_INPUT if summary.bad_input or summary.errors
             else EXIT_VIOLATIONS if summary.invalid else EXIT_OK)


def _check_date(value: str) -> None:
    from ..metadata import is_date
    if not is_date(value):
        fail(f"--published {value!r} is not a date written YYYY-MM-DD")


def _run(items, sink, progress, report_path, *, lang, published, workers, batch_size,
         min_confidence, no_validate, shacl_engine, executor=None, finish=None):
    from ..corpus.build import BuildOptions
    from ..corpus.run import Events, run_build
    from ..corpus.sinks import Report

    try:
        report = Report(report_path)
    except OSError as e:
        fail(f"{report_path}: cannot write the report ({e.strerror or e})")

    def problem(p):
        click.echo(f"diplokg: error: {p}", err=True)
        report.problem(p)

    def failed(b):
        if b.error:
            click.echo(f"diplokg: error: {b.origin}: {b.error}", err=True)
        else:
            first = b.violations[0] if b.violations else ""
            more = f" (and {len(b.violations) - 1} more)" if len(b.violations) > 1 else ""
            click.echo(f"diplokg: {b.origin}: does not conform to the shapes: {first}{more}", err=True)
        report.failed(b)

    options = BuildOptions(min_confidence=min_confidence, validate=not no_validate, shacl_engine=shacl_engine)
    try:
        summary = run_build(items, sink, options=options, lang=lang, published=published, workers=workers,
                            batch_size=batch_size, events=Events(problem=problem, failed=failed, progress=progress),
                            executor=executor)
    finally:
        progress.close()
    if finish is not None:  # what follows the build (the store's reconciliation), in its summary
        finish(summary)
    report.write(summary.record())
    report.close()
    return summary


def _into_store(dask_address, store_dir, shards_dir, store_options, items, progress, report_path, *,
                reconcile=True, quiet=False, **kw):
    """--store DIR and/or --shards DIR, built here or (--dask) on a Dask cluster."""
    import contextlib

    from ..corpus.shards import ShardSink, TeeSink
    from ..store import Store, StoreError

    local_workers = kw["workers"]  # the reconciliation's processes (here, not on Dask)
    with contextlib.ExitStack() as stack:
        shards = store = executor = None
        if dask_address:
            from ..corpus.dask import DaskError, DaskExecutor
            try:
                executor = stack.enter_context(DaskExecutor(dask_address))
            except DaskError as e:
                fail(str(e))
            kw["workers"] = executor.slots
        if shards_dir:
            try:
                shards = ShardSink(shards_dir)
            except OSError as e:
                fail(f"{shards_dir}: cannot write shards ({e.strerror or e})")
        if store_dir:
            try:
                store = stack.enter_context(Store(store_dir, **store_options))
            except StoreError as e:
                fail(str(e))
        if store is not None and shards is not None:
            sink = TeeSink(store, shards)
        else:
            sink = store if store is not None else shards
        def finish(summary):
            done = store.reconcile(only_if_changed=True, changed=bool(summary.built or summary.replaced),
                                   workers=local_workers)
            if done is not None:
                summary.reconciled(done)
                if not quiet:
                    click.echo(done.line(), err=True)

        return _run(items, sink, progress, report_path, executor=executor,
                    finish=finish if store is not None and reconcile else None, **kw)


def _into_file(output, fmt, items, progress, report_path, **kw):
    from ..corpus.sinks import GraphSink

    fmt = fmt or EXT_TO_FORMAT.get(Path(output).suffix.lower(), "turtle")
    sink = GraphSink()
    summary = _run(items, sink, progress, report_path, **kw)
    if summary.built:
        try:
            data = serialize(sink.graph, fmt)
        except ValueError as e:  # a term this syntax cannot carry
            fail(f"{output}: cannot write the graph as {fmt} ({e})")
        write_output(output, data)
    return summary


class _Bar:
    """A tqdm bar on stderr when it is a terminal, with articles/s and ETA."""

    def __init__(self, total):
        from tqdm import tqdm
        self.bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def __call__(self, n: int) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()


class _NoBar:
    def __call__(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(inputs, input_format, quiet):
    if quiet or not sys.stderr.isatty():
        return _NoBar()
    from ..corpus.read import count_articles
    return _Bar(count_articles(inputs, input_format))
