"""Graph-database round trips: Turtle, TriG and N-Quads written by diplokg, and a
diplokg store directory, loaded into the real Oxigraph server (the `oxigraph` package's
CLI, `oxigraph load` then `oxigraph serve-read-only` on 127.0.0.1 on a free port): every
named query over HTTP gives the rows `diplokg query` gives, with no union-default-graph
option."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from builder.sparql import ALL_PREFIXES, _tidier, named_queries, prepare, query

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_0fa871caced982f0.txt"


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).is_file():
        pytest.skip("the Oxigraph server (pip install oxigraph) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(location: Path):
    port = _free_port()
    proc = subprocess.Popen([_oxigraph(), "serve-read-only", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=5).read()
            return proc, base
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(proc.stderr.read().decode()) from None
            time.sleep(0.1)


def _rows(base: str, text: str) -> tuple[list[str], set]:
    req = urllib.request.Request(base + "/query", data=urllib.parse.urlencode({"query": text}).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=60) as r:
        data = json.loads(r.read())
    names = data["head"]["vars"]
    rows = [tuple(b.get(n, {}).get("value") for n in names) for b in data["results"]["bindings"]]
    kept, tidy = _tidier(text, names, {}, plain=True)
    return kept, {tidy(r) if tidy else r for r in rows}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """The sample article built to Turtle, TriG and N-Quads by the real CLI, and into a store."""
    out = tmp_path_factory.mktemp("graphdb")
    for ext in ("ttl", "trig", "nq"):
        subprocess.run([sys.executable, "-m", "builder", "build", str(SEED), "-o", str(out / f"seed.{ext}")],
                       check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "builder", "build", str(SEED), "--store", str(out / "store"), "--quiet"],
                   check=True, capture_output=True)
    return out


@pytest.mark.parametrize("source", ["seed.ttl", "seed.trig", "seed.nq", "store"])
def test_oxigraph_server_answers_every_named_query_as_diplokg_does(outputs, tmp_path, source):
    from rdflib import Graph

    if source == "store":
        location = outputs / "store"
    else:
        location = tmp_path / "db"
        subprocess.run([_oxigraph(), "load", "--location", str(location), "--file", str(outputs / source)],
                       check=True, capture_output=True)
    reference = Graph().parse(outputs / "seed.ttl")
    proc, base = _serve(location)
    try:
        for name, sparql in named_queries().items():
            text, _ = prepare(sparql, None, rdflib_target=False)
            names, rows = _rows(base, "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in ALL_PREFIXES.items()) + "\n" + text)
            ours_names, ours = query(reference, sparql)
            assert names == ours_names, name
            assert rows == {tuple(None if v is None else str(v) for v in r) for r in ours}, name
            assert rows, f"{name}: no rows from the Oxigraph server"
    finally:
        proc.terminate()
        proc.wait(20)
