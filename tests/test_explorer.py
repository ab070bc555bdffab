"""The explorer page (diplokg export --to html) in a real browser: headless Debian
Chromium (/usr/bin/chromium) driven by Playwright, no browser downloaded.

One browser serves the whole module. Every request that is not file:// is refused and
recorded; dialogs, page errors and console errors (a CSP violation is one) are recorded
too. Screenshots are kept in $DIPLOKG_ARTIFACTS (default: <tmp>/diplokg-artifacts)/explorer/.
Timings are not asserted here: bench/explorer.py measures them.
"""
from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import PROV, SKOS

from builder.namespace import DK, ID

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("DIPLOKG_ARTIFACTS") or Path(tempfile.gettempdir()) / "diplokg-artifacts") / "explorer"
SETTLED = "body[data-state=settled]"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is absent (apt-get install chromium; .ci/run installs it)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright   # a test dependency: missing it is an error
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that refuses and records every request leaving file://."""

    def __init__(self, browser, path: Path):
        self.requests, self.refused, self.dialogs, self.errors = [], [], [], []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(SETTLED, state="attached", timeout=120_000)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file://"):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def node_index(self, iri: str) -> int:
        return self.js("(iri) => window.diplokg.indexOf(iri)", iri)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def close(self):
        self.page.close()


def _write(tmp_path_factory, name: str, graph: Graph, **options) -> Path:
    from builder.export.html import to_html
    path = tmp_path_factory.mktemp("explorer") / name
    path.write_text(to_html(graph, **options), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_page(browser, tmp_path_factory, seed_graph):
    page = Watched(browser, _write(tmp_path_factory, "sample.html", seed_graph, title="sample article"))
    yield page
    page.close()


NODES_INSIDE = """() => { const r = document.getElementById('graph').getBoundingClientRect(), out = [];
  const d = window.diplokg;
  d.data.nodes.forEach((n, i) => { const p = d.screenPosition(i);
    if (!(p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom)) out.push(n.l); });
  return {outside: out, rect: [r.left, r.top, r.right, r.bottom], vw: innerWidth, vh: innerHeight}; }"""


def test_sample_page_loads_offline_with_no_error(seed_page):
    assert seed_page.requests and all(u.startswith("file://") for u in seed_page.requests)
    assert seed_page.refused == []
    assert seed_page.errors == [] and seed_page.dialogs == []
    csp = seed_page.page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    assert seed_page.page.locator("script[src], link, iframe, img").count() == 0


def test_after_fit_every_node_of_the_sample_is_inside_the_graph_area(seed_page):
    found = seed_page.js(NODES_INSIDE)
    assert found["outside"] == []
    left, top, right, bottom = found["rect"]
    assert 0 <= left < right <= found["vw"] and 0 <= top < bottom <= found["vh"]
    labels = seed_page.js("() => window.diplokg.data.nodes.map(n => n.l)")
    assert {"Narendra Modi", "Kassym-Jomart Tokayev", "Kazakhstan", "Shanghai Cooperation Organisation"} <= set(labels)
    assert not any(label.startswith(("q232", "undated", "Q")) for label in labels)   # no IRI tails
    assert seed_page.shot("sample-article.png").stat().st_size > 10_000


def test_clicking_a_node_shows_its_facts_with_evidence_confidence_and_source(seed_page, seed_graph):
    meeting = next(iter(seed_graph.subjects(RDF.type, DK.Meeting)))
    sentence = str(seed_graph.value(seed_graph.value(meeting, DK.evidence), DK.sentenceText))
    i = seed_page.node_index(str(meeting))
    p = seed_page.js("(i) => window.diplokg.screenPosition(i)", i)
    seed_page.page.mouse.click(p["x"], p["y"])
    details = seed_page.page.locator("#details")
    assert seed_page.js("() => window.diplokg.selected") == i
    assert sentence in details.inner_text()
    assert "confidence: 0.8" in details.inner_text()
    link = details.locator("a").first
    assert link.get_attribute("href").endswith("seeds/000_0fa871caced982f0.txt")
    seed_page.shot("sample-article-click.png")


@pytest.mark.parametrize("query", ["টোকায়েভ", "টোকায়েভের", "কাসিম-জোমার্ট"])
def test_search_finds_bengali_forms(seed_page, query):
    seed_page.page.fill("#search", query)
    seed_page.page.keyboard.press("Enter")
    matches = seed_page.page.locator("#matches li button")
    assert matches.all_inner_texts() == ["Kassym-Jomart Tokayev"]
    assert seed_page.page.locator("#details .label").inner_text() == "Kassym-Jomart Tokayev"
    seed_page.page.fill("#search", "")
    seed_page.page.keyboard.press("Enter")


def test_timeline_lists_summits_and_meetings_by_date_and_selects_them(seed_page):
    buttons = seed_page.page.locator("#events button")
    dates = [b.split("\n")[0] for b in buttons.all_inner_texts()]
    assert len(dates) == 6 and dates == sorted(dates)
    buttons.nth(0).click()
    i = int(buttons.nth(0).get_attribute("data-node"))
    assert seed_page.js("() => window.diplokg.network.getSelectedNodes()") == [i]
    assert seed_page.page.locator("#details .label").inner_text().startswith("Shanghai Cooperation Organisation summit")
    seed_page.js("() => window.diplokg.network.fit({animation: false})")


def test_type_and_date_filters_hide_nodes(seed_page):
    hidden = "() => window.diplokg.nodes.get({filter: n => n.hidden}).map(n => window.diplokg.data.nodes[n.id].t)"
    seed_page.page.uncheck("#type-Summit")
    assert sorted(set(seed_page.js(hidden))) == ["Summit"] and len(seed_page.js(hidden)) == 5
    seed_page.page.check("#type-Summit")
    seed_page.page.fill("#since", "2023")
    seed_page.page.locator("#since").dispatch_event("change")
    assert sorted(seed_page.js(hidden)) == ["Summit", "Summit", "Summit"]     # 2017, 2022, 2022-01-27
    seed_page.page.fill("#until", "2008")
    seed_page.page.locator("#until").dispatch_event("change")
    # nothing is dated 2023..2008; what began after 2008 is out (partnership 2009, membership
    # 2017-06), what began before stays (relations since 1992, observer since 2005)
    assert sorted(seed_page.js(hidden)) == ["Meeting", "Membership", "Partnership"] + ["Summit"] * 5
    seed_page.page.fill("#since", "2017")
    seed_page.page.fill("#until", "2022")
    seed_page.page.locator("#until").dispatch_event("change")
    assert seed_page.page.locator("#events button:not([hidden])").count() == 3   # 2017-06, 2022, 2022-01-27
    seed_page.page.fill("#since", "")
    seed_page.page.fill("#until", "")
    seed_page.page.locator("#since").dispatch_event("change")
    assert seed_page.js(hidden) == []


HOSTILE = ["<script>alert(1)</script>", "</script><script>alert(2)</script>", '"><img src=x onerror=alert(3)>']


@pytest.fixture(scope="module")
def hostile_page(browser, tmp_path_factory):
    g = Graph()
    art = ID["article/hostile"]
    g.add((art, RDF.type, DK.Article))
    g.add((art, DK.source, Literal("javascript:alert(4)")))
    people = []
    for k, text in enumerate(HOSTILE):
        n = ID[f"leader/hostile-{k}"]
        g.add((n, RDF.type, DK.Leader))
        g.add((n, RDFS.label, Literal(text, lang="en")))
        g.add((n, SKOS.altLabel, Literal(f"नेता{k} {text}", lang="hi")))
        g.add((n, PROV.wasDerivedFrom, art))
        people.append(n)
    m, ev = ID["meeting/hostile"], ID["evidence/hostile/0"]
    g.add((m, RDF.type, DK.Meeting))
    g.add((m, DK.date, Literal("2024-01-02", datatype=XSD.date)))
    g.add((m, DK.confidence, Literal("0.7", datatype=XSD.decimal)))
    g.add((m, DK.evidence, ev))
    for n in people:
        g.add((m, DK.participant, n))
    g.add((ev, RDF.type, DK.Evidence))
    g.add((ev, DK.sentenceText, Literal(HOSTILE[2] + " met " + HOSTILE[0])))
    g.add((ev, PROV.wasDerivedFrom, art))
    page = Watched(browser, _write(tmp_path_factory, "hostile.html", g, title=HOSTILE[1]))
    yield page
    page.close()


def test_hostile_labels_stay_text(hostile_page):
    page = hostile_page.page
    assert page.locator("script").count() == 2        # the data block and the page's script
    assert page.locator("img").count() == 0
    assert page.title() == HOSTILE[1]
    assert page.locator("#title").inner_text() == HOSTILE[1]
    for k, text in enumerate(HOSTILE):
        page.fill("#search", f"नेता{k}")
        page.keyboard.press("Enter")
        assert page.locator("#matches li button").all_inner_texts() == [text]
        assert page.locator("#details .label").inner_text() == text
    page.locator("#events button").first.click()
    details = page.locator("#details")
    assert HOSTILE[2] + " met " + HOSTILE[0] in details.inner_text()
    assert details.locator("a").count() == 0           # a javascript: source is shown, never linked
    assert "javascript:alert(4)" in details.inner_text()
    assert page.locator("img").count() == 0 and page.locator("script").count() == 2
    assert hostile_page.dialogs == [] and hostile_page.refused == []
    assert [e for e in hostile_page.errors if "alert" in e] == []


def _synthetic(n: int) -> Graph:
    spec = importlib.util.spec_from_file_location("bench_explorer", ROOT / "bench" / "explorer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_graph(n)


def test_a_5000_node_page_loads_settles_and_fits(browser, tmp_path_factory):
    path = _write(tmp_path_factory, "big.html", _synthetic(5000), title="5,000 nodes")
    page = Watched(browser, path)
    try:
        assert page.refused == [] and page.errors == []
        state = page.js("() => [window.diplokg.data.nodes.length, window.diplokg.rendered, window.diplokg.settled]")
        assert state[0] >= 5000 and state[1] is not None and state[2] is not None
        assert page.js(NODES_INSIDE)["outside"] == []
        assert page.js("() => window.diplokg.network.physics.physicsEnabled") is False
        page.page.fill("#search", "Leader 7")
        page.page.keyboard.press("Enter")
        assert "Leader 7" in page.page.locator("#matches li button").all_inner_texts()
        page.shot("synthetic-5000.png")
    finally:
        page.close()


def test_nodes_the_sources_disagree_on_are_marked(browser, tmp_path):
    from claims_util import article, store_with, summit
    from click.testing import CliRunner

    from builder.cli import main
    built = [article("a", summit("summit/Q485207/2024", date="2024-07-03")),
             article("b", summit("summit/Q485207/2024", date="2024-07-04"))]
    with store_with(tmp_path, *built):
        pass
    out = tmp_path / "kg.html"
    result = CliRunner().invoke(main, ["export", "--store", str(tmp_path / "kg"), "--to", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = Watched(browser, out)
    try:
        i = page.node_index(str(ID) + "summit/Q485207/2024")
        assert page.js("(i) => window.diplokg.data.nodes[i].x", i) == [
            "date: 2024-07-03 (1 article) / 2024-07-04 (1 article)"]
        p = page.js("(i) => window.diplokg.screenPosition(i)", i)
        page.page.mouse.click(p["x"], p["y"])
        assert "Sources disagree" in page.page.locator("#details .conflict").inner_text()
        assert "red ring: sources disagree" in page.page.locator("#types").inner_text()
        assert page.errors == [] and page.refused == []
    finally:
        page.close()
