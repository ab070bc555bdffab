"""An article's language parts: the language of each paragraph, or of each sentence
where a paragraph mixes scripts, as consecutive segments covering the text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .chunks import SENTENCE_END
from .detect import detect, language_of, letter_counts

# a sentence or line with fewer letters than this (a dateline, a credit, 'Photo:
# Reuters') is too short to tell its language: it takes its neighbours'
MIN_LETTERS = 24
# a unit ends at a line break, or at a sentence end before whitespace
_BREAK = re.compile(rf"\n\s*(?=\S)|[{re.escape(SENTENCE_END)}]['\"’”)\]]*\s+(?=\S)")
_INITIAL = re.compile(r"(?:^|\s)\w{1,2}$")


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    lang: str


def units(text: str) -> list[tuple[int, int]]:
    """Lines and sentences: (start, end) pairs covering ``text``, each cut where a word
    follows whitespace (a full stop after an initial, 'G. Modi', ends nothing)."""
    cuts = [0]
    for m in _BREAK.finditer(text):
        if text[m.start()] == "." and _INITIAL.search(text, max(0, m.start() - 3), m.start()):
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def segments(text: str, lang: str | None = None) -> list[Segment]:
    """The language segments of ``text``, in order; ``lang`` forces one language."""
    if lang not in (None, "auto"):
        return [Segment(0, len(text), lang)]
    spans = units(text)
    labels: list[str | None] = []
    for a, b in spans:
        counts = letter_counts(text[a:b])
        labels.append(language_of(counts) if counts["letters"] >= MIN_LETTERS else None)
    known = [x for x in labels if x]
    if not known:
        return [Segment(0, len(text), detect(text))]
    last = known[0]  # leading short units take the first language found
    out: list[Segment] = []
    for (a, b), label in zip(spans, labels):
        last = label or last
        if out and out[-1].lang == last:
            out[-1] = Segment(out[-1].start, b, last)
        else:
            out.append(Segment(a, b, last))
    return out


def main_language(segs: list[Segment]) -> str:
    """The language of the most characters (the first such, on a tie)."""
    size: dict[str, int] = {}
    for s in segs:
        size[s.lang] = size.get(s.lang, 0) + s.end - s.start
    return max(size, key=size.get)
