"""The explorer page: one self-contained, offline HTML file.

The page inlines vis-network (read from the installed pyvis package, see
:mod:`.vendor`), the page's own script and style (package data files in ``assets/``)
and the data (see :mod:`.explorer`). The data travels as JSON inside a
``<script type="application/json">`` element with '<', '>' and '&' escaped as \\u
sequences, so that no label can close the script; the script sets every label as text.
A Content-Security-Policy allows no request at all and runs only the one inline script
whose hash it names.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources

from rdflib import Graph

from .explorer import explorer_data
from .vendor import vis_network_js

_SLOT = re.compile(r"@@([A-Z]+)@@")


def _script_safe_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page(data: dict, title: str = "diplokg graph") -> str:
    """The explorer page for ``data`` (as made by :func:`explorer_data`)."""
    from .. import __version__
    script = vis_network_js() + "\n;\n" + asset("explorer.js")
    css = asset("explorer.css")
    if "</script" in script.lower() or "</style" in css.lower():
        raise ValueError("an explorer asset would close its element")
    csp = (f"default-src 'none'; script-src {_sha256(script)}; style-src 'unsafe-inline'; "
           "base-uri 'none'; form-action 'none'")
    slots = {"CSP": csp, "TITLE": html.escape(title), "CSS": css, "VERSION": __version__,
             "DATA": _script_safe_json(data), "SCRIPT": script}
    # one pass: text put into a slot is never searched for slots again
    return _SLOT.sub(lambda m: slots[m.group(1)], asset("explorer.html"))


def to_html(graph: Graph, title: str = "diplokg graph", *, label_lang: str = "en", focus: str | None = None,
            depth: int = 2, since: str | None = None, until: str | None = None,
            disputed: dict[str, list[str]] | None = None) -> str:
    """The explorer page of ``graph``; ``focus``/``depth`` draw one entity's neighbourhood,
    ``since``/``until`` leave out events dated outside the range; ``disputed`` nodes
    (IRI -> what the sources disagree on) are marked."""
    data = explorer_data(graph, label_lang=label_lang, focus=focus, depth=depth, since=since, until=until,
                         disputed=disputed)
    return page(data, title)
