"""The diplokg command line: a thin layer over the Python API, one module per command.

Exit codes: 0 success (and, for build/validate, the graph conforms to the shapes);
1 the graph does not conform (the report is printed; build still writes the graph);
2 bad input or usage (one line on stderr naming the file); for a batch build, 2 also
means that some articles were skipped (each reported) while the rest were written;
3 a query ran past its timeout or memory cap and was stopped; 141 standard output was
closed by its reader (``| head``): the command stops quietly.
"""
from __future__ import annotations

import click

from .build import build
from .common import Group, serialize
from .eval import eval_cmd
from .export import export_cmd
from .query import query_cmd
from .reconcile import conflicts_cmd, reconcile_cmd
from .serve import serve_cmd
from .store import remove_cmd, stats_cmd
from .validate import validate_cmd

__all__ = ["main", "serialize"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplokg", prog_name="diplokg")
def main():
    """diplokg: diplomacy news articles (Bengali, English, Hindi) as validated RDF graphs."""


for _command in (build, validate_cmd, query_cmd, export_cmd, remove_cmd, stats_cmd, serve_cmd, eval_cmd,
                 reconcile_cmd, conflicts_cmd):
    main.add_command(_command)
