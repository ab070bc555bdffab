"""Hostile and unlucky input (issue 8): lone surrogates, HTML articles, billion laughs,
JSON-LD contexts that would be fetched, metadata of the wrong type, nan confidences, and
graph files whose format is guessed from their name or content."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SEED
from rdflib import Graph

from test_query_guards import Listener

MEETING = "Chinese President Xi Jinping and his Russian counterpart Vladimir Putin held talks in Beijing on Thursday."
CALL = "Prime Minister Narendra Modi spoke on phone today with President Vladimir Putin."


def _errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("diplokg: error")]


def _cli(*args, **kw):
    """diplokg in a fresh process (arguments may be bytes: undecodable file names)."""
    return subprocess.run([sys.executable, "-m", "builder", *args], capture_output=True, cwd=kw.pop("cwd", ROOT),
                          timeout=kw.pop("timeout", 300), **kw)


@pytest.fixture(scope="module")
def seed_graph_file(seed_ttl, tmp_path_factory):
    """A copy of the sample graph's Turtle file, for these tests to read and write beside."""
    path = tmp_path_factory.mktemp("hostile") / "seed.ttl"
    path.write_bytes(seed_ttl.read_bytes())
    return path


# --- 3. lone surrogates -------------------------------------------------------------

def test_lone_surrogate_in_a_sidecar_becomes_a_replacement_character(run_cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(CALL, "utf-8")
    (tmp_path / "a.meta.json").write_text('{"source": "x\\udc00y", "id": "i\\udc00d"}', "utf-8")
    out = tmp_path / "out.nt"
    result = run_cli("build", art, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert '"x\ufffdy"' in text
    import pyoxigraph as ox
    assert list(ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES))


def test_lone_surrogate_in_a_json_lines_field(run_cli, tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": CALL, "source": "\udc00", "id": "a\udc00"}) + "\n", "utf-8")
    out = tmp_path / "out.ttl"
    result = run_cli("build", feed, "-o", out)
    assert result.exit_code == 0, result.output
    assert '"\ufffd"' in out.read_text("utf-8")


def test_undecodable_file_name(tmp_path):
    folder = os.fsencode(tmp_path)
    bad = folder + b"/bad\xff.txt"
    with open(bad, "wb") as fh:
        fh.write(CALL.encode("utf-8"))
    out = tmp_path / "out.ttl"
    proc = _cli("build", bad, "-o", str(out), "--published", "2024-06-25")
    assert proc.returncode == 0, proc.stderr
    assert "bad\ufffd.txt" in out.read_text("utf-8")
    missing = _cli("validate", folder + b"/nope\xff.ttl")
    assert missing.returncode == 2
    line = missing.stderr.decode("utf-8")   # stderr is clean UTF-8
    assert line.startswith("diplokg: error: ") and "nope\ufffd.ttl: no such file" in line
    assert len(line.splitlines()) == 1


# --- 5. HTML articles ---------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html><head><title>President Zorgon Evilhead met Prime Minister Narendra Modi</title>
<meta name="description" content="President Zorgon Evilmeta met Xi Jinping">
<style>p {{ color: red }} /* President Zorgon Evilstyle met Xi Jinping */</style>
<script>var s = "President Zorgon Evilscript of Russia met Prime Minister Narendra Modi in Moscow on 4 July 2024.";</script>
</head>
<body><h1>Xi, Putin meet in Beijing</h1>
<p>{MEETING}</p>
<template><p>President Zorgon Eviltemplate held talks with Xi Jinping.</p></template>
<noscript>President Zorgon Evilnoscript held talks with Xi Jinping.</noscript>
<div hidden>President Zorgon Evilhidden held talks with Xi Jinping.</div>
<script type="application/ld+json">{{"name": "President Zorgon Evilld"}}</script>
</body></html>
"""


def _meeting_and_no_zorgon(path):
    g = Graph().parse(path)
    text = path.read_text("utf-8")
    assert "Zorgon" not in text and "<p>" not in text
    q = """PREFIX dk: <https://w3id.org/diplokg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT ?m WHERE { ?m a dk:Meeting ; dk:participant/rdfs:label "Xi Jinping"@en ;
                              dk:participant/rdfs:label "Vladimir Putin"@en ;
                              dk:evidence/dk:sentenceText ?s . FILTER(STR(?s) = "%s") }""" % MEETING
    assert len(list(g.query(q))) >= 1


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt"])  # .txt: sniffed by its <!DOCTYPE html
def test_html_article_reads_only_visible_text(run_cli, tmp_path, name):
    art = tmp_path / name
    art.write_text(PAGE, "utf-8")
    out = tmp_path / "out.ttl"
    result = run_cli("build", art, "-o", out, "--published", "2024-06-25")
    assert result.exit_code == 0, result.output
    _meeting_and_no_zorgon(out)


def test_html_on_stdin_with_input_format_html(run_cli, tmp_path):
    fragment = f"<div><script>President Zorgon Evilscript met Xi Jinping.</script><p>{MEETING}</p></div>"
    out = tmp_path / "out.ttl"
    result = run_cli("build", "-", "--input-format", "html", "-o", out, "--published", "2024-06-25", input=fragment)
    assert result.exit_code == 0, result.output
    _meeting_and_no_zorgon(out)


def test_html_in_a_json_lines_record_is_sniffed(run_cli, tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": PAGE, "published": "2024-06-25"}) + "\n", "utf-8")
    out = tmp_path / "out.ttl"
    result = run_cli("build", feed, "-o", out)
    assert result.exit_code == 0, result.output
    _meeting_and_no_zorgon(out)


def test_html_in_a_directory_is_read(tmp_path):
    from builder.corpus.read import read_corpus
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.html").write_text(PAGE, "utf-8")
    (items,) = list(read_corpus([str(tmp_path / "d")]))
    assert "Zorgon" not in items.text and MEETING in items.text


def test_html_text_keeps_block_boundaries():
    from builder.htmltext import html_to_text, looks_like_html
    text = html_to_text("<html><body><h1>Title</h1><p>One &amp; <b>two</b>.</p><ul><li>a</li><li>b<br>c</li></ul>"
                        "<p>Last<span style='display: none'>Zorgon</span></p></body></html>")
    assert text == "Title\nOne & two.\na\nb\nc\nLast"
    assert looks_like_html("\ufeff  <!doctype HTML><p>x") and looks_like_html("<html lang=en>")
    assert not looks_like_html("India <b> Russia") and not looks_like_html("x <html>")


def test_html_with_no_visible_text_is_bad_input(run_cli, tmp_path):
    art = tmp_path / "a.html"
    art.write_text("<html><head><script>President Zorgon met Modi.</script></head><body></body></html>", "utf-8")
    result = run_cli("build", art, "-o", tmp_path / "o.ttl")
    assert result.exit_code == 2 and str(art) in _errors(result)[0] and "no visible text" in _errors(result)[0]


# --- 6. billion laughs --------------------------------------------------------------

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("name", ["laughs.rdf", "laughs.xml", "laughs.owl", "laughs.data"])
@pytest.mark.parametrize("command", [["validate"], ["query", "ASK { ?s ?p ?o }"], ["export", "--to", "nt"]])
def test_billion_laughs_is_refused_at_once(run_cli, tmp_path, name, command):
    doc = tmp_path / name
    doc.write_bytes(LAUGHS)
    args = [command[0], doc, *command[1:]]
    start = time.monotonic()
    result = run_cli(*args)
    assert time.monotonic() - start < 10
    assert result.exit_code == 2, result.output
    (line,) = _errors(result)
    assert str(doc) in line and "DTD" in line


def test_rdfxml_without_a_dtd_is_read(run_cli, tmp_path, seed_graph_file):
    doc = tmp_path / "g.rdf"
    doc.write_bytes(Graph().parse(seed_graph_file).serialize(format="xml", encoding="utf-8"))
    assert run_cli("validate", doc).exit_code == 0


# --- 7. JSON-LD contexts ------------------------------------------------------------

def _contexts(url):
    return [
        {"@context": url, "@id": "http://example.org/a", "name": "x"},
        {"@context": {"@import": url}, "@id": "http://example.org/a", "name": "x"},
        {"@context": [{"name": "http://schema.org/name"}, url], "@id": "http://example.org/a", "name": "x"},
        {"@context": [{"@import": url, "name": "http://schema.org/name"}], "@id": "http://example.org/a"},
        {"@context": {"knows": {"@id": "http://xmlns.com/foaf/0.1/knows", "@context": url}},
         "@id": "http://example.org/a", "knows": {"@id": "http://example.org/b", "name": "y"}},
        {"@context": {"knows": {"@id": "http://xmlns.com/foaf/0.1/knows", "@context": {"@import": url}}},
         "@id": "http://example.org/a", "knows": {"@id": "http://example.org/b"}},
        {"@graph": [{"@context": url, "@id": "http://example.org/a", "name": "x"}]},
        {"@id": "http://example.org/a", "http://example.org/p": {"@context": [url], "@id": "http://example.org/b"}},
        {"@context": {"Person": {"@id": "http://schema.org/Person", "@context": [None, {"@import": url}]}},
         "@id": "http://example.org/a"},
    ]


@pytest.mark.parametrize("case", range(len(_contexts("u"))))
def test_jsonld_remote_contexts_are_refused_with_no_request(run_cli, tmp_path, case):
    lst = Listener()
    try:
        doc = tmp_path / "g.jsonld"
        doc.write_text(json.dumps(_contexts(f"http://127.0.0.1:{lst.port}/ctx.jsonld")[case]), "utf-8")
        for args in (["validate", doc], ["export", doc, "--to", "nt"], ["query", doc, "ASK { ?s ?p ?o }"]):
            result = run_cli(*args)
            assert result.exit_code == 2, result.output
            (line,) = _errors(result)
            assert str(doc) in line and "context" in line
    finally:
        lst.close()
    assert lst.connections == 0


@pytest.mark.parametrize("case", range(len(_contexts("u"))))
def test_jsonld_file_contexts_are_refused(run_cli, tmp_path, case):
    ctx = tmp_path / "ctx.jsonld"
    ctx.write_text('{"@context": {"name": "http://schema.org/name"}}', "utf-8")
    for url in (ctx.as_uri(), "ctx.jsonld"):
        doc = tmp_path / "g.json"
        doc.write_text(json.dumps(_contexts(url)[case]), "utf-8")
        result = run_cli("validate", doc)
        assert result.exit_code == 2 and "context" in _errors(result)[0], result.output


def test_duplicate_context_keys_are_all_checked(run_cli, tmp_path):
    doc = tmp_path / "g.jsonld"
    doc.write_text('{"@context": {"@import": "http://127.0.0.1:9/c"}, "@context": {}, "@id": "http://e.org/a"}', "utf-8")
    assert run_cli("validate", doc).exit_code == 2


def test_deeply_nested_jsonld_is_a_clean_error(run_cli, tmp_path):
    doc = tmp_path / "g.jsonld"
    doc.write_text('{"a": ' * 100_000 + "1" + "}" * 100_000, "utf-8")
    result = run_cli("validate", doc)
    assert result.exit_code == 2 and str(doc) in _errors(result)[0] and "nested" in _errors(result)[0]


def test_inline_jsonld_context_is_fine(run_cli, tmp_path):
    doc = tmp_path / "g.jsonld"
    doc.write_text(json.dumps({"@context": {"name": "http://schema.org/name"}, "@id": "http://example.org/a",
                               "name": "x"}), "utf-8")
    result = run_cli("export", doc, "--to", "nt")
    assert result.exit_code == 0 and "http://schema.org/name" in result.output


# --- 14. metadata -------------------------------------------------------------------

@pytest.mark.parametrize("meta,needle", [
    ({"published": 20240625}, "'published' must be a string"),
    ({"lang": 5}, "'lang' must be a string"),
    ({"source": {}}, "'source' must be a string"),
    ({"id": ["x"]}, "'id' must be a string"),
    ({"published": "20240625"}, "'published'"),
    ({"published": "2024-W26"}, "YYYY-MM-DD"),
    ({"published": "2024-02-30"}, "YYYY-MM-DD"),
    ({"published": "２０２４-06-25"}, "YYYY-MM-DD"),
    ({"lang": "fr"}, "'lang'"),
])
def test_sidecar_fields_of_the_wrong_type_are_errors(run_cli, tmp_path, meta, needle):
    art = tmp_path / "a.txt"
    art.write_text(CALL, "utf-8")
    side = tmp_path / "a.meta.json"
    side.write_text(json.dumps(meta), "utf-8")
    result = run_cli("build", art, "-o", tmp_path / "o.ttl")
    assert result.exit_code == 2, result.output
    (line,) = _errors(result)
    assert str(side) in line and needle in line


def test_deeply_nested_sidecar_is_a_clean_error(run_cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(CALL, "utf-8")
    side = tmp_path / "a.meta.json"
    side.write_text('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    result = run_cli("build", art, "-o", tmp_path / "o.ttl")
    assert result.exit_code == 2, result.output
    (line,) = _errors(result)
    assert str(side) in line and "nested too deeply" in line


@pytest.mark.parametrize("record,needle", [
    ({"text": CALL, "published": 20240625}, "'published' must be a string"),
    ({"text": CALL, "lang": 5}, "'lang' must be a string"),
    ({"text": CALL, "source": {}}, "'source' must be a string"),
    ({"text": CALL, "published": "2024-W26"}, "YYYY-MM-DD"),
    ({"text": CALL, "published": "20240625"}, "YYYY-MM-DD"),
    ({"text": CALL, "id": True}, "'id' must be a string"),
])
def test_json_lines_fields_of_the_wrong_type_are_errors(run_cli, tmp_path, record, needle):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": CALL}) + "\n" + json.dumps(record) + "\n", "utf-8")
    result = run_cli("build", feed, "-o", tmp_path / "o.ttl")
    assert result.exit_code == 2, result.output
    (line,) = _errors(result)
    assert f"{feed}:2:" in line and needle in line


def test_deeply_nested_json_lines_record_is_a_clean_error(run_cli, tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "utf-8")
    result = run_cli("build", feed, "-o", tmp_path / "o.ttl")
    assert result.exit_code == 2 and f"{feed}:1:" in _errors(result)[0] and "nested" in _errors(result)[0]


def test_integer_json_lines_id_is_kept(tmp_path):
    from builder.corpus.read import read_corpus
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": CALL, "id": 17}) + "\n", "utf-8")
    (article,) = list(read_corpus([str(feed)]))
    assert article.id == "17"


@pytest.mark.parametrize("value", ["2024-W26", "20240625", "2024-6-25", "2024-06-25T00:00", "2024-02-30", "２০২৪-06-25"])
def test_published_option_must_be_yyyy_mm_dd(run_cli, tmp_path, value):
    result = run_cli("build", SEED, "-o", tmp_path / "o.ttl", "--published", value)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output, result.output
    assert not (tmp_path / "o.ttl").exists()


# --- 15. --min-confidence -----------------------------------------------------------

@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1.5", "-0.1"])
def test_min_confidence_must_be_a_number_in_range(run_cli, tmp_path, value):
    result = run_cli("build", SEED, "-o", tmp_path / "o.ttl", "--min-confidence", value)
    assert result.exit_code == 2, result.output
    assert "--min-confidence" in result.output
    assert not (tmp_path / "o.ttl").exists()


# --- 16. formats guessed from the name and the content ------------------------------

EXTENSIONS = {".ttl": "turtle", ".turtle": "turtle", ".nq": "nquads", ".nquads": "nquads", ".jsonld": "json-ld",
              ".json-ld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
              ".trig": "trig", ".nt": "nt", ".ntriples": "nt"}


def _write_as(graph_file, path, fmt):
    from rdflib import Dataset
    g = Graph().parse(graph_file)
    if fmt in ("nquads", "trig"):
        ds = Dataset()
        named = ds.graph("http://example.org/g")
        for t in g:
            named.add(t)
        path.write_bytes(ds.serialize(format=fmt, encoding="utf-8"))
    else:
        path.write_bytes(g.serialize(format=fmt, encoding="utf-8"))


@pytest.mark.parametrize("ext", sorted(EXTENSIONS))
def test_graph_format_from_the_extension(run_cli, tmp_path, seed_graph_file, ext):
    path = tmp_path / f"g{ext}"
    _write_as(seed_graph_file, path, EXTENSIONS[ext])
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.output
    result = run_cli("query", path, "--name", "summits", "--output-format", "csv")
    assert result.exit_code == 0 and "Astana" in result.output, result.output
    result = run_cli("export", path, "--to", "nt")
    assert result.exit_code == 0 and len(result.output.splitlines()) == len(Graph().parse(seed_graph_file))


@pytest.mark.parametrize("fmt", sorted(set(EXTENSIONS.values())))
def test_graph_format_from_the_content(run_cli, tmp_path, seed_graph_file, fmt):
    path = tmp_path / "graph.data"
    _write_as(seed_graph_file, path, fmt)
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.output
    result = run_cli("validate", "-", input=path.read_bytes())
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("ext,data,where", [
    (".ttl", b"@prefix ex: <http://e.org/> .\nex:a ex:b ex:c .\nex:a ex:b ;;; oops\n", "line 3"),
    (".trig", b"<http://g> {\n <http://a> <http://b> }\n", "line 2"),
    (".nt", b"<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n", "line 2"),
    (".nq", b"<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> oops .\n", "line 2"),
    (".rdf", b"<?xml version='1.0'?>\n<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n"
             b"<rdf:Description></rdf:RDF>", "line 3"),
    (".jsonld", b'{"@id": "http://e.org/x",\n "a": }', "line 2"),
])
def test_parser_errors_are_whole_with_line_and_column(run_cli, tmp_path, ext, data, where):
    path = tmp_path / f"bad{ext}"
    path.write_bytes(data)
    result = run_cli("validate", path)
    assert result.exit_code == 2
    (line,) = _errors(result)
    assert line.startswith(f"diplokg: error: {path}: ") and where in line and "column" in line, line
    assert not line.rstrip().endswith(":"), line


@pytest.mark.parametrize("ext,fmt", [(".xml", "xml"), (".rdf", "xml"), (".owl", "xml"), (".nquads", "nquads"),
                                     (".json", "json-ld"), (".nt", "nt")])
def test_build_output_format_from_the_extension(run_cli, tmp_path, ext, fmt):
    art = tmp_path / "a.txt"
    art.write_text(CALL, "utf-8")
    out = tmp_path / f"out{ext}"
    assert run_cli("build", art, "-o", out, "--published", "2024-06-25").exit_code == 0
    from rdflib import Dataset
    assert len(Dataset().parse(out, format=fmt)) > 10
