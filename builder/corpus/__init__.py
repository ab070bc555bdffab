"""Corpus builds: reading many articles, building them in parallel, writing them out."""
from .article import Article, Problem
from .build import BuildOptions, Built
from .read import read_corpus
from .run import Summary, run_build

__all__ = ["Article", "Problem", "BuildOptions", "Built", "read_corpus", "Summary", "run_build"]
