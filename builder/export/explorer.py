"""The data of the explorer page: nodes, edges, facts with their evidence, types.

Everything the page shows comes from here, as plain JSON (the page sets it as text):

- ``nodes``: ``{id, l: label, t: type, s: other labels (all languages), d: an event's date,
  sd: the start (dk:since) of a partnership or membership, f: facts}``;
- ``edges``: ``{a: from, b: to, r: relation}`` (node indices);
- ``facts``: ``{d: description, c: confidence, e: evidence indices, n: the event's node}``;
  an event's fact is listed on the event and on every node it relates; a reified
  statement (``leader of``, ``office``) on its subject and object;
- ``evidence``: ``{t: sentence, a: article index}``; ``articles``: ``{s: dk:source,
  p: published, i: IRI}``;
- ``types``: the legend, ``{name, color, shape, count}``.

Articles, evidence and statements are not drawn as nodes. ``focus``/``depth`` keep the
neighbourhood of one entity; ``since``/``until`` drop events dated outside the range
(and partnerships and memberships begun after it).
"""
from __future__ import annotations

import re
from collections import deque
from decimal import Decimal

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV

from ..namespace import DK
from .labels import Labeller, kind_of, search_forms, words
from .style import EVENT_TYPES, TYPES, color, shape

SKIP = {PROV.wasDerivedFrom, DK.evidence, RDF.subject, RDF.object, RDF.predicate, RDF.type, OWL.sameAs}
HIDDEN_TYPES = {"Article", "Evidence", "Statement"}


class ExplorerError(ValueError):
    """--focus names nothing drawn, or --since/--until is not a date."""


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def resolve(graph: Graph, entity: str) -> URIRef:
    """A full IRI, <IRI> or a CURIE (wd:Q1058, id:Q1058, dk:…) -> the graph's node for it
    (an entity given by its Wikidata IRI is found through owl:sameAs)."""
    from ..rdf import PREFIXES
    text = entity.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, rest = text.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        text = str(PREFIXES[prefix]) + rest
    iri = URIRef(text)
    if (iri, None, None) in graph:
        return iri
    same = sorted(graph.subjects(OWL.sameAs, iri), key=str)
    if same:
        return same[0]
    raise ExplorerError(f"--focus {entity}: no such entity in the graph (give an IRI, or wd:Q… / id:…)")


def _confidence(graph: Graph, node) -> float | None:
    values = []
    for c in graph.objects(node, DK.confidence):
        try:
            values.append(float(Decimal(str(c))))
        except ArithmeticError:
            continue
    return max(values) if values else None


def _in_range(date: str, since: str | None, until: str | None) -> bool:
    """Compared at the coarser of the two precisions (2024-07 is within 2024-07-04..)."""
    if since and date[:len(since)] < since[:len(date)]:
        return False
    if until and date[:len(until)] > until[:len(date)]:
        return False
    return True


def _shown(date: str | None, start: str | None, since: str | None, until: str | None) -> bool:
    """An event dated in the range; a partnership or membership begun before its end."""
    if date:
        return _in_range(date, since, until)
    if start:
        return _in_range(start, None, until)
    return True


def _first(graph: Graph, node, prop) -> str | None:
    values = sorted(str(o) for o in graph.objects(node, prop) if isinstance(o, Literal))
    return values[0] if values else None


def _neighbourhood(start: int, adjacency: dict[int, set[int]], depth: int) -> set[int]:
    seen, queue = {start}, deque([(start, 0)])
    while queue:
        node, d = queue.popleft()
        if d == depth:
            continue
        for nxt in adjacency.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, d + 1))
    return seen


def explorer_data(graph: Graph, *, label_lang: str = "en", focus: str | None = None, depth: int = 2,
                  since: str | None = None, until: str | None = None,
                  disputed: dict[str, list[str]] | None = None) -> dict:
    """The page's data. ``disputed`` maps a node's IRI to what its sources disagree on
    (builder.reconcile.report.disputed): such nodes are marked."""
    for name, value in (("--since", since), ("--until", until)):
        if value and not _DATE.match(value):
            raise ExplorerError(f"{name} {value}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    label = Labeller(graph, label_lang)
    candidates = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    kinds = {n: kind_of(graph, n) for n in candidates}
    iris = sorted((n for n in candidates if kinds[n] not in HIDDEN_TYPES), key=str)
    dates = {n: _first(graph, n, DK.date) for n in iris}        # when an event happened
    starts = {n: _first(graph, n, DK.since) for n in iris}      # since when a state holds
    if since or until:
        iris = [n for n in iris if kinds[n] not in EVENT_TYPES or _shown(dates[n], starts[n], since, until)]
    index = {n: i for i, n in enumerate(iris)}
    edges = []
    for s, p, o in graph:
        if p not in SKIP and s in index and o in index and s != o:
            edges.append((index[s], index[o], p))
    if focus:
        start = resolve(graph, focus)
        if start not in index:
            raise ExplorerError(f"--focus {focus}: not a drawn node (an article or a date outside the range?)")
        adjacency: dict[int, set[int]] = {}
        for a, b, _ in edges:
            adjacency.setdefault(a, set()).add(b)
            adjacency.setdefault(b, set()).add(a)
        keep = _neighbourhood(index[start], adjacency, max(depth, 0))
        before = iris
        iris = [n for n in before if index[n] in keep]
        index = {n: i for i, n in enumerate(iris)}
        edges = [(index[before[a]], index[before[b]], p) for a, b, p in edges
                 if before[a] in index and before[b] in index]
    edges.sort(key=lambda e: (e[0], e[1], str(e[2])))

    articles: list[dict] = []
    article_index: dict = {}
    evidence: list[dict] = []
    evidence_index: dict = {}

    def article(a) -> int:
        if a not in article_index:
            article_index[a] = len(articles)
            src = graph.value(a, DK.source)
            pub = graph.value(a, DK.published)
            articles.append({"s": str(src) if src is not None else "", "p": str(pub) if pub is not None else "",
                             "i": str(a)})
        return article_index[a]

    def evidence_of(node) -> list[int]:
        out = []
        for ev in sorted(graph.objects(node, DK.evidence), key=str):
            if ev not in evidence_index:
                text = graph.value(ev, DK.sentenceText)
                src = graph.value(ev, PROV.wasDerivedFrom)
                evidence_index[ev] = len(evidence)
                evidence.append({"t": str(text) if text is not None else "",
                                 "a": article(src) if src is not None else -1})
            out.append(evidence_index[ev])
        return out

    facts: list[dict] = []
    node_facts: dict[int, list[int]] = {i: [] for i in range(len(iris))}

    def add_fact(description: str, source_node, about: list[int], event: int = -1) -> None:
        facts.append({"d": description, "c": _confidence(graph, source_node), "e": evidence_of(source_node),
                      "n": event})
        for i in dict.fromkeys(about):
            node_facts[i].append(len(facts) - 1)

    related: dict[int, list[int]] = {}
    for a, b, _ in edges:
        related.setdefault(a, []).append(b)
    for n in iris:
        i = index[n]
        if kinds[n] in EVENT_TYPES:
            add_fact(label(n), n, [i] + sorted(related.get(i, [])), event=i)
    for st in sorted(graph.subjects(RDF.type, RDF.Statement), key=str):
        s, p, o = graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        if s not in index:
            continue
        obj = label(o) if o in index else (words(o) if isinstance(o, URIRef) else str(o))
        about = [index[s]] + ([index[o]] if o in index else [])
        add_fact(f"{label(s)} — {words(p)} — {obj}", st, about)

    nodes = []
    for n in iris:
        i = index[n]
        shown = label(n)
        node = {"id": str(n), "l": shown, "t": kinds[n]}
        other = [f for f in search_forms(graph, n) if f != shown]
        if other:
            node["s"] = other
        if dates[n]:
            node["d"] = dates[n]
        elif starts[n]:
            node["sd"] = starts[n]
        if node_facts[i]:
            node["f"] = node_facts[i]
        if disputed and str(n) in disputed:
            node["x"] = disputed[str(n)]
        nodes.append(node)
    counts: dict[str, int] = {}
    for n in iris:
        counts[kinds[n]] = counts.get(kinds[n], 0) + 1
    order = sorted(counts, key=lambda t: (TYPES.index(t) if t in TYPES else len(TYPES), t))
    types = [{"name": t, "color": color(t), "shape": shape(t), "count": counts[t]} for t in order]
    return {"nodes": nodes, "edges": [{"a": a, "b": b, "r": words(p)} for a, b, p in edges],
            "facts": facts, "evidence": evidence, "articles": articles, "types": types,
            "focus": str(resolve(graph, focus)) if focus else None}

