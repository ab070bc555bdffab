"""Describing a large store's events a part at a time, in several processes. The
(IRI, kind) of every event is written into part files by its group (a group's
candidates are joined together, so they stay in one part), and each part is read and
sorted only when it is described: no process holds every event, at any size.
``workers - 1`` processes, each with the store opened read-only afresh for each part
(RocksDB's block caches fill with what a process reads: see _open_afresh), describe
parts into N-Quads files of their own and return their counts and the named things
their events mention. The caller is the last worker: once its own work is
done it describes the parts no process has started yet. (Every process that opens the
store holds RocksDB's caches and the index blocks of the files it reads: one process
fewer is that much less memory at the reconciliation's peak.) The
files are loaded once these processes have ended (see reconcile._read_into_files), a
block at a time (or compared a quad at a time with the view there is), so no process
holds the view."""
from __future__ import annotations

import multiprocessing
import os
import time
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..store.memory import few_table_files, release_free_memory
from .claims import Published
from .events import group_of, group_order


def spill_parts(nodes: Iterable[tuple[str, str]], k: int, directory: str) -> list[str]:
    """``nodes`` ((IRI, kind)) dealt by their group into ``k`` files in ``directory``, one
    ``KIND IRI`` line each (an IRI has no space); returns the files that are not empty.
    The groups fall into the parts as their hashes do, so each part has its share of
    every kind of event (a summit's group costs more than a meeting's)."""
    paths = [os.path.join(directory, f"nodes-{i}.txt") for i in range(k)]
    handles = [open(p, "w", encoding="utf-8") for p in paths]
    try:
        for iri, kind in nodes:
            handles[zlib.crc32(group_of(iri).encode("utf-8")) % k].write(f"{kind} {iri}\n")
    finally:
        for fh in handles:
            fh.close()
    return [p for p in paths if os.path.getsize(p)]


def read_part(path: str) -> list[tuple[str, str]]:
    """A part's (IRI, kind), sorted by group as describe_events wants them."""
    kinds: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        nodes = [(iri, kinds.setdefault(kind, kind)) for kind, iri in (line.rstrip("\n").split(" ", 1) for line in fh)]
    nodes.sort(key=group_order)
    return nodes


def _open_read_only(path: str, attempts: int = 10) -> ox.Store:
    """The store opened read-only beside its writer, whose compactions may delete a file
    named in the manifest while it is read: then read it again."""
    for attempt in range(attempts):
        try:
            with few_table_files(TABLE_FILES):  # as the writer's (Store.TABLE_FILES), whatever the store's size
                return ox.Store.read_only(path)
        except (OSError, RuntimeError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.2)
    raise AssertionError("unreachable")


TABLE_FILES = 96  # SST files a describing process keeps open (each one's index blocks stay in memory)
PARTS_PER_PROCESS = 8  # parts dealt per describing process at least: the caller takes the last ones left
PART_NODES = 4_000  # events a part at most (about): what one process holds and reads at once
PART_ATTEMPTS = 3  # times a describing process describes a part, each with the store opened afresh


@dataclass(frozen=True)
class QuadFile:
    """A part of the view as its process wrote it: an N-Quads file, one quad a line."""

    path: str
    quads: int


_PATH = ""  # a describing process's store: its directory,
_STORE: ox.Store | None = None  # opened again for each part (see _open_afresh),
_PUBLISHED: Published | None = None  # and its articles' publication dates, read once


def _open_in_process(path: str) -> None:
    global _PATH, _STORE, _PUBLISHED
    _PATH = path
    try:
        _STORE = _open_read_only(path)
        _PUBLISHED = Published(_STORE)
        _PUBLISHED([])  # read now, and the store opened afresh for the parts
    except (OSError, RuntimeError):
        _close()  # each part then tries again (see _describe_part)
        return
    _open_afresh()


def _open_afresh() -> None:
    """Close the store and open it again. RocksDB fills its block caches (160 MiB) with
    what is read: a part's reading fills them by about 40 MiB for its first thousand
    events and 6 MiB for each thousand after, reading the publication dates of 100k
    articles by 150. A fresh store for each part keeps what a describing process holds
    to what one part reads, whatever the size of the store (at 100k articles: 271 MiB
    at most, 222 with). Where the store cannot be opened (the writer's compactions
    replacing files), none is, and the next part tries again."""
    global _STORE
    _close()
    try:
        _STORE = _open_read_only(_PATH)
    except (OSError, RuntimeError):
        return
    if _PUBLISHED is not None:
        _PUBLISHED.store = _STORE


def _close() -> None:
    global _STORE
    if _PUBLISHED is not None:
        _PUBLISHED.store = None
    _STORE = None
    release_free_memory()  # what the closed store's caches held, freed a block at a time


def _describe_part(part: str, out: str) -> tuple[tuple[int, ...], set[str]]:
    """Describe the part file ``part`` into ``out``, with the store opened afresh after
    it. A read-only store lists the files the writer had when it was opened, and opens
    most of them only when it reads them: by then the writer's compactions may have
    removed one, and every read of it fails. The part is then described again with the
    store opened afresh, up to PART_ATTEMPTS times. (With the stale store kept, a
    describing process beside a writer still compacting failed every part, and the
    writer described them all: 8,192 articles added to the 100k store, reconcile 262 s.)"""
    for attempt in range(PART_ATTEMPTS):
        if _STORE is None and _PUBLISHED is not None:
            _open_afresh()  # it could not be opened again after the part before: once more
        if _STORE is None or _PUBLISHED is None:
            raise OSError("the store could not be opened read-only here")
        try:
            result = _describe_into(_STORE, _PUBLISHED, part, out)
        except OSError:  # a file gone under it (FileNotFoundError), or another I/O error
            _close()
            if attempt == PART_ATTEMPTS - 1:
                raise
            continue
        _open_afresh()
        return result
    raise AssertionError("unreachable")


def _describe_into(store: ox.Store, published: Published, part: str, out: str) -> tuple[tuple[int, ...], set[str]]:
    """describe_events of the part file ``part`` into the N-Quads file ``out``: (the
    counts, the named things)."""
    from . import Reconciled, describe_events
    found, names = Reconciled(), set()
    with open(out, "wb") as fh:
        ox.serialize(_counted(describe_events(store, read_part(part), found, False, names, published), found), fh,
                     ox.RdfFormat.N_QUADS)
    release_free_memory()  # the part's claims, freed in small pieces
    return (found.events, found.joined, found.facts, found.disagreements, found.quads), names


def _counted(quads: Iterator[ox.Quad], found) -> Iterator[ox.Quad]:
    for q in quads:
        found.quads += 1
        yield q


class Describing:
    """describe_events for the part files ``parts`` (see spill_parts) of ``store`` (on
    disk in ``path``) in ``workers - 1`` processes, started at once (the caller goes on
    with other work meanwhile), and in the caller for the parts still waiting when it
    asks for the results. A part whose process fails is described here too; the
    caller's parts use its ``published`` dates. The N-Quads files go into
    ``directory``; the processes end with the context manager."""

    def __init__(self, store: ox.Store, path: str, parts: list[str], workers: int, published: Published,
                 directory: str):
        self.store = store
        self.published = published
        processes = max(1, workers - 1)
        self._pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_open_in_process, initargs=(path,))
        self._parts = parts
        self._files = [str(Path(directory) / f"part-{i}.nq") for i in range(len(self._parts))]
        self._futures = [self._pool.submit(_describe_part, part, out)
                         for part, out in zip(self._parts, self._files)]

    def __enter__(self) -> Describing:
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(cancel_futures=True)

    def results(self, found, names: set[str]) -> Iterator[QuadFile]:
        """The file of every part: the parts no process had started are taken back (the
        last ones) and described here first, then come the files the processes wrote (a
        part whose process failed is described here); counts go into ``found`` (a
        Reconciled) and the named things into ``names``."""
        for fut, part, out in zip(reversed(self._futures), reversed(self._parts), reversed(self._files)):
            if not fut.cancel():
                break  # this part and those before it are the processes'
            yield self._counted_in(_describe_into(self.store, self.published, part, out), out, found, names)
        for fut, part, out in zip(self._futures, self._parts, self._files):
            if fut.cancelled():  # taken back: described above
                continue
            try:
                counts = fut.result()
            except Exception:  # noqa: BLE001 - the store could not be read there: read it here
                counts = _describe_into(self.store, self.published, part, out)
            yield self._counted_in(counts, out, found, names)

    @staticmethod
    def _counted_in(counts: tuple[tuple[int, ...], set[str]], out: str, found, names: set[str]) -> QuadFile:
        (events, joined, facts, disagreements, quads), seen = counts
        found.events += events
        found.joined += joined
        found.facts += facts
        found.disagreements += disagreements
        names |= seen
        return QuadFile(out, quads)
