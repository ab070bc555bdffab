"""Describing a large store's events in several processes. The sorted (IRI, kind) list
is dealt out a group at a time (a group's candidates are joined together) into one part
per process; each process opens the store read-only, describes its part into an N-Quads file
of its own, and returns its counts and the named things its events mention. The caller
loads the files a block at a time (or compares them a quad at a time with the view
there is), so no process holds the view."""
from __future__ import annotations

import multiprocessing
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import groupby
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
    """A part of the view as its process wrote it: an N-Quads file, one quad a line."""

    path: str
    quads: int


def _describe_part(path: str, nodes: list[tuple[str, str]], out: str) -> tuple[tuple[int, ...], set[str]]:
    from . import Reconciled, describe_events
    store = _open_read_only(path)
    found, names = Reconciled(), set()
    with open(out, "wb") as fh:
        ox.serialize(_counted(describe_events(store, nodes, found, False, names), found), fh, ox.RdfFormat.N_QUADS)
    return (found.events, found.joined, found.facts, found.disagreements, found.quads), names


def _counted(quads: Iterator[ox.Quad], found) -> Iterator[ox.Quad]:
    for q in quads:
        found.quads += 1
        yield q


class Describing:
    """describe_events for ``nodes`` of ``store`` (on disk in ``path``) in ``workers``
    processes, started at once (the caller goes on with other work meanwhile). A part whose
    process fails is described here instead. Use it as a context manager."""

    def __init__(self, store: ox.Store, path: str, nodes: list[tuple[str, str]], workers: int):
        self.store = store
        self._tmp = tempfile.TemporaryDirectory(prefix="diplokg-reconcile-")
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        self._parts = parts(nodes, workers)
        self._files = [str(Path(self._tmp.name) / f"{i}.nq") for i in range(len(self._parts))]
        self._futures = [self._pool.submit(_describe_part, path, part, out)
                         for part, out in zip(self._parts, self._files)]

    def __enter__(self) -> Describing:
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(cancel_futures=True)
        self._tmp.cleanup()

    def results(self, found, names: set[str]) -> Iterator[ox.Quad | QuadFile]:
        """Every part: the file its process wrote, or the quads of a part whose process
        failed, described here; counts go into ``found`` (a Reconciled) and the named
        things into ``names``."""
        from . import describe_events
        for fut, part, out in zip(self._futures, self._parts, self._files):
            try:
                (events, joined, facts, disagreements, quads), seen = fut.result()
            except Exception:  # noqa: BLE001 - the store could not be read there: read it here
                yield from describe_events(self.store, part, found, False, names)
                continue
            found.events += events
            found.joined += joined
            found.facts += facts
            found.disagreements += disagreements
            names |= seen
            yield QuadFile(out, quads)
