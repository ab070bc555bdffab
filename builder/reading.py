"""Reading an article section by section, and each section one language at a time.

A long article is cut into sections of at most ``SECTION_CHARS`` characters on blank
lines, line breaks or sentence ends (``builder.chunks``), read one after the other, so
time grows linearly with length and memory with the section, not the article. In each
section the segments of each language are joined into one text, read with that
language's pack (tokens, recognition, context), and what is read from it is mapped back
to the whole article: character offsets and sentence indices into the whole text, each
evidence tagged with its part's language. An article of one section in one language is
one part whose text is the article itself, so nothing is mapped.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import langpack, nlp
from .chunks import chunk_bounds
from .extractors.context import Context, build_context
from .model import DateValue, Evidence, Mention
from .recognition import recognise
from .segments import Segment, segments

# characters read at once: what one section's tokens, mentions and context hold; the
# rules that compare every mention with every other stay cheap at this size
SECTION_CHARS = 100_000


@dataclass
class Part:
    """One language's segments of a section, joined into one text."""

    lang: str
    segments: list[Segment]
    text: str = ""
    starts: list[int] = field(default_factory=list)   # each segment's offset in ``text``

    def to_global(self, offset: int) -> int:
        k = bisect_right(self.starts, offset) - 1
        return self.segments[k].start + offset - self.starts[k]


@dataclass
class ReadPart:
    part: Part
    ctx: Context
    mentions: list[Mention]


def group(text: str, segs: list[Segment]) -> list[Part]:
    """The language parts of ``segs``, in the order their languages first appear."""
    parts: dict[str, Part] = {}
    for s in segs:
        parts.setdefault(s.lang, Part(s.lang, [])).segments.append(s)
    for p in parts.values():
        if len(p.segments) == 1:
            s = p.segments[0]
            p.text, p.starts = text[s.start:s.end], [0]
        else:
            pieces, n = [], 0
            for s in p.segments:
                p.starts.append(n)
                pieces.append(text[s.start:s.end])
                n += s.end - s.start
            p.text = "".join(pieces)
    return list(parts.values())


@dataclass
class Section:
    """One section of an article, read: its segments, parts and whole-text evidence."""

    segments: list[Segment]
    parts: list[ReadPart]
    where: EvidenceMap


def read_sections(text: str, lang: str | None, published: dt.date | None,
                  section_chars: int | None = None) -> Iterator[Section]:
    """The sections of an article, read one at a time (``lang`` forces one language);
    sentence indices run on from section to section, and every part is dated by the
    article's dateline (the one at the top of its first part)."""
    dateline: DateValue | None = None
    sentences = 0
    for n, (a, b) in enumerate(chunk_bounds(text, section_chars or SECTION_CHARS)):
        segs = [Segment(a + s.start, a + s.end, s.lang) for s in segments(text[a:b], lang)]
        parts = read(text, segs, published)
        if n == 0:
            dateline = parts[0].ctx.dateline
        for rp in parts:
            rp.ctx.dateline = dateline
        where = EvidenceMap(parts, sentences)
        sentences += len(where.sentences)
        yield Section(segs, parts, where)


def read(text: str, segs: list[Segment], published: dt.date | None) -> list[ReadPart]:
    """Each language part of ``segs`` read into its own context."""
    out = []
    for part in group(text, segs):
        pack = langpack.load(part.lang)
        doc = nlp.read(part.lang, part.text, breaks=part.starts[1:])
        tv, mentions = recognise(doc, part.text, part.lang, pack, published)
        del doc
        out.append(ReadPart(part, build_context(part.text, pack, tv, mentions, published), mentions))
    return out


class EvidenceMap:
    """Local sentences of every part, numbered in article order, as whole-text evidence."""

    def __init__(self, parts: list[ReadPart], first: int = 0):
        order = []
        for k, rp in enumerate(parts):
            for s in range(len(rp.ctx.sent_spans)):
                order.append((rp.part.to_global(rp.ctx.evidence(s).start), k, s))
        order.sort()
        self.index = {(k, s): first + i for i, (_, k, s) in enumerate(order)}
        self.parts = parts
        self._memo: dict[tuple[int, int], Evidence] = {}
        self.sentences = [self.evidence(k, parts[k].ctx.evidence(s)) for _, k, s in order]

    def evidence(self, k: int, ev: Evidence) -> Evidence:
        got = self._memo.get((k, ev.sentence))
        if got is None:
            part = self.parts[k].part
            start = part.to_global(ev.start)
            got = self._memo[(k, ev.sentence)] = Evidence(
                sentence=self.index[(k, ev.sentence)], start=start, end=start + ev.end - ev.start,
                text=ev.text, lang=part.lang)
        return got
