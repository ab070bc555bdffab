"""Named queries and parameters: rdflib and Oxigraph (one named graph per article, queried
as their union) give the same rows; one row per thing however many articles describe it."""
from __future__ import annotations

import json
import re

import pytest
from conftest import SEED, case_ids, load_case

pyoxigraph = pytest.importorskip("pyoxigraph")

from builder.sparql import QueryError, named_queries, named_query, query  # noqa: E402

DK = "https://w3id.org/diplokg/ontology#"
ID = "https://w3id.org/diplokg/id/"


def _articles():
    out = [(SEED.read_text("utf-8"), {"lang": "bn", "published": "2024-06-25"}, str(SEED))]
    for cid in case_ids():
        text, meta = load_case(cid)
        out.append((text, meta, cid))
    return out


def _conflicting_summit_article():
    """An extra 'article' graph that gives the seed's 2024 SCO summit another date and
    another host and city: the summit stays one node with several values."""
    from rdflib import XSD, Graph, Literal, URIRef
    from rdflib.namespace import PROV, RDF, RDFS
    g = Graph()
    s, art = URIRef(ID + "summit/Q485207/2024"), URIRef(ID + "article/conflict")
    g.add((art, RDF.type, URIRef(DK + "Article")))
    g.add((art, URIRef(DK + "source"), Literal("conflict.txt")))
    g.add((s, RDF.type, URIRef(DK + "Summit")))
    g.add((s, URIRef(DK + "organizedBy"), URIRef(ID + "Q485207")))
    g.add((s, URIRef(DK + "date"), Literal("2024-07-03", datatype=XSD.date)))
    g.add((s, URIRef(DK + "date"), Literal("2024", datatype=XSD.gYear)))
    g.add((s, URIRef(DK + "hostCountry"), URIRef(ID + "Q159")))
    g.add((URIRef(ID + "Q159"), RDFS.label, Literal("Russia", lang="en")))
    g.add((s, URIRef(DK + "location"), URIRef(ID + "Q649")))
    g.add((URIRef(ID + "Q649"), RDFS.label, Literal("Moscow", lang="en")))
    g.add((s, PROV.wasDerivedFrom, art))
    return g


@pytest.fixture(scope="module")
def corpus():
    """(rdflib graph of everything, in-memory Oxigraph store laid out as a diplokg store:
    one graph per article, and their merged view in the default graph)."""
    from builder import build_graph
    from builder.rdf import new_graph
    graphs = [build_graph(text, lang=meta.get("lang", "auto"), published=meta.get("published"), source=src)
              for text, meta, src in _articles()]
    graphs.append(_conflicting_summit_article())
    merged = new_graph()
    store = pyoxigraph.Store()
    for i, g in enumerate(graphs):
        for t in g:
            merged.add(t)
        nt = g.serialize(format="nt", encoding="utf-8")
        store.load(nt, pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(f"{ID}graph/test/{i}"))
        store.load(nt, pyoxigraph.RdfFormat.N_TRIPLES)
        fp = pyoxigraph.NamedNode(f"{ID}graph/test/{i}")   # bookkeeping, as the corpus store keeps
        store.add(pyoxigraph.Quad(fp, pyoxigraph.NamedNode(DK + "fingerprint"), pyoxigraph.Literal(str(i)), fp))
    return merged, store


def _printed(result):
    names, rows = result
    return names, [tuple("" if v is None else str(v) for v in row) for row in rows]


PARAM_CASES = [
    ("summits", {}), ("summits", {"org": "wd:Q485207"}), ("summits", {"since": "2023", "until": "2024-06"}),
    ("summits", {"country": "id:Q668"}), ("summits", {"leader": "wd:Q1058", "since": "2022-01"}),
    ("meetings", {}), ("meetings", {"leader": "wd:Q1058"}), ("meetings", {"country": "wd:Q668", "since": "2024-06-25"}),
    ("leaders", {}), ("leaders", {"country": "wd:Q668"}), ("leaders", {"leader": "<https://w3id.org/diplokg/id/Q1058>"}),
    ("partnerships", {}), ("partnerships", {"country": "id:Q232"}),
    ("memberships", {}), ("memberships", {"country": "wd:Q668", "org": "wd:Q485207"}),
    ("evidence", {}), ("evidence", {"fact": "id:summit/Q485207/2024"}),
    ("facts", {}), ("facts", {"thing": "wd:Q1058"}),
]


@pytest.mark.parametrize("name,params", PARAM_CASES)
def test_rdflib_and_oxigraph_print_the_same_rows(corpus, name, params):
    graph, store = corpus
    a = _printed(query(graph, named_query(name), params))
    b = _printed(query(store, named_query(name), params))
    if not re.search(r"^ORDER BY", named_query(name), re.M):  # rows in the engine's order (evidence streams)
        a, b = (a[0], sorted(a[1])), (b[0], sorted(b[1]))
    assert a == b
    if not params:
        assert a[1], name


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_one_row_per_thing(corpus, name):
    graph, store = corpus
    names, rows = query(store, named_query(name))
    keys = [row[:1] if name != "evidence" else row[:5] for row in rows]
    assert len(keys) == len(set(keys))


def test_facts_count_the_articles_and_sentences_evidence_lists(corpus):
    """`facts` counts what `evidence` lists: for each fact about a thing, its sentences
    are the evidence rows given that fact, its articles their distinct sources."""
    graph, store = corpus
    names, rows = _printed(query(store, named_query("facts"), {"thing": "wd:Q1058"}))
    assert names == ["fact", "type", "confidence", "articles", "sentences"] and len(rows) > 3
    counts = [(int(r[3]), int(r[4])) for r in rows]
    assert counts == sorted(counts, reverse=True)          # the most stated first
    for fact, type_, confidence, articles, sentences in rows:
        ev_names, ev = _printed(query(store, named_query("evidence"), {"fact": f"<{fact}>"}))
        assert len(ev) == int(sentences) > 0
        assert {r[0] for r in ev} == {fact} and {r[1] for r in ev} == {type_} and {r[2] for r in ev} == {confidence}
        sources = {r[ev_names.index("source")] for r in ev}
        assert len(sources) <= int(articles)   # the made-up conflicting article gives no sentence
    assert any(int(r[3]) > 1 for r in rows)                 # the seed's and the cases' meetings meet


def test_conflicting_articles_still_one_summit_row(corpus):
    graph, store = corpus
    for target in corpus:
        names, rows = _printed(query(target, named_query("summits"), {"org": "wd:Q485207", "since": "2024"}))
        assert len(rows) == 1
        row = dict(zip(names, rows[0]))
        assert row["summit"] == ID + "summit/Q485207/2024"
        assert set(row["host"].split("; ")) >= {"Kazakhstan", "Russia"}
        assert set(row["city"].split("; ")) >= {"Astana", "Moscow"}
        dates = row["date"].split("; ")
        assert "2024-07-03" in dates and "2024" not in dates and "2024-07" not in dates  # less precise: left out
        assert dates == sorted(dates) and int(row["articles"]) >= 3


def test_params_filter(corpus):
    graph, store = corpus
    for target in corpus:
        dates = [r[4] for r in _printed(query(target, named_query("summits"), {"until": "2022"}))[1]]
        assert dates and all(d[:4] <= "2022" for d in dates)
        rows = query(target, named_query("meetings"), {"leader": "wd:Q1058"})[1]
        assert rows and all("Narendra Modi" in str(r[1]) for r in rows)
        rows = query(target, named_query("leaders"), {"leader": "wd:Q1058"})[1]
        assert [str(r[1]) for r in rows] == ["Narendra Modi"]
        assert query(target, named_query("summits"), {"org": "wd:Q1"})[1] == []


def test_params_are_bound_not_pasted(corpus):
    graph, store = corpus
    evil = '2024") } UNION { ?x ?y ?z } #'
    with pytest.raises(QueryError, match="not a date"):
        query(store, named_query("summits"), {"since": evil})
    q = "# param: who string — a name\nSELECT ?l ?who WHERE { ?x rdfs:label ?l . ?x rdfs:label ?who }"
    for target in corpus:
        assert query(target, q, {"who": evil})[1] == []


@pytest.mark.parametrize("params,needle", [
    ({"nope": "x"}, "unknown parameter 'nope'; this query takes: org, country, leader, since, until"),
    ({"since": "2024-13"}, "since: '2024-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ({"since": "yesterday"}, "is not a date"),
    ({"org": "Modi"}, "org: 'Modi' is not an IRI"),
    ({"org": "nope:Q1"}, "is not an IRI"),
    ({"org": "<not an iri>"}, "is not an IRI"),
])
def test_bad_params_are_clear_errors(corpus, params, needle):
    for target in corpus:
        with pytest.raises(QueryError) as e:
            query(target, named_query("summits"), params)
        assert needle in str(e.value)


def test_adhoc_query_without_declarations_takes_no_params(corpus):
    with pytest.raises(QueryError, match="this query takes: none"):
        query(corpus[1], "SELECT ?s WHERE { ?s a dk:Summit }", {"s": "id:x"})


def test_ask(corpus):
    for target in corpus:
        assert query(target, "ASK { ?s a dk:Summit }") == (["ask"], [(True,)])


@pytest.fixture
def store_dir(corpus, tmp_path):
    graph, _ = corpus
    path = tmp_path / "store"
    s = pyoxigraph.Store(str(path))
    nt = graph.serialize(format="nt", encoding="utf-8")
    s.load(nt, pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(ID + "graph/all"))
    s.load(nt, pyoxigraph.RdfFormat.N_TRIPLES)
    s.flush()
    del s
    return path


def test_cli_store_and_params(run_cli, store_dir, tmp_path, corpus):
    result = run_cli("query", "--store", store_dir, "--name", "summits", "--param", "org=wd:Q485207",
                     "--param", "since=2024", "--output-format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 1 and "2024-07-03" in rows[0]["date"]
    g = tmp_path / "g.nt"
    corpus[0].serialize(g, format="nt")
    from_file = run_cli("query", g, "--name", "meetings", "--param", "leader=wd:Q1058")
    from_store = run_cli("query", "--store", store_dir, "--name", "meetings", "--param", "leader=wd:Q1058")
    assert from_file.exit_code == 0 and from_file.output == from_store.output and "Narendra Modi" in from_store.output
    result = run_cli("query", "--store", store_dir, "SELECT (COUNT(*) AS ?n) WHERE { ?s a dk:Summit }", "--output-format", "csv")
    assert result.exit_code == 0 and result.output.split()[0] == "n"


@pytest.mark.parametrize("args,needle", [
    (["--param", "bogus=1"], "unknown parameter 'bogus'"),
    (["--param", "since=2024-02-30"], "is not a date"),
    (["--param", "noequals"], "expected NAME=VALUE"),
])
def test_cli_bad_params(run_cli, store_dir, args, needle):
    result = run_cli("query", "--store", store_dir, "--name", "summits", *args)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and needle in lines[0], result.output


def test_cli_bad_store(run_cli, tmp_path, store_dir):
    for path, needle in [(tmp_path / "missing", "no such store directory"), (tmp_path, "not an Oxigraph store")]:
        result = run_cli("query", "--store", path, "--name", "summits")
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert result.exit_code == 2 and len(lines) == 1 and needle in lines[0], result.output
    assert run_cli("query", "--name", "summits").exit_code == 2
    result = run_cli("query", "g.ttl", "SELECT * {}", "--store", store_dir)
    assert result.exit_code == 2 and "not both" in result.output


def test_cli_list_shows_params(run_cli):
    result = run_cli("query", "--list")
    assert result.exit_code == 0
    assert "--param since=… (date)" in result.output and "--param thing=… (entity)" in result.output
    assert all(n in result.output for n in named_queries())


def test_select_lines_keeps_a_line_by_the_parameters_given():
    from builder.sparql import select_lines
    text = "a\nb  #? x y\nc  #?! x y\nd"
    def lines(given):
        return [line.strip() for line in select_lines(text, given).split("\n")]
    assert lines(set()) == ["a", "c", "d"]
    assert lines({"y"}) == ["a", "b", "d"]
    assert lines({"z"}) == ["a", "c", "d"]


def test_values_line_binds_the_parameters_as_terms():
    from builder.sparql import prepare
    text, bound = prepare("# param: leader entity — x\n# param: since date — y\n"
                          "SELECT ?m ?leader ?since WHERE {\n  #@values\n  ?m <urn:p> ?leader }",
                          {"leader": "wd:Q1058", "since": "2024-06"}, rdflib_target=False)
    assert bound == {}
    assert ('VALUES (?leader ?since) { (<https://w3id.org/diplokg/id/Q1058> '
            '"2024-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>) }') in text
    assert "#@values" not in text
