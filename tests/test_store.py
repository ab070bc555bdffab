"""The corpus store: one named graph per article, reruns, replacement, removal, a kill -9
in the middle of a run, and the same triples as a file build."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import load_case
from corpus_util import assert_merged_view, case_articles, store_graphs, write_jsonl
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from builder.corpus.article import Article
from builder.store import Store
from builder.store.iris import graph_iri

def articles(n: int) -> list[Article]:
    return [Article(**{k: v for k, v in r.items()}, origin=r["id"]) for r in case_articles(n)]


def test_rerun_skips_unchanged_replaces_changed(tmp_path):
    arts = articles(4)
    with Store(tmp_path / "s") as store:
        first = store.add(arts)
        assert (first.read, first.built, first.unchanged) == (4, 4, 0)
        again = store.add(arts)
        assert (again.built, again.unchanged, again.replaced) == (0, 4, 0)
        before = store_graph(store, arts[1].id)
        changed = Article(id=arts[1].id, text=arts[2].text, lang=arts[2].lang, published=arts[2].published)
        third = store.add([changed, *arts[2:]])
        assert (third.built, third.replaced, third.unchanged) == (1, 1, 2)
        after = store_graph(store, arts[1].id)
    assert before != after
    assert_merged_view(store_graphs(tmp_path / "s"))
    # the replaced graph holds exactly what a fresh store makes of the new text
    with Store(tmp_path / "fresh") as fresh:
        fresh.add([changed])
        assert store_graph(fresh, arts[1].id) == after


def store_graph(store, article_id):
    import pyoxigraph as ox
    g = ox.NamedNode(graph_iri(article_id))
    return {str(q) for q in store.ox.quads_for_pattern(None, None, None, g)}


def test_remove_through_the_cli(run_cli, tmp_path):
    src = tmp_path / "feed.jsonl"
    recs = case_articles(3)
    write_jsonl(src, recs)
    assert run_cli("build", src, "--store", tmp_path / "s", "--workers", 1).exit_code == 0
    kept = store_graphs(tmp_path / "s")
    result = run_cli("remove", "--store", tmp_path / "s", recs[0]["id"])
    assert result.exit_code == 0 and "1 removed" in result.output
    left = store_graphs(tmp_path / "s")
    assert set(left) == set(kept) - {graph_iri(recs[0]["id"])}
    assert all(left[g] == kept[g] for g in left if g)
    assert_merged_view(left)
    assert left[""] < kept[""]
    missing = run_cli("remove", "--store", tmp_path / "s", "no-such-article")
    assert missing.exit_code == 2 and "no-such-article" in missing.output
    assert run_cli("remove", "--store", tmp_path / "nowhere", "x").exit_code == 2


def test_store_and_file_build_give_the_same_triples(run_cli, tmp_path):
    src = tmp_path / "feed.jsonl"
    write_jsonl(src, case_articles(8))
    assert run_cli("build", src, "--store", tmp_path / "s", "--workers", 1).exit_code == 0
    assert run_cli("build", src, "-o", tmp_path / "all.nq", "--workers", 1).exit_code == 0
    graphs = store_graphs(tmp_path / "s")
    assert_merged_view(graphs)
    from_store = Graph().parse(data="\n".join(t + " ." for t in graphs[""]), format="nt")
    ds = Dataset(default_union=True)
    ds.parse(tmp_path / "all.nq", format="nquads")
    from_file = Graph()
    for t in ds.triples((None, None, None)):
        from_file.add(t)
    assert len(from_file) > 500 and isomorphic(from_store, from_file)


def test_article_that_does_not_conform_is_not_written(run_cli, tmp_path, monkeypatch):
    """A graph missing a required triple is caught by the real shapes, reported with its id,
    and kept out of the store (exit 1)."""
    import builder.corpus.build as build_module
    from builder.namespace import DK
    from builder.rdf import add_extraction as real

    recs = case_articles(3)

    def broken(g, ex, **kw):
        real(g, ex, **kw)
        if ex.source == recs[1]["id"]:  # this article's facts lose their dk:confidence
            for t in [t for t in g if t[1] == DK.confidence]:
                g.discard(t)
        return g

    monkeypatch.setattr("builder.rdf.add_extraction", broken)
    assert build_module  # built in this process (--workers 1), so the patch applies
    src = tmp_path / "feed.jsonl"
    write_jsonl(src, [dict(r, source=r["id"]) for r in recs])
    report = tmp_path / "r.jsonl"
    result = run_cli("build", src, "--store", tmp_path / "s", "--workers", 1, "--report", report)
    assert result.exit_code == 1, result.output
    assert "does not conform" in result.output and "1 failed" in result.output
    records = [json.loads(line) for line in report.read_text("utf-8").splitlines()]
    bad = [r for r in records if r["event"] == "not-conforming"]
    assert len(bad) == 1 and bad[0]["id"] == recs[1]["id"] and "confidence" in " ".join(bad[0]["violations"])
    graphs = store_graphs(tmp_path / "s")
    assert graph_iri(recs[1]["id"]) not in graphs and graph_iri(recs[0]["id"]) in graphs

    # a graph file keeps it, and still says it does not conform (exit 1)
    out = tmp_path / "all.ttl"
    as_file = run_cli("build", src, "-o", out, "--workers", 1)
    assert as_file.exit_code == 1 and "does not conform" in as_file.output
    assert "3 built, 0 unchanged, 0 replaced, 0 failed" in as_file.output and out.exists()


def test_kill_9_mid_run_leaves_whole_articles_and_rerun_completes(tmp_path):
    recs = case_articles(60)
    src = tmp_path / "feed.jsonl"
    write_jsonl(src, recs)
    cmd = [sys.executable, "-m", "builder", "build", str(src), "--workers", "1", "--batch-size", "1",
           "--commit-every", "1", "--quiet"]
    assert subprocess.run(cmd + ["--store", str(tmp_path / "ref")], capture_output=True).returncode == 0
    reference = store_graphs(tmp_path / "ref")
    assert len(reference) == len(recs) + 1

    store = tmp_path / "s"
    proc = subprocess.Popen(cmd + ["--store", str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and _stored_bytes(store) < 100_000:
        time.sleep(0.05)
    assert proc.poll() is None, "the build finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    Store(store).close()  # opening it for writing finishes what a killed commit left
    partial = store_graphs(store)
    assert 0 < len(partial) - 1 < len(recs)
    for graph, quads in partial.items():  # each stored article is whole, bookkeeping included
        if graph:
            assert quads == reference[graph], graph
    assert_merged_view(partial)
    rerun = subprocess.run(cmd + ["--store", str(store), "--report", str(tmp_path / "r.jsonl")], capture_output=True)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads((tmp_path / "r.jsonl").read_text("utf-8").splitlines()[-1])
    assert summary["unchanged"] == len(partial) - 1 and summary["built"] == len(recs) - len(partial) + 1
    assert store_graphs(store) == reference


def test_commit_killed_in_its_bulk_load_is_completed_on_open(tmp_path, monkeypatch):
    """A commit that dies once its journal is written (here: before the bulk load, and then
    with half the journal loaded, as a kill in the middle of the load would leave it) is
    completed by opening the store for writing: the store is what the whole build gives,
    and its consolidated view is rebuilt by the next build, not trusted."""
    import pyoxigraph as ox

    import builder.store.store as store_module
    from builder.store.mark import is_current

    arts = articles(4)
    with Store(tmp_path / "ref") as store:
        store.add(arts)
    reference = store_graphs(tmp_path / "ref")
    with Store(tmp_path / "s") as store:
        store.add(arts[:2])
        assert is_current(store)

    def crash(store):
        raise KeyboardInterrupt  # the process dies here, its journal written
    monkeypatch.setattr(store_module, "mark_stale", crash)
    store = Store(tmp_path / "s")
    with pytest.raises(KeyboardInterrupt):
        store.add(arts[1:])  # arts[1] unchanged; arts[2:] journaled, not loaded
    store.ox = None  # dropped as a killed process would, no close
    monkeypatch.undo()
    journal = tmp_path / "s" / Store.JOURNAL
    assert journal.exists() and graph_iri(arts[2].id) not in store_graphs(tmp_path / "s")
    lines = journal.read_bytes().splitlines(keepends=True)
    half = ox.Store(str(tmp_path / "s"))  # half the load done
    half.bulk_load(b"".join(lines[: len(lines) // 2]), format=ox.RdfFormat.N_QUADS)
    del half

    with Store(tmp_path / "s") as reopened:
        assert all(a.id in reopened for a in arts)
        assert not is_current(reopened)  # the view no longer stands for the store
    assert not journal.exists()
    assert store_graphs(tmp_path / "s") == reference
    with Store(tmp_path / "s") as store:  # the rerun finds every article stored, and rebuilds the view
        summary = store.add(arts)
        assert (summary.unchanged, summary.built) == (4, 0) and is_current(store)
    assert_merged_view(store_graphs(tmp_path / "s"))


def test_commit_killed_between_its_two_bulk_loads_is_completed_on_open(tmp_path):
    """A commit loads its article graphs, then their merged-view triples: a process killed
    between the two leaves graphs without their merged view, and opening the store for
    writing loads the journal again, so the store is what the whole build gives."""
    arts = articles(3)
    with Store(tmp_path / "ref") as store:
        store.add(arts, reconcile=False)
    reference = store_graphs(tmp_path / "ref")

    store = Store(tmp_path / "s")
    real = {"ox": store.ox}
    loads = []

    class DiesAtTheSecondLoad:
        def __getattr__(self, name):
            return getattr(real["ox"], name)

        def bulk_load(self, *args, **kwargs):
            loads.append(kwargs.get("format"))
            if len(loads) == 2:
                raise KeyboardInterrupt  # killed here: the article graphs are in, their merged view is not
            return real["ox"].bulk_load(*args, **kwargs)

    store.ox = DiesAtTheSecondLoad()
    with pytest.raises(KeyboardInterrupt):
        store.add(arts, reconcile=False)
    store.ox = None  # dropped as a killed process would, no close
    real.clear()
    half = store_graphs(tmp_path / "s")
    assert all(graph_iri(a.id) in half for a in arts) and not half.get("")  # graphs in, no merged view yet
    assert (tmp_path / "s" / Store.JOURNAL).exists()

    with Store(tmp_path / "s") as reopened:
        assert all(a.id in reopened for a in arts)
    assert not (tmp_path / "s" / Store.JOURNAL).exists()
    assert store_graphs(tmp_path / "s") == reference
    assert_merged_view(store_graphs(tmp_path / "s"))


def test_a_view_journal_alone_is_not_loaded(tmp_path):
    """A commit writes its merged-view journal, then its graphs' journal, whose arrival is
    the commit point: a view file alone (a commit killed before it began) is removed when
    the store is opened for writing, its triples not loaded."""
    arts = articles(2)
    with Store(tmp_path / "s") as store:
        store.add(arts[:1], reconcile=False)
    before = store_graphs(tmp_path / "s")
    stray = b"<https://example.org/never> <https://example.org/stated> <https://example.org/anywhere> .\n"
    (tmp_path / "s" / Store.JOURNAL_VIEW).write_bytes(stray)
    with Store(tmp_path / "s") as store:
        assert not (tmp_path / "s" / Store.JOURNAL_VIEW).exists()
    assert store_graphs(tmp_path / "s") == before


def test_the_store_is_reopened_every_few_commits(tmp_path, monkeypatch):
    """Every REOPEN_EVERY commits the writer closes its Oxigraph store and opens it again
    (RocksDB's caches and index blocks go); the articles written before and after are all
    there. A store a caller holds too is left open."""
    monkeypatch.setattr(Store, "REOPEN_EVERY", 2)
    arts = articles(5)
    def opened() -> int:  # RocksDB starts a new LOG each time the store is opened
        return len(list((tmp_path / "s").glob("LOG.old.*")))

    with Store(tmp_path / "s", commit_every=1) as store:
        first = opened()
        for art in arts[:2]:  # two commits: reopened
            store.add([art], reconcile=False)
        assert opened() == first + 1
        held = store.ox
        for art in arts[2:4]:  # two more, but held elsewhere: kept
            store.add([art], reconcile=False)
        assert store.ox is held and opened() == first + 1
        del held
        store.add(arts[4:], reconcile=False)
    with Store(tmp_path / "s", read_only=True) as store:
        assert sorted(aid for aid, _ in store.articles()) == sorted(a.id for a in arts)
    assert_merged_view(store_graphs(tmp_path / "s"))


def _stored_bytes(path) -> int:
    try:
        return sum(f.stat().st_size for f in path.iterdir() if f.suffix in (".log", ".sst"))
    except FileNotFoundError:
        return 0


def test_second_writer_gets_a_clear_error(tmp_path):
    from builder.store import StoreError
    with Store(tmp_path / "s"):
        with pytest.raises(StoreError, match="cannot open"):
            Store(tmp_path / "s")


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "kg"
    with Store(path) as store:
        store.add(articles(5))
    return path


def test_stats_validate_and_export_read_the_store(run_cli, small_store, tmp_path):
    stats = run_cli("stats", "--store", small_store, "--json")
    assert stats.exit_code == 0
    figures = json.loads(stats.stdout)
    assert figures["articles"] == 5 and sum(figures["languages"].values()) == 5
    assert figures["triples"] > 0 and figures["bytes_on_disk"] > 0

    valid = run_cli("validate", "--store", small_store)
    assert valid.exit_code == 0 and "Conforms (5 articles)" in valid.stdout

    out = tmp_path / "kg.nq"
    assert run_cli("export", "--store", small_store, "--to", "nquads", "-o", out).exit_code == 0
    exported = Dataset()
    exported.parse(out, format="nquads")
    assert {str(c.identifier) for c in exported.graphs()} >= set(g for g in store_graphs(small_store) if g)

    one = articles(5)[2].id
    ttl = tmp_path / "one.ttl"
    assert run_cli("export", "--store", small_store, "--to", "turtle", "--article", one, "-o", ttl).exit_code == 0
    g = Graph().parse(ttl)
    assert len(g) == len(store_graphs(small_store)[graph_iri(one)])  # the article's graph, as stored

    graphml = run_cli("export", "--store", small_store, "--to", "graphml", "--article", one)
    assert graphml.exit_code == 0 and graphml.stdout.startswith("<?xml")
    missing = run_cli("export", "--store", small_store, "--to", "turtle", "--article", "nope")
    assert missing.exit_code == 2 and "nope" in missing.output


def test_named_query_on_the_store_with_a_parameter(run_cli, small_store):
    result = run_cli("query", "--store", small_store, "--name", "leaders", "--output-format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows and len({r["leader"] for r in rows}) == len(rows)  # one row per leader
    some = rows[0]["leader"]
    narrowed = run_cli("query", "--store", small_store, "--name", "leaders", "--param", f"leader=<{some}>",
                       "--output-format", "json")
    assert narrowed.exit_code == 0 and [r["leader"] for r in json.loads(narrowed.stdout)] == [some]


def test_kill_9_leaves_no_worker_behind(tmp_path):
    src = tmp_path / "feed.jsonl"
    write_jsonl(src, case_articles(200))
    proc = subprocess.Popen([sys.executable, "-m", "builder", "build", str(src), "--workers", "2", "--batch-size", "2",
                             "--quiet", "--store", str(tmp_path / "s")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    children: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None and len(children) < 2:
        children = _children(proc.pid)
        time.sleep(0.1)
    assert len(children) >= 2, "no worker processes started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(c) for c in children):
        time.sleep(0.1)
    assert not any(_alive(c) for c in children)


def _children(pid: int) -> set[int]:
    found = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as fh:
            found.update(int(c) for c in fh.read().split())
    return {c for c in found if "spawn_main" in _cmdline(c)}


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False


def test_merged_view_stays_exact_when_later_commits_skip_what_is_stored(tmp_path):
    """A triple an earlier commit wrote to the merged view is not written again (the store
    remembers it), and taking articles out still leaves exactly the union."""
    sco = [Article(id=c, text=load_case(c)[0], lang=c[:2], origin=c) for c in
           ("bn-sco-astana-2024", "en-sco-astana-2024", "hi-sco-astana-2024", "en-putin-xi-moscow")]
    arts = sco + articles(2)
    with Store(tmp_path / "s", commit_every=1) as store:   # one commit an article: the SCO's meet in a row
        store.add(arts, reconcile=False, batch_size=1)
        assert len(store._last) and len(store._recurring)  # what the last commit and two in a row stated
        store.remove([arts[0].id, arts[3].id])
        assert not (len(store._last) or len(store._recurring))  # a drop forgets it: the merged view may have lost triples
        store.add([arts[0]])
    assert_merged_view(store_graphs(tmp_path / "s"))


def test_one_worker_is_a_process_beside_the_writer_unless_one_batch_is_all(tmp_path, monkeypatch):
    """``workers=1`` builds in one worker process beside the writer (replaced as the
    others are, so that neither grows with a long build); a run of one batch is built in
    the main process, with no process to start. Both write the same store."""
    from builder.corpus import run

    pools = []

    class Counted(run.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(run, "ProcessPoolExecutor", Counted)
    with Store(tmp_path / "one") as store:
        assert store.add(articles(6), workers=1).built == 6  # one batch of 64 at most
    assert pools == []
    with Store(tmp_path / "two") as store:
        assert store.add(articles(6), workers=1, batch_size=2).built == 6
    assert pools == [1]
    assert store_graphs(tmp_path / "two") == store_graphs(tmp_path / "one")


def test_worker_processes_are_replaced_and_the_store_is_the_same(tmp_path, monkeypatch):
    """A long build replaces its worker processes (their memory grows with the words they
    have seen): with a worker's share set to two articles, ten articles take several
    pools, and the store holds what a build in this process writes."""
    from builder.corpus import run

    pools = []

    class Counted(run.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    with Store(tmp_path / "one") as store:
        assert store.add(articles(10), workers=1).built == 10
    monkeypatch.setattr(run, "RECYCLE_AFTER", 2)
    monkeypatch.setattr(run, "ProcessPoolExecutor", Counted)
    with Store(tmp_path / "two") as store:
        summary = store.add(articles(10), workers=2, batch_size=2)
    assert (summary.built, summary.failed) == (10, 0)
    assert len(pools) >= 2
    assert store_graphs(tmp_path / "two") == store_graphs(tmp_path / "one")
