"""An article as read from a corpus, and what can go wrong reading one."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Article:
    """One article to build. ``id`` is stable across runs (the id given, else the path
    as given, else ``sha256:`` of the text); ``origin`` says where it was read
    (``dir/a.txt`` or ``corpus.jsonl:17``) for messages."""

    id: str
    text: str
    lang: str = "auto"
    published: str | None = None
    source: str | None = None
    origin: str = ""

    def __post_init__(self) -> None:
        for name in ("id", "text", "source", "origin"):
            object.__setattr__(self, name, clean(getattr(self, name)))

    def with_options(self, *, lang: str = "auto", published: str | None = None) -> Article:
        """Options given on the command line win over what the article says of itself."""
        return replace(self, lang=self.lang if lang == "auto" else lang, published=published or self.published)


@dataclass(frozen=True)
class Problem:
    """Input that could not be read as an article: one line naming the file (and line)."""

    origin: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "origin", clean(self.origin))
        object.__setattr__(self, "message", clean(self.message))

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def clean(value: str | None) -> str | None:
    """A string safe to write anywhere: lone surrogates (from JSON escapes or undecodable
    file names) become U+FFFD."""
    if value is None:
        return None
    return value if value.isascii() else _SURROGATE.sub("\ufffd", value)


def content_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(article: Article, min_confidence: float, version: str) -> str:
    """What a build of this article depends on: a rerun with the same fingerprint is skipped."""
    key = json.dumps([version, article.text, article.lang, article.published, article.source, min_confidence],
                     ensure_ascii=True)
    return "sha256:" + hashlib.sha256(key.encode("ascii")).hexdigest()
