"""Query guards: a timeout, a row cap and a memory cap that hold whatever the query.

Neither engine can be interrupted from inside the process: Oxigraph computes ORDER BY,
GROUP BY and aggregates before its first solution (releasing the GIL but offering no
cancellation), and rdflib's evaluator is plain Python with no deadline. So a guarded
query runs in a **worker process**:

- the parent checks the query first (parameters, SERVICE/LOAD/updates refused: see
  :func:`builder.sparql.prepare`), then hands it to the worker;
- the worker caps its own memory (``RLIMIT_DATA``: its size when it started plus
  ``memory`` MB; past it, an allocation fails and the worker ends) and streams the rows
  back in chunks, stopping at the row cap;
- the parent waits at most until the deadline and kills the worker (SIGKILL) when it
  passes: :class:`QueryTimeout`; a worker that dies (out of memory) gives
  :class:`QueryMemoryError`.

A one-shot worker is forked (``diplokg query``, ``query(..., timeout=...)``): it inherits
the parent's loaded graph, costs about 6 ms, and a store is opened read-only in the
worker, never in the parent. ``diplokg serve`` keeps a pool of workers started as fresh
interpreters (safe from a threaded server), each holding its target open (see
builder.serve.pool); they die with their parent.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass

from .sparql import (QueryError, QueryMemoryError, QueryTimeout, Rows, _is_oxigraph, execute,
                     prepare, uses_view, view_ready)

DEFAULT_TIMEOUT = 60.0    # seconds, diplokg query
DEFAULT_MEMORY_MB = 2048  # MB a worker may grow by
CHUNK = 500               # rows per message from the worker


@dataclass(frozen=True)
class Limits:
    """``timeout`` in seconds, ``rows`` a row cap, ``memory`` in MB; None: no limit."""

    timeout: float | None = DEFAULT_TIMEOUT
    rows: int | None = None
    memory: int | None = DEFAULT_MEMORY_MB


class TargetSpec:
    """A query target named rather than held (picklable): the worker opens it. Subclasses
    define ``open()``, and may define ``signature()`` (a value that changes with the
    data, so that a long-lived worker reopens it)."""

    oxigraph = True

    def open(self):
        raise NotImplementedError


@dataclass(frozen=True)
class StoreTarget(TargetSpec):
    """A corpus store by its directory, opened read-only in the worker (a build may keep
    writing meanwhile)."""

    path: str

    def open(self):
        import pyoxigraph as ox
        return ox.Store.read_only(str(self.path))


def is_oxigraph_target(target) -> bool:
    return target.oxigraph if isinstance(target, TargetSpec) else _is_oxigraph(target)


def run_guarded(target, sparql: str, params: dict | None, limits: Limits, *, typed: bool = False,
                view: str = "consolidated"):
    """Run a query under ``limits`` in a forked worker: (names, Rows). ``target`` is
    an rdflib graph, a pyoxigraph Store or a :class:`TargetSpec` such as
    :class:`StoreTarget`."""
    with Stream(target, sparql, params, limits, typed=typed, view=view) as stream:
        rows = Rows()
        rows.form = stream.form
        for chunk in stream.chunks():
            rows.extend(chunk)
        rows.truncated = stream.truncated
        return stream.names, rows


class Stream:
    """A guarded query whose rows arrive in chunks, so that an uncapped result never sits
    in the parent's memory: ``form`` and ``names`` once it has started, ``chunks()``,
    then ``truncated``. A context manager (the worker is stopped on exit)."""

    def __init__(self, target, sparql: str, params: dict | None, limits: Limits, *, typed: bool = False,
                 view: str = "consolidated"):
        text, bound = prepare(sparql, params, rdflib_target=not is_oxigraph_target(target),
                              consolidated=view == "consolidated" and uses_view(sparql) and view_ready(target))
        self.worker = Worker(target, memory=limits.memory, method="fork")
        try:
            deadline = None if limits.timeout is None else time.monotonic() + limits.timeout
            self.worker.wait_ready(deadline, limits)
            self._rows = self.worker.stream(text, bound, limits, typed=typed, deadline=deadline)
            self.form, self.names = next(self._rows)
        except BaseException:
            self.worker.kill()
            raise

    def chunks(self):
        yield from self._rows

    @property
    def truncated(self) -> bool:
        return self.worker.truncated

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *exc) -> None:
        self._rows.close()
        self.worker.close()


class Worker:
    """One worker process holding a query target; runs one query at a time."""

    def __init__(self, target, *, memory: int | None, method: str = "fork"):
        """``method`` ``fork`` (the target may be any object: the child inherits it) or
        ``exec`` (a fresh interpreter, for a :class:`TargetSpec`: safe from a threaded
        parent, and it never re-runs the caller's main module as spawn would)."""
        if method == "fork":
            ctx = multiprocessing.get_context("fork")
            self._conn, child = ctx.Pipe()
            self._proc = ctx.Process(target=_worker_main, args=(child, target, memory), daemon=True,
                                     name="diplokg-query")
            self._proc.start()
            child.close()
        else:
            self._conn, self._proc = _exec_worker(target, memory)
        self.memory = memory
        self.ready = False
        self.truncated = False

    @property
    def alive(self) -> bool:
        return self._proc.is_alive()

    def wait_ready(self, deadline: float | None, limits: Limits | None = None) -> None:
        """Wait until the worker has opened its target (or raise its error)."""
        if self.ready:
            return
        msg = self._recv(deadline, limits, starting=True)
        if msg[0] == "error":
            self.kill()
            raise _error(msg)
        self.ready = True

    def stream(self, text: str, bound: dict, limits: Limits, *, typed: bool = False,
               deadline: float | None = None):
        """Send a prepared query; yield (form, names), then chunks of rows. The worker
        is killed if the caller stops early or a limit fires."""
        if deadline is None and limits.timeout is not None:
            deadline = time.monotonic() + limits.timeout
        self.truncated = False
        done = False
        try:
            self._conn.send((text, bound, limits.rows, typed))
            msg = self._recv(deadline, limits)
            if msg[0] == "error":
                done = True
                raise _error(msg)
            yield msg[1], msg[2]
            while True:
                msg = self._recv(deadline, limits)
                if msg[0] == "rows":
                    yield msg[1]
                elif msg[0] == "end":
                    self.truncated = msg[1]
                    done = True
                    return
                else:
                    done = True
                    raise _error(msg)
        finally:
            if not done:
                self.kill()

    def _recv(self, deadline: float | None, limits: Limits | None, *, starting: bool = False):
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            if self._conn.poll(remaining):
                return self._conn.recv()
        except (EOFError, OSError):
            self._proc.join(5)
            code = self._proc.exitcode
            self.kill()
            if starting:
                raise QueryError(f"the query process ended before it was ready (code {code})") from None
            cap = f"its memory cap of {self.memory} MB" if self.memory else "the memory it could get"
            raise QueryMemoryError(f"the query needed more than {cap} and was stopped "
                                   f"(its process ended with code {code})") from None
        self.kill()
        if starting:
            raise QueryTimeout("the query process was not ready in time")
        seconds = limits.timeout if limits is not None and limits.timeout is not None else 0
        raise QueryTimeout(f"the query ran past its {seconds:g} s timeout and was stopped")

    def kill(self) -> None:
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
        self._conn.close()

    def close(self) -> None:
        """Stop the worker (it exits when its pipe closes)."""
        if self._proc.is_alive() and not self._conn.closed:
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._proc.join(2)
        self.kill()


class _Child:
    """A worker run as a fresh interpreter, with the few methods of a multiprocessing
    Process that Worker uses."""

    def __init__(self, popen):
        self.popen = popen

    def is_alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        self.popen.kill()

    def join(self, timeout: float | None = None) -> None:
        import subprocess
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            pass

    @property
    def exitcode(self):
        return self.popen.poll()


def _exec_worker(target, memory):
    import socket
    import subprocess
    import sys
    from multiprocessing.connection import Connection

    parent, child = socket.socketpair()
    try:
        popen = subprocess.Popen([sys.executable, "-c", "from builder.sparql_guard import exec_main; exec_main()",
                                  str(child.fileno())], pass_fds=[child.fileno()], stdin=subprocess.DEVNULL,
                                 close_fds=True)
    finally:
        child.close()
    conn = Connection(parent.detach())
    conn.send((target, memory))
    return conn, _Child(popen)


def exec_main() -> None:
    """The entry point of an ``exec`` worker: its connection's descriptor is argv[1]."""
    import sys
    from multiprocessing.connection import Connection
    conn = Connection(int(sys.argv[1]))
    _die_with_parent()
    try:
        target, memory = conn.recv()
    except (EOFError, OSError):
        return
    _worker_main(conn, target, memory)


def _die_with_parent() -> None:
    """Linux: be killed when the parent dies, even in the middle of a query."""
    try:
        import ctypes
        import signal
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _error(msg) -> QueryError:
    _, kind, text = msg
    if kind == "memory":
        return QueryMemoryError(text)
    if kind == "refused":
        from .sparql import QueryRefused
        return QueryRefused(text)
    return QueryError(text)


# --- the worker process ---------------------------------------------------------------------

def cap_memory(megabytes: int | None) -> None:
    """Let this process's data segment grow by at most ``megabytes`` from now on."""
    if not megabytes:
        return
    import resource
    size = _data_size()
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = size + (megabytes << 20)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _data_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _worker_main(conn, target, memory: int | None) -> None:
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a worker stops
    try:
        opened = _Opened(target)
        cap_memory(memory)
        # the parent reports what went wrong in one line: no engine backtrace on stderr
        import faulthandler
        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        conn.send(("ready",))
    except Exception as e:
        conn.send(("error", "open", _first_line(e)))
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        text, bound, cap, typed = task
        try:
            result = execute(opened.get(), text, bound, typed=typed)
            conn.send(("head", result.form, result.names))
            chunk, count, truncated = [], 0, False
            for row in result.rows:
                if cap is not None and count >= cap:
                    truncated = True
                    break
                chunk.append(row)
                count += 1
                if len(chunk) >= CHUNK:
                    conn.send(("rows", chunk))
                    chunk = []
            if chunk:
                conn.send(("rows", chunk))
            conn.send(("end", truncated))
        except MemoryError:
            try:
                conn.send(("error", "memory", f"the query needed more than its memory cap of {memory} MB "
                                              "and was stopped"))
            except Exception:
                os._exit(1)
        except QueryError as e:
            conn.send(("error", "refused" if type(e).__name__ == "QueryRefused" else "query", str(e)))
        except Exception as e:  # SPARQL syntax and evaluation errors of either engine
            conn.send(("error", "query", f"query failed: {_first_line(e)}"))


class _Opened:
    """The worker's target: an object as given (forked), or a spec opened here; a spec
    with ``signature()`` is reopened when its signature changes (a store written to)."""

    def __init__(self, target):
        self.target = target
        self.signature = self._signature()
        self.handle = target.open() if isinstance(target, TargetSpec) else target

    def _signature(self):
        sign = getattr(self.target, "signature", None)
        return sign() if sign is not None else None

    def get(self):
        if self.signature is not None:
            now = self._signature()
            if now != self.signature:
                self.handle = None
                self.handle = self.target.open()
                self.signature = now
        return self.handle


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
