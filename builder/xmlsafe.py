"""Text and graphs every RDF serializer can write: no character XML 1.0 forbids.

XML 1.0 allows tab, line feed, carriage return and U+0020-U+D7FF, U+E000-U+FFFD and
the supplementary planes: so no other C0 control, no U+FFFE or U+FFFF and no lone
surrogate (which UTF-8 cannot even encode). :func:`clean_text` takes them out of a
literal (a lone surrogate becomes U+FFFD); :func:`clean_graph` is the safety net for a
graph read from a file, before RDF/XML (or any) output: literals cleaned, IRIs holding
such characters percent-encoded.
"""
from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef

# what XML 1.0 forbids, lone surrogates included
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _fix(m: re.Match) -> str:
    return "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else ""


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids; a lone surrogate becomes U+FFFD."""
    text = str(text)
    return text if XML_FORBIDDEN.search(text) is None else XML_FORBIDDEN.sub(_fix, text)


def _escape(m: re.Match) -> str:
    ch = "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else m.group(0)
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def clean_iri(iri: str) -> str:
    """An IRI with the characters XML 1.0 forbids percent-encoded (an IRI may not hold
    them as they are anyway)."""
    return iri if XML_FORBIDDEN.search(iri) is None else XML_FORBIDDEN.sub(_escape, iri)


def clean_term(term):
    if isinstance(term, URIRef):
        iri = clean_iri(str(term))
        return term if iri == str(term) else URIRef(iri)
    if isinstance(term, Literal):
        text = clean_text(str(term))
        if text == str(term):
            return term
        return Literal(text, lang=term.language, datatype=None if term.language else term.datatype)
    return term


def is_clean(graph) -> bool:
    """Whether no term of the graph holds a character XML 1.0 forbids."""
    return not any(XML_FORBIDDEN.search(str(t)) for triple in graph for t in triple)


def clean_graph(graph: Graph) -> Graph:
    """The graph itself when it is clean (the usual case: diplokg's own graphs), else a
    copy, with its prefixes, in which every term is clean."""
    if is_clean(graph):
        return graph
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    for triple in graph:
        out.add(tuple(clean_term(t) for t in triple))
    return out
