"""A pool of query worker processes for the endpoint: each holds the data open (a store
read-only, or a graph loaded into an in-memory Oxigraph store) and runs one query at a
time under the guards of builder.sparql_guard. A worker killed by a timeout or that died
past its memory cap is replaced in the background."""
from __future__ import annotations

import logging
import os
import queue
import threading
import time
from dataclasses import dataclass

from ..sparql import QueryError, QueryMemoryError, QueryTimeout, Rows, prepare, uses_view, view_ready
from ..sparql_guard import Limits, StoreTarget, TargetSpec, Worker


log = logging.getLogger("diplokg.serve")


class Busy(QueryError):
    """Every worker stayed busy until the query's timeout."""


@dataclass(frozen=True)
class LiveStoreTarget(StoreTarget):
    """A store whose workers reopen it when its files change, so that a long-running
    endpoint answers with what a build has written since it started."""

    def signature(self):
        try:
            return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(self.path)))
        except OSError:
            return None


@dataclass(frozen=True)
class DataTarget(TargetSpec):
    """N-Quads (or N-Triples) bytes, loaded into an in-memory Oxigraph store."""

    data: bytes

    def open(self):
        import pyoxigraph as ox
        store = ox.Store()
        store.bulk_load(self.data, format=ox.RdfFormat.N_QUADS)
        return store


class WorkerPool:
    """``size`` worker processes (fresh interpreters) over ``target`` (a :class:`TargetSpec`)."""

    def __init__(self, target: TargetSpec, *, size: int = 2, memory: int | None = None, start_timeout: float = 120):
        self.target, self.memory = target, memory
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._all: set[Worker] = set()
        workers = [self._start() for _ in range(max(1, size))]
        deadline = time.monotonic() + start_timeout
        try:
            for w in workers:
                w.wait_ready(deadline)
                self._idle.put(w)
        except BaseException:
            self.close()
            raise

    def _start(self) -> Worker:
        w = Worker(self.target, memory=self.memory, method="exec")
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: Worker) -> None:
        """Start a worker in place of ``dead``, in the background (a few tries, a second
        apart: a store that cannot be opened any more leaves the pool smaller)."""
        with self._lock:
            self._all.discard(dead)
        if self._closed:
            return

        def start():
            for attempt in range(10):
                if self._closed:
                    return
                try:
                    w = self._start()
                    w.wait_ready(time.monotonic() + 120)
                except Exception as e:
                    log.warning("a query worker could not start (%s); trying again", e)
                    time.sleep(1)
                    continue
                if self._closed:
                    w.close()
                else:
                    self._idle.put(w)
                return

        threading.Thread(target=start, name="diplokg-worker-start", daemon=True).start()

    def run(self, sparql: str, params: dict | None, limits: Limits) -> tuple[str, list[str], Rows]:
        """(form, names, rows of rdflib terms) of a query; QueryError as
        builder.sparql.query raises it, :class:`Busy` when no worker came free in time."""
        text, bound = prepare(sparql, params, rdflib_target=False,
                              consolidated=uses_view(sparql) and view_ready(self.target))
        started = time.monotonic()
        deadline = None if limits.timeout is None else started + limits.timeout
        try:
            worker = self._idle.get(timeout=limits.timeout)
        except queue.Empty:
            raise Busy(f"every query worker stayed busy for {limits.timeout:g} s; try again later") from None
        ok = False
        try:
            stream = worker.stream(text, bound, limits, typed=True, deadline=deadline)
            form, names = next(stream)
            rows = Rows()
            rows.form = form
            for chunk in stream:
                rows.extend(chunk)
            rows.truncated = worker.truncated
            ok = True
            return form, names, rows
        except (QueryTimeout, QueryMemoryError):
            raise
        except QueryError:
            ok = worker.alive
            raise
        finally:
            if ok and not self._closed:
                self._idle.put(worker)
            elif not ok:
                worker.kill()
                self._replace(worker)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.close()
