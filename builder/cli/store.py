"""diplokg remove and diplokg stats: managing a corpus store."""
from __future__ import annotations

import json
import sys

import click

from .common import EXIT_BAD_INPUT, EXIT_OK, echo, store_required


@click.command("remove")
@store_required(read_only=False)
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
def remove_cmd(store, ids):
    """Take the articles ID... (their ids, or their graphs' IRIs) out of --store DIR."""
    with store:
        missing = store.remove(ids)
    for aid in missing:
        click.echo(f"diplokg: error: {store.path}: no article {aid!r} in the store", err=True)
    click.echo(f"diplokg: {len(ids) - len(missing)} removed, {len(missing)} not found", err=True)
    sys.exit(EXIT_BAD_INPUT if missing else EXIT_OK)


@click.command("stats")
@store_required(read_only=True)
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
def stats_cmd(store, as_json):
    """Articles per language, facts per family, triples and size on disk of --store DIR."""
    with store:
        stats = store.stats()
    if as_json:
        echo(json.dumps(stats, ensure_ascii=False, indent=1))
        return
    for key, value in stats.items():
        if isinstance(value, dict):
            echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
        else:
            echo(f"{key}: {value}")
