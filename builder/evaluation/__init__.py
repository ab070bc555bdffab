"""Evaluating diplokg on gold-annotated articles (``diplokg eval``).

    >>> from builder.evaluation import evaluate
    >>> report = evaluate(["my-gold/"])
    >>> report.overall.overall.f1, report.by_lang["bn"].overall.recall, report.overall.linking.accuracy

A gold file (``NAME.json``, the format of the README's "Evaluating on your own articles")
says what a careful reader takes from the article ``NAME.txt`` beside it. The article
is built as ``diplokg build`` builds it; the gold and the graph are reduced to sets of
facts, in families (``country``, ``leader_of``, ``summit_date``, ``meeting``, ...), and
counted: precision, recall and F1 per family, per language and overall (micro-averaged
over articles), and linking accuracy (the share of gold entities with a Wikidata id that
a node of the graph carries the id of).

Modules: :mod:`.facts` (the fact tuples), :mod:`.gold` (reading a gold file),
:mod:`.graph` (reading a graph's facts), :mod:`.score` (matching and counting),
:mod:`.inputs` (finding golds, articles and metadata), :mod:`.run` (:func:`evaluate`),
:mod:`.report` (the :class:`Report` and its table and JSON).
"""
from __future__ import annotations

from .facts import FAMILIES
from .gold import Gold, GoldError, load_gold
from .report import Report
from .run import build_graphs, evaluate
from .score import ArticleScore, Counts, Linking, Total, score_article, total

__all__ = ["evaluate", "Report", "ArticleScore", "Counts", "Linking", "Total", "Gold", "GoldError", "load_gold",
           "score_article", "total", "build_graphs", "FAMILIES"]
