"""Outputs (issue 8): every write checked (a full disk is exit 2 with one line, a closed
pipe a quiet exit 141), no input ever overwritten, FIFOs and devices written directly and
never replaced, ordinary permissions, and no temporary file left behind for good."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading

import pytest
from conftest import ROOT, SEED

CALL = "Prime Minister Narendra Modi spoke on phone today with President Vladimir Putin."
FULL = "diplokg: error: -: cannot write (No space left on device)"


def _cli(*args, stdout=subprocess.PIPE, **kw):
    return subprocess.run([sys.executable, "-m", "builder", *map(str, args)], stdout=stdout, stderr=subprocess.PIPE,
                          cwd=kw.pop("cwd", ROOT), timeout=kw.pop("timeout", 300), **kw)


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _is_char_device(path) -> bool:
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


@pytest.fixture(scope="module")
def graph_file(seed_ttl, tmp_path_factory):
    """A copy of the sample graph's Turtle file, for these tests to read and write beside."""
    path = tmp_path_factory.mktemp("outputs") / "seed.ttl"
    path.write_bytes(seed_ttl.read_bytes())
    return path


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory):
    """A graph whose every output is far larger than a pipe's buffer, and does not conform."""
    path = tmp_path_factory.mktemp("outputs") / "big.nt"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(3000):
            fh.write(f"<https://w3id.org/diplokg/id/m{i}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                     f"<https://w3id.org/diplokg/ontology#Meeting> .\n"
                     f"<https://w3id.org/diplokg/id/m{i}> <http://example.org/p> \"{'x' * 200} {i}\" .\n")
    return path


@pytest.fixture
def article(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(CALL, "utf-8")
    return art


# --- 9. short writes: a full disk, a closed pipe ----------------------------------

@pytest.mark.skipif(not _is_char_device("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("command", [
    ["build", "{article}", "-o", "-", "--published", "2024-06-25"],
    ["query", "{graph}", "--name", "evidence", "--output-format", "csv"],
    ["query", "{graph}", "--name", "evidence"],
    ["export", "{graph}", "--to", "nt"],
    ["export", "{graph}", "--to", "graphml"],
    ["validate", "{big}", "--full-report"],
    ["validate", "{big}"],
])
def test_full_disk_on_stdout_is_exit_2_with_one_line(article, graph_file, big_graph, command):
    args = [a.format(article=article, graph=graph_file, big=big_graph) for a in command]
    with open("/dev/full", "wb") as full:
        proc = _cli(*args, stdout=full)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert FULL in err.splitlines() and "Traceback" not in err, err


@pytest.mark.skipif(not _is_char_device("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("command", [
    ["build", "{article}", "--published", "2024-06-25", "-o"],
    ["query", "{graph}", "--name", "evidence", "-o"],
    ["export", "{graph}", "--to", "nt", "-o"],
])
def test_full_disk_as_output_file_is_exit_2_and_the_device_stays(article, graph_file, command):
    args = [a.format(article=article, graph=graph_file) for a in command] + ["/dev/full"]
    proc = _cli(*args)
    err = proc.stderr.decode("utf-8")
    assert _is_char_device("/dev/full")
    assert proc.returncode == 2, err
    assert "diplokg: error: /dev/full: cannot write (No space left on device)" in err and "Traceback" not in err


@pytest.mark.parametrize("command", [
    ["export", "{big}", "--to", "nt"],
    ["query", "{big}", "SELECT * WHERE { ?s ?p ?o }", "--output-format", "csv"],
    ["validate", "{big}", "--full-report"],
    ["build", "{article}", "-o", "-", "--format", "nt"],
])
def test_broken_pipe_exits_quietly_with_141(article, big_graph, command):
    args = [a.replace("{article}", str(article)).replace("{big}", str(big_graph)) for a in command]
    if command[0] == "build":  # enough output to fill the pipe: the article many times
        article.write_text("\n".join(f"{CALL} ({i})" for i in range(300)), "utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "builder", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT)
    assert proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=300) == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err and "error" not in err, err


# --- 10. clobbering -----------------------------------------------------------------

def test_build_output_that_is_the_input_is_refused(run_cli, article, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.txt").symlink_to(article)
    os.link(article, tmp_path / "hard.txt")
    for out in (article, tmp_path / "link.txt", tmp_path / "sub" / ".." / "a.txt", tmp_path / "hard.txt"):
        result = run_cli("build", article, "-o", out)
        assert result.exit_code == 2, result.output
        assert "is an input" in result.output
        assert article.read_text("utf-8") == CALL
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = run_cli("build", "a.txt", "-o", "./sub/../a.txt")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2 and "is an input" in result.output
    assert article.read_text("utf-8") == CALL


def test_build_output_that_is_a_sidecar_or_in_an_input_folder_is_refused(run_cli, article, tmp_path):
    side = tmp_path / "a.meta.json"
    side.write_text('{"published": "2024-06-25"}', "utf-8")
    result = run_cli("build", article, "-o", side)
    assert result.exit_code == 2 and "is an input" in result.output
    result = run_cli("build", tmp_path, "-o", article)
    assert result.exit_code == 2 and "is an input" in result.output
    result = run_cli("build", article, "-o", tmp_path / "o.ttl", "--report", article)
    assert result.exit_code == 2 and "is an input" in result.output
    assert article.read_text("utf-8") == CALL and side.read_text("utf-8") == '{"published": "2024-06-25"}'


def test_export_and_query_output_that_is_the_input_is_refused(run_cli, graph_file, tmp_path):
    g = tmp_path / "g.ttl"
    g.write_bytes(graph_file.read_bytes())
    (tmp_path / "link.ttl").symlink_to(g)
    before = g.read_bytes()
    for out in (g, tmp_path / "link.ttl"):
        result = run_cli("export", g, "--to", "turtle", "-o", out)
        assert result.exit_code == 2 and "is an input" in result.output, result.output
        result = run_cli("query", g, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "-o", out)
        assert result.exit_code == 2 and "is an input" in result.output, result.output
    q = tmp_path / "q.rq"
    q.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "utf-8")
    result = run_cli("query", g, f"@{q}", "-o", q)
    assert result.exit_code == 2 and "is an input" in result.output
    assert g.read_bytes() == before and q.read_text("utf-8").startswith("SELECT")


def test_output_to_a_fifo_is_written_directly(run_cli, article, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    result = run_cli("build", article, "-o", fifo, "--format", "nt", "--published", "2024-06-25")
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"Q7747" in got[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.fifo"]


def test_output_to_a_device_is_written_directly_never_replaced(run_cli, article, tmp_path):
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    devices = [link]
    try:
        os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        devices.append(tmp_path / "null")
    except (PermissionError, OSError):
        pass  # not root: the symlink to /dev/null still shows it
    for out in devices:
        result = run_cli("build", article, "-o", out, "--published", "2024-06-25")
        assert result.exit_code == 0, result.output
        assert _is_char_device(out)
    assert os.path.islink(link) and _is_char_device("/dev/null")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_dev_stdout_is_written_directly(article, tmp_path):
    proc = _cli("build", article, "-o", "/dev/stdout", "--format", "nt", "--published", "2024-06-25")
    assert proc.returncode == 0, proc.stderr
    assert b"Q7747" in proc.stdout
    with open(tmp_path / "captured.nt", "wb") as fh:  # stdout a regular file: written through, not replaced
        proc = _cli("build", article, "-o", "/dev/stdout", "--format", "nt", "--published", "2024-06-25", stdout=fh)
    assert proc.returncode == 0, proc.stderr
    assert b"Q7747" in (tmp_path / "captured.nt").read_bytes()
    assert os.path.islink("/dev/stdout")


@pytest.mark.parametrize("old_mode", [0o600, 0o755, 0o640])
def test_replaced_output_gets_ordinary_permissions(run_cli, article, tmp_path, old_mode):
    out = tmp_path / "out.ttl"
    out.write_text("old", "utf-8")
    out.chmod(old_mode)
    assert run_cli("build", article, "-o", out, "--published", "2024-06-25").exit_code == 0
    assert out.stat().st_mode & 0o777 == _umask_mode()
    target = tmp_path / "private.ttl"
    target.write_text("old", "utf-8")
    target.chmod(old_mode)
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    assert run_cli("build", article, "-o", link, "--published", "2024-06-25").exit_code == 0
    assert link.stat().st_mode & 0o777 == _umask_mode()


def test_outputs_follow_the_umask(run_cli, article, tmp_path):
    old = os.umask(0o077)
    try:
        assert run_cli("build", article, "-o", tmp_path / "out.ttl", "--published", "2024-06-25").exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "out.ttl").stat().st_mode & 0o777 == 0o600


# --- 11. temporary files ------------------------------------------------------------

KILLED_WRITER = """
import os, signal, sys
from builder.io import atomic_path
with atomic_path(sys.argv[1]) as tmp, open(tmp, "wb") as fh:
    fh.write(b"x" * 100000)
    fh.flush()
    print(tmp, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_temp_files_of_killed_writers_are_removed_by_the_next_write(run_cli, article, tmp_path):
    out = tmp_path / "out.ttl"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(out)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    printed = proc.stdout.read()
    assert proc.wait(timeout=120) == -signal.SIGKILL
    left = tmp_path / os.path.basename(printed.strip())
    assert left.exists() and left.name.startswith(f".out.ttl.diplokg-{proc.pid}-") and left.name.endswith(".tmp")
    live = tmp_path / f".out.ttl.diplokg-{os.getpid()}-abcd1234.tmp"  # a writer that still runs
    live.write_bytes(b"y")
    other = tmp_path / f".other.ttl.diplokg-{proc.pid}-abcd1234.tmp"  # another output's
    other.write_bytes(b"z")
    assert run_cli("build", article, "-o", out, "--published", "2024-06-25").exit_code == 0
    assert not left.exists() and live.exists() and other.exists()
    assert out.stat().st_size > 0
