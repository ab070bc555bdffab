"""The Python API: offsets of the evidence point into the normalised text."""
from __future__ import annotations

import hashlib

from rdflib import Literal

from builder import build_graph, extract
from builder.namespace import DK
from builder.text import normalize


def test_evidence_offsets_slice_the_normalised_text(seed_text, seed_graph):
    clean = normalize(seed_text)
    n = 0
    for ev in seed_graph.subjects(None, DK.Evidence):
        start = int(seed_graph.value(ev, DK.startOffset))
        end = int(seed_graph.value(ev, DK.endOffset))
        assert clean[start:end] == str(seed_graph.value(ev, DK.sentenceText))
        n += 1
    assert n >= 8
    digest = "sha256:" + hashlib.sha256(clean.encode("utf-8")).hexdigest()
    assert (None, DK.contentHash, Literal(digest)) in seed_graph


def test_extract_gives_facts_with_confidence_and_evidence(seed_text):
    ex = extract(seed_text, published="2024-06-25")
    assert ex.lang == "bn"
    assert {f.family for f in ex.facts} == {"leader_of", "office", "summit", "meeting", "partnership", "membership"}
    assert all(0 <= f.confidence <= 1 and f.evidence for f in ex.facts)


def test_build_graph_min_confidence_leaves_out_weak_facts(seed_text):
    full = build_graph(seed_text, published="2024-06-25")
    strict = build_graph(seed_text, published="2024-06-25", min_confidence=0.95)
    confidences = [float(c) for c in strict.objects(None, DK.confidence)]
    assert all(c >= 0.95 for c in confidences)
    assert len(strict) < len(full)
