"""Reading articles and writing outputs, with one-line errors and atomic writes."""
from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from .metadata import MetadataError, check_fields

TEMP_TAG = "diplokg"  # temporary outputs are named .NAME.diplokg-PID-XXXXXXXX.tmp
_TEMP = re.compile(rf"\.(?P<name>.+)\.{TEMP_TAG}-(?P<pid>[0-9]+)-[A-Za-z0-9_]+\.tmp", re.DOTALL)


class InputError(Exception):
    """Bad input: the message names the file and, where it helps, the byte."""


class OutputError(OSError):
    """An output that must not be written (one of the inputs): the message names it."""


def read_bytes(path: str) -> bytes:
    """The bytes of a file ('-' for standard input), with one-line errors."""
    name = "<stdin>" if path == "-" else path
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None


def read_article(path: str) -> str:
    """The text of an article file ('-' for standard input), as checked UTF-8."""
    return decode(read_bytes(path), "<stdin>" if path == "-" else path)


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: empty article")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name}: binary data (NUL byte at offset {nul}), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"{name}: not UTF-8 (invalid byte 0x{data[e.start]:02x} at offset {e.start}, line {line})") from None
    check_letters(text, name, len(data))
    return text


def check_letters(text: str, name: str, size: int | None = None, what: str = "text") -> None:
    if not any(ch.isalpha() for ch in text):
        raise InputError(f"{name}: no {what} (no letters in {size if size is not None else len(text)} "
                         f"{'bytes' if size is not None else 'characters'})")


def loads_json(data: str | bytes):
    """json.loads, with a document nested too deeply for Python a ValueError (not a
    RecursionError)."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_metadata(path: str) -> dict:
    """The article's sidecar ``<name>.meta.json`` ({"id", "published", "lang", "source"}),
    if any, each field checked (see :func:`builder.metadata.check_fields`)."""
    if path == "-":
        return {}
    side = Path(path).with_suffix(".meta.json")
    if not side.is_file():
        return {}
    try:
        meta = loads_json(side.read_bytes().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"{side}: not a JSON object of article metadata ({e})") from None
    except OSError as e:
        raise InputError(f"{side}: cannot read ({e.strerror or e})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{side}: not a JSON object of article metadata")
    try:
        return check_fields(meta)
    except MetadataError as e:
        raise InputError(f"{side}: {e}") from None


def sidecar(path: str) -> Path:
    return Path(path).with_suffix(".meta.json")


# --- output -------------------------------------------------------------------------

def write_all(fh, data: bytes) -> None:
    """All of ``data`` to a binary file: a write that takes only part (a pipe closed by its
    reader, a full disk: Python's buffered write can then return a short count with no
    error) is followed by another, which raises the error."""
    view = memoryview(data).cast("B")
    while view:
        n = fh.write(view)
        if not n:
            raise OSError(errno.EIO, "nothing could be written")
        view = view[n:]


class WholeWriter:
    """A binary file object whose every write() writes all of its data or raises."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, data) -> int:
        write_all(self.fh, data)
        return len(data)

    def flush(self) -> None:
        self.fh.flush()


def write_stdout(data: bytes) -> None:
    """All of ``data`` to standard output, flushed: a full disk or a closed pipe raises
    OSError (BrokenPipeError), never a short write that passes for success."""
    sys.stdout.flush()
    out = sys.stdout.buffer
    write_all(out, data)
    out.flush()


def write_atomic(path: str, data: bytes) -> None:
    """Write all of ``data`` or nothing: a temporary file in the same folder, then rename.
    '-' writes to standard output; a FIFO or a device is written directly."""
    if path == "-":
        write_stdout(data)
        return
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        write_all(fh, data)


def is_special(path: str | Path) -> bool:
    """Whether ``path`` is (or links to) something other than a regular file or nothing:
    a FIFO, a device, a socket, or a path under /dev or /proc (``/dev/stdout``, or a
    link to one). Such an output is written directly, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return True
    hop = os.path.abspath(path)
    for _ in range(40):  # the symlink chain, each link as written
        if hop.startswith(("/dev/", "/proc/")):
            return True
        if not os.path.islink(hop):
            return False
        hop = os.path.abspath(os.path.join(os.path.dirname(hop), os.readlink(hop)))
    return True


@contextlib.contextmanager
def atomic_path(path: str):
    """A temporary path beside ``path`` to write to; on success it is synced and renamed
    over ``path`` with ordinary permissions (0o666 less the umask), on failure removed.
    The temporary file is ``.NAME.diplokg-PID-XXXXXXXX.tmp``; those left by processes
    that died (kill -9) are removed first. A FIFO or a device (``-o /dev/null``) is
    yielded itself, to be written directly and never replaced."""
    target = Path(path)
    if is_special(target):
        yield str(target)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{TEMP_TAG}-{os.getpid()}-", suffix=".tmp",
                               dir=target.parent)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, ordinary_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def ordinary_mode() -> int:
    """What a plain open() gives a new file: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the temporary files of ``target`` left by diplokg processes that no longer
    run (a kill -9 in the middle of a write); those of live processes stay."""
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP.fullmatch(entry.name)
        if not m or m["name"] != target.name or _alive(int(m["pid"])):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == os.getuid():
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name the same file (through symlinks, '..', hard links)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_not_input(output: str, inputs, what: str = "-o") -> None:
    """Raise OutputError when ``output`` is one of ``inputs`` (files; for a folder, any
    article or sidecar inside it), so that no input is ever overwritten."""
    if output == "-" or is_special(output) or not os.path.exists(output):
        return
    for inp in inputs:
        if inp == "-":
            continue
        if same_file(output, inp):
            raise OutputError(errno.EEXIST, f"{output}: is an input; {what} would overwrite it")
        if os.path.isdir(inp):
            real_in, real_out = os.path.realpath(inp), os.path.realpath(output)
            if real_out.startswith(real_in.rstrip(os.sep) + os.sep) and \
                    real_out.lower().endswith((".txt", ".html", ".htm", ".meta.json")):
                raise OutputError(errno.EEXIST, f"{output}: is an input (in {inp}); {what} would overwrite it")
        elif same_file(output, sidecar(inp)):
            raise OutputError(errno.EEXIST, f"{output}: is an input (the sidecar of {inp}); {what} would overwrite it")
