"""The corpus store: an embedded, persistent Oxigraph store on disk (the format the
Oxigraph server opens too), with one named graph per article.

Each article graph holds the article node, its facts and evidence, and the labels and
links of the entities it names, plus three bookkeeping triples about the graph itself
(``dk:articleId``, ``dk:fingerprint``, ``dk:tripleCount``). Entities, summits and
meetings keep their deterministic IRIs, so they meet across graphs; queries see the
union of all graphs unless they say ``GRAPH ?g``.

Every write is one Oxigraph transaction: a batch of new articles is loaded whole or not
at all, and a changed article's graph is dropped and rewritten in one update, so a run
killed at any moment leaves only whole articles behind.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..corpus.build import Built
from .iris import ARTICLE_ID, FINGERPRINT, TRIPLE_COUNT, article_id_of, graph_iri

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


class StoreError(Exception):
    """The store cannot be opened or written: the message names its directory."""


class Store:
    """A diplokg corpus store in directory ``path`` (created when missing, unless
    ``read_only``). Use it as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not (self.path / "CURRENT").is_file():
            raise StoreError(f"{self.path}: not a diplokg store (no Oxigraph store there)")
        if not read_only and self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: exists and is not a directory")
        try:
            self.ox = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as e:
            detail = str(e).splitlines()[0] if str(e) else type(e).__name__
            if "lock" in detail.lower():
                detail = "in use by another diplokg or Oxigraph process (" + detail + ")"
            raise StoreError(f"{self.path}: cannot open the store: {detail}") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "ox", None) is not None:
            if not self.read_only:
                self.ox.flush()
            self.ox = None

    # ---------------------------------------------------------------- articles

    def fingerprint(self, article_id: str) -> str | None:
        """The stored build fingerprint of an article, or None if the store lacks it."""
        g = ox.NamedNode(graph_iri(article_id))
        for q in self.ox.quads_for_pattern(g, ox.NamedNode(FINGERPRINT), None, g):
            return q.object.value
        return None

    def __contains__(self, article_id: str) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(graph_iri(article_id)))

    def articles(self) -> Iterator[tuple[str, str]]:
        """(article id, graph IRI) of every article in the store."""
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(ARTICLE_ID), None, None):
            if q.graph_name == q.subject:
                yield q.object.value, q.subject.value

    def write(self, built: Sequence[Built]) -> int:
        """Store the graphs of built articles; returns how many replaced a stored one.
        New articles go in one transaction; each replaced article in one of its own."""
        new, changed = [], []
        for b in built:
            (changed if b.id in self else new).append(b)
        if new:
            data = b"".join(b.nquads + bookkeeping(b) for b in new)
            self.ox.load(data, format=ox.RdfFormat.N_QUADS)
        for b in changed:
            iri = graph_iri(b.id)
            triples = " .\n".join(f"{q.subject} {q.predicate} {q.object}"
                                  for q in ox.parse(b.nquads + bookkeeping(b), format=ox.RdfFormat.N_QUADS))
            self.ox.update(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{triples} .\n}} }}")
        return len(changed)

    def remove(self, article_ids: Iterable[str]) -> list[str]:
        """Take articles out (by id, or by their graph's IRI); returns the ids not found."""
        missing = []
        for aid in article_ids:
            iri = aid if article_id_of(aid) is not None else graph_iri(aid)
            if not self.ox.contains_named_graph(ox.NamedNode(iri)):
                missing.append(aid)
                continue
            self.ox.update(f"DROP GRAPH <{iri}>")
        return missing

    # ---------------------------------------------------------------- reading

    def query(self, sparql: str, params: dict | None = None):
        """Run SPARQL over the union of the article graphs: (variable names, rows)."""
        from ..sparql import query
        return query(self.ox, sparql, params=params)


def bookkeeping(b: Built) -> bytes:
    """The triples about an article's graph that a rerun compares, as N-Quads."""
    g = ox.NamedNode(graph_iri(b.id))
    quads = [ox.Quad(g, ox.NamedNode(ARTICLE_ID), ox.Literal(b.id), g),
             ox.Quad(g, ox.NamedNode(FINGERPRINT), ox.Literal(b.fingerprint), g),
             ox.Quad(g, ox.NamedNode(TRIPLE_COUNT), ox.Literal(str(b.triples), datatype=XSD_INTEGER), g)]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
