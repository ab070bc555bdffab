"""Corpus builds on a Dask cluster (dask.distributed, the optional extra ``diplokg[dask]``).

:class:`DaskExecutor` is what :func:`~builder.corpus.run.run_build` takes as its
``executor``: ``submit(build_batch, work, options)`` sends one batch to the cluster and
returns a :class:`concurrent.futures.Future` that the Dask future completes, so the run's
waiting and its bound on batches in flight (two per worker thread) are unchanged. Batches
are submitted as they are read; nothing holds the corpus, and each batch's result is
released on the cluster as soon as it has been fetched.

The built articles come back to this process, which writes them into a store
(``Store.add(..., dask=ADDRESS)``) or as N-Quads shards (:func:`build_shards`); the
workers need diplokg installed (the same version) but no shared file system.

    with DaskExecutor("tcp://scheduler:8786") as ex:
        run_build(items, sink, executor=ex, workers=ex.slots)
"""
from __future__ import annotations

import concurrent.futures as cf
import threading
from collections.abc import Iterable

from .build import BuildOptions
from .read import Item, read_inputs

CONNECT_TIMEOUT = 5.0  # seconds to reach the scheduler


class DaskError(Exception):
    """The cluster cannot be used: one line saying why (no dask.distributed, no
    scheduler at the address, workers without diplokg)."""


def _distributed():
    try:
        import distributed
    except ImportError as e:
        raise DaskError(f"building on a Dask cluster needs dask.distributed ({e}); "
                        "install the extra: pip install 'diplokg[dask]'") from None
    return distributed


class DaskExecutor:
    """A ``submit(fn, *args) -> concurrent.futures.Future`` executor over a
    ``distributed.Client``. ``cluster`` is a scheduler address (``tcp://HOST:8786``; the
    client is created here and closed by :meth:`shutdown`) or an existing ``Client``
    (left open). ``timeout`` bounds the wait for the scheduler, in seconds (default
    :data:`CONNECT_TIMEOUT`)."""

    def __init__(self, cluster, *, timeout: float | None = None, check_workers: bool = True):
        distributed = _distributed()
        timeout = CONNECT_TIMEOUT if timeout is None else timeout
        self._lock = threading.Lock()
        self._running: dict[int, object] = {}  # id(cf future) → Dask future, until done
        self._closed = False
        if isinstance(cluster, distributed.Client):
            self.client, self._own = cluster, False
        elif isinstance(cluster, str) and cluster.strip():
            address = cluster.strip()
            try:
                self.client = distributed.Client(address, timeout=f"{timeout}s", set_as_default=False)
            except (OSError, ValueError, TypeError) as e:  # unreachable, or not an address
                detail = str(e).splitlines()[0] if str(e) else type(e).__name__
                raise DaskError(f"cannot reach the Dask scheduler at {address}: {detail}") from None
            self._own = True
        else:
            raise DaskError(f"not a Dask scheduler address or distributed.Client: {cluster!r}")
        if check_workers:
            try:
                self._check_workers()
            except BaseException:
                self.shutdown()
                raise

    # ------------------------------------------------------------ the cluster

    @property
    def slots(self) -> int:
        """Worker threads in the cluster now (at least 1): what ``workers=`` of
        run_build should be, so that two batches per thread are in flight."""
        try:
            return max(1, sum(self.client.nthreads().values()))
        except Exception:  # a cluster that is scaling or gone: the run finds out itself
            return 1

    def _check_workers(self) -> None:
        """Every worker already connected must import the same diplokg: its graphs and
        the fingerprints computed here have to agree."""
        from .. import __version__
        versions = self.client.run(_worker_version, on_error="return")
        for worker, version in sorted(versions.items()):
            if isinstance(version, BaseException):
                raise DaskError(f"Dask worker {worker} cannot import diplokg ({version}); "
                                "install diplokg on the workers")
            if version != __version__:
                raise DaskError(f"Dask worker {worker} runs diplokg {version}, this process {__version__}; "
                                "install the same version on the workers")

    # ------------------------------------------------------------ executor

    def submit(self, fn, *args, **kwargs) -> cf.Future:
        if self._closed:
            raise RuntimeError("cannot submit to a DaskExecutor after shutdown")
        outcome: cf.Future = cf.Future()
        # pure=False: a unique key per batch, no hashing of the articles
        task = self.client.submit(fn, *args, pure=False, **kwargs)
        with self._lock:
            self._running[id(outcome)] = task

        def finished(dfut) -> None:  # in Dask's callback thread
            try:
                if dfut.status == "cancelled":
                    outcome.cancel()
                    try:
                        outcome.set_running_or_notify_cancel()  # wakes concurrent.futures.wait()
                    except RuntimeError:  # already notified
                        pass
                    return
                try:
                    value = dfut.result()  # fetched from the worker; raises the task's exception
                except BaseException as e:
                    _settle(outcome, exception=e)
                else:
                    _settle(outcome, result=value)
            finally:
                with self._lock:
                    self._running.pop(id(outcome), None)
                dfut.release()  # the cluster may forget the result now

        def cancelled(f: cf.Future) -> None:  # our future cancelled: cancel the task
            if f.cancelled():
                with self._lock:
                    dfut = self._running.pop(id(outcome), None)
                if dfut is not None:
                    dfut.cancel()

        outcome.add_done_callback(cancelled)
        task.add_done_callback(finished)
        return outcome

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Cancel what is still running on the cluster if ``cancel_futures`` (or the run
        is being abandoned), and close the client if it was opened here. Idempotent."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            left = list(self._running.values())
            self._running.clear()
        if left and (cancel_futures or not wait):
            try:
                self.client.cancel(left)
            except Exception:
                pass
        elif left:
            _distributed().wait(left)
        if self._own:
            try:
                self.client.close(timeout=CONNECT_TIMEOUT)
            except Exception:  # a scheduler that went away: nothing more to close
                pass

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.shutdown(cancel_futures=exc_type is not None)


def _settle(outcome: cf.Future, *, result=None, exception=None) -> None:
    if outcome.done():  # cancelled meanwhile
        return
    try:
        if exception is not None:
            outcome.set_exception(exception)
        else:
            outcome.set_result(result)
    except cf.InvalidStateError:
        pass


def _worker_version() -> str:
    from .. import __version__
    return __version__


# ---------------------------------------------------------------- builds


def run_on_dask(items: Iterable[Item], sink, cluster, *, options: BuildOptions = BuildOptions(),
                lang: str = "auto", published: str | None = None, batch_size: int = 64, events=None,
                timeout: float | None = None):
    """run_build over a Dask cluster (address or Client) into any sink; the Summary."""
    from .run import run_build
    with DaskExecutor(cluster, timeout=timeout) as executor:
        return run_build(items, sink, options=options, lang=lang, published=published, workers=executor.slots,
                         batch_size=batch_size, events=events, executor=executor)


def build_shards(inputs: Iterable, directory, dask=None, *, lang: str = "auto", published: str | None = None,
                 batch_size: int = 64, min_confidence: float = 0.0, validate: bool = True,
                 shacl_engine: str = "auto", events=None, workers: int = 1):
    """Build articles (paths or Articles) into N-Quads shards in ``directory``, one file a
    batch, on the Dask cluster ``dask`` (address or Client; None: in this machine's
    processes, ``workers`` of them). Returns the run's Summary; load the shards with
    :func:`builder.corpus.shards.load_shards` or ``oxigraph load``."""
    from .run import run_build
    from .shards import ShardSink

    options = BuildOptions(min_confidence=min_confidence, validate=validate, shacl_engine=shacl_engine)
    sink = ShardSink(directory)
    if dask is None:
        return run_build(read_inputs(inputs), sink, options=options, lang=lang, published=published,
                         workers=workers, batch_size=batch_size, events=events)
    return run_on_dask(read_inputs(inputs), sink, dask, options=options, lang=lang, published=published,
                       batch_size=batch_size, events=events)
