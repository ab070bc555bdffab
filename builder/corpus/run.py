"""Running a corpus build: read articles one at a time, skip the unchanged, build batches
in worker processes, and hand the results to one writer (a store or a graph file).

Memory stays flat: at most ``4 × workers`` batches are in flight, nothing holds the
corpus, and worker processes are replaced after RECYCLE_AFTER articles each. Stage
seconds are summed over the workers; ``write`` is the writer's.
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from typing import Protocol

from .article import Article, Problem, fingerprint
from .build import STAGES, BatchResult, BuildOptions, Built, build_batch
from .read import Item, Skipped
from .seen import SeenIds


class Sink(Protocol):
    """Where built articles go: a store, or a graph kept for one output file."""

    keeps_invalid: bool

    def fingerprint(self, article_id: str) -> str | None: ...

    def write(self, built: list[Built]) -> int: ...

    def commit(self) -> object: ...  # what write kept back goes out now


@dataclass
class Summary:
    read: int = 0
    built: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    invalid: int = 0    # articles that do not conform to the shapes (written only to a graph file)
    errors: int = 0     # articles that could not be built
    bad_input: int = 0
    skipped_files: int = 0
    facts: int = 0
    triples: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def line(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        parts = [f"{self.read} read", f"{self.built} built", f"{self.unchanged} unchanged",
                 f"{self.replaced} replaced", f"{self.failed} failed"]
        parts += [f"{n} {what}" for n, what in ((self.bad_input, "bad input"), (self.errors, "not built"),
                                                (self.invalid, "not conforming")) if n]
        if self.skipped_files:
            parts.append(f"{self.skipped_files} other files skipped")
        stages = ", ".join(f"{k} {v:.1f}" for k, v in self.stages.items())
        return (f"diplokg: {', '.join(parts)}; {self.facts} facts, {self.triples} triples; "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s; stage seconds: {stages})")

    def record(self) -> dict:
        return {"event": "summary", **asdict(self)}

    def reconciled(self, done) -> None:
        """Count a reconciliation after the build (builder.reconcile.Reconciled) in the
        run's seconds, as a stage of its own."""
        self.stages["reconcile"] = done.seconds
        self.seconds += done.seconds


@dataclass
class Events:
    """Callbacks for what the run reports: a bad input, a built article that failed or does
    not conform, and progress (articles done)."""

    problem: Callable[[Problem], None] = lambda p: None
    failed: Callable[[Built], None] = lambda b: None
    progress: Callable[[int], None] = lambda n: None


def _version() -> str:
    from .. import __version__
    return __version__


# A worker process is replaced after building this many articles: what it memoises (spaCy's
# vocabulary, the recognisers' caches of words and names) grows with the words it has
# seen (about 3 MiB a thousand articles), and a long build's memory must stay flat.
# Starting one takes about two seconds.
RECYCLE_AFTER = 5_000


def run_build(items: Iterable[Item], sink: Sink, *, options: BuildOptions = BuildOptions(),
              lang: str = "auto", published: str | None = None, workers: int = 1, batch_size: int = 64,
              events: Events | None = None, executor=None) -> Summary:
    """Build every article of ``items`` into ``sink``. ``executor`` (anything with
    ``submit(fn, *args) -> Future``) replaces the local worker processes, for Dask."""
    events = events or Events()
    summary = Summary()
    start = time.perf_counter()
    version = _version()
    seen = SeenIds()
    pending: dict[Future, list] = {}  # in flight: future -> its batch
    batch: list[tuple[Article, str]] = []
    pool = executor
    given = 0  # articles given to the pool's current workers
    limit = 4 * max(workers, 1)  # batches in flight: enough to keep the workers busy while the writer commits

    def collect(result: BatchResult) -> None:
        for k, v in result.seconds.items():
            summary.stages[k] += v
        t0 = time.perf_counter()
        keep = []
        for b in result.built:
            summary.errors += b.error is not None
            summary.invalid += b.error is None and bool(b.violations)
            if b.error or b.violations:
                events.failed(b)
            if b.error or (b.violations and not sink.keeps_invalid):
                summary.failed += 1
            else:
                keep.append(b)
        if keep:
            summary.replaced += sink.write(keep)
            summary.built += len(keep)
            summary.facts += sum(sum(b.facts.values()) for b in keep)
            summary.triples += sum(b.triples for b in keep)
        summary.stages["write"] += time.perf_counter() - t0
        events.progress(len(result.built))

    def drain(until: int) -> None:
        while len(pending) > until:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in [f for f in pending if f in done]:
                work = pending.pop(fut)
                try:
                    result = fut.result()
                except Exception as e:  # noqa: BLE001 - a worker that died takes only its batch with it
                    result = BatchResult([Built(id=a.id, origin=a.origin, fingerprint=fp,
                                                error=f"the worker building it failed ({type(e).__name__}: {e})")
                                          for a, fp in work], {})
                collect(result)

    def flush(last: bool = False) -> None:
        nonlocal pool, given
        if not batch:
            return
        work = list(batch)
        batch.clear()
        if pool is not None and pool is not executor and given >= RECYCLE_AFTER * workers:
            drain(0)  # the workers have built their share: new ones, with fresh memory
            pool.shutdown()
            pool = None
        if pool is None and not last:  # started on demand: a few articles (one batch) need none
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_warm_up, initargs=(os.getpid(),))
            given = 0
        if pool is None:
            collect(build_batch(work, options))
        else:
            pending[pool.submit(_build_in_worker, work, options)] = work
            given += len(work)
            drain(limit)

    try:
        for item in items:
            if isinstance(item, Skipped):
                summary.skipped_files += 1
                continue
            summary.read += 1
            if isinstance(item, Problem):
                summary.bad_input += 1
                summary.failed += 1
                events.problem(item)
                continue
            article = item.with_options(lang=lang, published=published)
            if not seen.add(article.id):
                summary.bad_input += 1
                summary.failed += 1
                events.problem(Problem(article.origin, f"duplicate article id {article.id!r} (read before in this run); skipped"))
                continue
            fp = fingerprint(article, options.min_confidence, version)
            if sink.fingerprint(article.id) == fp:
                summary.unchanged += 1
                events.progress(1)
                continue
            batch.append((article, fp))
            if len(batch) >= batch_size:
                flush()
        flush(last=True)
        drain(0)
        t0 = time.perf_counter()
        sink.commit()
        summary.stages["write"] += time.perf_counter() - t0
    finally:
        if pool is not None and pool is not executor:
            pool.shutdown(cancel_futures=True)
    summary.seconds = time.perf_counter() - start
    return summary


def _warm_up(parent: int) -> None:
    """Set up a worker process: it ends with its parent (a build killed with kill -9
    leaves no worker behind, building batches nobody will write), yields the CPU to the
    writer (the one process that writes must never wait behind the builders), and loads
    the gazetteer and shapes once."""
    _end_with_parent(parent)
    with contextlib.suppress(OSError):
        os.nice(5)
    from .. import gazetteer
    from ..shacl import shapes_graph
    gazetteer.load()
    shapes_graph()
    # What is loaded stays for the worker's life: the cycle collector no longer walks it,
    # and it runs once a batch (young objects only) instead of every few hundred
    # allocations, its full passes over a growing heap costing about 6 % of the worker
    # time. What it leaves (a few hundred objects per thousand articles) goes with the
    # worker, replaced after RECYCLE_AFTER articles.
    gc.freeze()
    gc.disable()


def _build_in_worker(work: list[tuple[Article, str]], options: BuildOptions) -> BatchResult:
    """build_batch in a worker process, the batch's young cycles collected after it."""
    try:
        return build_batch(work, options)
    finally:
        gc.collect(1)


def _end_with_parent(parent: int) -> None:
    import signal
    import threading

    with contextlib.suppress(Exception):  # Linux: the kernel sends SIGKILL when the parent dies
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before that was set
        os._exit(1)

    def watch() -> None:  # elsewhere (and as a second guard): notice being orphaned
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="diplokg-parent-watch", daemon=True).start()


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
