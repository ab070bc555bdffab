"""Query results in the SPARQL 1.1 result formats (JSON, XML, CSV, TSV) and graph
results in Turtle or N-Triples, from rows of rdflib terms; and the choice of a format
from an Accept header or a ``format`` parameter."""
from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# name -> media type, by query form; the first is the default
ROW_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
             "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "nquads": "application/n-quads"}
ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml", "text/plain": "nt",
           "application/x-turtle": "turtle"}

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class NotAcceptable(ValueError):
    """No result format the client accepts fits the query."""


def choose(form: str, accept, requested: str | None) -> str:
    """The format name for a query of ``form``: ``requested`` (a ``format`` parameter:
    a name or a media type) wins, else the best match of the Accept header (werkzeug's
    MIMEAccept), else the form's default."""
    types = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else ROW_TYPES
    if requested:
        name = requested if requested in types else {v: k for k, v in types.items()}.get(requested) \
            or ALIASES.get(requested)
        if name not in types:
            raise NotAcceptable(f"format {requested!r} does not fit a {form} query; choose one of {', '.join(types)}")
        return name
    offered = list(types.values()) + [t for t, n in ALIASES.items() if n in types]
    best = accept.best_match(offered) if accept else None
    if best is None:
        if accept and accept.values() and not any(v in ("*/*", "text/*", "application/*") for v in accept.values()) \
                and not any(v == "text/html" for v in accept.values()):
            raise NotAcceptable(f"none of the accepted types fits a {form} query; "
                                f"offered: {', '.join(types.values())}")
        return next(iter(types))
    return ALIASES.get(best) or {v: k for k, v in types.items()}[best]


def media_type(name: str) -> str:
    return {**ROW_TYPES, **GRAPH_TYPES}[name] + "; charset=utf-8"


def render(form: str, names: list[str], rows, fmt: str) -> bytes:
    """The result bytes: ``rows`` are tuples of rdflib terms (None where unbound); an ASK
    result is ``[(bool,)]``; a graph result, (subject, predicate, object) triples."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return graph_bytes(rows, fmt)
    if form == "ASK":
        answer = bool(rows[0][0]) if rows else False
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer}).encode("utf-8")
        if fmt == "xml":
            return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                    f'<head/><boolean>{"true" if answer else "false"}</boolean></sparql>\n').encode("utf-8")
        return (b"true" if answer else b"false") + b"\n"
    return {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt](names, rows)


def _json_term(t) -> dict:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    if isinstance(t, Literal):
        out = {"type": "literal", "value": str(t)}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype is not None and str(t.datatype) != XSD_STRING:
            out["datatype"] = str(t.datatype)
        return out
    return {"type": "literal", "value": str(t)}


def _json(names, rows) -> bytes:
    bindings = [{n: _json_term(v) for n, v in zip(names, row) if v is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _x(text: str) -> str:
    """Text that XML 1.0 can carry: the characters it forbids replaced by U+FFFD."""
    return escape(_NOT_XML.sub("\ufffd", text))


def _xml_term(t) -> str:
    if isinstance(t, URIRef):
        return f"<uri>{_x(str(t))}</uri>"
    if isinstance(t, BNode):
        return f"<bnode>{_x(str(t))}</bnode>"
    attrs = ""
    if isinstance(t, Literal):
        if t.language:
            attrs = f" xml:lang={quoteattr(_NOT_XML.sub('', t.language))}"
        elif t.datatype is not None and str(t.datatype) != XSD_STRING:
            attrs = f" datatype={quoteattr(_NOT_XML.sub(chr(0xFFFD), str(t.datatype)))}"
    return f"<literal{attrs}>{_x(str(t))}</literal>"


def _xml(names, rows) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(n)}/>" for n in names]
    out.append("</head>\n<results>")
    for row in rows:
        out.append("<result>" + "".join(f"<binding name={quoteattr(n)}>{_xml_term(v)}</binding>"
                                        for n, v in zip(names, row) if v is not None) + "</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out).encode("utf-8")


def _csv(names, rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(names)
    w.writerows(["" if v is None else str(v) for v in row] for row in rows)
    return buf.getvalue().encode("utf-8")


def _nt(t) -> str:
    """A term in N-Triples syntax (for TSV results)."""
    if isinstance(t, (URIRef, BNode, Literal)):
        if isinstance(t, Literal) and t.datatype is not None and str(t.datatype) == XSD_STRING:
            t = Literal(str(t))
        return t.n3()
    return Literal(str(t)).n3()


def _tsv(names, rows) -> bytes:
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if v is None else _nt(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def graph_bytes(triples, fmt: str) -> bytes:
    """Triples of rdflib terms as Turtle (``turtle``, diplokg's deterministic writer) or
    N-Triples (``nt``, or ``nquads``: the triples in the default graph)."""
    if fmt == "turtle":
        from ..rdf import new_graph
        from ..turtle import to_turtle
        g = new_graph()
        for t in triples:
            g.add(t)
        return to_turtle(g).encode("utf-8")
    import pyoxigraph as ox

    from ..store.terms import to_ox
    return ox.serialize(sorted((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in set(triples)), key=str),
                        format=ox.RdfFormat.N_TRIPLES)
