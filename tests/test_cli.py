"""The command line: every command, exit codes, bad input, atomic output, stdin/stdout."""
from __future__ import annotations

import json

import pytest
from conftest import SEED
from rdflib import Graph

from builder.cli import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", [None] + COMMANDS)
def test_every_command_has_help(run_cli, command):
    result = run_cli(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_build_help_gives_the_stores_own_default_commit_size_and_memory(run_cli):
    """The CLI writes the default of --commit-every in its help without importing the
    store (pyoxigraph) at start: it must be the store's own."""
    from builder.store import Store

    text = " ".join(run_cli("build", "--help").output.split())
    assert f"[default: {Store.COMMIT_EVERY}]" in text
    assert f"[default: {Store.MEMORY_MIB}; 0: no limit]" in text


def test_build_validates_and_writes_turtle(run_cli, tmp_path):
    out = tmp_path / "out.ttl"
    result = run_cli("build", SEED, "-o", out, "--published", "2024-06-25")
    assert result.exit_code == 0, result.output
    g = Graph().parse(out)
    assert len(g) > 100


@pytest.mark.parametrize("fmt,ext", [("turtle", "ttl"), ("trig", "trig"), ("nquads", "nq"), ("json-ld", "jsonld")])
def test_build_formats(run_cli, tmp_path, fmt, ext):
    out = tmp_path / f"out.{ext}"
    result = run_cli("build", SEED, "-o", out, "--format", fmt, "--published", "2024-06-25")
    assert result.exit_code == 0, result.output
    from rdflib import Dataset
    ds = Dataset(default_union=True)
    ds.parse(out, format=fmt)
    assert len(ds) > 100


@pytest.mark.parametrize("content,needle", [
    (b"", "empty article"),
    (b"   \n\t ", "empty article"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data (NUL byte at offset 8)"),
    ("ভারত".encode("utf-8") + b"\xff\xfe more", "not UTF-8 (invalid byte 0xff at offset 12, line 1)"),
    (b"12345 ,,, 678", "no text"),
])
def test_bad_input_one_line_error_exit_2(run_cli, tmp_path, content, needle):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.ttl"
    result = run_cli("build", bad, "-o", out)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("diplokg: error")]
    assert len(lines) == 1 and str(bad) in lines[0] and needle in lines[0], result.output
    assert not out.exists()


def test_missing_file(run_cli, tmp_path):
    result = run_cli("build", tmp_path / "nope.txt", "-o", tmp_path / "o.ttl")
    assert result.exit_code == 2 and "no such file" in result.output


def test_batch_goes_on_past_a_bad_article(run_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    out = tmp_path / "out.ttl"
    result = run_cli("build", bad, SEED, "-o", out, "--published", "2024-06-25")
    assert result.exit_code == 2
    assert "bad.txt" in result.output and "2 read, 1 built" in result.output
    assert len(Graph().parse(out)) > 100


def test_failed_build_keeps_existing_output(run_cli, tmp_path):
    out = tmp_path / "out.ttl"
    out.write_text("# precious\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert run_cli("build", bad, "-o", out).exit_code == 2
    assert out.read_text(encoding="utf-8") == "# precious\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_stdin_and_stdout(run_cli):
    result = run_cli("build", "-", "-o", "-", "--lang", "en",
                     input="Prime Minister Narendra Modi spoke on phone today with President Vladimir Putin.")
    assert result.exit_code == 0
    g = Graph().parse(data=result.stdout, format="turtle")
    assert any("Q7747" in str(s) for s in g.subjects())


def test_bad_published_date(run_cli, tmp_path):
    result = run_cli("build", SEED, "-o", tmp_path / "o.ttl", "--published", "25/06/2024")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_min_confidence_filters(run_cli, tmp_path):
    full, high = tmp_path / "full.ttl", tmp_path / "high.ttl"
    run_cli("build", SEED, "-o", full, "--published", "2024-06-25")
    run_cli("build", SEED, "-o", high, "--published", "2024-06-25", "--min-confidence", "0.85")
    q = "SELECT (MIN(?c) AS ?m) WHERE { ?f <https://w3id.org/diplokg/ontology#confidence> ?c }"
    low_full = float(next(iter(Graph().parse(full).query(q)))[0])
    low_high = float(next(iter(Graph().parse(high).query(q)))[0])
    assert low_full < 0.85 <= low_high


def test_validate_exit_codes(run_cli, tmp_path, seed_graph):
    good = tmp_path / "good.ttl"
    seed_graph.serialize(good, format="turtle")
    assert run_cli("validate", good).exit_code == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix dk: <https://w3id.org/diplokg/ontology#> .\n"
                      "<https://w3id.org/diplokg/id/x> a dk:Meeting .\n", encoding="utf-8")
    result = run_cli("validate", broken)
    assert result.exit_code == 1 and "two or more dk:participant" in result.output
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    result = run_cli("validate", garbage)
    assert result.exit_code == 2 and "garbage.ttl" in result.output


def test_query_named_and_sparql(run_cli, tmp_path, seed_graph):
    g = tmp_path / "g.ttl"
    seed_graph.serialize(g, format="turtle")
    result = run_cli("query", g, "--name", "summits", "--output-format", "json")
    rows = json.loads(result.output)
    assert {r["date"] for r in rows} == {"2017-06", "2022", "2023", "2024-07", "2022-01-27"}
    result = run_cli("query", g, "SELECT ?l WHERE { ?x a dk:Leader ; rdfs:label ?l }", "--output-format", "csv")
    assert "Narendra Modi" in result.output and "Kassym-Jomart Tokayev" in result.output
    assert run_cli("query", g, "--list").output.count("\n") >= 5
    assert run_cli("query", g, "--name", "nope").exit_code == 2
    assert run_cli("query", g, "SELEKT nothing").exit_code == 2


@pytest.mark.parametrize("to", ["graphml", "gexf", "json", "html"])
def test_export_command(run_cli, tmp_path, seed_graph, to):
    g = tmp_path / "g.ttl"
    seed_graph.serialize(g, format="turtle")
    out = tmp_path / f"g.{to}"
    assert run_cli("export", g, "--to", to, "-o", out).exit_code == 0
    assert out.stat().st_size > 1000


def test_installed_console_script_builds_the_seed(tmp_path):
    """The `diplokg` command as installed (run outside the checkout, so the installed
    package and its packaged ontology and shapes are used)."""
    import shutil
    import subprocess
    exe = shutil.which("diplokg")
    if exe is None:
        pytest.skip("diplokg is not installed on PATH")
    out = tmp_path / "out.ttl"
    proc = subprocess.run([exe, "build", str(SEED), "-o", str(out), "--published", "2024-06-25"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([exe, "query", str(out), "--name", "summits"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "Astana" in proc.stdout


def test_unwritable_output_is_a_one_line_error(run_cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("build", SEED, "-o", blocker / "out.ttl", "--published", "2024-06-25")
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot write" in lines[0]


def test_output_file_gets_ordinary_permissions(run_cli, tmp_path):
    import os
    out = tmp_path / "out.ttl"
    run_cli("build", SEED, "-o", out, "--published", "2024-06-25")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_remote_jsonld_context_is_refused_not_fetched(run_cli, tmp_path):
    doc = tmp_path / "g.jsonld"
    doc.write_text('{"@context": "https://example.org/context.jsonld", "@id": "x", "name": "y"}', encoding="utf-8")
    result = run_cli("validate", doc)
    assert result.exit_code == 2 and "remote JSON-LD @context" in result.output


def test_jsonld_output_reads_back(run_cli, tmp_path):
    out = tmp_path / "g.jsonld"
    assert run_cli("build", SEED, "-o", out, "--published", "2024-06-25").exit_code == 0
    assert run_cli("validate", out).exit_code == 0


def test_sidecar_metadata_supplies_the_publication_date(run_cli, tmp_path):
    out = tmp_path / "out.ttl"
    assert run_cli("build", SEED, "-o", out).exit_code == 0   # seeds/….meta.json has the date
    q = "SELECT ?d WHERE { ?s dk:organizedBy ?o ; dk:date ?d } ORDER BY ?d"
    dates = run_cli("query", out, q, "--output-format", "csv").output.split()
    assert "2024-07" in dates


def test_bad_sidecar_is_a_one_line_error(run_cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Prime Minister Narendra Modi spoke on phone today with President Vladimir Putin.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    result = run_cli("build", art, "-o", tmp_path / "o.ttl")
    assert result.exit_code == 2 and "a.meta.json" in result.output
