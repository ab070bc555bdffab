"""Building a batch of articles: extraction, RDF, validation and N-Quads, timed stage by
stage. This is what runs in worker processes (and on Dask workers): plain data in, plain
data out."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from .article import Article

STAGES = ("extract", "rdf", "validate", "write")
FAMILIES = {"Summit": "summit", "Meeting": "meeting", "Partnership": "partnership", "Membership": "membership"}


@dataclass(frozen=True)
class BuildOptions:
    min_confidence: float = 0.0
    validate: bool = True
    shacl_engine: str = "auto"


@dataclass
class Built:
    """One article's outcome: its graph as N-Quads in its own named graph, or why not."""

    id: str
    origin: str
    fingerprint: str
    lang: str = ""
    nquads: bytes = b""
    triples: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.violations


@dataclass
class BatchResult:
    built: list[Built]
    seconds: dict[str, float]


def build_batch(items: list[tuple[Article, str]], options: BuildOptions) -> BatchResult:
    """Build each (article, fingerprint); validate the batch's graphs in one call."""
    from ..api import extract
    from ..rdf import add_extraction
    from ..shacl import ArticleBatch
    from ..store.iris import graph_iri
    from ..store.terms import OxTerms, in_graph, ntriples

    seconds = dict.fromkeys(STAGES, 0.0)
    built = []
    to_ox = OxTerms()
    batch, checked = ArticleBatch(), []
    for article, fp in items:
        b = Built(id=article.id, origin=article.origin, fingerprint=fp)
        built.append(b)
        t0 = time.perf_counter()
        try:
            ex = extract(article.text, lang=article.lang, published=article.published,
                         source=article.source or article.origin)
        except (ValueError, KeyError, OSError) as e:  # a bad date, an unknown language, an empty text
            b.error = str(e).strip("'\"") or type(e).__name__
            continue
        except Exception as e:  # noqa: BLE001 - one article's failure must not end the batch
            b.error = f"could not be read ({type(e).__name__}: {e})"
            continue
        t1 = time.perf_counter()
        seconds["extract"] += t1 - t0
        # a set of triples: all add_extraction needs of a graph, several times faster to
        # fill than an rdflib Graph
        g = add_extraction(set(), ex, min_confidence=options.min_confidence)
        b.lang, b.triples = ex.lang, len(g)
        b.facts = _facts(ex, options.min_confidence)
        try:
            text = ntriples(g, to_ox)
            b.nquads = in_graph(text, graph_iri(b.id))
        except ValueError as e:  # a term no RDF parser would accept
            b.error = f"cannot be written as RDF ({e})"
        else:
            if options.validate:
                batch.add(text)
                checked.append(b)
        seconds["rdf"] += time.perf_counter() - t1
    t0 = time.perf_counter()
    for b, violations in zip(checked, batch.validate(options.shacl_engine)):
        b.violations = [v.line() for v in violations]
    seconds["validate"] += time.perf_counter() - t0
    return BatchResult(built, seconds)


def _facts(ex, min_confidence: float) -> dict[str, int]:
    counts = Counter(f.family for f in ex.facts if f.confidence >= min_confidence)
    return dict(sorted(counts.items()))
