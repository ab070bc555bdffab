"""The allocator of a process that writes or reads a store.

Oxigraph's bulk loader takes a few hundred MiB of buffers for each commit and gives them
back; glibc's malloc raises its threshold for mapping a large buffer on its own each
time one is freed, so later buffers come from the heap, where what they leave is kept
by the process, in pieces, for good. A fixed threshold keeps every large buffer mapped
and returns it on free (writer alone, 8,192 articles into a 100k-article store: peak
836 → 791 MiB, between commits 590-664 → 537-572 MiB).
"""
from __future__ import annotations

import ctypes
import sys

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


def _glibc(function: str, *args: int) -> bool:
    """Call one of glibc's allocator functions; False where the C library is not glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(getattr(ctypes.CDLL("libc.so.6"), function)(*args))
    except (OSError, AttributeError):
        return False
