"""The corpus store: an embedded, persistent Oxigraph store on disk (the format the
Oxigraph server opens too), with one named graph per article.

Each article graph holds the article node, its facts and evidence, and the labels and
links of the entities it names, plus three bookkeeping triples about the graph itself
(``dk:articleId``, ``dk:fingerprint``, ``dk:tripleCount``). Entities, summits and
meetings keep their deterministic IRIs, so they meet across graphs.

The default graph is the merged view: the set union of the article graphs (bookkeeping
aside), each triple once however many articles state it. Queries read it, so a label
that 10,000 articles give India joins once, not 10,000 times (Oxigraph's own
union-of-named-graphs would repeat it per graph); ``GRAPH ?g`` asks which articles state
a fact. An Oxigraph server opening the store sees the same default graph.

The named graph ``id:graph/consolidated`` is the consolidated view (builder.reconcile):
one value per single-valued property of each event, rebuilt after a build or a removal
that changed the store. It is derived from the article graphs, never counted as one.

New articles are written in commits of ``commit_every`` articles (1,024 by default),
fewer where a commit would take the writer's resident memory over ``memory_mib``
(320 MiB by default), or over the highest peak of the first commits (see budget.py):
their graphs (bookkeeping included), then their merged-view triples, go in through
Oxigraph's bulk loader, which writes sorted files straight into the database (three to
four times faster than a transaction at corpus scale, and with half the CPU). Each
commit's files start a RocksDB compaction that rewrites much of what is stored, so
fewer, larger commits compact less; the loader holds four to six times its input in
memory, so larger ones cost memory (bench/RESULTS.md). Before the bulk loads, their
data is journaled (``diplokg-journal.nq`` and ``diplokg-journal-view.nq`` in the
store's directory, written and synced) and the loads read it from there; opening the
store for writing after a crash loads a journal left behind again, which finishes the
commit it belongs to (a quad stored twice is one quad). A changed or
removed article's graph is dropped, with the triples only it stated taken out of the
merged view, in one transaction. So a run killed at any moment leaves, once the store is
opened for writing again (the next build does), only whole articles. A read-only reader
(a query, the SPARQL endpoint) of a store whose build was killed in the middle of a
commit can see that commit's triples until then.
"""
from __future__ import annotations

import gc
import itertools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy
import pyoxigraph as ox

from ..corpus.build import Built
from .budget import MIB, CommitBudget
from .iris import ARTICLE_ID, CONSOLIDATED, FINGERPRINT, TRIPLE_COUNT, article_id_of, graph_iri
from .mark import mark_stale
from .memory import few_table_files, map_large_buffers, release_free_memory

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_NO_HASHES = numpy.empty(0, dtype=numpy.int64)


class StoreError(Exception):
    """The store cannot be opened or written: the message names its directory."""


class Store:
    """A diplokg corpus store in directory ``path`` (created when missing, unless
    ``read_only``). Use it as a context manager, or call :meth:`close`."""

    keeps_invalid = False  # an article that does not conform to the shapes is not written
    COMMIT_EVERY = 1024  # new articles per bulk load, at most
    MEMORY_MIB = 320  # the writer's resident memory a commit may take it to (budget.py)
    MIN_COMMIT = 128  # articles a commit takes at least, whatever the budget
    JOURNAL = "diplokg-journal.nq"  # a commit's article graphs, until they are stored
    JOURNAL_VIEW = "diplokg-journal-view.nq"  # and its merged-view triples
    # RocksDB keeps what was written in memory until it flushes it to disk, up to about
    # 2 GB; flushing after this many bytes of N-Quads keeps a long build's memory flat.
    FLUSH_EVERY = 128 << 20
    # Merged-view triples known to be stored (by hash), so that the labels, types and links
    # of the entities every article names are not written again and again: those of the
    # last commit, and those that two commits in a row stated (at most RECURRING_MAX). A
    # triple one commit states is seldom stated again, unless it is of these; remembering
    # all of them took 76 MiB a million and saved little more.
    RECURRING_MAX = 1 << 18
    # RocksDB keeps in memory the index blocks of every file it has open (about 0.5 % of
    # the store on disk), and fills its block caches; reopening the store every few
    # commits gives them back, so that a long build's writer does not grow with the store
    # (writer alone, 100k articles: +70 MiB in use without, flat with; a reopen takes
    # about 0.1 s).
    REOPEN_EVERY = 4
    # And it keeps at most this many SST files open (memory.few_table_files): a bound on
    # those index blocks between reopens, whatever the store's size (the writer's memory
    # between commits of a 100k build: 175-250 MiB without it and the trim after each
    # commit, 95-135 with). A rerun's fingerprint lookups touch most files of a 100k
    # store: with 48 open it took twice as long (32 s against 16), with 96 no longer
    # than with all 150.
    TABLE_FILES = 96

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False, commit_every: int | None = None,
                 memory_mib: int | None = None):
        self.path = Path(path)
        self.read_only = read_only
        self.commit_every = max(1, commit_every or self.COMMIT_EVERY)
        memory_mib = self.MEMORY_MIB if memory_mib is None else memory_mib
        self.budget = CommitBudget(memory_mib * MIB if memory_mib > 0 else None)
        self._unflushed = 0
        self._pending: dict[str, Built] = {}
        self._pending_bytes = 0
        self._last = _NO_HASHES  # sorted, unique (see RECURRING_MAX)
        self._recurring = _NO_HASHES
        self._commits = 0
        if read_only and not (self.path / "CURRENT").is_file():
            raise StoreError(f"{self.path}: not a diplokg store (no Oxigraph store there)")
        if not read_only and self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: exists and is not a directory")
        try:
            self.ox = self._open()
        except OSError as e:
            detail = str(e).splitlines()[0] if str(e) else type(e).__name__
            if "lock" in detail.lower():
                detail = "in use by another diplokg or Oxigraph process (" + detail + ")"
            raise StoreError(f"{self.path}: cannot open the store: {detail}") from None
        if not read_only:
            map_large_buffers()
            self._recover()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "ox", None) is not None:
            if not self.read_only:
                self.commit()
                self.ox.flush()
            self.ox = None

    # ---------------------------------------------------------------- articles

    def fingerprint(self, article_id: str) -> str | None:
        """The stored build fingerprint of an article, or None if the store lacks it."""
        g = ox.NamedNode(graph_iri(article_id))
        # A new article's graph is looked for first, among the graph names: that is about
        # 40 times quicker than looking for its fingerprint (the quad indexes have no
        # Bloom filters, so a missing quad is sought in every level) and reads no blocks
        # of the quad indexes into RocksDB's caches.
        if not self.ox.contains_named_graph(g):
            return None
        for q in self.ox.quads_for_pattern(g, ox.NamedNode(FINGERPRINT), None, g):
            return q.object.value
        return None

    def __contains__(self, article_id: str) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(graph_iri(article_id)))

    def articles(self) -> Iterator[tuple[str, str]]:
        """(article id, graph IRI) of every article in the store (read it through before
        writing: a commit may reopen the store, see REOPEN_EVERY)."""
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(ARTICLE_ID), None, None):
            if q.graph_name == q.subject:
                yield q.object.value, q.subject.value

    def write(self, built: Sequence[Built]) -> int:
        """Store the graphs of built articles; returns how many replaced a stored one.
        New articles wait for the next commit (every ``commit_every`` of them, and
        :meth:`commit` or :meth:`close`); each replaced article is written at once, in
        one transaction of its own."""
        new, changed = [], []
        for b in built:
            if b.id in self._pending:  # the same id again before its commit
                self.commit()
            (changed if b.id in self else new).append(b)
        for b in new:
            if len(self._pending) >= self.commit_every or (
                    len(self._pending) >= self.MIN_COMMIT
                    and not self.budget.allows(self._pending_bytes + len(b.nquads))):
                self.commit()
            self._pending[b.id] = b
            self._pending_bytes += len(b.nquads)
        if len(self._pending) >= self.commit_every:
            self.commit()
        for b in changed:
            iri = graph_iri(b.id)
            content = " .\n".join(_triples(b.nquads))
            book = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in bookkeeping_quads(b))
            self._forget_stated()  # a drop may take merged-view triples out
            mark_stale(self.ox)
            self.ox.update(f"{_drop(iri)} ;\nINSERT DATA {{\n{content} .\n"
                           f"GRAPH <{iri}> {{\n{content} .\n{book} .\n}} }}")
            self._unflushed += 2 * len(b.nquads)
        if self._unflushed > self.FLUSH_EVERY:
            self.ox.flush()
            self._unflushed = 0
        return len(changed)

    def commit(self) -> int:
        """Write the new articles waiting for a commit; returns how many. Journal, then
        bulk loads of their graphs (bookkeeping included) and of their merged-view triples."""
        if not self._pending:
            return 0
        with self.budget.learn(self._pending_bytes):
            count = self._commit()
        self._commits += 1
        if self._commits % self.REOPEN_EVERY == 0:
            self.reopen()  # which hands back the free pages too
        else:
            release_free_memory()
        return count

    def _commit(self) -> int:
        """The commit itself: the journal, then the loads; returns how many articles."""
        batch, self._pending, self._pending_bytes = list(self._pending.values()), {}, 0
        # A triple many articles of the batch state goes into the merged view once, and one
        # the last commits stored (see RECURRING_MAX) not again. Lines are told apart by
        # their 64-bit hashes, read in one pass and written in a second: a set of the lines
        # themselves, a few hundred thousand small objects, took the writer 36-55 MiB above
        # where the commit began while the journal was written (now 10-28). (Two lines of
        # one hash would lose one from the merged view: for the 300,000 lines of a commit,
        # odds of about 1 in 400 million.)
        hashes = numpy.concatenate([_line_hashes(b) for b in batch])
        stated, first = numpy.unique(hashes, return_index=True)
        keep = numpy.zeros(len(hashes), dtype=bool)
        keep[first] = ~(numpy.isin(stated, self._last) | numpy.isin(stated, self._recurring))
        del hashes, first
        graphs, view = self.path / self.JOURNAL, self.path / self.JOURNAL_VIEW
        # The journal: the view first, then the graphs, whose name appearing is the commit
        # point (see _recover). The loads read these files, so that no copy of the data
        # stays in memory beside the loader's own (about 50 MiB less at its peak).
        _write_synced(view, _kept_lines(batch, keep))
        _write_synced(graphs, (b.nquads + bookkeeping(b) for b in batch))
        count = len(batch)
        del batch, keep
        mark_stale(self.ox)
        self._load_journal()
        # Hashes as numpy arrays: 8 bytes each, where a set of Python ints took about 60
        # and left them all over the heap.
        again = numpy.intersect1d(self._last, stated, assume_unique=True)
        if len(self._recurring) + len(again) > self.RECURRING_MAX:
            self._recurring = _NO_HASHES
        self._recurring = numpy.union1d(self._recurring, again)
        self._last = stated
        return count

    def reopen(self) -> None:
        """Close the Oxigraph store and open it again, which gives back RocksDB's caches
        (see REOPEN_EVERY), unless a caller holds it too: then it stays open as it is.
        An iterator over it (``articles()``, ``self.ox.quads_for_pattern``) must not be
        kept across a commit. Either way, the pages glibc then holds free go back to the
        system (a closed handle frees its caches a block at a time)."""
        if sys.getrefcount(self.ox) <= 2:  # this attribute and getrefcount's argument
            self._open_again()
        release_free_memory()

    def _open_again(self) -> None:
        if not self.read_only:
            self.ox.flush()
        self.ox = None  # closed: RocksDB's memory goes with it
        try:
            self.ox = self._open()
        except OSError:
            gc.collect()  # an abandoned iterator may still hold it
            try:
                self.ox = self._open()
            except OSError as e:
                raise StoreError(f"{self.path}: cannot reopen the store: an iterator "
                                 f"over it is still open ({str(e).splitlines()[0]})") from None

    def _open(self) -> ox.Store:
        if self.read_only:
            return ox.Store.read_only(str(self.path))
        with few_table_files(self.TABLE_FILES):  # a writer's memory must not grow with the store
            return ox.Store(str(self.path))

    def _load_journal(self) -> None:
        """Bulk-load the journal: the article graphs, then their merged-view triples.
        Two loads, so that each index still gets one file per commit and the loader holds
        half as much at once. Lenient: the workers wrote these lines from pyoxigraph
        terms, whose IRIs and language tags were checked when they were made, in graphs
        whose IRIs are percent-encoded (graph_iri); parsing them does not check them again.
        The journal goes once both are in, the graphs' file first."""
        graphs, view = self.path / self.JOURNAL, self.path / self.JOURNAL_VIEW
        for path in (graphs, view):
            self.ox.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True)
        graphs.unlink()
        view.unlink()

    def _forget_stated(self) -> None:
        self._last, self._recurring = _NO_HASHES, _NO_HASHES

    def _recover(self) -> None:
        """Finish a commit killed in the middle. Its journal is whole once the graphs' file
        is there (both files written and synced before it is renamed into place), and
        loading it again adds what the bulk loads had not written yet (a quad stored twice
        is one quad). A view file alone is of a commit that never began, or that ended."""
        graphs, view = self.path / self.JOURNAL, self.path / self.JOURNAL_VIEW
        if graphs.is_file():
            mark_stale(self.ox)
            self._load_journal()
            self.ox.flush()
        elif view.is_file():
            view.unlink()

    def remove(self, article_ids: Sequence[str], *, reconcile: bool = True) -> list[str]:
        """Take articles out (by id, or by their graph's IRI), each in one transaction, then
        rebuild the consolidated view (``reconcile``); returns the ids not found."""
        self.commit()
        missing = []
        for aid in article_ids:
            iri = aid if article_id_of(aid) is not None else graph_iri(aid)
            if not self.ox.contains_named_graph(ox.NamedNode(iri)):
                missing.append(aid)
                continue
            self._forget_stated()
            mark_stale(self.ox)
            self.ox.update(_drop(iri))
        if len(missing) < len(article_ids) and reconcile:
            self.reconcile()
        return missing

    def add(self, inputs: Iterable, *, lang: str = "auto", published: str | None = None, workers: int = 1,
            batch_size: int = 64, min_confidence: float = 0.0, validate: bool = True,
            shacl_engine: str = "auto", events=None, dask: str | None = None, reconcile: bool = True):
        """Build articles into the store: ``inputs`` are paths (files, directories, JSON
        Lines, as the CLI takes them) or :class:`~builder.corpus.Article` objects.
        ``dask`` (a scheduler address ``tcp://HOST:8786`` or a ``distributed.Client``)
        builds them on that Dask cluster instead of ``workers`` local processes. The
        consolidated view is rebuilt afterwards when anything changed (``reconcile``).
        Returns the run's :class:`~builder.corpus.Summary`."""
        from ..corpus.build import BuildOptions
        from ..corpus.read import read_inputs
        from ..corpus.run import run_build

        options = BuildOptions(min_confidence=min_confidence, validate=validate, shacl_engine=shacl_engine)
        if dask is not None:
            from ..corpus.dask import run_on_dask
            summary = run_on_dask(read_inputs(inputs), self, dask, options=options, lang=lang, published=published,
                                  batch_size=batch_size, events=events)
        else:
            summary = run_build(read_inputs(inputs), self, options=options, lang=lang, published=published,
                                workers=workers, batch_size=batch_size, events=events)
        if reconcile:
            done = self.reconcile(only_if_changed=True, changed=bool(summary.built or summary.replaced),
                                  workers=workers)
            if done is not None:
                summary.reconciled(done)
        return summary

    def reconcile(self, *, only_if_changed: bool = False, changed: bool = True, workers: int = 1):
        """Rebuild the consolidated view (see builder.reconcile) after writing what waits
        for a commit; with ``only_if_changed``, only when ``changed`` or the view is
        missing or incomplete; ``workers`` processes describe a large store's events.
        Returns a :class:`~builder.reconcile.Reconciled` or None."""
        from ..reconcile import is_current, reconcile
        self.commit()
        if only_if_changed and not changed and is_current(self):
            return None
        self._forget_stated()  # a cache for commits: its memory is the reconciliation's now
        self.reopen()  # and RocksDB's caches of the build's last commits go too
        return reconcile(self, workers=workers)

    # ---------------------------------------------------------------- reading

    def query(self, sparql: str, params: dict | None = None, *, limit: int | None = None,
              timeout: float | None = None, max_memory: int | None = None, view: str = "consolidated"):
        """Run SPARQL over the merged view of the article graphs (GRAPH ?g for one article
        graph): (variable names, rows). ``params`` binds the query's declared parameters;
        ``limit``, ``timeout`` and ``max_memory`` are the guards of builder.sparql.query
        (with a timeout or memory cap the query runs in a worker process that opens the
        store read-only). ``view``: a named query reads the consolidated view where the
        store has one ("consolidated"), or the merged view ("merged")."""
        from ..sparql import query
        if timeout is None and max_memory is None:
            return query(self.ox, sparql, params=params, limit=limit, view=view)
        from ..sparql_guard import StoreTarget
        return query(StoreTarget(str(self.path)), sparql, params=params, limit=limit, timeout=timeout,
                     max_memory=max_memory, view=view)

    def graphs(self, article_ids: Iterable[str] | None = None, *, since: str | None = None,
               until: str | None = None) -> list[str]:
        """The IRIs of the article graphs to read: all, the given ids, or those published
        in [since, until] (YYYY-MM-DD, either end open)."""
        if article_ids:
            found = []
            for aid in article_ids:
                iri = aid if article_id_of(aid) is not None else graph_iri(aid)
                if not self.ox.contains_named_graph(ox.NamedNode(iri)):
                    raise StoreError(f"{self.path}: no article {aid!r} in the store")
                found.append(iri)
            return found
        if since is None and until is None:
            return sorted(iri for _, iri in self.articles())
        conditions = []
        subs = {}
        if since:
            conditions.append("STR(?d) >= STR(?since)")
            subs[ox.Variable("since")] = ox.Literal(since)
        if until:
            conditions.append("STR(?d) <= STR(?until)")
            subs[ox.Variable("until")] = ox.Literal(until)
        rows = self.ox.query(
            "PREFIX dk: <https://w3id.org/diplokg/ontology#> SELECT DISTINCT ?g " + " ".join(f"?{v.value}" for v in subs)
            + " WHERE { GRAPH ?g { "
            "?a a dk:Article ; dk:published ?d . FILTER(" + " && ".join(conditions) + ") } } ORDER BY ?g",
            substitutions=subs)
        return [r["g"].value for r in rows]

    def rdflib_graph(self, graph_iris: Iterable[str], graph=None):
        """The triples of the given article graphs in one rdflib graph (for the NetworkX
        exports and validation; a neighbourhood, not a corpus)."""
        from ..rdf import new_graph
        from .terms import from_ox
        g = graph if graph is not None else new_graph()
        for iri in graph_iris:
            node = ox.NamedNode(iri)
            for q in self.ox.quads_for_pattern(None, None, None, node):
                if q.subject != node:  # the store's bookkeeping is not the article's
                    g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def export(self, output, fmt: str = "nquads", *, graph_iris: Sequence[str] | None = None) -> None:
        """Stream RDF out of the store without rdflib: ``nquads``/``trig`` keep one named
        graph per article; ``turtle``/``nt`` write the union. ``output`` is a path or a
        binary file object."""
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                   "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
        if fmt not in formats:
            raise ValueError(f"cannot stream {fmt!r} from the store; choose one of {', '.join(formats)}")
        rdf_format = formats[fmt]
        if graph_iris is None and rdf_format.supports_datasets:
            self.ox.dump(output, rdf_format, prefixes=_prefixes() if fmt == "trig" else None)
            return
        graphs = [ox.NamedNode(i) for i in graph_iris] if graph_iris is not None else None
        if rdf_format.supports_datasets:
            quads = (q for g in graphs for q in self.ox.quads_for_pattern(None, None, None, g))
            ox.serialize(quads, output, rdf_format, prefixes=_prefixes() if fmt == "trig" else None)
            return
        if graph_iris is None:
            triples = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        else:
            triples = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graph=graphs or [ox.DefaultGraph()])
        ox.serialize(triples, output, rdf_format, prefixes=_prefixes() if fmt == "turtle" else None)

    def stats(self) -> dict:
        """Articles per language, facts per family, triples and bytes on disk."""
        q = ("PREFIX dk: <https://w3id.org/diplokg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ")
        langs = {r["l"].value: int(r["n"].value) for r in self.ox.query(
            q + "SELECT ?l (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a dk:language ?l } } GROUP BY ?l")}
        facts = {}
        for name, pattern in (("summit", "?x a dk:Summit"), ("meeting", "?x a dk:Meeting"),
                              ("partnership", "?x a dk:Partnership"), ("membership", "?x a dk:Membership"),
                              ("leader_of", "?x rdf:predicate dk:leaderOf"), ("office", "?x rdf:predicate dk:office")):
            facts[name] = int(next(iter(self.ox.query(
                q + f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} FILTER(?g != <{CONSOLIDATED}>) }}")))["n"].value)
        triples = next(iter(self.ox.query(
            q + f"SELECT (SUM(?c) AS ?n) (COUNT(?c) AS ?a) WHERE {{ GRAPH ?g {{ ?g dk:tripleCount ?c }} FILTER(?g != <{CONSOLIDATED}>) }}")))
        size = sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())
        return {"articles": int(triples["a"].value), "languages": dict(sorted(langs.items())),
                "facts": facts,  # events and statements, counted in the article graphs
                "triples": int(triples["n"].value) if triples["n"] is not None else 0,
                "bytes_on_disk": size}

    def validate(self, *, batch_size: int = 64, engine: str = "auto",
                 graph_iris: Sequence[str] | None = None) -> Iterator[tuple[str, list[str]]]:
        """Validate every article graph (in batches) against the shapes; yields
        (article id, violation lines) for each article, [] when it conforms."""
        from ..shacl import validate_articles

        iris = list(graph_iris) if graph_iris is not None else self.graphs()
        for i in range(0, len(iris), batch_size):
            chunk = iris[i:i + batch_size]
            results = validate_articles([self.rdflib_graph([iri]) for iri in chunk], engine=engine)
            for iri, violations in zip(chunk, results):
                yield article_id_of(iri) or iri, [v.line() for v in violations]


def _drop(iri: str) -> str:
    """SPARQL Update: the article graph goes, and from the merged view the triples no
    other article states."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{iri}> && ?other != <{CONSOLIDATED}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{iri}>")


def _triples(nquads: bytes) -> list[str]:
    """N-Quads as SPARQL triples (subject, predicate, object; the graph left off)."""
    return [f"{q.subject} {q.predicate} {q.object}" for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)]


def merged(b: Built) -> bytes:
    """The article's triples for the merged view: its N-Quads with the graph name taken
    off (a line's graph term is its last; no literal can hold a raw line break)."""
    return b.nquads.replace(b" <" + graph_iri(b.id).encode() + b"> .\n", b" .\n")


def _line_hashes(b: Built) -> numpy.ndarray:
    """The hashes of the article's merged-view lines, in order."""
    return numpy.fromiter(map(hash, merged(b).splitlines(keepends=True)), dtype=numpy.int64)


def _kept_lines(batch: Sequence[Built], keep: numpy.ndarray) -> Iterator[bytes]:
    """The batch's merged-view lines that ``keep`` marks (one flag a line, in the order
    of _line_hashes over the batch), an article's at a time."""
    at = 0
    for b in batch:
        lines = merged(b).splitlines(keepends=True)
        yield b"".join(itertools.compress(lines, keep[at:at + len(lines)].tolist()))
        at += len(lines)


def bookkeeping_quads(b: Built) -> list[ox.Quad]:
    """The triples about an article's graph that a rerun compares."""
    g = ox.NamedNode(graph_iri(b.id))
    return [ox.Quad(g, ox.NamedNode(ARTICLE_ID), ox.Literal(b.id), g),
            ox.Quad(g, ox.NamedNode(FINGERPRINT), ox.Literal(b.fingerprint), g),
            ox.Quad(g, ox.NamedNode(TRIPLE_COUNT), ox.Literal(str(b.triples), datatype=XSD_INTEGER), g)]


def bookkeeping(b: Built) -> bytes:
    """The bookkeeping triples as N-Quads."""
    return ox.serialize(bookkeeping_quads(b), format=ox.RdfFormat.N_QUADS)


def _write_synced(path: Path, pieces: Iterable[bytes]) -> None:
    """Write a file whole (``pieces`` one after another): to a temporary name, synced,
    then renamed over ``path``."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.writelines(pieces)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _prefixes() -> dict[str, str]:
    from ..rdf import PREFIXES
    return {k: str(v) for k, v in PREFIXES.items()}
