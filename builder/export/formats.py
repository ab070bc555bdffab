"""GraphML, GEXF and node-link JSON exports, for Gephi, Cytoscape and scripts.

- attributes are typed: ``confidence`` a double, counts (``articles``, ``edition``, …)
  integers, dates and everything else strings; one attribute name has one type
  throughout (mixed values become strings);
- every edge has its own id (``e0``, ``e1``, … in a stable order);
- node ids are the IRIs, with characters XML 1.0 cannot carry (control characters and
  lone surrogates from a hostile input graph) percent-encoded, and every other string
  without them, so the files always parse;
- GEXF nodes carry their type's colour (``viz:color``), GraphML and GEXF a readable
  ``label``.
"""
from __future__ import annotations

import json
from io import BytesIO

import networkx as nx
from rdflib import Graph

from ..xmlsafe import clean_iri
from ..xmlsafe import clean_text as clean
from .networkx import to_networkx
from .style import primary_type, rgb

FORMATS = ("graphml", "gexf", "json")


def xml_safe_id(text: str) -> str:
    """An IRI with XML-forbidden characters percent-encoded (an IRI may not hold them anyway;
    a lone surrogate as U+FFFD)."""
    return clean_iri(str(text))


def _unify_types(items) -> None:
    """Give each attribute name one type: int+float -> float, anything else mixed -> str."""
    kinds: dict[str, set] = {}
    for attrs in items:
        for k, v in attrs.items():
            kinds.setdefault(k, set()).add(type(v))
    for attrs in items:
        for k, v in attrs.items():
            seen = kinds[k]
            if len(seen) > 1:
                attrs[k] = float(v) if seen <= {int, float} else clean(v)


def portable(graph: Graph, *, label_lang: str = "en", viz: bool = False) -> nx.MultiDiGraph:
    """The typed NetworkX view with XML-safe ids, unique edge ids and (viz) colours."""
    src = to_networkx(graph, typed=True, label_lang=label_lang)
    out = nx.MultiDiGraph()
    ids: dict[str, str] = {}
    for node in src.nodes:
        safe = xml_safe_id(node)
        while safe in ids.values():   # 'a%0B' given beside 'a\x0b': keep both apart
            safe += "_"
        ids[node] = safe
    node_attrs = [{clean(k): v for k, v in a.items()} for _, a in src.nodes(data=True)]
    edges = list(src.edges(keys=True, data=True))
    edge_attrs = [{clean(k): v for k, v in a.items()} for *_, a in edges]
    _unify_types(node_attrs)
    _unify_types(edge_attrs)
    for node, attrs in zip(src.nodes, node_attrs):
        if viz:
            r, g, b = rgb(primary_type(str(attrs.get("type", "")).split(",")))
            attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}}
        out.add_node(ids[node], **attrs)
    for n, ((u, v, key, _), attrs) in enumerate(zip(edges, edge_attrs)):
        out.add_edge(ids[u], ids[v], key=f"e{n}", id=f"e{n}", **attrs)
    return out


def export(graph: Graph, fmt: str, *, label_lang: str = "en") -> bytes:
    """The graph as 'graphml', 'gexf' or 'json' (node-link) bytes, UTF-8."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose graphml, gexf or json")
    nxg = portable(graph, label_lang=label_lang, viz=fmt == "gexf")
    if fmt == "json":
        data = nx.node_link_data(nxg, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    buf = BytesIO()
    if fmt == "graphml":
        nx.write_graphml(nxg, buf, encoding="utf-8", edge_id_from_attribute="id")
    else:
        nx.write_gexf(nxg, buf, encoding="utf-8")
    return buf.getvalue()
