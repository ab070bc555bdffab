"""A seeded fuzz test (issue 8): random mixed-script text (Bengali, Devanagari, Latin)
with invisible and combining characters, RTL marks, characters from every Unicode
plane, HTML fragments and impossible dates; and cut JSON Lines. Deterministic (one
seed, DIPLOKG_FUZZ_SEED to try another) and bounded to about a minute on a 2-core
machine (DIPLOKG_FUZZ_CASES scales it).

It asserts: no crash (bad input is a clean error), every built graph conforming (both
SHACL engines), and every output re-parsing in pyoxigraph to the same triples in every
RDF syntax the CLI writes.
"""
from __future__ import annotations

import json
import os
import random

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from builder import build_graph
from builder.cli.common import FORMATS, serialize
from builder.corpus.article import Article
from builder.corpus.read import read_corpus
from builder.iri import is_iri
from builder.shacl import validate_articles
from builder.store.terms import to_ox
from builder.xmlsafe import is_clean

SEED = int(os.environ.get("DIPLOKG_FUZZ_SEED", "20240625"))
CASES = int(os.environ.get("DIPLOKG_FUZZ_CASES", "800"))
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
              "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}

# pieces of news in the three languages: leaders (linked and not), meetings, dates, summits
PIECES = {
    "en": ["Prime Minister Narendra Modi", "President Kassym-Jomart Tokayev", "President Zarko Velev",
           "Prime Minister Anton Grig", "met", "held talks with", "spoke on the phone with", "in Astana",
           "in New Delhi", "on 4 July 2024", "on 12/31/2024", "on 31/31/2024", "on 2024-02-30", "on Tuesday",
           "at the SCO summit", "India and Kazakhstan", "signed a strategic partnership", "a member of the SCO",
           "Foreign Minister S. Jaishankar", "June 2017", "."],
    "bn": ["প্রধানমন্ত্রী নরেন্দ্র মোদি", "প্রেসিডেন্ট কাসিম-জোমার্ট টোকায়েভ", "প্রধানমন্ত্রী জারকো ভেলেভ",
           "ও", "বৈঠক করেন", "টেলিফোনে কথা বলেছেন", "আস্তানায়", "২৫ জুন, ২০২৪", "মঙ্গলবার", "ভারতের",
           "কাজাখস্তানের", "সাংহাই সহযোগিতা সংস্থার (এসসিও) শীর্ষ সম্মেলনে", "কৌশলগত অংশীদারিত্ব", "।"],
    "hi": ["प्रधानमंत्री नरेंद्र मोदी", "राष्ट्रपति कासिम-जोमार्ट टोकायेव", "राष्ट्रपति जारको वेलेव", "और",
           "ने", "मुलाकात की", "फोन पर बात की", "अस्ताना में", "4 जुलाई 2024 को", "मंगलवार को", "भारत",
           "शंघाई सहयोग संगठन के शिखर सम्मेलन में", "रणनीतिक साझेदारी", "।"],
}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\ufe0f", "\U000e0101", "\U000e0041",
             "\u180e", "\u034f", "\u2062"]
COMBINING = ["\u0301", "\u0308", "\u0951", "\u09bc", "\u093c", "\u0330", "\u20dd", "\u0301" * 12]
RTL = ["\u200f", "\u200e", "\u202e", "\u202b", "\u2067", "\u2069", "\u061c", "שלום", "مرحبا", "\u202c"]
CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\r", "\t", "\ufffe", "\uffff",
           "\ud800", "\udfff"]
HTML = ["<p>", "</p>", "<b>Modi</b>", "&amp;", "&lt;script&gt;", "<script>alert(1)</script>",
        "<a href=\"javascript:x\">", "<!-- c -->", "<br/>", "<img src=x onerror=alert(1)>", "]]>", "<![CDATA[x",
        "&#0;", "\"quoted\"", "{\"@context\": \"http://x\"}", "<>\"{}|\\^`"]


def any_plane_char(rng: random.Random) -> str:
    """A code point of any of the 17 planes: letters, private use, non-characters,
    surrogates and unassigned ones alike."""
    plane = rng.randrange(17)
    low = rng.choice([rng.randrange(0x10000), 0xFFFE, 0xFFFF, 0xFDD0, 0xE000, 0xD800, 0xDC00, 0x0101])
    cp = (plane << 16) | low
    return chr(cp)


def spice(rng: random.Random, word: str) -> str:
    """The word with junk inside it or around it."""
    pool = rng.choice([INVISIBLE, COMBINING, RTL, CONTROL, HTML, None])
    junk = any_plane_char(rng) if pool is None else rng.choice(pool)
    at = rng.randrange(len(word) + 1)
    return word[:at] + junk + word[at:]


def fuzz_text(rng: random.Random) -> str:
    langs = rng.sample(sorted(PIECES), rng.randint(1, 3))
    sentences = []
    for _ in range(rng.randint(1, 4)):
        lang = rng.choice(langs)
        words = [rng.choice(PIECES[lang]) for _ in range(rng.randint(3, 9))]
        words = [spice(rng, w) if rng.random() < 0.3 else w for w in words]
        sentences.append(" ".join(words) + rng.choice([".", "।", "\n", "", "\n\n"]))
    return rng.choice(["", " ", "\n"]).join(sentences)


def triples(quads) -> set:
    return {(q.subject, q.predicate, q.object) for q in quads}


def check_outputs(g: Graph, label: str) -> None:
    assert is_clean(g), label
    want = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in g}
    for fmt in FORMATS:
        data = serialize(g, fmt)
        try:
            back = triples(ox.parse(data, format=OX_FORMATS[fmt]))
        except (SyntaxError, ValueError) as e:
            raise AssertionError(f"{label}: {fmt} output does not parse in pyoxigraph: {e}") from e
        assert back == want, f"{label}: {fmt} output re-parses to other triples"


def cases(n: int, seed: int) -> list[tuple[str, str, str | None]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = fuzz_text(rng)
        lang = rng.choice(["auto", "auto", "bn", "en", "hi"])
        published = rng.choice([None, "2024-06-25", "2023-01-05", "2024-02-29"])
        out.append((text, lang, published))
    return out


def test_fuzz_texts_build_conforming_graphs_that_every_syntax_carries():
    graphs, labels = [], []
    for i, (text, lang, published) in enumerate(cases(CASES, SEED)):
        label = f"case {i} (seed {SEED}): {text[:80]!r}"
        g = build_graph(text, lang=lang, published=published, source=f"fuzz/{i}.txt")
        bad = [str(t) for triple in g for t in triple if isinstance(t, URIRef) and not is_iri(str(t))]
        assert not bad, f"{label}: invalid IRIs {bad[:3]}"
        check_outputs(g, label)
        graphs.append(g)
        labels.append(label)
    for engine in ("turbo", "pyshacl"):
        for label, found in zip(labels, validate_articles(graphs, engine=engine)):
            assert not found, f"{label}: does not conform ({engine}): {[v.line() for v in found[:3]]}"


def _jsonl_lines(rng: random.Random, n: int) -> list[bytes]:
    lines = []
    for i in range(n):
        record = {"id": f"a{i}{spice(rng, 'x') if rng.random() < 0.3 else ''}", "text": fuzz_text(rng)}
        if rng.random() < 0.5:
            record["lang"] = rng.choice(["bn", "en", "hi"])
        if rng.random() < 0.5:
            record["published"] = rng.choice(["2024-06-25", "2023-01-05"])
        line = json.dumps(record, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
        lines.append(line)
    return lines


def cut_jsonl(rng: random.Random) -> bytes:
    lines = _jsonl_lines(rng, rng.randint(1, 5))
    data = b"\n".join(lines) + b"\n"
    cuts = sorted(rng.sample(range(len(data)), min(len(data), rng.randint(1, 3))))
    out, prev = [], 0
    for c in cuts:   # cut out a random slice after each cut point
        out.append(data[prev:c])
        prev = min(len(data), c + rng.randint(0, 40))
    out.append(data[prev:])
    return rng.choice([b"", b"\xef\xbb\xbf"]) + b"".join(out)


def test_fuzz_cut_json_lines_read_cleanly(tmp_path):
    """A cut JSON Lines file: every line is an article or a problem naming the line, never
    a crash; every article builds a graph every syntax carries."""
    rng = random.Random(SEED + 1)
    built = []
    for i in range(max(1, CASES // 6)):
        path = tmp_path / f"cut{i}.jsonl"
        path.write_bytes(cut_jsonl(rng))
        for item in read_corpus([str(path)]):
            if isinstance(item, Article):
                g = build_graph(item.text, lang=item.lang, published=item.published, source=item.source)
                check_outputs(g, f"{path.name}: {item.id!r}")
                built.append(g)
            else:
                text = str(item)
                assert path.name in text and "\n" not in text.strip(), text
    assert all(not v for v in validate_articles(built, engine="turbo"))


@pytest.mark.parametrize("i", range(6))
def test_fuzz_cli_build_of_cut_json_lines(tmp_path, i):
    """The CLI on a cut JSON Lines file: exit 0 or 2 with one-line errors, no traceback,
    and an output every syntax re-reads."""
    from click.testing import CliRunner

    from builder.cli import main
    rng = random.Random(SEED + 100 + i)
    src = tmp_path / "feed.jsonl"
    src.write_bytes(cut_jsonl(rng))
    fmt = sorted(FORMATS)[(SEED + i) % len(FORMATS)]
    out = tmp_path / f"out{FORMATS[fmt]}"
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--quiet"])
    assert result.exit_code in (0, 2), (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if out.exists():
        triples(ox.parse(out.read_bytes(), format=OX_FORMATS[fmt]))
