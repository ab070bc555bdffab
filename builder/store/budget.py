"""How large a commit may be: as large as keeps the writer's resident memory under a
budget while Oxigraph's bulk loader holds it.

The loader holds several times its input at its peak, and what the writer holds
besides grows a little with the store (RocksDB's files are larger, and so is what it
keeps of them in memory, whatever the writer does: neither reopening the store before
each commit nor keeping fewer files open took this away). A fixed number of articles
per commit therefore takes the writer higher in a large store than in a small one
(writing the same 8,192 articles into an empty store: 346 MiB at the peak; into a store
of 100,000: 368-379 MiB).
A budget instead makes each commit as large as the memory left allows: the writer's
peak stays where it is set, whatever the size of the store, and commits are a little
smaller in a large store.

What a commit costs per byte of N-Quads is learnt from the commits already made (the
process's peak resident memory, reset before each one: Linux's ``/proc/self/clear_refs``);
where that cannot be measured, the first guess is kept.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

MIB = 1 << 20


def resident() -> int | None:
    """The process's resident memory in bytes (None where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def reset_peak() -> bool:
    """Start the process's peak resident memory (VmHWM) again from what it holds now;
    False where Linux does not let it be done."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def peak() -> int | None:
    """The process's peak resident memory in bytes since the start or the last reset."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class CommitBudget:
    """Whether the articles waiting for a commit may wait for more: not once the writer's
    resident memory plus what their commit would add reaches ``limit`` bytes (None: no
    budget). ``learn`` measures each commit's cost per byte: about 3.7-4.3 in a build,
    more for the first few commits (4.4-4.6: most of the strings they write are new),
    and now and then 4.9 (in two builds of four here, at the second or third commit). The
    first guess, higher, stands until ``GUESSED`` commits are measured; the estimate is
    then the highest cost measured, so the memory a commit may take only ever shrinks
    as the build goes on. (With the highest of the last 16 commits, a 100k
    build's writer reached 323 MiB where a 10k build's stayed at 304, its later commits
    sized for cheaper ones; with the highest of all but the first guess given up at
    once, a 10k build's second commit cost 4.9 where the first had 4.4: 337 MiB.)"""

    FIRST_GUESS = 6.0  # resident bytes a commit adds per byte of its N-Quads, until measured
    GUESSED = 4  # commits measured before the estimate may fall under the first guess

    def __init__(self, limit: int | None):
        self.limit = limit
        self.per_byte = self.FIRST_GUESS
        self._highest = 0.0
        self._measured = 0

    def allows(self, pending_bytes: int) -> bool:
        """Whether a commit of ``pending_bytes`` of N-Quads stays under the budget."""
        if self.limit is None:
            return True
        now = resident()
        return now is None or now + self.per_byte * pending_bytes < self.limit

    @contextlib.contextmanager
    def learn(self, pending_bytes: int) -> Iterator[None]:
        """Around a commit of ``pending_bytes``: learn what it took above where it began."""
        if self.limit is None or pending_bytes <= 0 or not reset_peak():
            yield
            return
        before = resident()
        yield
        highest = peak()
        if before is None or highest is None:
            return
        self._highest = max(self._highest, max(0, highest - before) / pending_bytes)
        self._measured += 1
        self.per_byte = self._highest if self._measured >= self.GUESSED else max(self._highest, self.FIRST_GUESS)
