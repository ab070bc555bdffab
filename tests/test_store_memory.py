"""The writer's memory: how many SST files its RocksDB keeps open (each holds its index
blocks in memory), set through the descriptor limit only while a store is opened."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap

import pytest

from builder.store import Store
from builder.store import memory
from builder.store.memory import few_table_files

LIMIT = resource.getrlimit(resource.RLIMIT_NOFILE)
needs_room = pytest.mark.skipif(LIMIT[0] != resource.RLIM_INFINITY and LIMIT[0] <= Store.TABLE_FILES + 48,
                                reason="the descriptor limit is low already")


def test_open_files_are_counted():
    before = memory._open_files()
    fd = os.open(os.devnull, os.O_RDONLY)
    try:
        assert memory._open_files() == before + 1
    finally:
        os.close(fd)


@needs_room
def test_the_limit_is_lowered_only_inside_the_block(monkeypatch):
    monkeypatch.setattr(memory, "_open_files", lambda: 10)
    with few_table_files(48):
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (96, LIMIT[1])
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == LIMIT


@needs_room
def test_a_process_with_many_files_open_keeps_its_limit(monkeypatch):
    monkeypatch.setattr(memory, "_open_files", lambda: 48)
    with few_table_files(48):
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == LIMIT


@needs_room
def test_a_writer_keeps_few_sst_files_open_after_every_reopen(tmp_path):
    """In a process of its own (this one may have many files open): a writer's RocksDB
    is told to keep Store.TABLE_FILES files open, when it opens the store and after each
    reopen, and the descriptor limit is as it was."""
    script = textwrap.dedent(f"""
        import resource, sys
        from pathlib import Path
        sys.path.insert(0, {os.path.dirname(__file__)!r})
        from test_store import articles
        from test_store_memory import max_open_files
        from builder.store import Store
        Store.REOPEN_EVERY = 2
        path = Path({str(tmp_path / "s")!r})
        limit = resource.getrlimit(resource.RLIMIT_NOFILE)
        with Store(path, commit_every=1) as store:
            print(max_open_files(path))
            logs = len(list(path.glob("LOG.old.*")))  # RocksDB starts a new LOG each time it opens
            for art in articles(3):  # three commits: reopened once
                store.add([art], reconcile=False)
            print(len(list(path.glob("LOG.old.*"))) - logs, max_open_files(path),
                  resource.getrlimit(resource.RLIMIT_NOFILE) == limit)
        with Store(path, read_only=True) as store:
            print(len(list(store.articles())))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == [str(Store.TABLE_FILES), f"1 {Store.TABLE_FILES} True", "3"]


def max_open_files(store_dir) -> int:
    """RocksDB's max_open_files in the options it wrote when the store was last opened."""
    newest = max(store_dir.glob("OPTIONS-*"), key=lambda p: int(p.name.split("-")[1]))
    for line in newest.read_text().splitlines():
        if line.strip().startswith("max_open_files="):
            return int(line.split("=")[1])
    raise AssertionError(f"no max_open_files in {newest}")
