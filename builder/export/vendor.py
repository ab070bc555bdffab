"""The graph-drawing library the explorer page inlines: vis-network, as shipped inside
the ``pyvis`` package from PyPI (pyvis/lib/vis-9.1.2/vis-network.min.js, the standalone
UMD build, dual Apache-2.0/MIT).

The file is found through the installed package's location, without importing pyvis
(which would import IPython), and read at export time; nothing is fetched.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

PACKAGE = "pyvis"
CANDIDATES = ("lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.min.js")
INSTALL_HINT = "pip install 'diplokg[html]'"


class MissingExplorerLibrary(RuntimeError):
    """vis-network (the pyvis package) is not installed."""


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The text of vis-network.min.js from the installed pyvis package."""
    spec = importlib.util.find_spec(PACKAGE)
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        for rel in CANDIDATES:
            path = Path(root) / rel
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                if "</script" in text.lower():   # could not be inlined safely
                    raise MissingExplorerLibrary(f"{path}: contains '</script'; cannot inline it")
                return text
    raise MissingExplorerLibrary(
        f"--to html needs the vis-network drawing library from the pyvis package: {INSTALL_HINT}")
