"""diplokg reconcile and diplokg conflicts: one account per event across the articles of
a corpus store, and where its sources disagree."""
from __future__ import annotations

import json

import click

from .common import echo, store_required


@click.command("reconcile")
@store_required(read_only=False)
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Processes describing the events of a large store (default: the number of cores).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def reconcile_cmd(store, workers, quiet):
    """Rebuild the consolidated view of --store DIR (a build does this itself): one value
    per single-valued property of each event, undated mentions joined to their dated
    event, and leaders' terms of office."""
    from ..corpus.run import default_workers
    with store:
        done = store.reconcile(workers=workers or default_workers())
    if not quiet:
        click.echo(done.line(), err=True)


@click.command("conflicts")
@store_required(read_only=True)
@click.option("--json", "as_json", is_flag=True, help="As JSON: a list of conflicts with their sides and evidence.")
def conflicts_cmd(store, as_json):
    """Where the articles of --store DIR disagree: two dates, hosts, venues, editions or
    modes of one event, a leader in two offices at once or an office with two holders at
    once, a membership with two statuses. Each side with its articles, evidence
    sentences and confidence; the best-supported conflicts first."""
    from ..reconcile.report import conflict_records, conflict_text
    with store:
        records = conflict_records(store)
    if as_json:
        echo(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        echo(conflict_text(records))
