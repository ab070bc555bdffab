"""The SPARQL 1.1 Protocol endpoint as a WSGI application (werkzeug): read-only, every
query under a timeout, a row cap and a memory cap, SERVICE and LOAD refused.

Routes:

- ``GET|POST /sparql``: the protocol's query operation (``query=`` in the URL or a
  form body, or an ``application/sparql-query`` body); an update (``update=``, an
  ``application/sparql-update`` body, or an update given as ``query``) gets 403;
- ``GET /query/NAME?PARAM=VALUE...``: a named query with its declared parameters;
- ``GET /queries``: the named queries and their parameters, as JSON;
- ``GET /``: a query page that works offline (no script, nothing fetched).

Results: SPARQL JSON, XML, CSV or TSV for SELECT and ASK, Turtle or N-Triples for
CONSTRUCT and DESCRIBE, chosen by the Accept header or a ``format`` parameter. A
result cut at the row cap carries ``Diplokg-Truncated: true``. Errors are one line of
text: 400 (bad query or parameter), 403 (update, SERVICE, LOAD), 404, 405, 406, 413,
and 503 when a query ran past its timeout or memory cap (``Diplokg-Limit: timeout`` or
``memory``) or no worker came free.
"""
from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from ..sparql import QueryError, QueryMemoryError, QueryRefused, QueryTimeout
from ..sparql_guard import DEFAULT_MEMORY_MB, Limits
from . import results
from .pool import Busy, WorkerPool

log = logging.getLogger("diplokg.serve")

DEFAULT_TIMEOUT = 30.0
DEFAULT_ROWS = 10_000
MAX_BODY = 1 << 20  # bytes of a POSTed query
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"


@dataclass(frozen=True)
class Settings:
    timeout: float | None = DEFAULT_TIMEOUT
    rows: int | None = DEFAULT_ROWS
    memory: int | None = DEFAULT_MEMORY_MB
    workers: int = 2

    @property
    def limits(self) -> Limits:
        return Limits(timeout=self.timeout, rows=self.rows, memory=self.memory)


class Endpoint:
    """The WSGI application; :meth:`close` stops its workers."""

    def __init__(self, pool: WorkerPool, settings: Settings):
        self.pool, self.settings = pool, settings
        self.urls = Map([Rule("/", endpoint="page"), Rule("/sparql", endpoint="sparql"),
                         Rule("/queries", endpoint="queries"), Rule("/query/<name>", endpoint="named")],
                        strict_slashes=False)

    def __call__(self, environ, start_response):
        request = Request(environ)
        request.max_content_length = MAX_BODY
        request.max_form_memory_size = MAX_BODY
        try:
            endpoint, args = self.urls.bind_to_environ(environ).match()
            response = getattr(self, "on_" + endpoint)(request, **args)
        except HTTPException as e:
            response = _error(e.code or 500, e.description or e.name)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response(environ, start_response)

    def close(self) -> None:
        self.pool.close()

    # ------------------------------------------------------------------ routes

    def on_sparql(self, request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            return _error(405, "use GET or POST", allow="GET, POST")
        ctype = request.mimetype
        if request.method == "POST" and ctype == "application/sparql-update" or "update" in request.values:
            return _error(403, "updates are refused: this endpoint is read-only")
        if request.method == "POST" and ctype == "application/sparql-query":
            sparql = request.get_data(as_text=True)
        elif request.method == "POST" and ctype not in FORM_TYPES:
            return _error(415, "POST a form (query=...) or an application/sparql-query body")
        else:
            sparql = request.values.get("query")
        if not sparql:
            return _error(400, "no query: give query=... (see / for a query page)")
        if request.values.getlist("default-graph-uri") or request.values.getlist("named-graph-uri"):
            return _error(400, "default-graph-uri and named-graph-uri are not supported: the default graph is "
                               "the merged view; use FROM or GRAPH in the query")
        return self._answer(request, sparql, None)

    def on_named(self, request: Request, name: str) -> Response:
        from ..sparql import named_query
        if request.method != "GET":
            return _error(405, "use GET", allow="GET")
        try:
            sparql = named_query(name)
        except KeyError as e:
            return _error(404, str(e).strip("'\""))
        params = {k: v for k, v in request.args.items() if k != "format"}
        return self._answer(request, sparql, params)

    def on_queries(self, request: Request) -> Response:
        from ..sparql import declared_params, describe, named_queries
        body = {name: {"description": describe(text),
                       "params": {p: {"type": kind, "description": doc}
                                  for p, (kind, doc) in declared_params(text).items()}}
                for name, text in sorted(named_queries().items())}
        return Response(json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/json")

    def on_page(self, request: Request) -> Response:
        from ..sparql import declared_params, named_queries
        items = []
        for name, text in sorted(named_queries().items()):
            params = ", ".join(declared_params(text))
            items.append(f'<li><a href="query/{html.escape(name)}">{html.escape(name)}</a>'
                         + (f" <small>({html.escape(params)})</small>" if params else "") + "</li>")
        s = self.settings
        limits = (f"timeout {s.timeout:g} s" if s.timeout else "no timeout") + "; " + \
                 (f"at most {s.rows} rows" if s.rows else "no row cap")
        page = PAGE.format(items="\n".join(items), limits=html.escape(limits))
        response = Response(page, mimetype="text/html")
        response.headers["Content-Security-Policy"] = CSP
        return response

    # ------------------------------------------------------------------ answering

    def _answer(self, request: Request, sparql: str, params: dict | None) -> Response:
        from ..sparql_text import query_form
        form = query_form(sparql)
        if form == "UPDATE":
            return _error(403, "updates are refused: this endpoint is read-only")
        try:
            fmt = results.choose(form or "SELECT", request.accept_mimetypes, request.values.get("format"))
        except results.NotAcceptable as e:
            return _error(406, str(e))
        try:
            form, names, rows = self.pool.run(sparql, params, self.settings.limits)
        except QueryRefused as e:
            return _error(403, str(e))
        except QueryTimeout as e:
            return _error(503, str(e), limit="timeout")
        except QueryMemoryError as e:
            return _error(503, str(e), limit="memory")
        except Busy as e:
            return _error(503, str(e), limit="busy")
        except QueryError as e:
            return _error(400, str(e))
        if form != (query_form(sparql) or "SELECT"):  # the engine knew better than the lexer
            try:
                fmt = results.choose(form, request.accept_mimetypes, request.values.get("format"))
            except results.NotAcceptable as e:
                return _error(406, str(e))
        response = Response(results.render(form, names, rows, fmt), content_type=results.media_type(fmt))
        response.vary.add("Accept")
        if rows.truncated:
            response.headers["Diplokg-Truncated"] = "true"
            response.headers["Diplokg-Row-Cap"] = str(self.settings.rows)
            log.warning("a result was cut at the row cap of %s rows", self.settings.rows)
        return response


def _error(status: int, message: str, *, limit: str | None = None, allow: str | None = None) -> Response:
    response = Response(f"diplokg: error: {message}\n", status=status, mimetype="text/plain")
    if limit:
        response.headers["Diplokg-Limit"] = limit
    if allow:
        response.headers["Allow"] = allow
    return response


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>diplokg SPARQL endpoint</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}
textarea{{width:100%;font-family:monospace}}</style></head>
<body><h1>diplokg SPARQL endpoint</h1>
<p>Read-only; {limits}. Prefixes <code>dk: wd: id: rdf: rdfs: xsd: skos: owl: prov:</code> are predeclared.
SERVICE and LOAD are refused.</p>
<form method="post" action="sparql">
<textarea name="query" rows="12">SELECT ?summit ?date WHERE {{ ?summit a dk:Summit ; dk:date ?date }} ORDER BY ?date</textarea>
<p><label>Format <select name="format">
<option value="">by query form</option><option value="json">SPARQL JSON</option><option value="xml">SPARQL XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="turtle">Turtle (CONSTRUCT, DESCRIBE)</option><option value="nt">N-Triples (CONSTRUCT, DESCRIBE)</option>
</select></label> <button type="submit">Run</button></p></form>
<h2>Named queries</h2><ul>
{items}
</ul>
<p>Parameters go in the URL: <code>query/meetings?leader=wd:Q1058&amp;since=2024</code>.
<a href="queries">queries</a> lists them as JSON.</p>
</body></html>
"""


_DEFAULT = object()


def make_app(*, store=None, graph=None, timeout=_DEFAULT, rows=_DEFAULT, memory=_DEFAULT,
             workers: int = 2) -> Endpoint:
    """The endpoint over a corpus store directory (``store``, opened read-only and
    reopened when a build writes to it) or an rdflib graph (``graph``, copied into
    in-memory Oxigraph stores). ``timeout`` seconds (default 30), ``rows`` (default
    10,000) and ``memory`` MB (default 2048) limit each query; None lifts a limit.
    ``workers`` query processes answer at once. Raises QueryError when the data cannot
    be opened."""
    if (store is None) == (graph is None):
        raise ValueError("give either store or graph")
    settings = Settings(timeout=DEFAULT_TIMEOUT if timeout is _DEFAULT else timeout,
                        rows=DEFAULT_ROWS if rows is _DEFAULT else rows,
                        memory=DEFAULT_MEMORY_MB if memory is _DEFAULT else memory, workers=workers)
    if store is not None:
        from .pool import LiveStoreTarget
        target = LiveStoreTarget(str(store))
    else:
        from .pool import DataTarget
        target = DataTarget(graph_nquads(graph))
    return Endpoint(WorkerPool(target, size=workers, memory=settings.memory), settings)


def graph_nquads(graph) -> bytes:
    """An rdflib graph as N-Triples (the default graph of the workers' stores)."""
    import pyoxigraph as ox

    from ..store.terms import to_ox
    return ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph),
                        format=ox.RdfFormat.N_TRIPLES)
