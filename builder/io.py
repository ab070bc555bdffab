"""Reading articles and writing outputs, with one-line errors and atomic writes."""
from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path


class InputError(Exception):
    """Bad input: the message names the file and, where it helps, the byte."""


def read_article(path: str) -> str:
    """The text of an article file ('-' for standard input), as checked UTF-8."""
    name = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror})") from None
    return decode(data, name)


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
    letters = sum(ch.isalpha() for ch in text)
    if letters == 0:
        raise InputError(f"{name}: no text (no letters in {len(data)} bytes)")
    return text


def read_metadata(path: str) -> dict:
    """The article's sidecar ``<name>.meta.json`` ({"id", "published", "lang", "source"}), if any."""
    if path == "-":
        return {}
    side = Path(path).with_suffix(".meta.json")
    if not side.is_file():
        return {}
    try:
        meta = json.loads(side.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"{side}: not a JSON object of article metadata ({e})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{side}: not a JSON object of article metadata")
    return {k: meta[k] for k in ("id", "published", "lang", "source") if isinstance(meta.get(k), str)}


def write_atomic(path: str, data: bytes) -> None:
    """Write all of ``data`` or nothing: a temporary file in the same folder, then rename.
    '-' writes to standard output."""
    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)


@contextlib.contextmanager
def atomic_path(path: str):
    """A temporary path beside ``path`` to write to; on success it is synced and renamed
    over ``path`` (with the replaced file's permissions), on failure removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def mode_for(target: Path) -> int:
    """The replaced file's permissions, or what a plain open() would give a new file."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
