"""diplokg: diplomacy news articles (Bengali, English, Hindi) as validated RDF graphs.

    >>> from builder import build_graph, validate, to_networkx
    >>> g = build_graph(text, lang="bn", published="2024-06-25")

Heavy modules (spaCy, pyshacl) are imported on first use, not at import time.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["build_graph", "extract", "validate", "to_networkx", "query", "named_query", "Store", "StoreError",
           "Article", "read_corpus", "__version__"]


def __getattr__(name: str):
    if name in ("build_graph", "extract"):
        from . import api
        return getattr(api, name)
    if name == "validate":
        from .shacl import validate
        return validate
    if name == "to_networkx":
        from .export.networkx import to_networkx
        return to_networkx
    if name in ("Store", "StoreError"):
        from . import store
        return getattr(store, name)
    if name in ("Article", "read_corpus"):
        from . import corpus
        return getattr(corpus, name)
    if name in ("query", "named_query"):
        from . import sparql
        return getattr(sparql, name)
    raise AttributeError(name)
