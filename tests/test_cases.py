"""Table of cases: tests/cases/<id>/{article.txt, meta.json, expected.ttl}.

Each article is built and its graph compared with the reviewed expected graph with
rdflib.compare.isomorphic.  Regenerate an expected graph after a reviewed change with
``python tests/test_cases.py --update <id>`` and read the diff before committing.
"""
from __future__ import annotations

import sys

import pytest
from conftest import CASES, case_ids, load_case
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


def build(case_id: str) -> Graph:
    from builder import build_graph
    text, meta = load_case(case_id)
    return build_graph(text, lang=meta.get("lang", "auto"), published=meta.get("published"),
                       source=f"tests/cases/{case_id}/article.txt")


@pytest.mark.parametrize("case_id", case_ids())
def test_case_graph(case_id):
    got = build(case_id)
    want = Graph().parse(CASES / case_id / "expected.ttl", format="turtle")
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        lines = [f"+ {t}" for t in sorted(only_got)][:20] + [f"- {t}" for t in sorted(only_want)][:20]
        pytest.fail(f"{case_id}: graph differs from expected.ttl\n" + "\n".join(map(str, lines)))


@pytest.mark.parametrize("case_id", case_ids())
def test_case_conforms(case_id):
    from builder import validate
    conforms, _, report = validate(build(case_id))
    assert conforms, report


if __name__ == "__main__" and sys.argv[1:2] == ["--update"]:
    for cid in sys.argv[2:] or case_ids():
        from builder.turtle import to_turtle  # keeps every literal's lexical form ("1", not 1.0)
        (CASES / cid / "expected.ttl").write_text(to_turtle(build(cid)), encoding="utf-8")
        print(f"wrote {CASES / cid / 'expected.ttl'}")
