"""The article ids a run has read, to report an id read twice (and the subjects a
reconciliation has compared): about 8 bytes an id.

A run kept each id with where it was read (about 170 bytes an article, 170 MB at a
million); a long build's memory must stay flat. Ids are kept as 64-bit hashes (Python's
own string hash, keyed per process), the older ones in a sorted numpy array and the
latest in a small set merged into it now and then. Two different ids share a hash with
a probability of about n²/2⁶⁵ (3 in 100 million at a million ids): the second would be
reported as a duplicate and skipped.
"""
from __future__ import annotations

import numpy


def hash64(text: str) -> int:
    """``text``'s 64-bit hash as an unsigned int (Python's own string hash, keyed per
    process): a key for a numpy uint64 array."""
    return hash(text) & 0xFFFF_FFFF_FFFF_FFFF


class SeenIds:
    """A set of strings, added to one at a time (see the module docstring)."""

    MERGE_AT = 1 << 16  # latest hashes kept in a set before they join the sorted array

    def __init__(self) -> None:
        self._sorted = numpy.empty(0, dtype=numpy.uint64)
        self._latest: set[int] = set()

    def __len__(self) -> int:
        return len(self._sorted) + len(self._latest)

    def __contains__(self, text: str) -> bool:
        return self._has(hash64(text))

    def _has(self, key: int) -> bool:
        if key in self._latest:
            return True
        at = int(numpy.searchsorted(self._sorted, numpy.uint64(key)))
        return at < len(self._sorted) and int(self._sorted[at]) == key

    def add(self, text: str) -> bool:
        """Add ``text``; False when it was there already."""
        key = hash64(text)
        if self._has(key):
            return False
        self._latest.add(key)
        if len(self._latest) >= self.MERGE_AT:
            latest = numpy.fromiter(self._latest, dtype=numpy.uint64, count=len(self._latest))
            self._sorted = numpy.union1d(self._sorted, latest)
            self._latest = set()
        return True
