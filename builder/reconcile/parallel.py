"""Describing a large store's events in several processes. The sorted (IRI, kind) list
is dealt out a group at a time (a group's candidates are joined together) into one part
per process; each process opens the store read-only, describes its part into N-Quads
files of its own (FILE_QUADS quads each), and returns its counts and the named things
its events mention. The caller loads each file as soon as it is written (or
compares it a quad at a time with the view there is), while the processes go on: no
process holds the view, and loading it overlaps describing it."""
from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import groupby, islice
from pathlib import Path

import pyoxigraph as ox

from .events import group_of


def parts(nodes: list[tuple[str, str]], k: int) -> list[list[tuple[str, str]]]:
    """``nodes`` (sorted by group) dealt into ``k`` parts a group at a time, in turn, so
    that each part has its share of every kind of event (a summit's group costs more than
    a meeting's); each part stays sorted by group."""
    out: list[list[tuple[str, str]]] = [[] for _ in range(k)]
    for i, (_, group) in enumerate(groupby(nodes, key=lambda n: group_of(n[0]))):
        out[i % k].extend(group)
    return [p for p in out if p]


def _open_read_only(path: str, attempts: int = 10) -> ox.Store:
    """The store opened read-only beside its writer, whose compactions may delete a file
    named in the manifest while it is read: then read it again."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.2)
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class QuadFile:
    """A piece of the view as a describing process wrote it: an N-Quads file, one quad a
    line (its quads are counted with its part)."""

    path: str


FILE_QUADS = 50_000  # quads per file a describing process writes: the caller loads each as it comes


def _describe_part(path: str, nodes: list[tuple[str, str]], out: str,
                   file_quads: int) -> tuple[tuple[int, ...], set[str]]:
    """Describe a part into files ``out``-0.nq, ``out``-1.nq …, each renamed into place
    once written whole; returns the counts (the last, how many files) and the names."""
    from . import Reconciled, describe_events
    store = _open_read_only(path)
    found, names = Reconciled(), set()
    quads = describe_events(store, nodes, found, False, names)
    files = 0
    while chunk := list(islice(quads, file_quads)):
        tmp = f"{out}-{files}.tmp"
        with open(tmp, "wb") as fh:
            ox.serialize(chunk, fh, ox.RdfFormat.N_QUADS)
        os.replace(tmp, _piece(out, files))
        found.quads += len(chunk)
        files += 1
    return (found.events, found.joined, found.facts, found.disagreements, found.quads, files), names


def _piece(out: str, k: int) -> str:
    return f"{out}-{k}.nq"


class Describing:
    """describe_events for ``nodes`` of ``store`` (on disk in ``path``) in ``workers``
    processes, started at once (the caller goes on with other work meanwhile). A part whose
    process fails is described here instead. Use it as a context manager."""

    POLL = 0.05  # seconds between looks for a finished file

    def __init__(self, store: ox.Store, path: str, nodes: list[tuple[str, str]], workers: int):
        self.store = store
        self._tmp = tempfile.TemporaryDirectory(prefix="diplokg-reconcile-")
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        self._parts = parts(nodes, workers)
        self._outs = [str(Path(self._tmp.name) / str(i)) for i in range(len(self._parts))]
        self._futures = [self._pool.submit(_describe_part, path, part, out, FILE_QUADS)
                         for part, out in zip(self._parts, self._outs)]

    def __enter__(self) -> Describing:
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(cancel_futures=True)
        self._tmp.cleanup()

    def results(self, found, names: set[str]) -> Iterator[ox.Quad | QuadFile]:
        """Every part's files as its process finishes them, from all parts at once (each
        removed once the caller has taken it), or the quads of a part whose process
        failed, described here; counts go into ``found`` (a Reconciled) and the named
        things into ``names``."""
        from . import describe_events
        taken = [0] * len(self._parts)  # files of each part given to the caller
        running = set(range(len(self._parts)))
        while running:
            progressed = False
            for i in sorted(running):
                piece = _piece(self._outs[i], taken[i])
                if os.path.exists(piece):
                    yield QuadFile(piece)
                    os.unlink(piece)
                    taken[i] += 1
                    progressed = True
                elif self._futures[i].done():
                    try:
                        (events, joined, facts, disagreements, quads, files), seen = self._futures[i].result()
                    except Exception:  # noqa: BLE001 - the store could not be read there: read it here
                        # (what was loaded from its files is loaded again: the same quads)
                        running.discard(i)
                        yield from describe_events(self.store, self._parts[i], found, False, names)
                        continue
                    if taken[i] < files:  # a file renamed after the look above
                        continue
                    running.discard(i)
                    found.events += events
                    found.joined += joined
                    found.facts += facts
                    found.disagreements += disagreements
                    found.quads += quads
                    names |= seen
            if running and not progressed:
                time.sleep(self.POLL)
