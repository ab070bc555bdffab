#!/usr/bin/env python3
"""What SHACL validation costs per article: one graph at a time, or merged batches.

    python bench/validation.py [--articles 500] [--single 100] [--sizes 50,100,200,500]

Prints milliseconds per article for
  (a) one pyshacl call (as builder.shacl.validate makes it) on each article's own graph;
  (b) one pyshacl call on a merged batch of N article graphs (merge included);
  (c) pyshacl-turbo on the same batches, given the merged rdflib Graph and given a
      pyoxigraph Store (conversion included), the shapes compiled once;
  (d) builder.shacl.validate_articles() (merge, one call, results mapped back), per engine.
--shapes OLD.ttl --ontology measures an earlier state (shapes file, call with the
ontology graph and advanced=True), e.g. with OLD.ttl from `git show HEAD:shapes/diplokg-shapes.ttl`.
The article graphs are distinct: the real articles of ../shared/eval/dev and tests/cases,
then generated ones (bench/benchmark.py's generator).  Figures, not a test: the machine
is shared, so CPU time is printed beside wall time.
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


def per_article(label: str, n: int, seconds: tuple[float, float], extra: str = "") -> None:
    wall, cpu = seconds
    print(f"  {label:<58} {1000 * cpu / n:7.2f} ms CPU {1000 * wall / n:7.2f} ms wall per article "
          f"({n / wall:6.1f} articles/s) {extra}")


def clock(fn, *args):
    """fn's result, (wall seconds, CPU seconds of this process).  On a shared machine the
    CPU time is the steadier figure."""
    import gc
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, (time.perf_counter() - start, time.process_time() - cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500, help="distinct article graphs")
    ap.add_argument("--single", type=int, default=100, help="articles validated one by one in (a)")
    ap.add_argument("--sizes", default="50,100,200,500", help="batch sizes")
    ap.add_argument("--shapes", help="a shapes file to use instead of shapes/ (e.g. an earlier version)")
    ap.add_argument("--ontology", action="store_true",
                    help="call pyshacl as validate() used to: ont_graph=the ontology, advanced=True")
    ap.add_argument("--no-turbo", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from pyshacl import validate as pyshacl_validate
    from rdflib import Graph

    from builder import shacl

    shapes = Graph().parse(args.shapes, format="turtle") if args.shapes else shacl.shapes_graph()
    extra = {"ont_graph": shacl.ontology_graph(), "advanced": True} if args.ontology else {}

    def one_call(graph):
        return pyshacl_validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True, **extra)[0]

    graphs, t = clock(article_graphs, args.articles)
    triples = sum(len(g) for g in graphs)
    print(f"{len(graphs)} distinct article graphs, {triples:,} triples ({triples / len(graphs):.0f} per article), "
          f"built in {t[0]:.1f} s; shapes {args.shapes or 'shapes/'}{', with the ontology' if args.ontology else ''}")
    one_call(graphs[0])  # warm up: imports

    def batches(size):
        return [graphs[i:i + size] for i in range(0, len(graphs) - size + 1, size)]

    print("(a) one pyshacl call per article graph")
    sample = graphs[:args.single]
    results, t = clock(lambda: [one_call(g) for g in sample])
    per_article("pyshacl, one article", len(sample), t, f"[{sum(results)}/{len(sample)} conform]")

    print("(b) one pyshacl call per merged batch (merge included)")
    for size in sizes:
        todo = batches(size)
        n = sum(len(b) for b in todo)
        _, t_merge = clock(lambda: [merged(b) for b in todo])
        conforms, t = clock(lambda: [one_call(merged(b)) for b in todo])
        per_article(f"pyshacl, batch {size}", n, t,
                    f"(merge alone {1000 * t_merge[1] / n:.2f} ms CPU) conform: {all(conforms)}")

    if not args.no_turbo:
        import pyshacl_turbo

        print("(c) pyshacl-turbo, shapes compiled once, one call per merged batch (merge included)")
        compiled = pyshacl_turbo.compile_shapes(shapes)
        for size in sizes:
            todo = batches(size)
            n = sum(len(b) for b in todo)
            conforms, t = clock(lambda: [compiled.validate(merged(b))[0] for b in todo])
            per_article(f"turbo on the rdflib Graph, batch {size}", n, t, f"conform: {all(conforms)}")
            conforms, t = clock(lambda: [compiled.validate(to_store(merged(b)))[0] for b in todo])
            per_article(f"turbo on a pyoxigraph Store (conversion included), batch {size}", n, t,
                        f"conform: {all(conforms)}")
            stores = [to_store(merged(b)) for b in todo]
            conforms, t = clock(lambda: [compiled.validate(s)[0] for s in stores])
            per_article(f"turbo on a ready pyoxigraph Store, batch {size}", n, t, f"conform: {all(conforms)}")

    if hasattr(shacl, "validate_articles") and not (args.shapes or args.ontology):
        print("(d) builder.shacl.validate_articles (merge apart, one call, results mapped back)")
        for engine in ("pyshacl",) if args.no_turbo else ("pyshacl", "turbo"):
            for size in sizes:
                todo = batches(size)
                n = sum(len(b) for b in todo)
                out, t = clock(lambda: [shacl.validate_articles(b, engine=engine) for b in todo])
                bad = sum(1 for res in out for r in res if r)
                per_article(f"validate_articles(engine={engine!r}), batch {size}", n, t, f"[{bad} not conforming]")


if __name__ == "__main__":
    main()
