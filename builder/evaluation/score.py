"""Scoring: one article's graph against its gold (:func:`score_article`), and many
articles together (:func:`total`): true positives, false positives and false negatives
per family, summed over articles (micro-averaged), and precision, recall and F1 from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import facts as F
from .gold import Gold
from .graph import GraphReader


@dataclass
class Counts:
    """tp, fp, fn, and the precision, recall and F1 they give. With nothing predicted,
    precision is 1; with nothing to find, recall is 1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        return not (self.tp or self.fp or self.fn)

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Linking:
    """Linkable gold entities (required, with a Wikidata id), and how many a node carries
    the id of."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Linking) -> Linking:
        return Linking(self.correct + other.correct, self.total + other.total)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class ArticleScore:
    """One article: counts, and the missed and spurious facts, per family."""

    gold: str
    article: str | None
    lang: str
    counts: dict[str, Counts] = field(default_factory=dict)
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    linking: Linking = field(default_factory=Linking)
    unlinked: list[str] = field(default_factory=list)  # linkable gold keys no node carries the id of
    error: str | None = None  # the build failed: scored as an empty graph

    @property
    def overall(self) -> Counts:
        return sum(self.counts.values(), Counts())


def score_article(gold: Gold, graph, *, article: str | None = None, lang: str = "?",
                  error: str | None = None) -> ArticleScore:
    """Score one graph (an rdflib graph; anything with ``subjects`` and ``objects``)
    against its gold. Optional facts, and facts about optional entities, are left out of
    both sides."""
    reader = GraphReader(graph, gold)
    built = {f for f in reader.facts() if not gold.ignored(f)}
    wanted = {f for f in gold.facts if not gold.ignored(f)}
    got, want = F.by_family(built), F.by_family(wanted)
    result = ArticleScore(gold=gold.path, article=article, lang=lang, error=error)
    for family in F.FAMILIES:
        g, w = got[family], want[family]
        result.counts[family] = Counts(len(g & w), len(g - w), len(w - g))
        result.missed[family] = sorted(F.show(f) for f in w - g)
        result.spurious[family] = sorted(F.show(f) for f in g - w)
    linked = reader.linked()
    linkable = gold.linkable()
    result.linking = Linking(len(linked), len(linkable))
    result.unlinked = sorted(set(linkable) - linked)
    return result


@dataclass
class Total:
    """Several articles together: counts per family (those with any), overall, linking."""

    articles: int
    families: dict[str, Counts]
    overall: Counts
    linking: Linking

    def as_dict(self) -> dict:
        return {"articles": self.articles, "families": {k: v.as_dict() for k, v in self.families.items()},
                "overall": self.overall.as_dict(),
                "linking": {"correct": self.linking.correct, "total": self.linking.total,
                            "accuracy": self.linking.accuracy}}


def total(scores: list[ArticleScore]) -> Total:
    families = {}
    for family in F.FAMILIES:
        c = sum((s.counts.get(family, Counts()) for s in scores), Counts())
        if not c.empty:
            families[family] = c
    return Total(articles=len(scores), families=families, overall=sum(families.values(), Counts()),
                 linking=sum((s.linking for s in scores), Linking()))
