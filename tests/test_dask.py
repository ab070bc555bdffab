"""Corpus builds on a Dask cluster (a LocalCluster of two worker processes here) give the
same quads as a build in one process, into a store and as N-Quads shards."""
from __future__ import annotations

import concurrent.futures as cf
import json

import pytest

from conftest import CASES, case_ids, load_case

distributed = pytest.importorskip("distributed")

from builder.corpus import Article  # noqa: E402
from builder.corpus.dask import DaskError, DaskExecutor, build_shards  # noqa: E402
from builder.corpus.shards import load_shards, shard_files  # noqa: E402
from builder.store import Store  # noqa: E402

# ten different articles: every language, summits, calls, partnerships, memberships
CASE_IDS = [c for c in case_ids() if c in {
    "bn-g20-delhi-biden-modi", "bn-hasina-kishida-tokyo", "bn-relations-membership", "bn-sco-astana-2024",
    "en-finland-nato-partnerships", "en-phone-call-partnership", "en-putin-xi-moscow",
    "hi-g20-delhi-au-member", "hi-kazan-brics", "hi-modi-kishida-virtual"}]


def articles() -> list[Article]:
    out = []
    for case in CASE_IDS:
        text, meta = load_case(case)
        out.append(Article(id=case, text=text, lang=meta.get("lang", "auto"), published=meta.get("published"),
                           source=f"tests/cases/{case}/article.txt", origin=case))
    return out


def quads(store: Store) -> set[str]:
    """The store's quads as N-Quads lines (there are no blank nodes, so equal sets are
    isomorphic datasets), the consolidated view (derived from them) aside."""
    import pyoxigraph as ox

    from builder.store.iris import CONSOLIDATED
    lines = [line for line in store.ox.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
             if not line.endswith(f"<{CONSOLIDATED}> .")]
    assert not any("_:" in line.split(" ", 1)[0] for line in lines)
    return set(lines)


@pytest.fixture(scope="module")
def client():
    # processes=True: the real thing, articles and results pickled to and from other processes
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None)
    c = distributed.Client(cluster, set_as_default=False)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("single") / "store") as store:
        summary = store.add(articles(), workers=1)
        assert summary.built == len(CASE_IDS) and summary.failed == 0
        yield quads(store)


def test_cases_are_there():
    assert len(CASE_IDS) == 10, CASES


def test_store_and_shards_on_dask_equal_single_process(client, single, tmp_path):
    with Store(tmp_path / "dask") as store:
        summary = store.add(articles(), dask=client, batch_size=3)  # an existing Client
        assert (summary.built, summary.failed) == (len(CASE_IDS), 0)
        assert quads(store) == single
        graphs = {iri for _, iri in store.articles()}
        assert len(graphs) == len(CASE_IDS)
        # a rerun skips every article, unchanged
        again = store.add(articles(), dask=client, batch_size=3)
        assert (again.unchanged, again.built) == (len(CASE_IDS), 0)

    summary = build_shards(articles(), tmp_path / "shards", dask=client.scheduler.address, batch_size=3)
    assert (summary.built, summary.failed) == (len(CASE_IDS), 0)
    files = shard_files(tmp_path / "shards")
    assert len(files) == 4  # 10 articles in batches of 3
    assert not [p for p in (tmp_path / "shards").iterdir() if p not in files]  # no temporary files left
    lines = [line for f in files for line in f.read_text("utf-8").splitlines()]
    assert set(lines) == single
    with Store(tmp_path / "loaded") as fresh:
        assert load_shards(tmp_path / "shards", fresh) == 4
        assert quads(fresh) == single


def test_cli_store_and_shards(client, single, tmp_path, run_cli):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for a in articles():
        (corpus / f"{a.id}.txt").write_text(a.text, "utf-8")
        (corpus / f"{a.id}.meta.json").write_text(
            json.dumps({"id": a.id, "lang": a.lang, "published": a.published, "source": a.source}), "utf-8")
    r = run_cli("build", corpus, "--dask", client.scheduler.address, "--store", tmp_path / "store",
                "--shards", tmp_path / "shards", "--batch-size", 4, "-q")
    assert r.exit_code == 0, r.output
    files = shard_files(tmp_path / "shards")
    assert len(files) == 3
    assert {line for f in files for line in f.read_text("utf-8").splitlines()} == single
    with Store(tmp_path / "store", read_only=True) as store:
        assert quads(store) == single
    assert (tmp_path / "store.report.jsonl").is_file()


def test_executor_propagates_errors(client):
    with DaskExecutor(client) as ex:
        assert ex.slots == 2
        ok, bad = ex.submit(pow, 2, 10), ex.submit(int, "not a number")
        done, _ = cf.wait([ok, bad], timeout=30)
        assert len(done) == 2
        assert ok.result() == 1024
        assert isinstance(bad.exception(), ValueError)
    assert client.status == "running"  # a Client given is left open


def test_unreachable_scheduler(tmp_path, run_cli, monkeypatch):
    with pytest.raises(DaskError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9: .*after 1"):
        DaskExecutor("tcp://127.0.0.1:9", timeout=1)
    monkeypatch.setattr("builder.corpus.dask.CONNECT_TIMEOUT", 1)
    text, _ = load_case(CASE_IDS[0])
    (tmp_path / "a.txt").write_text(text, "utf-8")
    r = run_cli("build", tmp_path / "a.txt", "--dask", "tcp://127.0.0.1:9", "--shards", tmp_path / "shards")
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diplokg: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert not (tmp_path / "shards").exists()  # nothing written


def test_cli_options_checked(tmp_path, run_cli):
    r = run_cli("build", tmp_path / "a.txt", "--dask", "tcp://127.0.0.1:9", "-o", tmp_path / "out.ttl")
    assert r.exit_code == 2 and "--store DIR and/or --shards DIR" in r.output
