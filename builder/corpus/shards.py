"""N-Quads shards: a corpus build kept as files, one per batch, for the store's bulk
loader or another graph database (``oxigraph load``, any N-Quads reader).

Each shard holds whole articles: every article's graph in its own named graph
(``builder.store.iris.graph_iri(id)``) with the store's bookkeeping triples, and its
triples again in the default graph (the merged view): exactly the quads
:meth:`builder.store.Store.write` would store. A shard is written to a temporary
file and renamed, so a reader never sees half of one; names are
``<UTC time>-<random>-<batch>.nq``: runs and concurrent writers never clash, and name
order is the order the runs started.
"""
from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from ..io import atomic_path
from .build import Built

SUFFIX = ".nq"


class ShardSink:
    """A build sink (as GraphSink and Store) that writes each batch it is given as one
    N-Quads shard in ``directory`` (created when missing). Articles that do not conform
    are not written; nothing is skipped as unchanged (a shard directory keeps no
    fingerprints to compare)."""

    keeps_invalid = False

    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)
        if self.directory.exists() and not self.directory.is_dir():
            raise NotADirectoryError(f"{self.directory}: exists and is not a directory")
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        self.run = f"{stamp}-{uuid.uuid4().hex[:12]}"
        self.count = 0
        self.paths: list[Path] = []

    def fingerprint(self, article_id: str) -> None:
        return None

    def write(self, built: Sequence[Built]) -> int:
        from ..io import write_all
        from ..store.store import bookkeeping, merged
        if not built:
            return 0
        self.count += 1
        path = self.directory / f"{self.run}-{self.count:06d}{SUFFIX}"
        with atomic_path(str(path)) as tmp, open(tmp, "wb") as fh:
            for b in built:
                write_all(fh, b.nquads)
                write_all(fh, merged(b))
                write_all(fh, bookkeeping(b))
        self.paths.append(path)
        return 0

    def commit(self) -> None:
        pass


class TeeSink:
    """Into a store and into shards at once (``--store DIR --shards DIR``): the store
    decides what is unchanged; the shards get what this run built (new and changed
    articles)."""

    keeps_invalid = False

    def __init__(self, store, shards: ShardSink):
        self.store, self.shards = store, shards

    def fingerprint(self, article_id: str) -> str | None:
        return self.store.fingerprint(article_id)

    def write(self, built: Sequence[Built]) -> int:
        self.shards.write(built)
        return self.store.write(built)

    def commit(self) -> None:
        self.store.commit()


def shard_files(directory: str | os.PathLike) -> list[Path]:
    """The shards in ``directory`` in name order (temporary files of writers still at
    work are not shards)."""
    return sorted(p for p in Path(directory).iterdir()
                  if p.name.endswith(SUFFIX) and not p.name.startswith(".") and p.is_file())


def load_shards(directory: str | os.PathLike, store) -> int:
    """Bulk-load every shard of ``directory`` into ``store`` (a :class:`builder.store.Store`
    or the directory of one, created when missing) with Oxigraph's bulk loader; returns
    the number of shards. Meant for a fresh store, or one without these articles: bulk
    loading adds quads, it does not replace an article graph already there (a rebuild
    with ``Store.add`` does), then rebuilds the store's consolidated view. Not
    transactional: an interrupted load leaves part of it."""
    import pyoxigraph as ox

    from ..store import Store

    files = shard_files(directory)
    own = not isinstance(store, Store)
    target = Store(store) if own else store
    try:
        for path in files:
            target.ox.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        target.ox.flush()
        target.reconcile()
    finally:
        if own:
            target.close()
    return len(files)
