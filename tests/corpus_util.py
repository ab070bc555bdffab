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
    """Every quad of a store, as N-Quads lines grouped by named graph."""
    import pyoxigraph as ox
    store = ox.Store.read_only(str(path))
    out: dict[str, set[str]] = {}
    try:
        for q in store.quads_for_pattern(None, None, None, None):
            out.setdefault(q.graph_name.value, set()).add(str(q))
    finally:
        del store
    return out
