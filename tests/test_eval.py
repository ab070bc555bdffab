"""diplokg eval: the scorer inside the project (builder.evaluation), checked against the
shared reference scorer on the dev set, and on small hand-made golds in bn, en and hi."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import SHARED

from builder.evaluation import evaluate, load_gold, score_article

EVAL = SHARED / "eval"
DEV = EVAL / "dev"

# --------------------------------------------------------------- hand-made golds

ENTITIES = {
    "IND": {"type": "Country", "qid": "Q668", "labels": ["India", "ভারত", "भारत"]},
    "KAZ": {"type": "Country", "qid": "Q232", "labels": ["Kazakhstan", "কাজাখস্তান", "कजाकिस्तान"]},
    "MODI": {"type": "Leader", "qid": "Q1058", "labels": ["Narendra Modi", "নরেন্দ্র মোদী", "नरेंद्र मोदी"]},
    "TOKAYEV": {"type": "Leader", "qid": "Q200881",
                "labels": ["Kassym-Jomart Tokayev", "Tokayev", "টোকায়েভ", "तोकायेव"]},
}
LEADERS = [{"leader": "MODI", "country": "IND", "office": "PrimeMinister"},
           {"leader": "TOKAYEV", "country": "KAZ", "office": "President"}]
ARTICLES = {
    "en": "Prime Minister Narendra Modi spoke with Kazakhstan President Kassym-Jomart Tokayev "
          "over the phone on Tuesday.\n",
    "bn": "প্রধানমন্ত্রী নরেন্দ্র মোদী মঙ্গলবার কাজাখস্তানের প্রেসিডেন্ট টোকায়েভের সঙ্গে ফোনে কথা বলেছেন।\n",
    "hi": "प्रधानमंत्री नरेंद्र मोदी ने मंगलवार को कजाकिस्तान के राष्ट्रपति तोकायेव से फोन पर बात की। "
          "दोनों नेताओं ने शंघाई सहयोग संगठन पर चर्चा की।\n",
}
GOLDS = {
    # a wrong mode (1 fp, 1 fn) and a city the article does not name (1 fn, not linked)
    "en": {"entities": {**ENTITIES, "ASTANA": {"type": "City", "qid": "Q1520", "labels": ["Astana"]}},
           "leaders": LEADERS,
           "meetings": [{"participants": ["MODI", "TOKAYEV"], "mode": "InPerson", "date": "2024-06-25"}]},
    # a date less precise than the graph's (1 fp, 1 fn); Tokayev found by label, and his
    # office optional
    "bn": {"entities": {**ENTITIES, "TOKAYEV": {**ENTITIES["TOKAYEV"], "qid": None}},
           "leaders": [LEADERS[0], {"leader": "TOKAYEV", "country": "KAZ"}],
           "meetings": [{"participants": ["MODI", "TOKAYEV"], "mode": "Phone", "date": "2024-06"}],
           "optional": {"facts": [["office", "TOKAYEV", "President"]]}},
    # a partnership the article does not state (2 fn); the SCO and its facts optional
    "hi": {"entities": {**ENTITIES, "SCO": {"type": "Organization", "qid": "Q485207",
                                            "labels": ["Shanghai Cooperation Organisation", "शंघाई सहयोग संगठन"]}},
           "leaders": LEADERS,
           "meetings": [{"participants": ["MODI", "TOKAYEV"], "mode": "Phone", "date": "2024-06-25"}],
           "partnerships": [{"partners": ["IND", "KAZ"], "kind": "StrategicPartnership", "since": "2009"}],
           "memberships": [{"member": "KAZ", "organization": "SCO", "status": "FullMember"}],
           "optional": {"entities": ["SCO"]}},
}
EXPECTED = {"en": (10, 1, 2, 4, 5), "bn": (9, 1, 1, 3, 3), "hi": (11, 0, 2, 4, 4)}  # tp fp fn linked linkable


@pytest.fixture
def hand_set(tmp_path) -> Path:
    """bn and en with sidecars; hi's language and date from an index.jsonl above it."""
    root = tmp_path / "set"
    for lang, text in ARTICLES.items():
        folder = root / lang
        folder.mkdir(parents=True)
        (folder / f"call-{lang}.txt").write_text(text, "utf-8")
        (folder / f"call-{lang}.json").write_text(json.dumps(GOLDS[lang], ensure_ascii=False), "utf-8")
        if lang != "hi":
            (folder / f"call-{lang}.meta.json").write_text(
                json.dumps({"lang": lang, "published": "2024-06-25"}), "utf-8")
    (root / "index.jsonl").write_text(json.dumps({"file": "hi/call-hi.txt", "lang": "hi",
                                                  "published": "2024-06-25"}) + "\n", "utf-8")
    return root


def test_hand_made_golds_exact_counts(hand_set):
    report = evaluate([hand_set])
    assert report.problems == [] and report.build_failures == {}
    assert sorted(report.by_lang) == ["bn", "en", "hi"]
    for lang, (tp, fp, fn, linked, linkable) in EXPECTED.items():
        t = report.by_lang[lang]
        assert (t.overall.tp, t.overall.fp, t.overall.fn) == (tp, fp, fn), (lang, report.details())
        assert (t.linking.correct, t.linking.total) == (linked, linkable), lang
    o = report.overall
    assert (o.overall.tp, o.overall.fp, o.overall.fn) == (30, 2, 5)
    assert o.overall.precision == pytest.approx(30 / 32) and o.overall.recall == pytest.approx(30 / 35)
    assert o.linking.accuracy == pytest.approx(11 / 12)
    fam = o.families
    assert (fam["meeting_mode"].fp, fam["meeting_mode"].fn) == (1, 1)
    assert (fam["meeting_date"].fp, fam["meeting_date"].fn) == (1, 1)
    assert (fam["partnership"].fn, fam["partnership_since"].fn, fam["city"].fn) == (1, 1, 1)
    assert "organization" not in fam and "membership" not in fam  # optional: not counted at all
    en = next(s for s in report.articles if s.lang == "en")
    assert en.missed["meeting_mode"] == ["meeting_mode MODI+TOKAYEV InPerson"]
    assert en.spurious["meeting_mode"] == ["meeting_mode MODI+TOKAYEV Phone"]
    assert en.unlinked == ["ASTANA"]


SUMMIT_GRAPH = """
@prefix dk: <https://w3id.org/diplokg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix wd: <http://www.wikidata.org/entity/> .
<x:ind> a dk:Country ; rdfs:label "India" ; owl:sameAs wd:Q668 .
<x:kaz> a dk:Country ; rdfs:label "Kazakhstan" .
<x:modi> a dk:Leader ; rdfs:label "MODI!" ; dk:leaderOf <x:ind> ; dk:office dk:PrimeMinister .
<x:sco> a dk:Organization ; rdfs:label "SCO" .
<x:s1> a dk:Summit ; dk:organizedBy <x:sco> ; dk:date "2017-06" ; dk:edition 17 ;
    dk:participant <x:modi>, <x:ind>, <x:kaz> .
<x:s2> a dk:Summit ; dk:date "2017-06" .
"""


def test_scoring_summits_optional_participants_and_labels(tmp_path):
    """Pure scoring on a hand-written graph: summits paired by shared facts, a leader's
    state and the host as optional participants, labels compared without case or
    punctuation, an edition written as a number."""
    from rdflib import Graph

    gold_path = tmp_path / "g.json"
    gold_path.write_text(json.dumps({
        "entities": {"IND": {"type": "Country", "qid": "Q668", "labels": ["India"]},
                     "KAZ": {"type": "Country", "qid": "Q232", "labels": ["kazakhstan"]},
                     "MODI": {"type": "Leader", "labels": ["Modi"]},
                     "SCO": {"type": "Organization", "labels": ["sco"]}},
        "leaders": [{"leader": "MODI", "country": "IND", "office": "PrimeMinister"}],
        "summits": {"SCO-2017": {"org": "SCO", "host": "KAZ", "date": "2017-06", "edition": 17,
                                 "participant": ["MODI"]}}}), "utf-8")
    g = Graph().parse(data=SUMMIT_GRAPH, format="turtle")
    s = score_article(load_gold(gold_path), g)
    c = {f: (v.tp, v.fp, v.fn) for f, v in s.counts.items() if not v.empty}
    assert c == {"country": (2, 0, 0), "leader": (1, 0, 0), "organization": (1, 0, 0), "leader_of": (1, 0, 0),
                 "office": (1, 0, 0), "summit": (1, 1, 0), "summit_org": (1, 0, 0), "summit_host": (0, 0, 1),
                 "summit_date": (1, 1, 0), "summit_edition": (1, 0, 0), "summit_participant": (1, 0, 0)}
    assert s.spurious["summit"] == ["summit ?summit1"]
    assert (s.linking.correct, s.linking.total) == (1, 2)  # Kazakhstan has no owl:sameAs


# ------------------------------------------------------------------ the command line

def test_eval_table(run_cli, hand_set):
    result = run_cli("eval", hand_set)
    assert result.exit_code == 0, result.output
    out = result.output
    for needle in ("family", "meeting_mode", "overall", "language", "linking accuracy: 0.917 (11 of 12"):
        assert needle in out
    assert [line.split()[:2] for line in out.splitlines() if line.split()[:1] in (["bn"], ["en"], ["hi"], ["all"])] \
        == [["bn", "1"], ["en", "1"], ["hi", "1"], ["all", "3"]]


def test_eval_verbose_lists_missed_and_spurious(run_cli, hand_set):
    result = run_cli("eval", hand_set / "en" / "call-en.json", "--verbose")
    assert result.exit_code == 0, result.output
    assert "missed    meeting_mode MODI+TOKAYEV InPerson" in result.output
    assert "spurious  meeting_mode MODI+TOKAYEV Phone" in result.output
    assert "unlinked  ASTANA" in result.output


def test_eval_json_shape(run_cli, hand_set):
    result = run_cli("eval", hand_set, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {"overall", "by_lang", "articles", "problems", "build_failures"}
    assert set(doc["by_lang"]) == {"bn", "en", "hi"}
    overall = doc["overall"]
    assert overall["articles"] == 3
    assert set(overall["overall"]) == {"tp", "fp", "fn", "precision", "recall", "f1"}
    assert overall["overall"]["tp"] == 30
    assert overall["linking"] == {"correct": 11, "total": 12, "accuracy": pytest.approx(11 / 12)}
    assert set(overall["families"]["meeting"]) == {"tp", "fp", "fn", "precision", "recall", "f1"}
    art = doc["articles"][0]
    assert set(art) == {"gold", "article", "lang", "error", "overall", "families", "linking"}
    assert {"tp", "fp", "fn", "missed", "spurious"} == set(next(iter(art["families"].values())))


def test_eval_missing_article_one_line_exit_2(run_cli, tmp_path):
    gold = tmp_path / "lonely.json"
    gold.write_text(json.dumps(GOLDS["en"]), "utf-8")
    result = run_cli("eval", gold)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("diplokg: error")]
    assert len(errors) == 1 and str(gold) in errors[0] and "no article" in errors[0], result.output


@pytest.mark.parametrize("content,needle", [
    (b"{not json", "not JSON"),
    (b"[1, 2]", "not a JSON object"),
    (b'{"entities": {"X": {"type": "Planet"}}}', "entity 'X' needs a 'type'"),
    (b"\xff\xfe{}", "not UTF-8"),
])
def test_eval_broken_gold_in_a_folder_is_reported_and_the_rest_scored(run_cli, hand_set, content, needle):
    bad = hand_set / "en" / "broken.json"
    bad.write_bytes(content)
    (hand_set / "en" / "broken.txt").write_text(ARTICLES["en"], "utf-8")
    result = run_cli("eval", hand_set, "--json")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("diplokg: error")]
    assert len(errors) == 1 and str(bad) in errors[0] and needle in errors[0], result.stderr
    doc = json.loads(result.stdout)
    assert doc["overall"]["articles"] == 3 and len(doc["problems"]) == 1


def test_eval_no_such_path(run_cli, tmp_path):
    result = run_cli("eval", tmp_path / "nope")
    assert result.exit_code == 2
    assert f"diplokg: error: {tmp_path / 'nope'}: no such gold file or folder" in result.output


def test_eval_help(run_cli):
    result = run_cli("eval", "--help")
    assert result.exit_code == 0
    for needle in ("GOLD...", "--json", "--verbose", "Exit codes", "meta.json", "index.jsonl"):
        assert needle in result.output


# ------------------------------------------------- agreement with the shared scorer

@pytest.fixture(scope="module")
def reference():
    path = EVAL / "score.py"
    if not path.exists():
        pytest.skip("../shared/eval/score.py is not beside the checkout")
    spec = importlib.util.spec_from_file_location("diplokg_shared_score_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not beside the checkout")
def test_dev_set_agrees_with_the_shared_scorer(reference, tmp_path):
    """The articles are built once; their graphs, written as `diplokg build -o` writes
    them, are scored by score.py, and the same graphs by builder.evaluation."""
    from builder.cli.common import serialize
    from builder.evaluation import build_graphs, total
    from builder.evaluation.inputs import Indexes, gold_files, read_job

    files, problems = gold_files([DEV])
    assert not problems and len(files) == 28
    indexes = Indexes()
    jobs = [read_job(f, indexes) for f in files]
    graphs, errors = build_graphs([j.article for j in jobs])
    assert not errors
    ours, theirs = [], []
    for job in jobs:
        graph = graphs[job.article.id]
        out = tmp_path / (Path(job.gold.path).stem + ".ttl")
        out.write_bytes(serialize(graph, "turtle"))
        ref = reference.score_pair(Path(job.gold.path), out)
        ref["lang"] = job.article.lang
        theirs.append(ref)
        ours.append(score_article(job.gold, graph, article=job.article.origin, lang=job.article.lang))

    def figures_ref(results):
        s = reference.summarize(results)
        o = s["overall"]
        return [round(x, 3) for x in (o["precision"], o["recall"], o["f1"], s["linking_accuracy"])]

    def figures_ours(scores):
        t = total(scores)
        return [round(x, 3) for x in (t.overall.precision, t.overall.recall, t.overall.f1, t.linking.accuracy)]

    assert sorted({s.lang for s in ours}) == ["bn", "en", "hi"]
    for lang in ("bn", "en", "hi"):
        assert figures_ours([s for s in ours if s.lang == lang]) == \
            figures_ref([r for r in theirs if r["lang"] == lang]), lang
    assert figures_ours(ours) == figures_ref(theirs)
    ref_families = reference.summarize(theirs)["families"]
    assert {f: (c.tp, c.fp, c.fn) for f, c in total(ours).families.items()} == \
        {f: (v["tp"], v["fp"], v["fn"]) for f, v in ref_families.items()}
    for mine, ref in zip(ours, theirs):  # article by article, family by family
        assert {f: (c.tp, c.fp, c.fn) for f, c in mine.counts.items()} == \
            {f: (v["tp"], v["fp"], v["fn"]) for f, v in ref["families"].items()}, mine.gold
