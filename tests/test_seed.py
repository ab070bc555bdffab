"""The sample article, scored against its gold with the shared scorer (run in CI)."""
from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import SHARED

SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "eval" / "gold" / "seed-modi-tokayev.json"
pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside the checkout")


def test_seed_scores_f1_95_and_links(seed_graph, tmp_path):
    spec = importlib.util.spec_from_file_location("diplokg_shared_score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = tmp_path / "seed.ttl"
    seed_graph.serialize(out, format="turtle")
    result = score.summarize([score.score_pair(GOLD, out)])
    print(json.dumps(result["overall"]))
    assert result["overall"]["f1"] >= 0.95
    assert result["linking_accuracy"] >= 0.9
