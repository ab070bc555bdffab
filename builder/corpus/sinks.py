"""The writers a corpus build hands its articles to, besides the store: one graph for an
output file, and the JSON Lines report."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..io import mode_for
from .article import Problem
from .build import Built


class GraphSink:
    """Collects the articles into one rdflib graph, for ``-o FILE`` (a few articles; a
    corpus belongs in a store). Articles that do not conform are kept, as before."""

    keeps_invalid = True

    def __init__(self, graph=None):
        from ..rdf import new_graph
        self.graph = graph if graph is not None else new_graph()

    def fingerprint(self, article_id: str) -> None:
        return None

    def write(self, built: list[Built]) -> int:
        from rdflib import Dataset
        ds = Dataset()
        ds.parse(data=b"".join(b.nquads for b in built), format="nquads")
        for s, p, o, _ in ds.quads((None, None, None, None)):
            self.graph.add((s, p, o))
        return 0


class Report:
    """The JSON Lines report of a build: one record per bad input, failed or
    non-conforming article, then the summary. Written to a temporary file and renamed at
    the end, so an interrupted run never leaves half a report over the last one."""

    def __init__(self, path: str | None):
        self.path = path
        self._fh = None
        self._tmp = None
        if path and path != "-":
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            self._fh = os.fdopen(fd, "w", encoding="utf-8")
        elif path == "-":
            import sys
            self._fh = sys.stdout

    def write(self, record: dict) -> None:
        if self._fh is not None:
            self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    def problem(self, p: Problem) -> None:
        self.write({"event": "bad-input", "origin": p.origin, "message": p.message})

    def failed(self, b: Built) -> None:
        if b.error:
            self.write({"event": "failed", "id": b.id, "origin": b.origin, "message": b.error})
        else:
            self.write({"event": "not-conforming", "id": b.id, "origin": b.origin, "violations": b.violations})

    def close(self) -> None:
        if self._tmp is None:
            if self._fh is not None:
                self._fh.flush()
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.chmod(self._tmp, mode_for(Path(self.path)))
        os.replace(self._tmp, self.path)
        self._tmp = None
