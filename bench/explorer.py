#!/usr/bin/env python3
"""Render and interaction time of the explorer page (diplokg export --to html) in
headless Chromium, on generated graphs of N drawn nodes.

    python bench/explorer.py [--sizes 20,1000,5000] [--repeat 2] [--solver forceAtlas2Based]
                             [--json figures.json] [--screenshots DIR]

For each size it writes the page, opens it (file://, every other request refused) and
reads what the page itself records: time to the first drawn frame (``rendered``) and to
the end of the layout (``settled``: stabilised, physics off, fitted), from the start of
the page's script; plus the wall time from navigation to settled, the page's size, the
mean and worst time of a redraw of the fitted view and of a view zoomed in, and the time
of a search. Targets (issue 7): first render ≤ 3 s and settle ≤ 10 s at 5,000 nodes.
It is a benchmark, not a test: it prints figures and flags misses, and exits 0.

Needs /usr/bin/chromium (Debian's chromium) and the playwright package; no browser is
downloaded.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.namespace import DK, ID  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGETS = {"rendered_s": 3.0, "settled_s": 10.0}
WD = "http://www.wikidata.org/entity/"

# Share of the drawn nodes per type (a corpus store's mix: events outnumber entities).
MIX = [("Country", .04), ("Leader", .06), ("Organization", .01), ("City", .05), ("Summit", .12),
       ("Meeting", .45), ("Partnership", .15), ("Membership", .12)]
BN = "অআইঈউঊঋএঐওঔকখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহ"
HI = "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह"


def _word(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def synthetic_graph(n_nodes: int = 5000, seed: int = 7) -> Graph:
    """A diplokg-shaped graph with about ``n_nodes`` drawn nodes: labelled entities
    (English labels, Bengali and Hindi alternative labels), dated events with
    confidence and evidence sentences, and the articles they were read from."""
    rng = random.Random(seed)
    g = Graph()
    counts = {t: max(2, round(share * n_nodes)) for t, share in MIX}
    made: dict[str, list] = {t: [] for t, _ in MIX}
    articles = []
    for a in range(max(1, n_nodes // 20)):
        art = ID[f"article/synthetic-{a}"]
        g.add((art, RDF.type, DK.Article))
        g.add((art, DK.source, Literal(f"https://news.example/{a}.html")))
        g.add((art, DK.published, Literal(f"20{10 + a % 15:02d}-{1 + a % 12:02d}-{1 + a % 28:02d}", datatype=XSD.date)))
        articles.append(art)

    def entity(kind: str, i: int):
        node = ID[f"Q{kind[:2].upper()}{i}"]
        g.add((node, RDF.type, DK[kind]))
        g.add((node, RDFS.label, Literal(f"{kind} {i}", lang="en")))
        g.add((node, SKOS.altLabel, Literal(_word(rng, BN, 6), lang="bn")))
        g.add((node, SKOS.altLabel, Literal(_word(rng, HI, 6), lang="hi")))
        g.add((node, OWL.sameAs, URIRef(f"{WD}Q{kind[:2].upper()}{i}")))
        g.add((node, PROV.wasDerivedFrom, rng.choice(articles)))
        made[kind].append(node)
        return node

    for kind in ("Country", "Organization", "City", "Leader"):
        for i in range(counts[kind]):
            node = entity(kind, i)
            if kind == "Leader":
                g.add((node, DK.leaderOf, rng.choice(made["Country"])))
    ev_n = 0

    def event(kind: str, i: int, date: str, links: list[tuple]):
        nonlocal ev_n
        node = ID[f"{kind.lower()}/synthetic-{i}"]
        art = rng.choice(articles)
        ev = ID[f"evidence/synthetic/{ev_n}"]
        ev_n += 1
        g.add((node, RDF.type, DK[kind]))
        g.add((node, DK.confidence, Literal(f"0.{rng.randint(5, 9)}", datatype=XSD.decimal)))
        g.add((node, DK.date if kind in ("Summit", "Meeting") else DK.since, Literal(date, datatype=XSD.date)))
        g.add((node, DK.evidence, ev))
        g.add((node, PROV.wasDerivedFrom, art))
        for p, o in links:
            g.add((node, p, o))
        g.add((ev, RDF.type, DK.Evidence))
        g.add((ev, PROV.wasDerivedFrom, art))
        g.add((ev, DK.sentenceText, Literal(f"{_word(rng, BN, 5)} {kind} {i} {_word(rng, BN, 8)}।", lang="bn")))

    def day() -> str:
        return f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    for i in range(counts["Summit"]):
        event("Summit", i, day(), [(DK.organizedBy, rng.choice(made["Organization"])),
                                   (DK.hostCountry, rng.choice(made["Country"])),
                                   (DK.location, rng.choice(made["City"]))])
    for i in range(counts["Meeting"]):
        a, b = rng.sample(made["Leader"], 2)
        event("Meeting", i, day(), [(DK.participant, a), (DK.participant, b)])
    for i in range(counts["Partnership"]):
        a, b = rng.sample(made["Country"], 2)
        event("Partnership", i, day(), [(DK.partner, a), (DK.partner, b), (DK.kind, DK.StrategicPartnership)])
    for i in range(counts["Membership"]):
        event("Membership", i, day(), [(DK.member, rng.choice(made["Country"])),
                                       (DK.organization, rng.choice(made["Organization"]))])
    return g


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def offline_page(browser, width: int = 1400, height: int = 900):
    """A page whose every request other than file:// is refused and counted."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.refused = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            page.refused.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page


REDRAW = """(n) => { const net = window.diplokg.network, out = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); net.redraw(); out.push(performance.now() - t); }
  return [out.reduce((a, b) => a + b, 0) / n, Math.max(...out)]; }"""


def measure(browser, path: Path, n: int, screenshots: Path | None) -> dict:
    page = offline_page(browser)
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-state=settled]", state="attached", timeout=300_000)
    wall = time.perf_counter() - t0
    rendered, settled = page.evaluate("[window.diplokg.rendered, window.diplokg.settled]")
    fit_mean, fit_max = page.evaluate(REDRAW, 10)
    page.evaluate("window.diplokg.network.moveTo({scale: 1.0})")
    zoom_mean, zoom_max = page.evaluate(REDRAW, 10)
    page.evaluate("window.diplokg.network.fit({animation: false})")
    t = time.perf_counter()
    page.fill("#search", "Leader 1")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results:not([hidden])")
    search = time.perf_counter() - t
    if screenshots:
        screenshots.mkdir(parents=True, exist_ok=True)
        page.fill("#search", "")
        page.keyboard.press("Enter")
        page.screenshot(path=str(screenshots / f"explorer-{n}.png"))
    refused = list(page.refused)
    page.close()
    return {"nodes": n, "page_mb": round(path.stat().st_size / 1e6, 2), "rendered_s": round(rendered / 1000, 2),
            "settled_s": round(settled / 1000, 2), "wall_s": round(wall, 2),
            "redraw_fit_ms": round(fit_mean, 1), "redraw_fit_max_ms": round(fit_max, 1),
            "redraw_zoomed_ms": round(zoom_mean, 1), "search_s": round(search, 2), "refused_requests": len(refused)}


def _drawn_nodes(path: Path) -> int:
    """How many nodes a page written by diplokg draws (from its embedded data)."""
    import html as _html
    text = path.read_text(encoding="utf-8")
    start = text.index('<script type="application/json"')
    body = text[text.index(">", start) + 1:text.index("</script>", start)]
    return len(json.loads(_html.unescape(body) if body.lstrip().startswith("&") else body)["nodes"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="20,1000,2000,5000", help="drawn nodes per page, comma-separated")
    ap.add_argument("--repeat", type=int, default=1, help="page loads per size (the median is kept)")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--screenshots", help="save a screenshot of each page here")
    ap.add_argument("--page", action="append", default=[], metavar="FILE.html",
                    help="measure this page (e.g. a store's `diplokg export --to html`) instead of synthetic ones")
    args = ap.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 0
    from playwright.sync_api import sync_playwright

    from builder.export.html import to_html
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = launch(pw)
        for page in args.page:
            path = Path(page).resolve()
            n = _drawn_nodes(path)
            runs = [measure(browser, path, n, Path(args.screenshots) if args.screenshots and i == 0 else None)
                    for i in range(args.repeat)]
            runs.sort(key=lambda r: r["settled_s"])
            row = runs[len(runs) // 2] | {"page": str(path)}
            rows.append(row)
            print(json.dumps(row), flush=True)
        for n in (int(s) for s in args.sizes.split(",") if not args.page):
            t = time.perf_counter()
            graph = synthetic_graph(n)
            t_graph = time.perf_counter() - t
            t = time.perf_counter()
            html = to_html(graph, title=f"synthetic {n}")
            t_export = time.perf_counter() - t
            path = Path(tmp) / f"explorer-{n}.html"
            path.write_text(html, encoding="utf-8")
            runs = [measure(browser, path, n, Path(args.screenshots) if args.screenshots and i == 0 else None)
                    for i in range(args.repeat)]
            runs.sort(key=lambda r: r["settled_s"])
            row = runs[len(runs) // 2] | {"graph_s": round(t_graph, 2), "export_s": round(t_export, 2),
                                          "triples": len(graph)}
            row["checks"] = ",".join(k for k, limit in TARGETS.items() if n >= 5000 and row[k] > limit) or "ok"
            rows.append(row)
            print(json.dumps(row), flush=True)
        browser.close()
    load = os.getloadavg()[0]
    print(f"# load average {load:.2f}{' (busy machine: figures are noisy)' if load > 0.5 else ''}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
