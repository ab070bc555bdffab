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
    """Whether the articles waiting for a commit may wait for more: not once the
    writer's resident memory plus what their commit would add reaches ``limit`` bytes
    (None: no budget), or the ceiling its first commits set. ``learn`` measures each
    commit's cost per byte: about 3.7-4.3 in a build, more for the first few commits
    (4.4-4.6: most of the strings they write are new, and the writer holds less that the
    loader can reuse), and now and then 4.9 (in two builds of four here, at the second
    or third commit). The first guess, higher, stands until ``GUESSED`` commits are
    measured. The estimate is then the highest cost measured, or the mean of the later
    commits' costs plus ``SPREAD`` standard deviations, whichever is higher: so the
    memory a commit may take only ever shrinks as the build goes on, and the more the
    costs spread, the more room is kept. They spread wider, and run higher, in a large
    store: the later commits of a 10k build cost 3.5-4.2, those of a 100k build 3.1-4.5,
    their mean about 5 % higher (not for RocksDB's compactions running beside the loads:
    a writer whose every load waited for them to finish paid as much), and with the
    highest cost alone as the estimate (the first commits', 4.55) the 100k build's
    writer reached 310-315 MiB where the 10k build's stayed at 301-304; with this
    estimate, 310 and 299-304. (With the highest of the last 16 commits, a 100k build's
    writer reached 323 MiB, its later commits sized for cheaper ones; with the highest
    of all but the first guess given up at once, a 10k build's second commit cost 4.9
    where the first had 4.4: 337 MiB.)

    And the first ``GUESSED`` commits, sized by the cautious first guess, set the
    ceiling: every later commit is sized to stay under the highest of their peaks, not
    under ``limit``, so that a long build's writer goes no higher than its first commits
    took it. Without it the peak grew with the build: what a commit sized by the
    measured costs reaches varies by about 6 MiB (a standard deviation, over the later
    commits of two 100k builds), and the highest of a 100k build's 110 such commits sat
    7-15 MiB above the highest of a 10k build's seven. With the ceiling, the writer's
    highest commit: 263 MiB at 10k, 265 at 100k (bench/RESULTS.md, fifteenth round)."""

    FIRST_GUESS = 6.0  # resident bytes a commit adds per byte of its N-Quads, until measured
    GUESSED = 4  # commits measured before the estimate may fall under the first guess
    SPREAD = 4.0  # standard deviations of the later commits' costs kept above their mean
    # A commit of fewer bytes of N-Quads teaches nothing: what any commit takes whatever
    # its size (4-15 MiB) weighs too much on its cost per byte (a build's last commit, of
    # 1.0 MB: 15.1; of 7.3 MB: 4.6; of 15.5 MB: 4.3, where the others cost 4.0-4.2).
    LEARNS_FROM = 16 * MIB

    def __init__(self, limit: int | None):
        self.limit = limit
        # How high a commit may take the writer: the limit, then the highest peak of the
        # first GUESSED commits (see the class's docstring).
        self.ceiling = limit
        self.per_byte = self.FIRST_GUESS
        self._highest = 0.0
        self._measured = 0
        self._first_peak = 0
        self._later = _Spread()  # the costs of the commits measured after the first GUESSED

    def allows(self, pending_bytes: int) -> bool:
        """Whether a commit of ``pending_bytes`` of N-Quads stays under the ceiling."""
        if self.ceiling is None:
            return True
        now = resident()
        return now is None or now + self.per_byte * pending_bytes < self.ceiling

    @contextlib.contextmanager
    def learn(self, pending_bytes: int) -> Iterator[None]:
        """Around a commit of ``pending_bytes``: learn what it took above where it began."""
        if self.limit is None or pending_bytes < self.LEARNS_FROM or not reset_peak():
            yield
            return
        before = resident()
        yield
        highest = peak()
        if before is None or highest is None:
            return
        cost = max(0, highest - before) / pending_bytes
        self._highest = max(self._highest, cost)
        self._measured += 1
        if self._measured > self.GUESSED:
            self._later.add(cost)
        else:
            self._first_peak = max(self._first_peak, highest)
            if self._measured == self.GUESSED:
                self.ceiling = min(self.limit, self._first_peak)
        if self._measured < self.GUESSED:
            self.per_byte = max(self._highest, self.FIRST_GUESS)
        else:
            self.per_byte = max(self._highest, self._later.bound(self.SPREAD))


class _Spread:
    """Mean and standard deviation of a stream of numbers (Welford's method: nothing kept
    but three numbers)."""

    def __init__(self):
        self.count, self.mean, self._squares = 0, 0.0, 0.0

    def add(self, x: float) -> None:
        self.count += 1
        delta = x - self.mean
        self.mean += delta / self.count
        self._squares += delta * (x - self.mean)

    def bound(self, deviations: float) -> float:
        """The mean plus ``deviations`` sample standard deviations (0 under two numbers)."""
        if self.count < 2:
            return 0.0
        return self.mean + deviations * (self._squares / (self.count - 1)) ** 0.5
