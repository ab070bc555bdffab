"""diplokg serve: a real server on 127.0.0.1 on a free port, queried over HTTP with
urllib: each named query gives the rows diplokg query gives, results by Accept header,
updates and SERVICE refused (with no request made), a runaway query times out, and the
server stops cleanly."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from rdflib import Graph

from test_query_guards import ENDLESS, Listener, seed_file, seed_store  # noqa: F401 (fixtures)

HTTP_TIMEOUT = 30


def _get(url: str, accept: str | None = None, data: bytes | None = None, ctype: str | None = None):
    """(status, headers, body) of a request, errors included."""
    req = urllib.request.Request(url, data=data)
    if accept:
        req.add_header("Accept", accept)
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def _q(base: str, sparql: str, **extra) -> str:
    return base + "/sparql?" + urllib.parse.urlencode({"query": sparql, **extra})


@pytest.fixture(scope="module")
def server(seed_store):  # noqa: F811
    """The real CLI, as a user starts it, on a free port (--port 0)."""
    proc = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--store", str(seed_store), "--port", "0",
                             "--timeout", "2", "--limit", "50", "--workers", "2"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    line = proc.stderr.readline()
    m = re.search(r"at (http://127\.0\.0\.1:\d+)/sparql", line)
    assert m, line
    drain = threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True)
    drain.start()
    yield m.group(1), proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)


def _rows_from_json(body: bytes) -> set[tuple]:
    doc = json.loads(body)
    names = doc["head"]["vars"]
    return {tuple(b[n]["value"] if n in b else "" for n in names) for b in doc["results"]["bindings"]}


def test_each_named_query_gives_the_rows_of_diplokg_query(server, seed_store):  # noqa: F811
    from builder.sparql import named_queries, query
    base, _ = server
    store = ox.Store.read_only(str(seed_store))
    for name, text in named_queries().items():
        status, headers, body = _get(f"{base}/query/{name}")
        assert status == 200, (name, body)
        assert headers["Content-Type"].startswith("application/sparql-results+json")
        names, rows = query(store, text)
        assert json.loads(body)["head"]["vars"] == names
        assert _rows_from_json(body) == {tuple("" if v is None else v for v in r) for r in rows}, name
    status, _, body = _get(f"{base}/query/meetings?leader=wd:Q1058&since=2024")
    assert status == 200 and "Narendra Modi" in body.decode()
    status, _, body = _get(f"{base}/query/meetings?leader=not-an-iri")
    assert status == 400 and b"not an IRI" in body
    assert _get(f"{base}/query/no-such-query")[0] == 404


@pytest.mark.parametrize("accept,ctype,check", [
    ("application/sparql-results+json", "application/sparql-results+json", lambda b: json.loads(b)["results"]),
    ("application/sparql-results+xml", "application/sparql-results+xml", lambda b: b"<sparql" in b),
    ("text/csv", "text/csv", lambda b: b.splitlines()[0] == b"s,d"),
    ("text/tab-separated-values", "text/tab-separated-values", lambda b: b.splitlines()[0] == b"?s\t?d"),
])
def test_select_formats_by_accept(server, accept, ctype, check):
    base, _ = server
    status, headers, body = _get(_q(base, "SELECT ?s ?d WHERE { ?s a dk:Summit ; dk:date ?d }"), accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype) and check(body)


def test_post_forms_and_ask(server):
    base, _ = server
    text = "SELECT ?s WHERE { ?s a dk:Summit }"
    status, _, body = _get(base + "/sparql", data=urllib.parse.urlencode({"query": text}).encode(),
                           ctype="application/x-www-form-urlencoded")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
    status, _, body = _get(base + "/sparql", data=text.encode(), ctype="application/sparql-query")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
    status, _, body = _get(_q(base, "ASK { ?s a dk:Summit }"))
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt")])
def test_construct_and_describe(server, accept, fmt):
    base, _ = server
    for text in ("CONSTRUCT WHERE { ?s a dk:Summit ; dk:date ?d }", "DESCRIBE ?s WHERE { ?s a dk:Summit }"):
        status, headers, body = _get(_q(base, text), accept)
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert len(set(Graph().parse(data=body, format=fmt).subjects())) == 5


def test_updates_are_refused(server):
    base, _ = server
    update = "INSERT DATA { <http://a> <http://b> <http://c> }"
    for data, ctype in [(update.encode(), "application/sparql-update"),
                        (urllib.parse.urlencode({"update": update}).encode(), "application/x-www-form-urlencoded"),
                        (urllib.parse.urlencode({"query": update}).encode(), "application/x-www-form-urlencoded")]:
        status, _, body = _get(base + "/sparql", data=data, ctype=ctype)
        assert status == 403 and b"read-only" in body
    status, _, body = _get(_q(base, "ASK { <http://a> <http://b> <http://c> }"))
    assert json.loads(body)["boolean"] is False


def test_service_is_refused_with_no_request(server):
    base, _ = server
    listener = Listener()
    for text in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}",
                 f"select * {{ optional {{ service silent <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }} }}",
                 f"LOAD <http://127.0.0.1:{listener.port}/x.ttl>"):
        status, _, body = _get(_q(base, text))
        assert status == 403, body
    listener.close()
    assert listener.connections == 0


def test_row_cap_is_flagged(server):
    base, _ = server
    status, headers, body = _get(_q(base, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"))
    assert status == 200 and headers["Diplokg-Truncated"] == "true" and headers["Diplokg-Row-Cap"] == "50"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    status, headers, _ = _get(_q(base, "SELECT ?s WHERE { ?s a dk:Summit }"))
    assert "Diplokg-Truncated" not in headers


def test_runaway_query_times_out_and_the_server_goes_on(server):
    base, _ = server
    started = time.monotonic()
    status, headers, body = _get(_q(base, ENDLESS))
    assert status == 503 and headers["Diplokg-Limit"] == "timeout"
    assert body.decode().strip() == "diplokg: error: the query ran past its 2 s timeout and was stopped"
    assert time.monotonic() - started < 8
    for _ in range(3):  # the killed worker is replaced; the other answers meanwhile
        status, _, _ = _get(f"{base}/query/summits")
        assert status == 200


def test_query_page_works_offline(server):
    base, _ = server
    status, headers, body = _get(base + "/", accept="text/html")
    page = body.decode()
    assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert 'href="query/meetings"' in page


def test_bad_requests(server):
    base, _ = server
    assert _get(base + "/sparql")[0] == 400
    assert _get(_q(base, "SELECT * WHERE { ?s"))[0] == 400
    assert _get(_q(base, "SELECT * WHERE { ?s ?p ?o }"), accept="image/png")[0] == 406
    assert _get(base + "/nowhere")[0] == 404


def test_sigterm_stops_the_server_and_its_workers(seed_store):  # noqa: F811
    proc = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--store", str(seed_store),
                             "--bind", "127.0.0.1:0", "--workers", "1", "--quiet"], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    assert "serving" in line and "http://127.0.0.1:" in line
    children = _children(proc.pid)
    assert children  # the query worker
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0
    time.sleep(0.5)
    assert not [pid for pid in children if os.path.exists(f"/proc/{pid}") and _state(pid) != "Z"]


def test_bad_bind_is_a_one_line_error(run_cli, seed_store):  # noqa: F811
    result = run_cli("serve", "--store", seed_store, "--bind", "localhost")
    assert result.exit_code == 2 and "--bind 'localhost': give HOST:PORT" in result.output


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return out


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_port_in_use_is_a_one_line_error(run_cli, seed_store):  # noqa: F811
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        result = run_cli("serve", "--store", seed_store, "--port", s.getsockname()[1])
    assert result.exit_code == 2
    assert re.fullmatch(r"diplokg: error: cannot listen on 127\.0\.0\.1:\d+: Address already in use\n", result.stderr)


def test_api_serves_a_graph_file_in_a_thread(seed_file):  # noqa: F811
    """builder.serve.make_app over an rdflib graph, served by werkzeug in a thread."""
    from werkzeug.serving import make_server

    from builder.serve import make_app
    app = make_app(graph=Graph().parse(seed_file), timeout=5, workers=1)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        status, _, body = _get(f"{base}/query/summits", accept="text/csv")
        assert status == 200 and len(body.decode().splitlines()) == 1 + 5
        status, _, body = _get(f"{base}/queries")
        assert status == 200 and "leader" in json.loads(body)["meetings"]["params"]
    finally:
        server.shutdown()
        app.close()
        thread.join(10)


def test_a_served_store_shows_what_a_build_writes_meanwhile(tmp_path):
    """The endpoint opens the store read-only: a writer keeps writing, and the next query
    sees it."""
    from werkzeug.serving import make_server

    from builder.serve import make_app
    path = str(tmp_path / "live")
    writer = ox.Store(path)
    quad = ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), ox.Literal("1"))
    writer.add(quad)
    writer.flush()
    app = make_app(store=path, workers=1, timeout=10)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = _q(f"http://127.0.0.1:{server.server_port}", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    try:
        assert json.loads(_get(url)[2])["results"]["bindings"][0]["n"]["value"] == "1"
        writer.add(ox.Quad(quad.subject, quad.predicate, ox.Literal("2")))
        assert json.loads(_get(url)[2])["results"]["bindings"][0]["n"]["value"] == "2"
    finally:
        server.shutdown()
        app.close()
        thread.join(10)


def test_named_queries_over_http_read_the_consolidated_view(tmp_path):
    from claims_util import article, store_with, summit
    with store_with(tmp_path, article("a", summit("summit/Q485207/2023", date="2023")),
                    article("b", summit("summit/Q485207/2023", date="2023-07-04"))) as store:
        store.reconcile()
    proc = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--store", str(tmp_path / "kg"), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        m = re.search(r"at (http://127\.0\.0\.1:\d+)/sparql", proc.stderr.readline())
        assert m
        status, _, body = _get(f"{m.group(1)}/query/summits?org=wd:Q485207")
        assert status == 200
        [row] = json.loads(body)["results"]["bindings"]
        assert row["date"]["value"] == "2023-07-04" and row["articles"]["value"] == "2"
        # plain SPARQL reads the merged view: both dates any article gave
        status, _, body = _get(_q(m.group(1), "SELECT ?d WHERE { <https://w3id.org/diplokg/id/summit/Q485207/2023> dk:date ?d }"))
        assert {r["d"]["value"] for r in json.loads(body)["results"]["bindings"]} == {"2023", "2023-07-04"}
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
