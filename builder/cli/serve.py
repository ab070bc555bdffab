"""diplokg serve: a read-only SPARQL 1.1 Protocol endpoint over a store or a graph file."""
from __future__ import annotations

import click

from .common import FORMATS, fail, load_graph, open_store


@click.command("serve")
@click.argument("graph_file", metavar="[GRAPH]", required=False)
@click.option("--store", "store_dir", metavar="DIR", help="Serve a corpus store (read-only; a build may keep "
                                                          "writing to it, and queries see what it wrote).")
@click.option("--input-format", "input_format", type=click.Choice(sorted(FORMATS)), default=None,
              help="RDF syntax of GRAPH (default: from its extension, else turtle).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (a warning when it is not a loopback address).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: any free one).")
@click.option("--bind", metavar="HOST:PORT", default=None,
              help="Address and port at once, as the Oxigraph server takes them (wins over --host/--port).")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True, metavar="SECONDS",
              help="Stop a query after this long: 503 (0: no timeout).")
@click.option("--limit", type=click.IntRange(min=0), default=10_000, show_default=True, metavar="ROWS",
              help="At most this many rows or triples per result, then the header Diplokg-Truncated (0: none).")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=0), default=2048, show_default=True,
              metavar="MB", help="Stop a query that needs this much more memory: 503 (0: no cap).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query processes: how many queries run at once.")
@click.option("--quiet", is_flag=True, help="No line per request on stderr.")
def serve_cmd(graph_file, store_dir, input_format, host, port, bind, timeout, limit, max_memory, workers, quiet):
    """Serve GRAPH or --store DIR as a SPARQL endpoint on http://127.0.0.1:7878/sparql
    (GET and POST, results by the Accept header), with named queries at
    /query/NAME?PARAM=VALUE and a query page at /. Read-only: updates get 403, and so
    do SERVICE and LOAD. Ctrl-C stops it."""
    from ..serve.server import is_loopback, serve
    from ..sparql import QueryError

    if bool(graph_file) == bool(store_dir):
        fail("give either a GRAPH file or --store DIR")
    if bind is not None:
        host, port = _split_bind(bind)
    if not is_loopback(host):
        click.echo(f"diplokg: warning: listening on {host}, not a loopback address: anyone who can reach it "
                   "can query the data (there is no authentication)", err=True)
    if store_dir:
        open_store(store_dir, read_only=True, must_exist=True).close()  # the checks and errors of any store command
        source = {"store": store_dir}
    else:
        source = {"graph": load_graph(graph_file, input_format)}

    def ready(url: str) -> None:
        click.echo(f"diplokg: serving {store_dir or graph_file} at {url} (read-only; "
                   f"{'timeout %g s' % timeout if timeout else 'no timeout'}; Ctrl-C stops)", err=True)

    try:
        serve(host=host, port=port, on_ready=ready, quiet=quiet, timeout=timeout or None, rows=limit or None,
              memory=max_memory or None, workers=workers, **source)
    except QueryError as e:
        fail(f"{store_dir or graph_file}: cannot serve: {e}")
    except OSError as e:
        import os
        fail(f"cannot listen on {host}:{port}: {os.strerror(e.errno) if e.errno else e}")


def _split_bind(bind: str) -> tuple[str, int]:
    """'127.0.0.1:7878', 'localhost:0', '[::1]:8000' -> (host, port)."""
    host, sep, port = bind.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        fail(f"--bind {bind!r}: give HOST:PORT, e.g. 127.0.0.1:7878")
    return host.strip("[]"), int(port)
