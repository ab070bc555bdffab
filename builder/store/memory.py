"""The memory of a process that writes or reads a store: glibc's allocator, and how many
files RocksDB keeps open.

Oxigraph's bulk loader takes a few hundred MiB of buffers for each commit and gives them
back; glibc's malloc raises its threshold for mapping a large buffer on its own each
time one is freed, so later buffers come from the heap, where what they leave is kept
by the process, in pieces, for good. A fixed threshold keeps every large buffer mapped
and returns it on free (writer alone, 8,192 articles into a 100k-article store: peak
836 → 791 MiB, between commits 590-664 → 537-572 MiB). Trimming the free pages after
each commit gives back what small allocations leave.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from collections.abc import Iterator

M_MMAP_THRESHOLD = -3  # mallopt's parameter (malloc.h)
LARGE = 1 << 20


def map_large_buffers(threshold: int = LARGE) -> bool:
    """Have glibc map every allocation of ``threshold`` bytes or more; False where the C
    library is not glibc (nothing is changed there)."""
    return _glibc("mallopt", M_MMAP_THRESHOLD, threshold)


def release_free_memory() -> bool:
    """Give the pages glibc's heaps hold free back to the system (``malloc_trim``): a
    closed RocksDB handle frees its block caches a block at a time, small allocations
    that otherwise stay in the process. False where the C library is not glibc."""
    return _glibc("malloc_trim", 0)


# Oxigraph gives RocksDB the process's soft limit of open files less this many (kept for
# everything else), and refuses to open a store under twice as many.
OXIGRAPH_RESERVED_FDS = 48


@contextlib.contextmanager
def few_table_files(files: int) -> Iterator[None]:
    """While the block runs, lower the process's soft limit of open files so that an
    Oxigraph store opened in it keeps at most ``files`` (48 or more) of its SST files
    open (RocksDB's ``max_open_files``; its table cache holds ten fewer). RocksDB keeps
    an open file's index blocks in memory, outside its block caches, and by default
    keeps every file open, so a writer's memory grows with the store (44 MiB at 100k
    articles, ten times that at a million). Oxigraph sets ``max_open_files`` from the
    limit when it opens the store, and only then: the limit is given back at once.
    Nothing is changed where the process already has 48 files open or more (they must
    stay under the lowered limit, with room for the store's own), or where the limit is
    that low already."""
    try:
        import resource
    except ImportError:  # not a Unix
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    limit = max(files, OXIGRAPH_RESERVED_FDS) + OXIGRAPH_RESERVED_FDS
    unlimited = resource.RLIM_INFINITY
    if ((soft != unlimited and soft <= limit) or (hard != unlimited and hard < limit)
            or _open_files() >= OXIGRAPH_RESERVED_FDS):
        yield
        return
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def _open_files() -> int:
    """How many file descriptors the process has open (a large number where unknown)."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return 1 << 30


def _glibc(function: str, *args: int) -> bool:
    """Call one of glibc's allocator functions; False where the C library is not glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(getattr(ctypes.CDLL("libc.so.6"), function)(*args))
    except (OSError, AttributeError):
        return False
