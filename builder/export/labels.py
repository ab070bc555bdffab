"""Human labels, search forms, types and dates of a diplokg graph's nodes.

Entities carry ``rdfs:label`` (English) and ``skos:altLabel`` (the article's
language); events (summits, meetings, partnerships, memberships) carry none, so their
label is composed from the labels of the things they relate and their date. An IRI's
last segment is used only when nothing better exists.
"""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from ..namespace import DK
from .style import primary_type

# Characters XML 1.0 forbids; a label from the web may carry them.
XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def local(term) -> str:
    return re.split(r"[#/]", str(term))[-1]


def clean(text) -> str:
    """Text without the characters XML 1.0 forbids."""
    return XML_BAD.sub("", str(text))


def words(name: str) -> str:
    """'leaderOf' -> 'leader of', 'StrategicPartnership' -> 'strategic partnership'."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local(name))
    return spaced[:1].lower() + spaced[1:].lower() if spaced else spaced


def types_of(graph: Graph, node) -> list[str]:
    return sorted(local(t) for t in graph.objects(node, RDF.type))


def kind_of(graph: Graph, node) -> str:
    return primary_type(types_of(graph, node))


def date_of(graph: Graph, node) -> str | None:
    """An event's date (dk:date, else dk:since) as text: YYYY, YYYY-MM or YYYY-MM-DD."""
    for p in (DK.date, DK.since):
        values = sorted(str(o) for o in graph.objects(node, p) if isinstance(o, Literal))
        if values:
            return values[0]
    return None


def search_forms(graph: Graph, node) -> list[str]:
    """Every label of the node, in every language, and its alternative labels."""
    forms = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(node, p) if isinstance(o, Literal)}
    return sorted(forms)


def _lang_label(graph: Graph, node, lang: str) -> str | None:
    labels = [o for o in graph.objects(node, RDFS.label) if isinstance(o, Literal)]
    for o in sorted(labels):
        if o.language == lang:
            return str(o)
    if lang != "en":
        alts = [str(o) for o in graph.objects(node, SKOS.altLabel) if isinstance(o, Literal) and o.language == lang]
        if alts:  # the fullest form: "নরেন্দ্র মোদি" rather than "মোদি"
            return max(sorted(alts), key=len)
    for o in sorted(labels):
        if o.language == "en":
            return str(o)
    return str(sorted(labels)[0]) if labels else None


class Labeller:
    """Labels in one language (``en``, ``bn`` or ``hi``), each computed once."""

    def __init__(self, graph: Graph, lang: str = "en"):
        self.graph, self.lang, self._cache = graph, lang or "en", {}

    def __call__(self, node) -> str:
        if node not in self._cache:
            self._cache[node] = self._label(node)
        return self._cache[node]

    def _names(self, node, *preds) -> str:
        found = sorted({self(o) for p in preds for o in self.graph.objects(node, p) if isinstance(o, URIRef)})
        return " – ".join(found)

    def _label(self, node) -> str:
        g = self.graph
        named = _lang_label(g, node, self.lang)
        if named:
            return named
        kind = kind_of(g, node)
        date = date_of(g, node)
        when = f", {date}" if date else ""
        if kind == "Summit":
            series = self._names(node, DK.inSeries)      # a series' name is a summit's name
            org = self._names(node, DK.organizedBy)
            text = series or (f"{org} summit" if org else "Summit")
            where = self._names(node, DK.location)
            host = "" if where else self._names(node, DK.hostCountry)
            return f"{text}{when}" + (f" ({where})" if where else f" (host: {host})" if host else "")
        if kind == "Meeting":
            mode = sorted(words(o) for o in g.objects(node, DK.mode))
            head = f"Meeting ({', '.join(mode)})" if mode else "Meeting"
            who = self._names(node, DK.participant)
            return f"{head}: {who}{when}" if who else f"{head}{when}"
        if kind == "Partnership":
            what = sorted(words(o) for o in g.objects(node, DK.kind))
            head = (", ".join(what) or "partnership").capitalize()
            return f"{head}: {self._names(node, DK.partner)}"
        if kind == "Membership":
            status = sorted(words(o) for o in g.objects(node, DK.status))
            text = f"{self._names(node, DK.member)} in {self._names(node, DK.organization)}"
            return text + (f" ({', '.join(status)})" if status else "")
        if kind == "Article":
            source = next((str(o) for o in g.objects(node, DK.source)), None)
            return f"Article {source or local(node)}"
        return local(node)

