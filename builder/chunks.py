"""Cutting a long text into chunks for the tokenizer, on paragraph or sentence
boundaries, so that no chunk comes near spaCy's ``max_length``.

A cut is always made where a non-space character follows whitespace: spaCy splits on
whitespace before anything else, so the chunks' tokens are exactly the tokens of the
whole text (their offsets shifted by the chunk's start).
"""
from __future__ import annotations

import re

SENTENCE_END = "।?!.॥|"
# the start of a word after a blank line, a line break, a sentence end, a space
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*(?=\S)")
_PARAGRAPH = re.compile(r"\n\s*(?=\S)")
_SENTENCE = re.compile(rf"[{re.escape(SENTENCE_END)}]['\"’”)\]]*\s+(?=\S)")
_SPACE = re.compile(r"\s+(?=\S)")


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks of at most ``limit`` characters covering
    ``text``; each cut is at the last blank line in reach, else the last line break,
    else the last sentence end, else the last space (a single word longer than ``limit`` is cut where it must)."""
    if limit <= 0:
        raise ValueError("the chunk limit must be positive")
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        cut = _last_cut(text, start, start + limit)
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def _last_cut(text: str, lo: int, hi: int) -> int:
    """The best cut in (lo, hi]: a break of the strongest kind in the second half of
    the window (so chunks stay at least half the limit), else anywhere in it."""
    for least in (lo + (hi - lo) // 2, lo + 1):
        for pattern in (_BLANK_LINE, _PARAGRAPH, _SENTENCE, _SPACE):
            cut = None
            for m in pattern.finditer(text, least - 1, hi + 1):
                if least <= m.end() <= hi:
                    cut = m.end()
            if cut is not None:
                return cut
    return hi
