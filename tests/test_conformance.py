"""Varied generated articles in three languages: every graph conforms to the shapes and
reads back identically through pyoxigraph from the Turtle the CLI writes."""
from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT


def _corpus(n_bytes: int, seed: int):
    spec = importlib.util.spec_from_file_location("diplokg_bench", ROOT / "bench" / "benchmark.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.make_corpus(n_bytes, seed)[:40]


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_articles_conform_and_round_trip(seed):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from builder import build_graph, validate
    from builder.turtle import to_turtle
    for lang, text in _corpus(60_000, seed):
        g = build_graph(text, lang=lang, published="2024-06-25")
        conforms, _, report = validate(g)
        assert conforms, report
        data = to_turtle(g)
        assert isomorphic(Graph().parse(data=data, format="turtle"), g)
        ox = pytest.importorskip("pyoxigraph")
        assert len(list(ox.parse(data.encode("utf-8"), format=ox.RdfFormat.TURTLE))) == len(g)
