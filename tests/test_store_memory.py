"""The writer's memory: how many SST files its RocksDB keeps open (each holds its index
blocks in memory), set through the descriptor limit only while a store is opened."""
from __future__ import annotations

import os
import resource

import pytest

from builder.store import Store
from builder.store.memory import few_table_files

LIMIT = resource.getrlimit(resource.RLIMIT_NOFILE)
needs_room = pytest.mark.skipif(LIMIT[0] != resource.RLIM_INFINITY and LIMIT[0] <= Store.TABLE_FILES + 48,
                                reason="the descriptor limit is low already")


def max_open_files(store_dir) -> int:
    """RocksDB's max_open_files in the options it wrote when the store was last opened."""
    newest = max(store_dir.glob("OPTIONS-*"), key=lambda p: int(p.name.split("-")[1]))
    for line in newest.read_text().splitlines():
        if line.strip().startswith("max_open_files="):
            return int(line.split("=")[1])
    raise AssertionError(f"no max_open_files in {newest}")


@needs_room
def test_the_limit_is_lowered_only_inside_the_block():
    with few_table_files(48):
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (96, LIMIT[1])
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == LIMIT


@needs_room
def test_a_process_with_many_files_open_keeps_its_limit():
    fds = [os.open(os.devnull, os.O_RDONLY) for _ in range(40)]
    try:
        with few_table_files(48):
            assert resource.getrlimit(resource.RLIMIT_NOFILE) == LIMIT
    finally:
        for fd in fds:
            os.close(fd)


@needs_room
def test_a_writer_keeps_few_sst_files_open_after_every_reopen(tmp_path, monkeypatch):
    from test_store import articles
    monkeypatch.setattr(Store, "REOPEN_EVERY", 2)
    path = tmp_path / "s"
    with Store(path, commit_every=1) as store:
        assert max_open_files(path) == Store.TABLE_FILES
        logs = len(list(path.glob("LOG.old.*")))  # RocksDB starts a new LOG each time it opens
        for art in articles(3):  # three commits: reopened once
            store.add([art], reconcile=False)
        assert len(list(path.glob("LOG.old.*"))) == logs + 1
        assert max_open_files(path) == Store.TABLE_FILES
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == LIMIT
    with Store(path, read_only=True) as store:
        assert len(list(store.articles())) == 3
