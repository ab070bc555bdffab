"""``diplokg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store or a graph.

    from builder.serve import make_app, serve
    app = make_app(store="kg")        # a WSGI application; app.close() stops its workers
    serve(store="kg", port=7878)       # blocks until Ctrl-C or SIGTERM

See :mod:`builder.serve.app` for the routes, formats and status codes, and
:mod:`builder.sparql_guard` for the guards.
"""
from __future__ import annotations

__all__ = ["make_app", "serve"]


def __getattr__(name):  # werkzeug is imported when the endpoint is used, not before
    if name == "make_app":
        from .app import make_app
        return make_app
    if name == "serve":
        from .server import serve
        return serve
    raise AttributeError(name)
