"""Evaluating: gold files in, articles built as ``diplokg build`` builds them, a
:class:`~builder.evaluation.report.Report` out."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .inputs import Indexes, InputProblem, Job, gold_files, read_job
from .report import Report
from .score import score_article, total


class _Graphs:
    """A build sink that keeps each article's graph apart (``diplokg build -o`` puts them
    all in one), each read back from the N-Quads the build wrote, as ``-o`` reads them."""

    keeps_invalid = True

    def __init__(self):
        self.graphs: dict[str, object] = {}

    def fingerprint(self, article_id: str) -> None:
        return None

    def write(self, built) -> int:
        from ..corpus.sinks import GraphSink
        for b in built:
            sink = GraphSink()
            sink.write([b])
            self.graphs[b.id] = sink.graph
        return 0

    def commit(self) -> None:
        pass


def build_graphs(articles, *, min_confidence: float = 0.0, workers: int = 1,
                 failed: Callable[[str, str], None] | None = None) -> tuple[dict, dict[str, str]]:
    """Build articles (:class:`~builder.corpus.Article`) through the corpus build of
    ``diplokg build``, without SHACL validation (which does not change a graph): their
    graphs by article id, and the error of each that could not be built."""
    from ..corpus.build import BuildOptions
    from ..corpus.run import Events, run_build

    articles = list(articles)
    errors: dict[str, str] = {}

    def on_failed(b) -> None:
        if b.error:
            errors[b.id] = b.error
            if failed:
                failed(b.origin, b.error)

    def on_problem(p) -> None:  # cannot happen with articles read here, but never silently
        if failed:
            failed(p.origin, p.message)

    sink = _Graphs()
    batch = max(1, -(-len(articles) // (2 * workers))) if workers > 1 else 64
    run_build(articles, sink, options=BuildOptions(min_confidence=min_confidence, validate=False),
              workers=workers, batch_size=batch, events=Events(failed=on_failed, problem=on_problem))
    return sink.graphs, errors


def evaluate(paths: Iterable[str | Path], *, min_confidence: float = 0.0, workers: int = 1,
             problem: Callable[[str], None] | None = None) -> Report:
    """Score diplokg on gold-annotated articles.

    ``paths`` are gold files and folders of them (every ``NAME.json`` in it with its
    article ``NAME.txt`` beside it). Each article is read with its ``NAME.meta.json``
    sidecar (and an ``index.jsonl`` if there is one), built as ``diplokg build`` builds
    it, and its graph scored against the gold. Bad input (a missing article, a gold file
    that is not one) is reported in ``Report.problems`` (and to ``problem`` as it is
    found) and left out; an article whose build fails is scored as an empty graph and
    listed in ``Report.build_failures`` (article → error)."""
    def report_problem(message: str) -> None:
        problems.append(message)
        if problem:
            problem(message)

    problems: list[str] = []
    files, bad = gold_files(paths)
    for message in bad:
        report_problem(message)
    indexes = Indexes()
    jobs: list[Job] = []
    for path in files:
        try:
            jobs.append(read_job(path, indexes))
        except InputProblem as e:
            report_problem(str(e))
    for message in indexes.problems:
        report_problem(message)

    articles: dict[str, object] = {}  # by origin: two golds of one article, built once
    ids: set[str] = set()
    for job in jobs:
        a = articles.get(job.article.origin)
        if a is None:
            a = job.article
            if a.id in ids:  # two articles whose sidecars give one id: both are built
                a = replace(a, id=f"{a.id}#{len(ids)}")
            ids.add(a.id)
            articles[a.origin] = a
        job.article = a
    failures: dict[str, str] = {}
    graphs, errors = build_graphs(articles.values(), min_confidence=min_confidence, workers=workers,
                                  failed=lambda origin, error: failures.setdefault(origin, error))

    from ..rdf import new_graph
    scores = []
    for job in jobs:
        a = job.article
        graph = graphs.get(a.id)
        lang = a.lang if a.lang != "auto" else _detected(graph) or "?"
        scores.append(score_article(job.gold, graph if graph is not None else new_graph(), article=a.origin,
                                    lang=lang, error=errors.get(a.id)))
    by_lang = {lang: total([s for s in scores if s.lang == lang]) for lang in sorted({s.lang for s in scores})}
    return Report(articles=scores, overall=total(scores), by_lang=by_lang, problems=problems,
                  build_failures=failures)


def _detected(graph) -> str | None:
    """The language diplokg read an article in, from its graph (``dk:language``)."""
    if graph is None:
        return None
    from rdflib.namespace import RDF

    from .graph import DK
    for article in graph.subjects(RDF.type, DK.Article):
        for lang in graph.objects(article, DK.language):
            return str(lang)
    return None
