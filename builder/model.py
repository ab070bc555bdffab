"""Plain data passed between the recogniser, the extractors and the RDF writer."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DateValue:
    """An ISO date at the precision the text gives: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""

    iso: str

    @property
    def precision(self) -> int:
        return {4: 1, 7: 2, 10: 3}[len(self.iso)]

    @property
    def year(self) -> int:
        return int(self.iso[:4])


@dataclass(slots=True)
class Mention:
    """A span of tokens recognised as something: a named thing, a title or a date."""

    start: int          # first token
    end: int            # one past the last token
    kind: str           # Country, Leader, Organization, City, Ministry, SummitSeries, Title, Date
    text: str           # surface form as written
    base: str = ""      # surface form without case ending ("ভারত" for "ভারতের")
    entry_id: str | None = None
    via: str = "name"   # name, acronym, demonym, title, acronym-definition
    genitive: bool = False
    office: str | None = None    # Title: the office it names
    country: str | None = None   # Title or Leader: the state it is tied to in the text
    date: DateValue | None = None
    relative: bool = False       # Date: resolved against the publication date
    sent: int = 0


@dataclass(slots=True)
class Evidence:
    """Where a fact was read: sentence index, character offsets in the normalised text,
    and the language the sentence was read in (its part's, in a mixed-language article)."""

    sentence: int
    start: int
    end: int
    text: str
    lang: str | None = None


@dataclass
class Fact:
    """One extracted statement about an event or relation, with its evidence."""

    family: str                  # leader, summit, meeting, partnership, membership
    key: tuple                   # identity within the article
    attrs: dict = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5


@dataclass
class Extraction:
    """Everything read from one article, ready to become RDF."""

    text: str
    lang: str
    published: str | None
    source: str
    sentences: list[tuple[int, int]]
    entities: dict[str, dict]            # node key -> {type, label, qid, surfaces, evidence}
    facts: list[Fact]
