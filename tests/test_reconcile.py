"""Reconciliation: one value per event property (the most precise consistent one),
undated mentions joined to their dated event (both sides of the window), offices over
time (former or current, terms), the contradiction report, and the views the named
queries read. Article graphs are written by hand, so these test the rules, not the
extractors."""
from __future__ import annotations

import json
from contextlib import contextmanager

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from claims_util import DK, ID, article, holding, meeting, store_with, summit
from conftest import SHARED

from builder.cli import main
from builder.reconcile import find_conflicts, is_current, reconcile
from builder.reconcile.values import choose_date, date_sides
from builder.store import Store
from builder.store.iris import CONSOLIDATED, graph_iri


def view_values(store: Store, subject: str, prop: str) -> list[str]:
    g = ox.NamedNode(CONSOLIDATED)
    return sorted(q.object.value for q in store.ox.quads_for_pattern(ox.NamedNode(ID + subject), ox.NamedNode(DK + prop), None, g))


def support(store: Store, subject: str, prop: str) -> int:
    rows = store.ox.query(
        f"SELECT ?n WHERE {{ GRAPH <{CONSOLIDATED}> {{ ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{ID + subject}> ;"
        f" <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{DK + prop}> ; <{DK}support> ?n }} }}")
    return int(next(iter(rows))[0].value)


# --------------------------------------------------------------- precision levels

def test_most_precise_consistent_date_wins():
    claims = [("2022", "a", 0.5), ("2022-09", "b", 0.9), ("2022", "c", 0.7)]
    assert choose_date(claims).value == "2022-09" and choose_date(claims).support == 3
    assert choose_date([("2024-07", "a", 0.5), ("2024-07-03", "b", 0.6)]).value == "2024-07-03"
    assert date_sides(claims) == []


def test_days_that_cannot_both_hold_are_sides():
    sides = date_sides([("2022-09", "a", 0.5), ("2022-09-15", "b", 0.9), ("2022-09-16", "c", 0.6)])
    assert [(s.value, sorted(s.sources)) for s in sides] == [("2022-09-15", ["b"]), ("2022-09-16", ["c"])]


def test_view_has_one_date_per_summit_with_support(tmp_path):
    with store_with(tmp_path, article("a1", summit("summit/Q485207/2022", date="2022")),
                    article("a2", summit("summit/Q485207/2022", date="2022-09")),
                    article("a3", summit("summit/Q485207/2022", date="2022-09-15", host="Q265"))) as store:
        reconcile(store)
        assert view_values(store, "summit/Q485207/2022", "date") == ["2022-09-15"]
        assert support(store, "summit/Q485207/2022", "date") == 3
        assert view_values(store, "summit/Q485207/2022", "hostCountry") == [ID + "Q265"]
        assert find_conflicts(store) == []
        # the article graphs keep what each said
        said = {q.object.value for q in store.ox.quads_for_pattern(
            ox.NamedNode(ID + "summit/Q485207/2022"), ox.NamedNode(DK + "date"), None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != CONSOLIDATED}
        assert said == {"2022", "2022-09", "2022-09-15"}


def test_named_query_lists_one_row_per_event_from_the_view(tmp_path):
    with store_with(tmp_path, article("a1", summit("summit/Q485207/2023", date="2023")),
                    article("a2", summit("summit/Q485207/2023", date="2023-07-04")),
                    article("a3", summit("summit/Q485207/2023", date="2023-07-05", conf=0.6))) as store:
        names, merged = store.query(_named("summits"), view="merged")
        reconcile(store)
        names, rows = store.query(_named("summits"))
    date = names.index("date")
    assert len(rows) == 1 and rows[0][date] == "2023-07-04"  # as many articles as 07-05 (2023 fits both); more confident
    assert len(merged) == 1 and merged[0][date] == "2023-07-04; 2023-07-05"


def _named(name: str) -> str:
    from builder.sparql import named_query
    return named_query(name)


# --------------------------------------------------------------- one node per event

@pytest.mark.parametrize("published, joined", [
    ("2017-04-08", True),    # the same day
    ("2017-04-15", True),    # 7 days after: the window's far edge
    ("2017-04-16", False),   # 8 days after: too late to be the same report
    ("2017-04-07", False),   # before the meeting took place
])
def test_undated_meeting_joins_within_the_window_before_publication(tmp_path, published, joined):
    dated = article("dated", meeting("meeting/q1058-q52183/2017-04-08", date="2017-04-08"), published="2017-04-08")
    undated = article("undated", meeting(f"meeting/q1058-q52183/undated-{published}"), published=published)
    with store_with(tmp_path, dated, undated) as store:
        found = reconcile(store)
        same = view_values(store, f"meeting/q1058-q52183/undated-{published}", "sameEventAs")
    assert found.joined == int(joined)
    assert same == ([ID + "meeting/q1058-q52183/2017-04-08"] if joined else [])
    assert found.events == (1 if joined else 2)


def test_undated_meeting_of_another_mode_does_not_join(tmp_path):
    dated = article("dated", meeting("meeting/q1058-q52183/2017-04-08", date="2017-04-08", mode="Phone"))
    undated = article("undated", meeting("meeting/q1058-q52183/undated-x"))  # no publication date
    with store_with(tmp_path, dated, undated) as store:
        assert reconcile(store).joined == 0


def test_undated_meeting_without_publication_date_joins_the_only_candidate(tmp_path):
    built = [article("d1", meeting("meeting/q1058-q52183/2017-04-08", date="2017-04-08")),
             article("d2", meeting("meeting/q1058-q52183/2020-01-01", date="2020-01-01", mode="Phone")),
             article("u", meeting("meeting/q1058-q52183/undated-x"))]
    with store_with(tmp_path, *built) as store:
        found = reconcile(store)
        assert found.joined == 1
        assert view_values(store, "meeting/q1058-q52183/undated-x", "sameEventAs") == [ID + "meeting/q1058-q52183/2017-04-08"]


@pytest.mark.parametrize("published, joined", [("2023-12-30", True), ("2024-01-02", False)])
def test_undated_summit_joins_the_summit_of_its_publication_year(tmp_path, published, joined):
    built = [article("d", summit("summit/Q485207/2023", date="2023-07-04")),
             article("u", summit(f"summit/Q485207/undated-{published}"), published=published)]
    with store_with(tmp_path, *built) as store:
        assert reconcile(store).joined == int(joined)


def test_two_copies_of_an_undated_story_are_one_node():
    from builder.model import Evidence, Extraction, Fact
    from builder.rdf import add_extraction

    def graph(text):
        fact = Fact("meeting", ("m",), {"participants": ["Q1058", "Q52183"], "mode": "InPerson", "date": None},
                    [Evidence(0, 0, 5, text)], 0.9)
        ex = Extraction(text=text, lang="en", published="2017-04-08", source=text, sentences=[(0, len(text))],
                        entities={q: {"type": "Leader", "label": q, "qid": q, "surfaces": [], "evidence": []}
                                  for q in ("Q1058", "Q52183")}, facts=[fact])
        return {str(s) for s, p, o in add_extraction(set(), ex) if str(o).endswith("#Meeting")}
    assert graph("Modi met Hasina.") == graph("Modi met Hasina, the agency reported.") != set()


# --------------------------------------------------------------- leaders over time

def test_terms_from_current_claims_and_former_ones_apart(tmp_path):
    built = [article("p1", holding("Q1058", "PrimeMinister", "Q668", "2017-04-08", n=1)),
             article("p2", holding("Q1058", "PrimeMinister", "Q668", "2020-01-01", n=2)),
             article("p3", holding("Q1058", "PrimeMinister", "Q668", "2025-03-01", former=True, n=3)),
             article("f1", holding("Q50000", "PrimeMinister", "Q668", "2024-06-25", former=True, n=4))]
    with store_with(tmp_path, *built) as store:
        found = reconcile(store)
        names, rows = store.query(_named("holders"), {"country": "id:Q668"})
        col = {n: i for i, n in enumerate(names)}
        assert [(r[col["leader"]], r[col["earliest"]], r[col["latest"]], r[col["support"]]) for r in rows] == [
            (ID + "Q1058", "2017-04-08", "2020-01-01", "2")]
        assert found.terms == 1
        # a former holding is no current office
        assert view_values(store, "Q1058", "office") == [DK + "PrimeMinister"]
        assert view_values(store, "Q50000", "office") == []
        on = store.query(_named("holders"), {"office": "dk:PrimeMinister", "country": "id:Q668", "on": "2019"})[1]
        after = store.query(_named("holders"), {"office": "dk:PrimeMinister", "country": "id:Q668", "on": "2024-06"})[1]
    assert len(on) == 1 and after == []


def test_two_holders_of_one_office_at_once_is_a_conflict(tmp_path):
    built = [article("a", holding("Q1058", "PrimeMinister", "Q668", "2019-05-01", n=1), sentence="PM Modi spoke."),
             article("b", holding("Q9000", "PrimeMinister", "Q668", "2019-05", n=2), sentence="PM Rao spoke.")]
    with store_with(tmp_path, *built) as store:
        conflicts = find_conflicts(store)
    assert [(c.kind, c.property) for c in conflicts] == [("Office", "holder PrimeMinister")]
    assert {s.value for s in conflicts[0].sides} == {ID + "Q1058", ID + "Q9000"}
    assert conflicts[0].evidence[graph_iri("b")] == ["PM Rao spoke."]


# --------------------------------------------------------------- the contradiction report

def test_conflicts_report_lists_sides_with_articles_evidence_and_confidence(tmp_path):
    built = [article("a", summit("summit/Q485207/2024", date="2024-07-03", host="Q232"), sentence="Astana, 3 July."),
             article("b", summit("summit/Q485207/2024", date="2024-07-03", host="Q232")),
             article("c", summit("summit/Q485207/2024", date="2024-07-04", host="Q232", conf=0.6), sentence="On 4 July.")]
    with store_with(tmp_path, *built) as store:
        reconcile(store)
        assert view_values(store, "summit/Q485207/2024", "date") == ["2024-07-03"]
        store.close()
        out = CliRunner().invoke(main, ["conflicts", "--store", str(tmp_path / "kg"), "--json"])
        text = CliRunner().invoke(main, ["conflicts", "--store", str(tmp_path / "kg")])
    assert out.exit_code == 0, out.output
    [record] = json.loads(out.output)
    assert (record["kind"], record["property"]) == ("Summit", "date")
    assert [(s["value"], s["articles"], s["confidence"]) for s in record["sides"]] == [
        ("2024-07-03", 2, 0.8), ("2024-07-04", 1, 0.6)]
    assert record["sides"][1]["sources"][0]["evidence"] == ["On 4 July."]
    assert "2024-07-04: 1 article(s), confidence 0.60" in text.output and '"On 4 July."' in text.output


def test_reconcile_command_and_removal_rebuild_the_view(tmp_path):
    with store_with(tmp_path, article("a", summit("summit/Q485207/2022", date="2022-09")),
                    article("b", summit("summit/Q485207/2022", date="2022-10"))):
        pass
    result = CliRunner().invoke(main, ["reconcile", "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0 and "1 conflicts" in result.output
    with Store(tmp_path / "kg") as store:
        assert is_current(store) and len(find_conflicts(store)) == 1
        store.remove(["b"])
        assert view_values(store, "summit/Q485207/2022", "date") == ["2022-09"] and find_conflicts(store) == []


# --------------------------------------------------------------- the dev set's case

@pytest.mark.skipif(not (SHARED / "eval" / "dev").is_dir(), reason="../shared/eval/dev not present")
def test_the_2017_hasina_modi_meeting_is_one_node(tmp_path):
    dev = SHARED / "eval" / "dev"
    with Store(tmp_path / "kg") as store:
        store.add([dev / "bn" / "1news-hasina-modi-22-agreements-2017.txt",
                   dev / "hi" / "5dariya-modi-hasina-meeting-2017.txt",
                   dev / "bn" / "ctgpratidin-hasina-modi-newyear-call-2020.txt"])
        names, rows = store.query(_named("meetings"), {"leader": "wd:Q52183"})
    col = {n: i for i, n in enumerate(names)}
    in_person = [(r[col["date"]], r[col["articles"]]) for r in rows if r[col["mode"]] == "InPerson"]
    assert in_person == [("2017-04-08", "2")]  # the Bengali article gives no date; the phone call is another event


@pytest.mark.parametrize("past, sentence_date, expected", [
    (False, None, ("2024-06-25", False)),        # no event in the sentence: the publication date
    (False, "2017-04-08", ("2017-04-08", False)),  # the sentence reports an event: its date
    (True, "2017-04-08", (None, True)),          # a former holding: ended by publication, no date of its own
])
def test_office_claims_carry_the_date_they_hold_at(past, sentence_date, expected):
    from rdflib import RDF, Literal

    from builder.model import DateValue, Evidence, Extraction, Fact
    from builder.namespace import DK as NS
    from builder.rdf import add_extraction
    ev = Evidence(0, 0, 10, "Prime Minister Modi met Hasina.")
    facts = [Fact("office", ("o",), {"leader": "Q1058", "office": "PrimeMinister", "past": past}, [ev], 0.9)]
    if sentence_date:
        facts.append(Fact("meeting", ("m",), {"participants": ["Q1058", "Q52183"], "mode": "InPerson",
                                              "date": DateValue(sentence_date)}, [ev], 0.9))
    ex = Extraction(text=ev.text, lang="en", published="2024-06-25", source="t", sentences=[(0, 31)],
                    entities={q: {"type": "Leader", "label": q, "qid": q, "surfaces": [], "evidence": []}
                              for q in ("Q1058", "Q52183")}, facts=facts)
    g = add_extraction(set(), ex)
    [st] = [s for s, p, o in g if p == RDF.predicate and o == NS.office]
    as_of = next((str(o) for s, p, o in g if s == st and p == NS.asOf), None)
    assert (as_of if not past else None, (st, NS.former, Literal(True)) in g) == expected


def test_office_claims_pair_each_claim_with_the_states_of_its_own_article(tmp_path):
    from builder.reconcile.claims import office_claims
    office_only = ("id:Q1 a dk:Leader . id:st9o a rdf:Statement ; rdf:subject id:Q1 ; rdf:predicate dk:office ;"
                   " rdf:object dk:President ; dk:confidence 0.8 ; dk:evidence EV .\n")
    state_only = ("id:st8c a rdf:Statement ; rdf:subject id:Q1 ; rdf:predicate dk:leaderOf ; rdf:object id:Q30 ;"
                  " dk:confidence 0.9 ; dk:evidence EV .\n")
    second_state = ("id:st7c a rdf:Statement ; rdf:subject id:Q1 ; rdf:predicate dk:leaderOf ; rdf:object id:Q843 ;"
                    " dk:confidence 0.9 ; dk:evidence EV ; dk:former true .\n")
    built = [article("a", holding("Q1", "PrimeMinister", "Q668", "2019", n=1) + second_state),
             article("b", office_only), article("c", state_only)]
    with store_with(tmp_path, *built) as store:
        rows = sorted(office_claims(store.ox), key=str)
    assert rows == sorted([
        (graph_iri("a"), ID + "Q1", DK + "PrimeMinister", ID + "Q668", "2019", False, 0.9),
        (graph_iri("a"), ID + "Q1", DK + "PrimeMinister", ID + "Q843", "2019", True, 0.9),  # that article calls it former
        (graph_iri("b"), ID + "Q1", DK + "President", None, None, False, 0.8),  # article c's state is not b's
    ], key=str)


def test_a_terms_support_counts_each_article_once():
    from builder.reconcile.terms import terms
    rows = [("g1", "L", "PM", "S", "2019", False, 0.5), ("g1", "L", "PM", "S", "2020", False, 0.9),
            ("g2", "L", "PM", "S", None, False, 0.7), ("g3", "L", "PM", "S", "2024", True, 1.0),
            ("g4", "M", "PM", "S", "2024", True, 1.0)]
    counted, = [t for t in terms(rows, {}) if t.leader == "L"]
    kept, = [t for t in terms(rows, {}, sources=True) if t.leader == "L"]
    assert (counted.support, counted.span, counted.confidence, counted.graphs) == (2, ("2019", "2020"), 0.9, None)
    assert (kept.support, kept.graphs) == (2, {"g1", "g2"})  # g3 calls it former
    assert [t.current for t in terms(rows, {}) if t.leader == "M"] == [False]


def test_a_second_reconciliation_writes_only_what_changed(tmp_path):
    with store_with(tmp_path, article("a", summit("summit/Q485207/2022", date="2022-09")),
                    article("b", meeting("meeting/q1058-q52183/2017-04-08", date="2017-04-08"))) as store:
        reconcile(store)
        before = set(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(CONSOLIDATED)))
        reconcile(store)
        assert set(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(CONSOLIDATED))) == before
        store.remove(["b"])  # the meeting's description leaves the view; the summit's stays
        after = set(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(CONSOLIDATED)))
    assert not any("meeting/" in q.subject.value for q in after)
    assert {q for q in before if "summit/" in q.subject.value} <= after


def test_reconciling_in_several_processes_gives_the_same_view(tmp_path, monkeypatch):
    """reconcile(workers=2) on a store of the reviewed cases (the parallel path forced on
    a small store, its files loaded in blocks of a few lines), and in one process a part
    file at a time: the same view and counts as with the events sorted in memory."""
    from corpus_util import case_articles

    import builder.reconcile as rec
    import builder.reconcile.parallel as parallel_module
    from builder.corpus.article import Article

    view = ox.NamedNode(CONSOLIDATED)
    with Store(tmp_path / "s") as store:
        store.add([Article(**r, origin=r["id"]) for r in case_articles(40)], reconcile=False)
        one = reconcile(store)
        serial = set(store.ox.quads_for_pattern(None, None, None, view))
        store.ox.remove_graph(view)
        monkeypatch.setattr(rec, "PARALLEL_FROM", 1)
        monkeypatch.setattr(rec._Update, "BLOCK", 1000)  # most blocks end in the middle of a line
        two = reconcile(store, workers=2)  # into a store without a view
        parallel = set(store.ox.quads_for_pattern(None, None, None, view))
        again = reconcile(store, workers=2)  # over the view: only what changed
        assert set(store.ox.quads_for_pattern(None, None, None, view)) == parallel
        store.ox.remove_graph(view)
        monkeypatch.setattr(parallel_module, "PART_NODES", 7)  # many parts, described one at a time here
        parts = reconcile(store)
        in_parts = set(store.ox.quads_for_pattern(None, None, None, view))
    assert one.events > 10 and one.quads > 100
    assert parallel == serial == in_parts and again.quads == one.quads
    counts = ("events", "joined", "facts", "terms", "quads", "disagreements")
    assert [getattr(two, c) for c in counts] == [getattr(one, c) for c in counts] == [getattr(parts, c) for c in counts]


def test_the_view_is_loaded_once_the_reading_is_over(tmp_path, monkeypatch):
    """With two workers, the view's files are loaded only once the describing process has
    ended and the store has been opened again (which gives back RocksDB's caches of all
    that was read): the loads never run beside the reading."""
    import multiprocessing

    from corpus_util import case_articles

    import builder.reconcile as rec
    import builder.store.store as store_module
    from builder.corpus.article import Article

    events = []
    open_store, add_file = store_module.Store._open, rec._Update.add_file

    def opening(self):
        events.append("open")
        return open_store(self)

    def loading(self, path):
        events.append(("load", len(multiprocessing.active_children())))
        add_file(self, path)

    with Store(tmp_path / "s") as store:
        store.add([Article(**r, origin=r["id"]) for r in case_articles(12)], reconcile=False)
        monkeypatch.setattr(rec, "PARALLEL_FROM", 1)
        monkeypatch.setattr(store_module.Store, "_open", opening)
        monkeypatch.setattr(rec._Update, "add_file", loading)
        done = reconcile(store, workers=2)
        described = {q.subject.value for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(CONSOLIDATED))}
    loads = [e for e in events if e != "open"]
    assert events[0] == "open" and len(loads) > 2 and events[1:] == loads  # reopened once, before any load
    assert all(children == 0 for _, children in loads)
    assert done.events > 5 and sum("summit/" in s for s in described) > 2


def test_a_partnership_is_a_group_of_its_own():
    """Candidates are grouped to be joined (a summit's editions, one pair's meetings) or
    compared (a membership's statuses); nothing joins two partnerships, so each is its own
    group, and no process holds every partnership of a kind at once."""
    from builder.reconcile.events import group_of
    partnerships = [f"{ID}partnership/DiplomaticRelations/q{a}-q{b}" for a, b in ((16, 232), (16, 148), (145, 16))]
    assert len({group_of(p) for p in partnerships}) == 3 and all(group_of(p) == p for p in partnerships)
    assert group_of(f"{ID}summit/Q7172/2009") == group_of(f"{ID}summit/Q7172/2019") == f"{ID}summit/Q7172"
    assert group_of(f"{ID}meeting/q1-q2/2024-01-02") == group_of(f"{ID}meeting/q1-q2/2024-03") == f"{ID}meeting/q1-q2"
    assert group_of(f"{ID}membership/q184/org-isa/FullMember") == group_of(f"{ID}membership/q184/org-isa/Observer")


def test_parts_never_cut_a_group(tmp_path):
    from builder.reconcile.events import group_of
    from builder.reconcile.parallel import read_part, spill_parts
    nodes = [(f"{ID}summit/Q{g}/{y}", "Summit") for g in range(7) for y in range(2000, 2000 + g % 4 + 1)]
    nodes += [(f"{ID}meeting/Q{g}-Q1/20{y:02}", "Meeting") for g in range(9) for y in range(3)]
    for k in (1, 2, 3, 5, 40):
        (tmp_path / str(k)).mkdir()
        got = [read_part(p) for p in spill_parts(reversed(nodes), k, str(tmp_path / str(k)))]
        assert sorted(n for p in got for n in p) == sorted(nodes) and 1 <= len(got) <= k
        assert all(p == sorted(p, key=lambda n: (group_of(n[0]), n[0])) for p in got)
        groups = [{group_of(n[0]) for n in p} for p in got]
        assert all(not (a & b) for i, a in enumerate(groups) for b in groups[i + 1:])
    assert len(got) > 5                                   # the groups spread over the parts


@contextmanager
def _described_here(tmp_path):
    """A store of 12 reviewed cases (flushed, for processes to open), its event nodes
    dealt into eight part files, and what describing them in this process gives:
    (store, part files, quads, counts)."""
    from corpus_util import case_articles

    from builder.corpus.article import Article
    from builder.reconcile import Reconciled, describe_events
    from builder.reconcile.claims import fact_nodes
    from builder.reconcile.events import group_of
    from builder.reconcile.parallel import spill_parts

    with Store(tmp_path / "s") as store:
        store.add([Article(**r, origin=r["id"]) for r in case_articles(12)], reconcile=False)
        store.ox.flush()
        nodes = sorted(fact_nodes(store.ox), key=lambda n: (group_of(n[0]), n[0]))
        here = Reconciled()
        want = list(describe_events(store.ox, nodes, here, False, set()))
        (tmp_path / "parts").mkdir()
        yield store, spill_parts(nodes, 8, str(tmp_path / "parts")), want, here


def _quads_of(files) -> list:
    return [q for part in files for q in ox.parse(path=part.path, format=ox.RdfFormat.N_QUADS)]


def test_a_part_whose_process_fails_is_described_by_the_caller(tmp_path):
    """A describing process that cannot open the store: its part is described in the
    calling process instead, and the results are those of describing there."""
    from builder.reconcile import Reconciled
    from builder.reconcile.claims import Published
    from builder.reconcile.parallel import Describing

    with _described_here(tmp_path) as (store, parts, want, here):
        there = Reconciled()
        with Describing(store.ox, str(tmp_path / "not-a-store"), parts, 2, Published(store.ox),
                        str(tmp_path / "parts")) as running:
            got = _quads_of(running.results(there, set()))
    assert len(want) > 50 and sorted(map(str, got)) == sorted(map(str, want))
    assert (there.events, there.facts) == (here.events, here.facts)


def test_a_describing_process_opens_the_store_afresh_for_each_part(tmp_path, monkeypatch):
    """RocksDB's block caches keep what a process has read: a describing process reads
    the publication dates, then opens the store again, and again after each part, and
    what it describes is what one process describes. (Here, in this process, once the
    writer has closed the store.)"""
    import builder.reconcile.parallel as par
    from builder.reconcile.parallel import QuadFile

    with _described_here(tmp_path) as (store, parts, want, here):
        path = str(store.path)
    for name in ("_PATH", "_STORE", "_PUBLISHED"):  # a describing process's own, given back after
        monkeypatch.setattr(par, name, getattr(par, name))
    try:
        par._open_in_process(path)
        handles, files = [par._STORE], []
        for i, part in enumerate(parts):
            out = str(tmp_path / "parts" / f"fresh-{i}.nq")
            par._describe_part(part, out)
            handles.append(par._STORE)
            files.append(QuadFile(out, 0))
        assert all(h is not None for h in handles) and len({id(h) for h in handles}) == len(handles)
        assert par._PUBLISHED.store is par._STORE
    finally:
        par._close()
    assert par._STORE is None and par._PUBLISHED.store is None
    got = _quads_of(files)
    assert len(parts) > 2 and sorted(map(str, got)) == sorted(map(str, want))


def test_a_describing_process_that_cannot_open_the_store_again_tries_for_the_next_part(tmp_path, monkeypatch):
    """The writer's compactions may replace files while a describing process opens the
    store again: that part's successor tries once more, and is described there."""
    import builder.reconcile.parallel as par

    with _described_here(tmp_path) as (store, parts, want, here):
        path = str(store.path)
    for name in ("_PATH", "_STORE", "_PUBLISHED"):
        monkeypatch.setattr(par, name, getattr(par, name))
    opening, failures = par._open_read_only, []

    def failing_once(p, attempts=10):
        if len(failures) == 0 and par._STORE is None and par._PUBLISHED is not None and par._PUBLISHED._keys is not None:
            failures.append(p)
            raise OSError("a file named in the manifest is gone")
        return opening(p, attempts)

    monkeypatch.setattr(par, "_open_read_only", failing_once)
    try:
        par._open_in_process(path)  # the dates are read; opening afresh fails once
        assert failures == [path] and par._STORE is None
        par._describe_part(parts[0], str(tmp_path / "parts" / "again.nq"))
        assert par._STORE is not None
    finally:
        par._close()
    assert len(_quads_of([par.QuadFile(str(tmp_path / "parts" / "again.nq"), 0)])) > 0


def test_a_part_whose_files_are_gone_under_the_store_is_described_again_with_it_opened_afresh(tmp_path, monkeypatch):
    """The writer's compactions may remove a file a describing process's store lists:
    its reads fail, and the part is described again with the store opened afresh."""
    import builder.reconcile.parallel as par

    with _described_here(tmp_path) as (store, parts, want, here):
        path = str(store.path)
    for name in ("_PATH", "_STORE", "_PUBLISHED"):
        monkeypatch.setattr(par, name, getattr(par, name))
    describing, used = par._describe_into, []

    def stale_once(st, published, part, out):
        used.append(st)
        if len(used) == 1:
            raise FileNotFoundError("IO error: No such file or directory: While open a file for random read")
        return describing(st, published, part, out)

    monkeypatch.setattr(par, "_describe_into", stale_once)
    try:
        par._open_in_process(path)
        files = []
        for i, part in enumerate(parts):
            out = str(tmp_path / "parts" / f"again-{i}.nq")
            par._describe_part(part, out)
            files.append(par.QuadFile(out, 0))
    finally:
        par._close()
    assert len(used) == len(parts) + 1 and used[0] is not used[1]  # the first part twice, the second time afresh
    assert sorted(map(str, _quads_of(files))) == sorted(map(str, want))


def test_a_part_that_keeps_failing_is_left_to_the_caller(tmp_path, monkeypatch):
    import builder.reconcile.parallel as par

    with _described_here(tmp_path) as (store, parts, want, here):
        path = str(store.path)
    for name in ("_PATH", "_STORE", "_PUBLISHED"):
        monkeypatch.setattr(par, name, getattr(par, name))
    tries = []

    def gone(*args):
        tries.append(args[0])
        raise FileNotFoundError("gone")

    monkeypatch.setattr(par, "_describe_into", gone)
    try:
        par._open_in_process(path)
        with pytest.raises(FileNotFoundError):
            par._describe_part(parts[0], str(tmp_path / "parts" / "never.nq"))
    finally:
        par._close()
    assert len(tries) == par.PART_ATTEMPTS and len({id(t) for t in tries}) == par.PART_ATTEMPTS


def test_the_caller_describes_the_parts_no_process_has_started(tmp_path):
    """With two workers, one process describes and the caller takes back the parts still
    waiting when it asks for the results: every part is described once, by one or the
    other, and together they give what one process gives."""
    from builder.reconcile import Reconciled
    from builder.reconcile.claims import Published
    from builder.reconcile.parallel import Describing

    with _described_here(tmp_path) as (store, parts, want, here):
        both = Reconciled()
        with Describing(store.ox, str(store.path), parts, 2, Published(store.ox), str(tmp_path / "parts")) as running:
            files = list(running.results(both, set()))
            taken_back = sum(f.cancelled() for f in running._futures)
            got = _quads_of(files)
    assert len(files) == len(running._parts) > 2 and taken_back >= 1  # the process is still starting
    assert sorted(map(str, got)) == sorted(map(str, want)) and len(got) == len(set(got))
    assert (both.events, both.facts, sum(f.quads for f in files)) == (here.events, here.facts, len(want))


def test_published_dates_are_read_once_and_looked_up_by_graph(tmp_path, monkeypatch):
    """The publication dates come from one pass over the store, gathered a chunk at a time
    into sorted arrays: every article's date is found by its graph, an article without a
    date or a graph not in the store gives None."""
    from builder.reconcile.claims import Published

    monkeypatch.setattr(Published, "CHUNK", 2)  # several chunks out of five articles
    dated = {f"a{i}": f"2024-0{i + 1}-1{i}" for i in range(5)}
    store = store_with(tmp_path, *(article(aid, "", published=day) for aid, day in dated.items()),
                       article("undated", ""))
    published = Published(store.ox)
    graphs = [graph_iri(aid) for aid in [*dated, "undated", "absent"]]
    assert published(graphs) == {**{graph_iri(aid): day for aid, day in dated.items()},
                                 graph_iri("undated"): None, graph_iri("absent"): None}
    assert published([]) == {}
    store.close()
