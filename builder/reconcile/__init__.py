"""Reconciliation: one account per event across the articles of a corpus store.

:func:`reconcile` rebuilds the consolidated view (the named graph
``https://w3id.org/diplokg/id/graph/consolidated``): each summit, meeting, partnership
and membership once, with one value per single-valued property (the most precise value
consistent with the most articles, with its support and best confidence), undated
mentions joined to the dated event they must be (see :mod:`.events`), and each leader's
terms of office as the sources date them. :func:`conflicts` lists where the sources
disagree. The article graphs are never changed: each keeps what its article said.
"""
from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby, islice

import pyoxigraph as ox

from ..corpus.seen import SeenIds
from ..store.memory import release_free_memory
from ..store.mark import is_current, mark_complete, mark_stale
from .claims import Published, fact_nodes, office_claims, read_nodes, states_of
from .conflicts import Conflict, add_evidence, event_conflicts, membership_conflicts, term_conflicts
from .events import group_of, group_order, joins
from .parallel import QuadFile
from .terms import Term, terms
from .view import GRAPH, copy_descriptions, describe, describe_terms, named_things

__all__ = ["Conflict", "Reconciled", "Term", "find_conflicts", "is_current", "reconcile"]

WRITE_EVERY = 100_000  # quads compared and written at a time
PARALLEL_FROM = 20_000  # events and facts from which they are described a part at a time (by N processes)


@dataclass
class Reconciled:
    """What a reconciliation found: counts, the conflicts, and the seconds it took."""

    events: int = 0
    joined: int = 0
    facts: int = 0
    terms: int = 0
    quads: int = 0
    disagreements: int = 0
    conflicts: list[Conflict] = field(default_factory=list)  # kept by find_conflicts only
    seconds: float = 0.0

    def found(self, conflicts: list[Conflict], keep: bool) -> None:
        self.disagreements += len(conflicts)
        if keep:
            self.conflicts += conflicts

    def line(self) -> str:
        return (f"diplokg: reconciled {self.events} events ({self.joined} undated mentions joined), "
                f"{self.facts} partnerships and memberships, {self.terms} terms; {self.disagreements} conflicts; "
                f"{self.quads} triples in the consolidated view; {self.seconds:.1f} s")


def _analyse(store: ox.Store, found: Reconciled, keep: bool, tmp: str, *, path: str | None = None,
             workers: int = 1) -> Iterator[ox.Quad | QuadFile]:
    """The consolidated view's quads, a group of candidates at a time; the counts (and,
    with ``keep``, the conflicts) go into ``found``. A large store's events are dealt
    into part files by group and described a part at a time (parallel.spill_parts), so
    that no process holds them all; with ``path`` (the store's directory) and
    ``workers`` > 1, the parts are described by that many processes: ``workers - 1`` that
    open the store read-only (the caller has flushed it) and this one (see
    parallel.Describing), each part of the view coming as an N-Quads file in ``tmp``
    (a directory the caller keeps until it has read them)."""
    names: set[str] = set()
    published = Published(store)  # read once, for every part described here
    head = list(islice(fact_nodes(store), PARALLEL_FROM))
    if len(head) < PARALLEL_FROM:  # a small store: its events sorted in memory, as one part
        parallel, node_lists = False, [sorted(head, key=group_order)]
    else:
        from .parallel import PART_NODES, PARTS_PER_PROCESS, Describing, read_part, spill_parts
        del head
        count = sum(1 for _ in fact_nodes(store))
        parallel = path is not None and workers > 1 and not keep
        k = max((workers - 1) * PARTS_PER_PROCESS if parallel else 1, -(-count // PART_NODES))
        parts = spill_parts(fact_nodes(store), k, tmp)
        node_lists = map(read_part, parts)
    if parallel:
        with Describing(store, path, parts, workers, published, tmp) as running:
            ts = terms(office_claims(store), states_of(store), sources=keep)  # here, while they describe
            release_free_memory()  # what reading the claims of office took
            yield from running.results(found, names)
    else:
        for nodes in node_lists:
            yield from describe_events(store, nodes, found, keep, names, published)
        ts = terms(office_claims(store), states_of(store), sources=keep)
    found.terms = sum(1 for t in ts if t.current)
    found.found(term_conflicts(ts), keep)
    yield from describe_terms(ts)
    leaders = {t.leader for t in ts}
    yield from copy_descriptions(store, names | leaders | {t.state for t in ts}, leaders=leaders)


def describe_events(store: ox.Store, nodes: list[tuple[str, str]], found: Reconciled, keep: bool,
                    names: set[str], published: Published | None = None) -> Iterator[ox.Quad]:
    """The view's quads of the events and facts ``nodes`` ((IRI, kind), sorted by group),
    a group of candidates at a time; the named things they mention go into ``names``.
    ``published``: the store's publication dates, when the caller has them already."""
    published = published or Published(store)
    for _, group in groupby(read_nodes(store, nodes), key=lambda n: group_of(n.iri)):
        group = list(group)
        if group[0].kind in ("Summit", "Meeting"):
            graphs = {g for n in group for g in n.graphs}
            joined = joins(group, published(graphs))
            by_iri = {n.iri: n for n in group}
            into: dict[str, list[str]] = {}
            for u, e in joined.items():
                by_iri[e].add(by_iri[u])
                into.setdefault(e, []).append(u)
            for n in group:
                if n.iri in joined:
                    continue
                found.events += 1
                found.found(event_conflicts(n, into.get(n.iri, ())), keep)
                names |= named_things(n)
                yield from describe(n, into.get(n.iri, ()))
            found.joined += len(joined)
        else:
            for n in group:
                found.facts += 1
                names |= named_things(n)
                yield from describe(n)
            if group[0].kind == "Membership":
                found.found(membership_conflicts(group, published({g for n in group for g in n.graphs})), keep)


def reconcile(store, *, write: bool = True, workers: int = 1) -> Reconciled:
    """Rebuild the consolidated view of a :class:`~builder.store.Store` (or a
    pyoxigraph Store); with ``write=False`` only find what it would hold, and keep the
    conflicts (a rebuild only counts them). Only what changed is written: each thing's
    description is compared with the one stored, and a thing no longer there is taken
    out. The view's mark of completeness goes first and comes back last, so a reader
    never takes half a view for the whole (queries use the merged view meanwhile).
    ``workers`` > 1: a large store's events are described by that many processes, this
    one included (a :class:`~builder.store.Store`'s on-disk store only), and the view is
    loaded once they have ended."""
    start = time.perf_counter()
    found = Reconciled()
    with tempfile.TemporaryDirectory(prefix="diplokg-reconcile-") as tmp:
        if not write:
            for _ in _analyse(getattr(store, "ox", store), found, True, tmp):
                found.quads += 1
        else:
            mark_stale(getattr(store, "ox", store))
            if hasattr(store, "reopen"):  # a Store on disk: read first, loaded after (see _read_into_files)
                store.ox.flush()  # what the describing processes open is on disk
                items = _read_into_files(store, found, workers, tmp)
            else:  # a pyoxigraph Store: read and written as one
                items = _analyse(store, found, False, tmp)
            ox_store = getattr(store, "ox", store)  # taken now: reading reopened a Store's
            update = _Update(ox_store)
            for item in items:
                if isinstance(item, QuadFile):
                    found.quads += item.quads
                    update.add_file(item.path)
                else:
                    found.quads += 1
                    update.add(item)
            update.finish()
            mark_complete(ox_store, found.quads)
            ox_store.flush()
    found.conflicts.sort(key=lambda c: (tuple(-w for w in c.weight), c.kind, c.subject, c.property))
    found.seconds = time.perf_counter() - start
    return found


def _read_into_files(store, found: Reconciled, workers: int, tmp: str) -> list[QuadFile]:
    """The view of a :class:`~builder.store.Store` as N-Quads files in ``tmp``, read here
    and, with ``workers`` > 1, by describing processes. Those have ended when this
    returns, and the store is opened again, which gives back what the reading took
    (RocksDB fills its block caches with what it reads, more of them the larger the
    store): the files are then loaded by the writer alone, not beside them."""
    files: list[QuadFile] = []
    count = 0

    def loose(items: Iterator[ox.Quad | QuadFile]) -> Iterator[ox.Quad]:
        nonlocal count
        for item in items:
            if isinstance(item, QuadFile):
                files.append(item)
            else:
                count += 1
                yield item

    rest = os.path.join(tmp, "view.nq")
    with open(rest, "wb") as fh:
        ox.serialize(loose(_analyse(store.ox, found, False, tmp, path=str(store.path), workers=workers)), fh,
                     ox.RdfFormat.N_QUADS)
    store.reopen()  # which trims what the reading freed
    return [*files, QuadFile(rest, count)]


class _Update:
    """Brings the stored view to the quads given, a chunk at a time: what is new goes in
    by Oxigraph's bulk loader, what is gone goes out; at the end, the things the view no
    longer describes go too. (A full rewrite would delete and re-add millions of quads
    in one transaction.) A store without a view has nothing to compare: its new view goes
    straight in, and no subject is remembered; with one, each subject compared is
    remembered by its 64-bit hash (corpus.seen.SeenIds). (Adding 8,192 articles to a 100k store, the writer
    peaked at 533 MiB comparing the view with a set of the subjects themselves, at 423
    with their hashes: the rest is RocksDB's block caches filling, 160 MiB at most.)"""

    BLOCK = 16 << 20  # bytes of an N-Quads file per bulk load (the loader holds what it is given)

    def __init__(self, store: ox.Store):
        self.store = store
        self.chunk: list[ox.Quad] = []
        self.seen = SeenIds()  # the subjects brought up to date (when there is a view)
        self.had_view = next(store.quads_for_pattern(None, None, None, GRAPH), None) is not None

    def add(self, q: ox.Quad) -> None:
        self.chunk.append(q)
        if len(self.chunk) >= WRITE_EVERY:
            self._flush()

    def add_file(self, path: str) -> None:
        """The quads of an N-Quads file (one quad a line): compared a quad at a time with a
        view there is, or else bulk-loaded a block of whole lines at a time."""
        if self.had_view:
            for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS):
                self.add(q)
            return
        with open(path, "rb") as fh:
            rest = b""
            while block := fh.read(self.BLOCK):
                data = rest + block
                cut = data.rfind(b"\n") + 1
                rest = data[cut:]
                if cut:  # lenient: pyoxigraph wrote the file from terms it had checked
                    self.store.bulk_load(data[:cut], format=ox.RdfFormat.N_QUADS, lenient=True)
            if rest.strip():
                self.store.bulk_load(rest, format=ox.RdfFormat.N_QUADS, lenient=True)

    def _flush(self) -> None:
        new = set(self.chunk)
        self.chunk = []
        stale = []
        if self.had_view:
            for s in {q.subject for q in new}:
                if not self.seen.add(str(s)):  # its stored quads were compared with an earlier chunk's
                    continue
                for old in self.store.quads_for_pattern(s, None, None, GRAPH):
                    if old in new:
                        new.discard(old)
                    else:
                        stale.append(old)
        self._remove(stale)
        if new:
            self.store.bulk_extend(list(new))

    def finish(self) -> None:
        self._flush()
        if self.had_view:  # what the view describes no longer (its quads come a subject at a time)
            stale, subject, gone = [], None, False
            for q in self.store.quads_for_pattern(None, None, None, GRAPH):
                if q.subject != subject:
                    subject = q.subject
                    gone = subject != GRAPH and str(subject) not in self.seen
                if gone:
                    stale.append(q)
            self._remove(stale)

    def _remove(self, quads: list[ox.Quad]) -> None:
        for i in range(0, len(quads), 10_000):
            body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads[i:i + 10_000])
            self.store.update(f"DELETE DATA {{ GRAPH {GRAPH} {{ {body} . }} }}")


def find_conflicts(store, *, evidence: bool = True) -> list[Conflict]:
    """Where the articles of a store disagree (see :mod:`.conflicts`), most evidence first;
    with ``evidence`` each comes with the sentences behind each side."""
    ox_store = getattr(store, "ox", store)
    found = reconcile(ox_store, write=False).conflicts
    if evidence:
        add_evidence(ox_store, found)
    return found
