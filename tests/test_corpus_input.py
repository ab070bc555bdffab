"""Corpus input: directories, JSON Lines (plain and gzip) with bad lines, stdin, field
names, and the summary and report of the run."""
from __future__ import annotations

import gzip
import json

from corpus_util import case_articles, store_graphs, write_jsonl

from builder.corpus.read import Skipped, read_corpus
from builder.corpus.article import Article, Problem
from builder.store.iris import graph_iri


def _corpus(tmp_path):
    recs = case_articles(6)
    d = tmp_path / "news"
    (d / "2024" / "06").mkdir(parents=True)
    (d / "2024" / "06" / "a.txt").write_text(recs[0]["text"], "utf-8")
    (d / "2024" / "06" / "a.meta.json").write_text(json.dumps({"lang": recs[0]["lang"], "published": recs[0]["published"]}), "utf-8")
    (d / "b.txt").write_text(recs[1]["text"], "utf-8")
    (d / "notes.md").write_text("not an article", "utf-8")
    (d / "broken.txt").write_bytes(b"\x00\x01binary")
    lines = [json.dumps(recs[2]), "{not json", "", json.dumps({"id": "no-text"}), json.dumps(recs[3])]
    gz = tmp_path / "feed.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return recs, d, gz


def test_reader_yields_articles_problems_and_skipped_files(tmp_path):
    recs, d, gz = _corpus(tmp_path)
    items = list(read_corpus([str(d), str(gz)]))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [str(i) for i in items if isinstance(i, Problem)]
    skipped = [i.path for i in items if isinstance(i, Skipped)]
    # a folder's own files first, then its sub-folders, each sorted
    assert [a.id for a in articles] == [f"{d}/b.txt", f"{d}/2024/06/a.txt", recs[2]["id"], recs[3]["id"]]
    assert articles[1].published == recs[0]["published"] and articles[1].lang == recs[0]["lang"]
    assert skipped == [f"{d}/notes.md"]
    assert problems[0].startswith(f"{d}/broken.txt: binary data")
    assert problems[1].startswith(f"{gz}:2: not a JSON object")
    assert problems[2].startswith(f"{gz}:4: no article text")
    assert len(problems) == 3


def test_jsonl_is_never_one_article(tmp_path):
    bad = tmp_path / "all-bad.jsonl"
    bad.write_text('{"body": "Prime Minister Narendra Modi met President Joe Biden."}\n', "utf-8")
    items = list(read_corpus([str(bad)]))
    assert len(items) == 1 and isinstance(items[0], Problem) and str(items[0]).startswith(f"{bad}:1:")


def test_field_names_are_mapped(run_cli, tmp_path):
    rec = case_articles(1)[0]
    src = tmp_path / "feed.jsonl"
    write_jsonl(src, [{"url": "https://example.org/1", "body": rec["text"], "language": rec["lang"],
                       "date": rec["published"]}])
    result = run_cli("build", src, "--store", tmp_path / "s", "--workers", 1, "--field", "text=body",
                     "--field", "id=url", "--field", "lang=language", "--field", "published=date")
    assert result.exit_code == 0, result.output
    assert graph_iri("https://example.org/1") in store_graphs(tmp_path / "s")
    assert run_cli("build", src, "--store", tmp_path / "s", "--field", "body=text").exit_code == 2


def test_cli_goes_on_past_bad_input_and_reports_file_and_line(run_cli, tmp_path):
    recs, d, gz = _corpus(tmp_path)
    report = tmp_path / "report.jsonl"
    result = run_cli("build", d, gz, "--store", tmp_path / "s", "--workers", 1, "--report", report)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("diplokg: error")]
    assert len(errors) == 3 and f"{gz}:2:" in errors[1] and f"{gz}:4:" in errors[2]
    assert "7 read, 4 built, 0 unchanged, 0 replaced, 3 failed" in result.output
    assert "1 other files skipped" in result.output
    records = [json.loads(line) for line in report.read_text("utf-8").splitlines()]
    assert [r["event"] for r in records] == ["bad-input"] * 3 + ["summary"]
    summary = records[-1]
    assert summary["built"] == 4 and summary["skipped_files"] == 1 and summary["facts"] > 0
    assert set(summary["stages"]) == {"extract", "rdf", "validate", "write", "reconcile"}  # a store build ends by reconciling
    assert len([g for g in store_graphs(tmp_path / "s") if "/graph/article/" in g]) == 4


def test_stdin_as_json_lines(run_cli, tmp_path):
    recs = case_articles(2)
    data = "".join(json.dumps(r) + "\n" for r in recs)
    result = run_cli("build", "-", "--input-format", "jsonl", "--store", tmp_path / "s", "--workers", 1, input=data)
    assert result.exit_code == 0, result.output
    assert {graph_iri(r["id"]) for r in recs} <= set(store_graphs(tmp_path / "s"))


def test_quiet_prints_nothing_on_success(run_cli, tmp_path):
    src = tmp_path / "feed.jsonl"
    write_jsonl(src, case_articles(1))
    result = run_cli("build", src, "--store", tmp_path / "s", "--workers", 1, "--quiet")
    assert result.exit_code == 0 and result.output == ""


def test_an_article_that_breaks_the_reader_is_reported_and_the_rest_built(run_cli, tmp_path, monkeypatch):
    import builder.api as api
    recs = case_articles(3)
    real = api.extract

    def extract(text, **kw):
        if text == recs[1]["text"]:
            raise RuntimeError("unexpected")
        return real(text, **kw)

    monkeypatch.setattr(api, "extract", extract)  # built in this process (--workers 1)
    src = tmp_path / "feed.jsonl"
    write_jsonl(src, recs)
    result = run_cli("build", src, "--store", tmp_path / "s", "--workers", 1)
    assert result.exit_code == 2
    assert f"{src}:2: could not be read (RuntimeError: unexpected)" in result.output
    assert "3 read, 2 built" in result.output


def test_an_id_read_twice_is_reported_and_the_first_kept(run_cli, tmp_path):
    recs = case_articles(3)
    src = tmp_path / "feed.jsonl"
    write_jsonl(src, [recs[0], recs[1], dict(recs[2], id=recs[0]["id"])])
    result = run_cli("build", src, "--store", tmp_path / "s", "--workers", 1)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("diplokg: error")]
    assert len(errors) == 1 and f"{src}:3:" in errors[0] and "duplicate article id" in errors[0], errors
    assert "3 read, 2 built, 0 unchanged, 0 replaced, 1 failed" in result.output
    assert {g for g in store_graphs(tmp_path / "s") if "/graph/article/" in g} == {graph_iri(r["id"]) for r in recs[:2]}
    write_jsonl(src, recs[:1])                         # the first text is the one stored
    again = run_cli("build", src, "--store", tmp_path / "s", "--workers", 1)
    assert again.exit_code == 0 and "1 read, 0 built, 1 unchanged" in again.output, again.output


def test_seen_ids_past_a_merge():
    from builder.corpus.seen import SeenIds
    seen = SeenIds()
    seen.MERGE_AT = 5                                  # several merges into the sorted array
    ids = [f"article-{i}" for i in range(23)] + ["ভারত", "भारत", "\udcff"]
    assert all(seen.add(i) for i in ids) and len(seen) == len(ids)
    assert not any(seen.add(i) for i in ids) and len(seen) == len(ids)
    assert seen.add("article-23") and not seen.add("article-23")
    assert all(i in seen for i in ids) and "article-24" not in seen  # in the sorted array and the latest
