#!/usr/bin/env python3
"""What SHACL validation costs per article: one graph at a time, or merged batches.

    python bench/validation.py [--articles 500] [--single 100] [--sizes 50,100,200,500]

Prints milliseconds per article for
  (a) builder.shacl.validate() on each article's own graph;
  (b) one pyshacl call on a merged batch of N article graphs (merge included);
  (c) pyshacl-turbo on the same batches, given the merged rdflib Graph and given a
      pyoxigraph Store (conversion included), the shapes compiled once;
  (d) builder.shacl.validate_articles() (merge, one call, results mapped back), per engine.
The article graphs are distinct: the real articles of ../shared/eval/dev and tests/cases,
then generated ones (bench/benchmark.py's generator).  Figures, not a test: the machine
is shared, so run it twice and read the lower figure.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def real_articles() -> list[tuple[str, str, str | None]]:
    """(lang, text, published) of the dev set and the test cases, read in place."""
    out = []
    for path in sorted((ROOT.parent / "shared" / "eval" / "dev").glob("*/*.txt")):
        meta_path = path.with_name(path.stem + ".meta.json")
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        out.append((meta.get("lang", path.parent.name), path.read_text("utf-8"), meta.get("published")))
    for case in sorted((ROOT / "tests" / "cases").iterdir()):
        for path in sorted(case.glob("article*.txt")):
            meta = json.loads((case / "meta.json").read_text("utf-8"))
            out.append((meta.get("lang", "auto"), path.read_text("utf-8"), meta.get("published")))
    return out


def article_graphs(n: int, seed: int = 11):
    from benchmark import make_corpus

    from builder import build_graph

    seen, graphs = set(), []
    articles = real_articles()
    mb = 0.05
    while len(graphs) < n:
        for lang, text, published in articles:
            if text in seen:
                continue
            seen.add(text)
            graphs.append(build_graph(text, lang=lang, published=published or "2024-06-25",
                                      source=f"bench/{len(graphs)}"))
            if len(graphs) == n:
                break
        articles = [(lang, text, "2024-06-25") for lang, text in make_corpus(int(mb * 1e6), seed)]
        seed, mb = seed + 1, mb * 2
    return graphs


def merged(graphs):
    from rdflib import Graph

    g = Graph()
    for part in graphs:
        g += part
    return g


def to_store(graph):
    import pyoxigraph as ox

    def term(t):
        from rdflib import BNode, Literal
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))
        return ox.BlankNode(str(t)) if isinstance(t, BNode) else ox.NamedNode(str(t))

    store = ox.Store()
    store.bulk_extend(ox.Quad(term(s), term(p), term(o)) for s, p, o in graph)
    return store


def per_article(label: str, n: int, seconds: float, extra: str = "") -> None:
    print(f"  {label:<58} {1000 * seconds / n:8.2f} ms/article  {n / seconds:8.1f} articles/s {extra}")


def clock(fn, *args):
    import gc
    gc.collect()
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500, help="distinct article graphs")
    ap.add_argument("--single", type=int, default=100, help="articles validated one by one in (a)")
    ap.add_argument("--sizes", default="50,100,200,500", help="batch sizes")
    ap.add_argument("--no-turbo", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from pyshacl import validate as pyshacl_validate

    from builder import shacl

    graphs, t = clock(article_graphs, args.articles)
    triples = sum(len(g) for g in graphs)
    print(f"{len(graphs)} distinct article graphs, {triples:,} triples ({triples / len(graphs):.0f} per article), "
          f"built in {t:.1f} s")
    shacl.shapes_graph()
    shacl.validate(graphs[0])  # warm up: imports, shapes parsed

    print("(a) one article at a time")
    sample = graphs[:args.single]
    results, t = clock(lambda: [shacl.validate(g)[0] for g in sample])
    per_article("builder.shacl.validate(article graph)", len(sample), t, f"[{sum(results)}/{len(sample)} conform]")

    print("(b) pyshacl, one call per merged batch (merge included)")
    options = getattr(shacl, "PYSHACL_OPTIONS", None)
    for size in sizes:
        batches = [graphs[i:i + size] for i in range(0, len(graphs) - size + 1, size)]
        if not batches:
            continue
        n = sum(len(b) for b in batches)
        _, t_merge = clock(lambda: [merged(b) for b in batches])
        if options is None:  # before the change: validate() is the call
            run = lambda: [shacl.validate(merged(b))[0] for b in batches]  # noqa: E731
        else:
            run = lambda: [pyshacl_validate(merged(b), shacl_graph=shacl.shapes_graph(), **options)[0]  # noqa: E731
                           for b in batches]
        conforms, t = clock(run)
        per_article(f"pyshacl, batch {size}", n, t, f"(merge alone {1000 * t_merge / n:.2f} ms) conforms {conforms}")

    if not args.no_turbo:
        import pyshacl_turbo

        print("(c) pyshacl-turbo, shapes compiled once, one call per merged batch (merge included)")
        compiled = pyshacl_turbo.compile_shapes(shacl.shapes_graph())
        for size in sizes:
            batches = [graphs[i:i + size] for i in range(0, len(graphs) - size + 1, size)]
            if not batches:
                continue
            n = sum(len(b) for b in batches)
            conforms, t = clock(lambda: [compiled.validate(merged(b))[0] for b in batches])
            per_article(f"turbo on rdflib Graph, batch {size}", n, t, f"conforms {conforms}")
            conforms, t = clock(lambda: [compiled.validate(to_store(merged(b)))[0] for b in batches])
            per_article(f"turbo on pyoxigraph Store (conversion included), batch {size}", n, t,
                        f"conforms {conforms}")
            stores = [to_store(merged(b)) for b in batches]
            conforms, t = clock(lambda: [compiled.validate(s)[0] for s in stores])
            per_article(f"turbo on a ready pyoxigraph Store, batch {size}", n, t, f"conforms {conforms}")

    if hasattr(shacl, "validate_articles"):
        print("(d) builder.shacl.validate_articles (merge, one call, results mapped back)")
        for engine in ("pyshacl", "turbo") if not args.no_turbo else ("pyshacl",):
            for size in sizes:
                batches = [graphs[i:i + size] for i in range(0, len(graphs) - size + 1, size)]
                if not batches:
                    continue
                n = sum(len(b) for b in batches)
                out, t = clock(lambda: [shacl.validate_articles(b, engine=engine) for b in batches])
                bad = sum(1 for res in out for r in res if r)
                per_article(f"validate_articles(engine={engine!r}), batch {size}", n, t, f"[{bad} not conforming]")


if __name__ == "__main__":
    main()
