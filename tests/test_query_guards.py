"""diplokg query, safe and complete: a timeout and a memory cap that stop any query
(exit 3), a row cap that says when it cut, SERVICE/LOAD/updates refused with no request
made, CONSTRUCT and DESCRIBE, and N-Quads that a plain graph database can query."""
from __future__ import annotations

import socket
import threading
import time

import pyoxigraph as ox
import pytest

from conftest import SEED

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# runs for minutes in constant memory (252^4 solutions counted), blocking: no first row
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it is offered."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        time.sleep(0.3)  # a request in flight would have connected by now
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory):
    from builder import build_graph
    from builder.cli import serialize
    g = build_graph(SEED.read_text("utf-8"), lang="bn", published="2024-06-25", source=str(SEED))
    path = tmp_path_factory.mktemp("guards") / "seed.ttl"
    path.write_bytes(serialize(g, "turtle"))
    return path


@pytest.fixture(scope="module")
def seed_store(seed_file, tmp_path_factory):
    """A store laid out as diplokg keeps one: the article in a named graph, and the
    merged view in the default graph."""
    path = tmp_path_factory.mktemp("guards") / "store"
    store = ox.Store(str(path))
    store.load(path=str(seed_file), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/diplokg/id/graph/article/seed"))
    store.load(path=str(seed_file), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    return path


@pytest.fixture(params=["file", "store"])
def where(request, seed_file, seed_store):
    return [str(seed_file)] if request.param == "file" else ["--store", str(seed_store)]


# --- timeout and memory cap -------------------------------------------------------------

def test_timeout_stops_a_blocking_query_with_exit_3(run_cli, where):
    started = time.monotonic()
    result = run_cli("query", *where, ENDLESS, "--timeout", "1.5")
    elapsed = time.monotonic() - started
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [
        "diplokg: error: the query ran past its 1.5 s timeout and was stopped (--timeout SECONDS to allow more)"]
    assert elapsed < 6


def test_issue_example_cartesian_order_by_stops_in_time_and_memory(run_cli, where):
    """The issue's 3-way cartesian product, made blocking by ORDER BY: it ends at the
    memory cap or the timeout, whichever comes first, never at 120 s and 1.4 GB."""
    started = time.monotonic()
    result = run_cli("query", *where, CARTESIAN + " ORDER BY ?a ?i", "--timeout", "4", "--max-memory", "150")
    assert result.exit_code == 3 and time.monotonic() - started < 10
    line, = result.stderr.strip().splitlines()
    assert "timeout" in line or "memory cap of 150 MB" in line


def test_memory_cap_stops_the_query(run_cli, seed_store):
    result = run_cli("query", "--store", seed_store, CARTESIAN + " ORDER BY ?a ?i", "--timeout", "60",
                     "--max-memory", "100")
    assert result.exit_code == 3
    assert result.stderr.startswith("diplokg: error: the query needed more than its memory cap of 100 MB")
    assert len(result.stderr.strip().splitlines()) == 1  # no engine backtrace


def test_api_timeout_and_limit(seed_file, seed_store):
    from rdflib import Graph

    from builder.sparql import QueryTimeout, query
    from builder.store import Store
    graph = Graph().parse(seed_file)
    with pytest.raises(QueryTimeout):
        query(graph, ENDLESS, timeout=1)
    names, rows = query(graph, CARTESIAN, limit=7)
    assert len(rows) == 7 and rows.truncated
    names, rows = query(graph, "SELECT ?s WHERE { ?s a dk:Summit }", limit=100, timeout=30)
    assert len(rows) == 5 and not rows.truncated
    with Store(seed_store, read_only=True) as store:
        with pytest.raises(QueryTimeout):
            store.query(ENDLESS, timeout=1)
        names, rows = store.query(CARTESIAN, limit=3, timeout=30)
        assert len(rows) == 3 and rows.truncated


def test_guarded_and_unguarded_give_the_same_rows(seed_file, seed_store):
    from rdflib import Graph

    from builder.sparql import named_queries, query
    from builder.sparql_guard import StoreTarget
    graph = Graph().parse(seed_file)
    store = ox.Store.read_only(str(seed_store))
    for name, text in named_queries().items():
        assert query(graph, text, timeout=30) == query(graph, text), name
        assert query(StoreTarget(str(seed_store)), text, timeout=30) == query(store, text), name


# --- row cap ----------------------------------------------------------------------------

def test_table_has_a_default_row_cap_with_a_note(run_cli, where):
    result = run_cli("query", *where, CARTESIAN)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1 + 1000
    assert "the first 1000 rows are shown; the query gives more" in result.stderr


def test_limit_option_and_no_note_when_all_rows_fit(run_cli, where):
    result = run_cli("query", *where, CARTESIAN, "--limit", "5", "--output-format", "csv")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 6
    assert "the first 5 rows" in result.stderr
    result = run_cli("query", *where, "SELECT ?s WHERE { ?s a dk:Summit }", "--output-format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    import json
    assert len(json.loads(result.stdout)) == 5


# --- remote access refused --------------------------------------------------------------

SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ ?s a dk:Summit OPTIONAL {{ {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ FILTER EXISTS {{ SeRvIcE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_before_any_request(run_cli, where, listener, template):
    result = run_cli("query", *where, template.format(port=listener.port))
    assert result.exit_code == 2
    assert "SERVICE" in result.stderr and "refused" in result.stderr
    listener.close()
    assert listener.connections == 0


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_service_load_from_refused_in_the_api(seed_file, listener, engine):
    from rdflib import Graph

    from builder.sparql import QueryRefused, query
    if engine == "rdflib":
        target = Graph().parse(seed_file)
    else:
        target = ox.Store()
        target.load(path=str(seed_file), format=ox.RdfFormat.TURTLE)
    url = f"http://127.0.0.1:{listener.port}/"
    for text in [f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", f"LOAD <{url}>",
                 "INSERT DATA { <http://a> <http://b> <http://c> }"]:
        for timeout in (None, 10):
            with pytest.raises(QueryRefused):
                query(target, text, timeout=timeout)
    if engine == "rdflib":  # rdflib would fetch a FROM graph it does not hold
        with pytest.raises(QueryRefused, match="FROM"):
            query(target, f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}")
    listener.close()
    assert listener.connections == 0


def test_service_in_comments_strings_and_names_is_not_refused(run_cli, where):
    text = ('PREFIX ex: <http://example.org/SERVICE#>\n'
            'SELECT ?s ("SERVICE <http://127.0.0.1:9/> { }" AS ?note) WHERE {\n'
            '  ?s a dk:Summit  # SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n'
            '  FILTER(?s != ex:SERVICE && ?s != <http://127.0.0.1:9/service>)\n'
            '}')
    result = run_cli("query", *where, text, "--output-format", "csv")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 6


def test_the_lexer_and_the_parser_agree(seed_file):
    from builder.sparql_text import _rdflib_finds_service, query_form, remote_access
    for template in SERVICE_QUERIES:
        text = template.format(port=1)
        assert remote_access(text)
        assert _rdflib_finds_service(text.replace("\\u0053", "S"))
    assert query_form("PREFIX a: <x:> BASE <y:> # c\n construct { } where { }") == "CONSTRUCT"
    assert query_form("prefix : <x:> INSERT DATA { }") == "UPDATE"
    assert query_form("DESCRIBE <x:a>") == "DESCRIBE"


# --- CONSTRUCT and DESCRIBE --------------------------------------------------------------

def test_construct_gives_turtle_by_default(run_cli, where):
    from rdflib import Graph
    result = run_cli("query", *where, "CONSTRUCT { ?s a dk:Summit ; dk:date ?d } WHERE { ?s a dk:Summit ; dk:date ?d }")
    assert result.exit_code == 0, result.stderr
    g = Graph().parse(data=result.stdout, format="turtle")
    assert len(set(g.subjects())) == 5 and len(g) >= 10


@pytest.mark.parametrize("fmt,parser", [("nt", ox.RdfFormat.N_TRIPLES), ("nquads", ox.RdfFormat.N_QUADS),
                                        ("turtle", ox.RdfFormat.TURTLE)])
def test_describe_in_each_format_to_a_file(run_cli, where, tmp_path, fmt, parser):
    out = tmp_path / f"out.{fmt}"
    result = run_cli("query", *where, "DESCRIBE ?s WHERE { ?s a dk:Summit }", "--output-format", fmt, "-o", out)
    assert result.exit_code == 0, result.stderr
    triples = list(ox.parse(path=str(out), format=parser))
    assert len({t.subject for t in triples}) == 5 and len(triples) > 20


def test_graph_format_for_a_select_is_an_error(run_cli, where):
    result = run_cli("query", *where, "SELECT * { ?s ?p ?o }", "--output-format", "turtle")
    assert result.exit_code == 2 and "does not fit a SELECT query" in result.stderr


# --- N-Quads a graph database can query ----------------------------------------------------

def _plain_oxigraph_rows(nquads_path, fmt=ox.RdfFormat.N_QUADS):
    """Every named query's rows in a fresh Oxigraph store holding the file as it is, with
    no union-default-graph option."""
    from builder.sparql import ALL_PREFIXES, named_queries
    store = ox.Store()
    store.load(path=str(nquads_path), format=fmt)
    out = {}
    for name, text in named_queries().items():
        from builder.sparql import select_lines
        out[name] = len(list(store.query(select_lines(text, set()), prefixes=ALL_PREFIXES)))
    return out


@pytest.mark.parametrize("fmt,parser", [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)])
def test_build_output_quads_carry_the_default_graph(run_cli, tmp_path, fmt, parser):
    out = tmp_path / f"seed.{fmt}"
    result = run_cli("build", SEED, "-o", out, "--format", fmt, "--published", "2024-06-25")
    assert result.exit_code == 0, result.output
    rows = _plain_oxigraph_rows(out, parser)
    assert all(n > 0 for n in rows.values()), rows


def test_export_quads_from_a_file_and_a_store_carry_the_default_graph(run_cli, tmp_path, seed_file, seed_store):
    for source in ([str(seed_file)], ["--store", str(seed_store)]):
        out = tmp_path / "x.nq"
        result = run_cli("export", *source, "--to", "nquads", "-o", out)
        assert result.exit_code == 0, result.output
        rows = _plain_oxigraph_rows(out)
        assert all(n > 0 for n in rows.values()), (source, rows)
