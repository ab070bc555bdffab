"""Helpers for the extraction tests: the facts of one family read from a text."""
from __future__ import annotations

from builder.api import extract


def facts(text: str, lang: str, family: str, published: str | None = "2024-06-25"):
    ex = extract(text, lang=lang, published=published)
    return [f.attrs for f in ex.facts if f.family == family]


def meetings(text, lang, published="2024-06-25"):
    return {frozenset(m["participants"]) for m in facts(text, lang, "meeting", published)}
