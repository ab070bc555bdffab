"""Views of a diplokg graph for other tools and for people.

- :func:`to_networkx` (``builder.export.networkx``): a NetworkX multigraph;
- :func:`export` (``builder.export.formats``): GraphML, GEXF or node-link JSON bytes;
- :func:`to_html` (``builder.export.html``): one self-contained, offline explorer page.

Nothing is imported until it is used.
"""
from __future__ import annotations

__all__ = ["to_networkx", "export", "to_html", "MissingExplorerLibrary"]

_WHERE = {"to_networkx": "networkx", "export": "formats", "to_html": "html",
          "MissingExplorerLibrary": "vendor"}


def __getattr__(name: str):
    if name in _WHERE:
        from importlib import import_module
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(name)
