"""Reading a corpus: article files, directories of them, JSON Lines (plain or gzip) and
standard input, one article at a time so that memory stays flat.

Everything yielded is an :class:`Article`, a :class:`Problem` (a bad file or line,
reported and skipped) or a :class:`Skipped` file (counted in the summary).
"""
from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..io import InputError, check_letters, decode, loads_json, read_article, read_metadata
from ..metadata import MetadataError, check_fields
from .article import Article, Problem, content_id

FIELDS = ("id", "text", "lang", "published", "source")
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",) + HTML_SUFFIXES
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


@dataclass(frozen=True)
class Skipped:
    """A file in a directory that is not an article (not ``*.txt``, not a sidecar)."""

    path: str


Item = Article | Problem | Skipped


def parse_field_map(pairs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "id=url"]`` → {"text": "body", "id": "url"}: which JSON field holds
    each of diplokg's fields."""
    mapping = {f: f for f in FIELDS}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or ours not in FIELDS or not theirs:
            raise ValueError(f"--field {pair!r}: expected FIELD=NAME with FIELD one of {', '.join(FIELDS)}")
        mapping[ours] = theirs
    return mapping


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def read_corpus(inputs: Iterable[str], *, fields: dict[str, str] | None = None,
                input_format: str = "auto") -> Iterator[Item]:
    """Every article of every input, in order: files, directories (recursively, sorted),
    JSON Lines files and '-' (standard input). ``input_format`` "auto" tells JSON Lines by
    the name (``.jsonl``, ``.jsonl.gz``; standard input is one text article) and HTML by
    the name (``.html``, ``.htm``) or the content (``<!doctype html``, ``<html``); "text",
    "html" and "jsonl" say it for every file given and for standard input. A JSON Lines
    record's text is read as HTML when it begins so."""
    fields = fields or {f: f for f in FIELDS}
    for path in inputs:
        if path == "-":
            if input_format == "jsonl":
                yield from _jsonl_lines(sys.stdin.buffer, "<stdin>", fields)
            else:
                yield _text_file("-", input_format)
        elif os.path.isdir(path):
            yield from _directory(path)
        elif input_format == "jsonl" or (input_format == "auto" and is_jsonl(path)):
            yield from _jsonl_file(path, fields)
        else:
            yield _text_file(path, input_format)


def read_inputs(inputs: Iterable) -> Iterator[Item]:
    """What the Python API takes: paths (files, directories, JSON Lines, as the CLI takes
    them) and :class:`Article` objects, in any mix."""
    for x in inputs:
        if isinstance(x, Article):
            yield x
        else:
            yield from read_corpus([str(x)])


def count_articles(inputs: Iterable[str], input_format: str = "auto") -> int | None:
    """A quick count of the articles ahead (files and lines), for a progress bar's ETA;
    None when it cannot be known without reading standard input."""
    total = 0
    for path in inputs:
        if path == "-":
            return None
        if os.path.isdir(path):
            total += sum(name.lower().endswith(TEXT_SUFFIXES) for _, _, files in os.walk(path) for name in files)
        elif input_format == "jsonl" or (input_format == "auto" and is_jsonl(path)):
            total += _count_lines(path)
        else:
            total += 1
    return total


def _count_lines(path: str) -> int:
    try:
        with open(path, "rb") as raw:
            stream = gzip.GzipFile(fileobj=raw) if path.lower().endswith(".gz") else raw
            return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    except (OSError, EOFError, zlib.error):
        return 0


def _directory(root: str) -> Iterator[Item]:
    for folder, dirs, files in os.walk(root, onerror=None):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            lower = name.lower()
            if lower.endswith(".meta.json"):
                continue  # a sidecar, read with its article
            if lower.endswith(TEXT_SUFFIXES):
                yield _text_file(path)
            else:
                yield Skipped(path)


def _text_file(path: str, input_format: str = "auto") -> Article | Problem:
    """One article file: plain text, or HTML (``input_format`` "html", a name ending in
    .html/.htm, or a text that begins as an HTML document), of which only the visible
    text is read: evidence offsets are into that text."""
    name = "<stdin>" if path == "-" else path
    try:
        text = read_article(path)
        if input_format == "html" or (input_format == "auto" and is_html(path, text)):
            text = _visible(text, name)
        meta = read_metadata(path)
    except InputError as e:
        return Problem(name, str(e).removeprefix(f"{name}: "))
    article_id = meta.get("id") or (content_id(text) if path == "-" else os.path.normpath(path))
    return Article(id=article_id, text=text, lang=meta.get("lang", "auto"), published=meta.get("published"),
                   source=meta.get("source", name), origin=name)


def is_html(path: str, text: str) -> bool:
    from ..htmltext import looks_like_html
    return path.lower().endswith(HTML_SUFFIXES) or looks_like_html(text)


def _visible(html: str, name: str) -> str:
    from ..htmltext import html_to_text
    text = html_to_text(html)
    check_letters(text, name, what="visible text in the HTML")
    return text


def _jsonl_file(path: str, fields: dict[str, str]) -> Iterator[Item]:
    try:
        raw = open(path, "rb")
    except OSError as e:
        yield Problem(path, f"cannot read ({e.strerror or e})")
        return
    with raw:
        stream = gzip.GzipFile(fileobj=raw) if path.lower().endswith(".gz") else raw
        yield from _jsonl_lines(stream, path, fields)


def _jsonl_lines(stream, name: str, fields: dict[str, str]) -> Iterator[Item]:
    number = 0
    try:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield _jsonl_article(line, f"{name}:{number}", fields)
    except (OSError, EOFError, zlib.error) as e:  # a truncated or corrupt gzip stream
        yield Problem(f"{name}:{number + 1}", f"cannot read further ({e})")


def _jsonl_article(line: bytes, origin: str, fields: dict[str, str]) -> Article | Problem:
    try:
        record = loads_json(decode(line, origin))
    except InputError as e:
        return Problem(origin, str(e).removeprefix(f"{origin}: "))
    except ValueError as e:
        return Problem(origin, f"not a JSON object ({e})")
    if not isinstance(record, dict):
        return Problem(origin, "not a JSON object")
    text = record.get(fields["text"])
    if not isinstance(text, str) or not text.strip():
        return Problem(origin, f"no article text (field {fields['text']!r} missing, empty or not a string)")
    try:
        values = check_fields(record, fields)
        if is_html("", text):
            text = _visible(text, origin)
    except MetadataError as e:
        return Problem(origin, str(e))
    except InputError as e:
        return Problem(origin, str(e).removeprefix(f"{origin}: "))
    return Article(id=values.get("id") or content_id(text), text=text, lang=values.get("lang", "auto"),
                   published=values.get("published"), source=values.get("source") or origin, origin=origin)
