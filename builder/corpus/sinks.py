"""The writers a corpus build hands its articles to, besides the store: one graph for an
output file, and the JSON Lines report."""
from __future__ import annotations

import json

from ..io import atomic_path, write_all, write_stdout
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

    def commit(self) -> None:
        pass


class Report:
    """The JSON Lines report of a build: one record per bad input, failed or
    non-conforming article, then the summary. Written to a temporary file and renamed at
    the end, so an interrupted run never leaves half a report over the last one."""

    def __init__(self, path: str | None):
        self.path = path
        self._fh = None
        self._commit = None  # renames the temporary file over ``path`` (io.atomic_path)
        if path and path != "-":
            self._commit = atomic_path(path)
            self._fh = open(self._commit.__enter__(), "wb")

    def write(self, record: dict) -> None:
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "replace")
        if self.path == "-":
            write_stdout(data)
        elif self._fh is not None:
            try:
                write_all(self._fh, data)
            except OSError as e:  # a full disk: name the report in the error
                if e.filename is None:
                    e.filename = self.path
                raise

    def problem(self, p: Problem) -> None:
        self.write({"event": "bad-input", "origin": p.origin, "message": p.message})

    def failed(self, b: Built) -> None:
        if b.error:
            self.write({"event": "failed", "id": b.id, "origin": b.origin, "message": b.error})
        else:
            self.write({"event": "not-conforming", "id": b.id, "origin": b.origin, "violations": b.violations})

    def close(self) -> None:
        if self._commit is not None:
            try:
                self._fh.close()
            except OSError as e:
                if e.filename is None:
                    e.filename = self.path
                self._commit.__exit__(type(e), e, e.__traceback__)
                self._commit = None
                raise
            self._commit.__exit__(None, None, None)
            self._commit = None
