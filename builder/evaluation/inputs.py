"""Finding what to evaluate: gold files (given, or every ``NAME.json`` in a folder), the
article each is about, and that article's metadata.

The article of ``NAME.json`` is the file its ``"text"`` field names (relative to the
gold), else ``NAME.txt`` (or ``NAME.html``/``NAME.htm``) beside it. It is read as
``diplokg build`` reads a file, with its sidecar ``NAME.meta.json``. An ``index.jsonl``
in the gold's folder or a folder above it (one ``{"file": ..., "lang": ...,
"published": ...}`` a line, ``file`` relative to the index) gives the language and
publication date, which win over the sidecar's; the gold's own ``lang`` and
``published`` are used when neither gives them.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..corpus.article import Article, Problem
from ..corpus.read import TEXT_SUFFIXES, read_corpus
from ..metadata import MetadataError, check_fields
from .gold import Gold, GoldError, load_gold

INDEX = "index.jsonl"


class InputProblem(ValueError):
    """Bad input: a missing article, a gold that is not one, a bad index line. The message
    is one line and names the file."""


@dataclass
class Job:
    """One gold file and the article to build for it."""

    gold: Gold
    article: Article


def gold_files(paths) -> tuple[list[Path], list[str]]:
    """The gold files of ``paths`` (files as given; folders searched recursively for
    ``*.json`` that are not ``*.meta.json`` sidecars), and problems (a path that does not
    exist, a folder with no gold)."""
    files, problems = [], []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(Path(folder) / name for folder, _, names in os.walk(p) for name in names
                           if name.lower().endswith(".json") and not name.lower().endswith(".meta.json"))
            if not found:
                problems.append(f"{p}: no gold files (NAME.json) in this folder")
            files += found
        elif p.exists():
            files.append(p)
        else:
            problems.append(f"{p}: no such gold file or folder")
    return files, problems


class Indexes:
    """``index.jsonl`` files, read once each; an index row applies to the article it names."""

    def __init__(self):
        self._rows: dict[Path, dict[Path, dict]] = {}
        self.problems: list[str] = []

    def row(self, article: Path) -> dict:
        target = article.resolve()
        for folder in target.parents:
            rows = self._read(folder / INDEX)
            if target in rows:
                return rows[target]
        return {}

    def _read(self, path: Path) -> dict[Path, dict]:
        if path in self._rows:
            return self._rows[path]
        rows: dict[Path, dict] = {}
        self._rows[path] = rows
        if not path.is_file():
            return rows
        try:
            lines = path.read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            self.problems.append(f"{path}: cannot read the index ({getattr(e, 'strerror', None) or e})")
            return rows
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("file"), str):
                    raise ValueError("not an object with a 'file'")
                meta = check_fields({k: record.get(k) for k in ("lang", "published")})
            except (ValueError, MetadataError) as e:
                self.problems.append(f"{path}:{number}: not an index line ({e})")
                continue
            rows[(path.parent / record["file"]).resolve()] = meta
        return rows


def article_path(gold_path: Path, gold: Gold) -> Path | None:
    if gold.text:
        return gold_path.parent / gold.text
    for suffix in TEXT_SUFFIXES:
        candidate = gold_path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def read_job(gold_path: Path, indexes: Indexes) -> Job:
    """The gold and its article, with the article's metadata; :class:`InputProblem` if
    either cannot be read."""
    try:
        gold = load_gold(gold_path)
    except GoldError as e:
        raise InputProblem(str(e)) from None
    text = article_path(gold_path, gold)
    if text is None:
        raise InputProblem(f"{gold_path}: no article beside it ({gold_path.with_suffix('.txt').name})")
    if not text.is_file():
        raise InputProblem(f"{text}: no such article (named by {gold_path})")
    items = [x for x in read_corpus([str(text)]) if isinstance(x, (Article, Problem))]
    if not items or isinstance(items[0], Problem):
        raise InputProblem(str(items[0]) if items else f"{text}: not an article")
    article = items[0]
    row = indexes.row(text)
    lang = row.get("lang") or (article.lang if article.lang != "auto" else None) or gold.lang or "auto"
    published = row.get("published") or article.published or gold.published
    if lang not in ("auto", "bn", "en", "hi"):
        raise InputProblem(f"{gold_path}: field 'lang' must be one of auto, bn, en, hi, not {lang!r}")
    if published is not None:
        from ..metadata import is_date
        if not is_date(published):
            raise InputProblem(f"{gold_path}: field 'published' must be a date written YYYY-MM-DD, "
                               f"not {published!r}")
    return Job(gold=gold, article=replace(article, lang=lang, published=published))
