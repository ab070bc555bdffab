"""One summit reported in Bengali, English and Hindi lands on the same nodes."""
from __future__ import annotations

from conftest import load_case
from rdflib import RDF
from rdflib.namespace import PROV

from builder.namespace import DK

LANG_CASES = {"bn": "bn-sco-astana-2024", "en": "en-sco-astana-2024", "hi": "hi-sco-astana-2024"}


def nodes(lang: str):
    from builder import build_graph
    text, meta = load_case(LANG_CASES[lang])
    g = build_graph(text, published=meta["published"])  # language detected, not given
    return g, {str(s) for s in g.subjects(RDF.type, DK.Summit)}, \
        {str(s) for s in g.subjects(RDF.type, DK.Leader)}, {str(s) for s in g.subjects(RDF.type, DK.Meeting)}


def test_same_summit_leader_and_meeting_iris_in_three_languages():
    results = {lang: nodes(lang)[1:] for lang in LANG_CASES}
    summits = {lang: r[0] for lang, r in results.items()}
    leaders = {lang: r[1] for lang, r in results.items()}
    meetings = {lang: r[2] for lang, r in results.items()}
    assert summits["bn"] == summits["en"] == summits["hi"] == {"https://w3id.org/diplokg/id/summit/Q485207/2024"}
    assert leaders["bn"] == leaders["en"] == leaders["hi"] == {
        "https://w3id.org/diplokg/id/Q1058", "https://w3id.org/diplokg/id/Q200881"}
    assert meetings["bn"] == meetings["en"] == meetings["hi"] and len(meetings["bn"]) == 1


def test_three_articles_merge_into_one_summit_node():
    from builder import build_graph
    g = None
    for cid in LANG_CASES.values():
        text, meta = load_case(cid)
        g = build_graph(text, published=meta["published"], source=cid, graph=g)
    summits = set(g.subjects(RDF.type, DK.Summit))
    assert len(summits) == 1
    summit = summits.pop()
    # three articles, each the source of the summit
    assert len(set(g.objects(summit, PROV.wasDerivedFrom))) == 3


def test_series_unknown_to_the_gazetteer_is_one_node_in_two_scripts():
    from builder import build_graph
    iris = set()
    for cid in ("en-russia-africa-summit", "bn-russia-africa-summit"):
        text, meta = load_case(cid)
        g = build_graph(text, published=meta["published"])
        iris |= {str(s) for s in g.subjects(RDF.type, DK.Summit)}
    assert iris == {"https://w3id.org/diplokg/id/summit/summitseries/series-q159-prk/2023"}


def test_one_call_and_one_summit_from_a_bengali_and_a_hindi_report():
    from builder import build_graph
    found = []
    for cid in ("bn-modi-putin-call-sco", "hi-modi-putin-call-sco"):
        text, meta = load_case(cid)
        g = build_graph(text, published=meta["published"])
        found.append(({str(s) for s in g.subjects(RDF.type, DK.Meeting)},
                      {str(s) for s in g.subjects(RDF.type, DK.Summit)}))
    assert found[0] == found[1]
    assert found[0][0] == {"https://w3id.org/diplokg/id/meeting/q1058-q7747/2022-07-01"}
    assert found[0][1] == {"https://w3id.org/diplokg/id/summit/Q485207/2022"}
