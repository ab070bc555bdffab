"""The store's write stage alone, at corpus scale, with no extraction in the way.

Takes the article graphs of a store built by ``diplokg build --store`` (for example
bench/corpus.py's 10k store) and writes them into a fresh store through
``Store.write``, in batches as a build does, ``--copies`` times over: each copy gives
every article-specific IRI (graph, article, evidence, statement, undated event) a new
hash, while entities, summits and meetings stay shared, as they are across a real
corpus. Prints, per copy, articles/s, the writer's CPU seconds, the process's
(RocksDB's background compaction included) and bytes read and written on disk.

    python bench/store_write.py SOURCE_STORE --copies 10 [--batch 64] [--keep DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox  # noqa: E402

from builder.corpus.build import Built  # noqa: E402
from builder.store import Store  # noqa: E402
from builder.store.iris import ARTICLE_ID, FINGERPRINT, TRIPLE_COUNT, graph_iri  # noqa: E402

BOOKKEEPING = {ARTICLE_ID, FINGERPRINT, TRIPLE_COUNT}
_HEX16 = re.compile(rb"(?<=/)([0-9a-f]{16})(?=[/>])")
_UNDATED = re.compile(rb"undated-([0-9a-f]{8})")


def source_articles(path: str) -> list[tuple[str, bytes]]:
    """(article id, its graph's N-Quads without bookkeeping) of every article stored."""
    out = []
    with Store(path, read_only=True) as store:
        for aid, iri in sorted(store.articles()):
            g = ox.NamedNode(iri)
            quads = [q for q in store.ox.quads_for_pattern(None, None, None, g) if q.predicate.value not in BOOKKEEPING]
            out.append((aid, ox.serialize(quads, format=ox.RdfFormat.N_QUADS)))
    return out


def copy_of(aid: str, nquads: bytes, k: int) -> Built:
    """Copy k of an article: new article-specific hashes, the same shared nodes."""
    def rehash(m: re.Match) -> bytes:
        return hashlib.sha256(m.group(1) + str(k).encode()).hexdigest()[:16].encode()

    def undated(m: re.Match) -> bytes:
        return b"undated-" + hashlib.sha256(m.group(1) + str(k).encode()).hexdigest()[:8].encode()

    new_id = f"{aid}~{k}"
    data = _UNDATED.sub(undated, _HEX16.sub(rehash, nquads))
    old_graph = b"<" + graph_iri(aid).encode() + b">"
    data = data.replace(old_graph, b"<" + graph_iri(new_id).encode() + b">")
    return Built(id=new_id, origin="bench", fingerprint=f"copy{k}", nquads=data, triples=data.count(b"\n"))


def _io() -> tuple[int, int]:
    try:
        fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
        return int(fields["read_bytes"]), int(fields["write_bytes"])
    except OSError:
        return 0, 0


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", help="a diplokg store to take article graphs from")
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64, help="articles per Store.write call")
    ap.add_argument("--commit-every", type=int, default=Store.COMMIT_EVERY, help="new articles per commit")
    ap.add_argument("--keep", metavar="DIR", help="write the store here and keep it")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    articles = source_articles(args.source)
    print(f"read {len(articles):,} article graphs from {args.source} in {time.perf_counter() - t0:.1f} s", flush=True)
    target = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="diplokg-write-")) / "store"
    if target.exists():
        sys.exit(f"{target}: exists; give a new directory")
    print("copy  articles  articles/s  wall s  writer CPU s  process CPU s  disk read GB  disk written GB  store GB")
    try:
        with Store(target, commit_every=args.commit_every) as store:
            done = 0
            for k in range(args.copies):
                built = [copy_of(aid, nq, k) for aid, nq in articles]
                r0, w0 = _io()
                c0 = resource.getrusage(resource.RUSAGE_SELF)
                t0 = time.perf_counter()
                writer = 0.0
                for i in range(0, len(built), args.batch):
                    p0 = time.thread_time()
                    store.write(built[i:i + args.batch])
                    writer += time.thread_time() - p0
                p0 = time.thread_time()
                store.commit()
                writer += time.thread_time() - p0
                wall = time.perf_counter() - t0
                c1 = resource.getrusage(resource.RUSAGE_SELF)
                r1, w1 = _io()
                done += len(built)
                size = sum(f.stat().st_size for f in target.iterdir()) / 1e9
                cpu = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
                print(f"{k:4d}  {done:8,d}  {len(built) / wall:10.1f}  {wall:6.1f}  {writer:12.1f}  {cpu:13.1f}"
                      f"  {(r1 - r0) / 1e9:12.2f}  {(w1 - w0) / 1e9:15.2f}  {size:8.2f}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(target.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
