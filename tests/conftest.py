"""Shared fixtures: paths, per-language sample texts, and a CLI runner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_0fa871caced982f0.txt"


def case_ids() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "article.txt").exists())


def load_case(case_id: str) -> tuple[str, dict]:
    base = CASES / case_id
    return (base / "article.txt").read_text("utf-8"), json.loads((base / "meta.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def seed_graph(seed_text):
    from builder import build_graph
    return build_graph(seed_text, lang="bn", published="2024-06-25", source=str(SEED))


@pytest.fixture(scope="session")
def seed_ttl(seed_graph, tmp_path_factory):
    """The sample article's graph as a Turtle file (read it, never write it)."""
    path = tmp_path_factory.mktemp("seed") / "seed.ttl"
    path.write_bytes(seed_graph.serialize(format="turtle", encoding="utf-8"))
    return path


@pytest.fixture
def run_cli():
    from click.testing import CliRunner

    from builder.cli import main

    def run(*args, input=None):
        return CliRunner().invoke(main, list(map(str, args)), input=input, catch_exceptions=False)

    return run
