"""Helpers for the corpus tests: varied articles made from the reviewed cases."""
from __future__ import annotations

import json

from conftest import case_ids, load_case


def case_articles(n: int | None = None) -> list[dict]:
    """Articles as JSON Lines records: the cases, then (past their number) pairs of cases
    joined, so that no two texts are the same."""
    cases = [(cid, *load_case(cid)) for cid in case_ids()]
    out = []
    for i in range(n if n is not None else len(cases)):
        cid, text, meta = cases[i % len(cases)]
        if i >= len(cases):
            other = cases[(i * 7 + 3) % len(cases)]
            if other[2].get("lang") == meta.get("lang"):
                text = text + "\n\n" + other[1]
            text = text + f"\n\n({i})"
        out.append({"id": f"{cid}#{i}", "text": text, "lang": meta.get("lang", "auto"),
                    "published": meta.get("published")})
    return out


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


def store_graphs(path) -> dict[str, set[str]]:
    """Every quad of a store, as triples (N-Triples lines without the final dot) grouped
    by named graph; the default graph (the merged view) under "". The consolidated view
    (derived from the rest: tests/test_reconcile.py) is left out."""
    import pyoxigraph as ox

    from builder.store.iris import CONSOLIDATED
    store = ox.Store.read_only(str(path))
    out: dict[str, set[str]] = {}
    try:
        for q in store.quads_for_pattern(None, None, None, None):
            name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            if name == CONSOLIDATED:
                continue
            out.setdefault(name, set()).add(f"{q.subject} {q.predicate} {q.object}")
    finally:
        del store
    return out


BOOKKEEPING = ("ontology#articleId>", "ontology#fingerprint>", "ontology#tripleCount>")


def assert_merged_view(graphs: dict[str, set[str]]) -> None:
    """The default graph is exactly the union of the article graphs, bookkeeping aside."""
    union = {t for name, triples in graphs.items() if name for t in triples if not any(b in t for b in BOOKKEEPING)}
    assert graphs.get("", set()) == union
