"""Every IRI diplokg mints is a valid RFC 3987 IRI, whatever the names in the text hold
(issue 8, item 1): pyoxigraph accepts it, and JSON-LD, Turtle, N-Triples and RDF/XML
round trips lose no triple."""
from __future__ import annotations

import unicodedata

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from builder import build_graph, validate
from builder.iri import iri_path, is_iri
from builder.model import Evidence, Extraction, Fact
from builder.rdf import add_extraction, entity_iri, entity_key
from builder.text import slug

# characters no IRI may hold unescaped, or (bidi controls) must not hold at all
HOSTILE = {
    "variation selector 17": "\U000E0101",
    "variation selector 16": "\uFE0F",
    "tag character": "\U000E0041",
    "private use": "\uE000",
    "supplementary private use": "\U000F0000",
    "non-character fdd0": "\uFDD0",
    "non-character fffe": "\uFFFE",
    "non-character 1fffe": "\U0001FFFE",
    "lone surrogate": "\udc00",
    "right-to-left override": "\u202E",
    "right-to-left mark": "\u200F",
    "left-to-right isolate": "\u2066",
    "space": " ",
    "no-break space": "\u00A0",
    "control 01": "\x01",
    "vertical tab": "\x0b",
    "delete": "\x7f",
    "C1 control": "\x85",
    **{f"ascii {c}": c for c in '<>"{}|\\^`'},
    "percent": "%",
    "hash": "#",
    "question mark": "?",
    "square bracket": "[",
}


def oxigraph_accepts(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
        return True
    except ValueError:
        return False


def iris(g: Graph) -> set[str]:
    return {str(t) for triple in g for t in triple if isinstance(t, URIRef)}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_slug_and_entity_keys_are_iri_safe(name):
    ch = HOSTILE[name]
    for text in (f"Zarko Vel{ch}ev", f"{ch}Zarko", f"Zarko{ch}", f"জারকো ভে{ch}লেভ", f"जारको वे{ch}लेव", ch):
        key = entity_key("leader-" + slug(text), "Leader")
        iri = str(entity_iri("leader-" + slug(text), "Leader"))
        assert is_iri(iri) and oxigraph_accepts(iri), (name, text, iri)
        assert ch not in key, (name, text, key)
        assert all(c.isalnum() or c in "-/" or unicodedata.category(c).startswith("M") for c in key), key


def test_invisible_characters_do_not_split_a_name():
    assert slug("Vel\U000E0101ev") == slug("Vel\uFE0Fev") == slug("Vel\u202Eev") == "velev"
    assert slug("ভে\U000E0101লেভ") == "ভেলেভ"


def test_slug_keeps_letters_digits_and_marks_of_every_script():
    assert slug("কাসিম-জোমার্ট টোকায়েভ") == "কাসিম-জোমার্ট-টোকায়েভ"
    assert slug("नरेंद्र मोदी") == "नरेंद्र-मोदी"
    assert slug("Gríg 2nd") == "gríg-2nd"
    assert slug("\U0001F600 smile \uE000 x") == "smile-x"


def test_an_empty_slug_still_gives_a_distinct_iri():
    a, b = entity_key("\uE000", "Leader"), entity_key("\uE001", "Leader")
    assert a != b and a.startswith("leader/") and len(a) > len("leader/")
    assert oxigraph_accepts(str(entity_iri("\uE000", "Leader")))


def test_only_ascii_qids_are_wikidata_ids():
    assert entity_key("Q1058", "Leader") == "Q1058"
    assert entity_key("Q১০৫৮", "Leader").startswith("leader/")


@pytest.mark.parametrize("text", ["a b", "a%zz", "a%4", "x\x00y", "\udc00", "\U000E0101", "a[b]", "\u202e",
                                  "ok/fine-ধ", "%41", "a#b?c"])
def test_iri_path_percent_encodes_what_an_iri_path_cannot_hold(text):
    iri = "https://w3id.org/diplokg/id/" + iri_path(text)
    assert is_iri(iri) and oxigraph_accepts(iri), iri
    if text in ("ok/fine-ধ", "%41"):
        assert iri_path(text) == text


def test_is_iri_agrees_with_oxigraph_on_the_hostile_characters():
    for ch in HOSTILE.values():
        iri = f"https://w3id.org/diplokg/id/leader/a{ch}b"
        if oxigraph_accepts(iri) is False:
            assert not is_iri(iri), repr(ch)


def _extraction(names: list[str]) -> Extraction:
    """A meeting of leaders with unlinked hostile names, as the extractors would give it."""
    ids = [f"leader-{n}" for n in names]   # raw, as a careless extractor might key them
    ents = {i: {"type": "Leader", "label": "", "qid": None, "surfaces": [(n, "en")], "evidence": []}
            for i, n in zip(ids, names)}
    text = " met ".join(names)
    ev = [Evidence(0, 0, len(text), text)]
    facts = [Fact("meeting", ("m",), {"participants": ids, "mode": "InPerson", "date": None}, ev, 0.9),
             Fact("office", ("o",), {"leader": ids[0], "office": "President"}, ev, 0.9),
             Fact("partnership", ("p",), {"partners": ids, "kind": "StrategicPartnership", "since": None},
                  ev, 0.9),
             Fact("membership", ("s",), {"member": ids[0], "organization": ids[1], "status": "FullMember",
                                         "since": None}, ev, 0.9)]
    return Extraction(text=text, lang="en", published=None, source="t.txt", sentences=[(0, len(text))],
                      entities=ents, facts=facts)


def test_every_minted_iri_is_valid_even_from_raw_keys():
    names = ["Zarko Vel" + ch + "ev" for ch in HOSTILE.values()]
    g = add_extraction(Graph(), _extraction(names[: len(names) // 2]))
    add_extraction(g, _extraction(names[len(names) // 2:]))
    bad = [i for i in iris(g) if not (is_iri(i) and oxigraph_accepts(i))]
    assert not bad


HOSTILE_TEXTS = [
    # an English sentence: a meeting of two unlinked leaders, with a date
    ("en", "Prime Minister Zarko Vel\u0301ev met President Anton Gr\U000E0101ig in Astana on 4 July 2024. "
           "President Anton\uFE0F Grig met Prime Minister Zarko Velev\u202E in Astana on 5 July 2024."),
    ("bn", "প্রধানমন্ত্রী জারকো ভে\U000E0101লেভ ও প্রেসিডেন্ট আন্তন গ্রি\uFE0Fগ ৪ জুলাই ২০২৪ আস্তানায় বৈঠক করেন।"),
    ("hi", "प्रधानमंत्री जारको वे\U000E0101लेव और राष्ट्रपति आंतन ग्रि\u200Fग ने 4 जुलाई 2024 को अस्ताना में मुलाकात की।"),
]


def _meeting_graph(lang, text) -> Graph:
    g = build_graph(text, lang=lang)
    assert list(g.subjects(predicate=None, object=URIRef("https://w3id.org/diplokg/ontology#Meeting")))
    return g


@pytest.mark.parametrize("lang,text", HOSTILE_TEXTS, ids=[t[0] for t in HOSTILE_TEXTS])
def test_a_meeting_of_hostile_names_has_valid_iris(lang, text):
    g = _meeting_graph(lang, text)
    bad = [i for i in iris(g) if not (is_iri(i) and oxigraph_accepts(i))]
    assert not bad
    assert validate(g)[0]


def _oxigraph_triples(data: bytes, fmt) -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)}


@pytest.mark.parametrize("lang,text", HOSTILE_TEXTS, ids=[t[0] for t in HOSTILE_TEXTS])
@pytest.mark.parametrize("fmt,oxfmt", [("json-ld", ox.RdfFormat.JSON_LD), ("turtle", ox.RdfFormat.TURTLE),
                                       ("nt", ox.RdfFormat.N_TRIPLES), ("xml", ox.RdfFormat.RDF_XML)])
def test_round_trips_lose_no_triple(lang, text, fmt, oxfmt):
    from builder.store.terms import graph_quads
    from builder.turtle import to_turtle
    g = _meeting_graph(lang, text)
    want = {(q.subject, q.predicate, q.object) for q in graph_quads(g, ox.DefaultGraph())}
    data = to_turtle(g).encode() if fmt == "turtle" else g.serialize(format=fmt, encoding="utf-8")
    back = Graph().parse(data=data, format=fmt)
    assert len(back) == len(g) and set(back) == set(g)
    assert _oxigraph_triples(data, oxfmt) == want


def test_turtle_writer_gives_iris_every_parser_accepts():
    """An IRI read leniently from a file (rdflib accepts a space or a control character)
    is written percent-encoded, never as a \\u escape that RFC 3987 parsers refuse; a lone
    surrogate in a literal is written U+FFFD."""
    from rdflib import Literal

    from builder.turtle import to_turtle
    g = Graph()
    for raw in ("https://x.test/a b", "https://x.test/a<b>", "https://x.test/a\x01b", "https://x.test/a\udc00",
                "https://x.test/a{b}|c^d`e\\f\"g"):
        g.add((URIRef(raw), URIRef("https://x.test/p"), Literal("v\udc00w")))
    data = to_turtle(g).encode("utf-8")
    back = _oxigraph_triples(data, ox.RdfFormat.TURTLE)
    assert len(back) == len(g)
    assert all(is_iri(t[0].value) for t in back)
    assert {t[2].value for t in back} == {"v\ufffdw"}


@pytest.mark.parametrize("lang,text", HOSTILE_TEXTS, ids=[t[0] for t in HOSTILE_TEXTS])
def test_ntriples_of_a_built_graph_is_what_oxigraph_writes(lang, text):
    """store.terms.ntriples (the worker's N-Triples, each term written by pyoxigraph) gives
    byte for byte what pyoxigraph's serializer gives, hostile text included."""
    from builder.store.terms import graph_quads, ntriples
    g = _meeting_graph(lang, text)
    triples = sorted(g)
    ours = ntriples(triples)
    theirs = ox.serialize([ox.Triple(q.subject, q.predicate, q.object)
                           for q in graph_quads(triples, ox.DefaultGraph())], format=ox.RdfFormat.N_TRIPLES)
    assert ours == theirs
    assert _oxigraph_triples(ours, ox.RdfFormat.N_TRIPLES) == _oxigraph_triples(theirs, ox.RdfFormat.N_TRIPLES)
