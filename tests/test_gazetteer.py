"""The gazetteer data: well-formed, licensed, and covering what the product promises."""
from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from builder import gazetteer

DATA = resources.files("builder.data").joinpath("gazetteer")


def test_every_shipped_file_has_source_and_license():
    sources = DATA.joinpath("SOURCES.md").read_text("utf-8")
    for name in gazetteer.FILES:
        assert name in sources, f"{name} has no entry in SOURCES.md"
    assert "License" in sources or "license" in sources


@pytest.mark.parametrize("name", gazetteer.FILES)
def test_rows_are_well_formed(name):
    for line in DATA.joinpath(name).read_text("utf-8").splitlines():
        row = json.loads(line)
        assert row["type"] in gazetteer.NAMED_TYPES
        if row.get("qid"):
            assert re.fullmatch(r"Q\d+", row["qid"])


def test_all_sovereign_states_in_three_languages():
    gz = gazetteer.load()
    states = [e for e in gz.entries.values() if e.type == "Country"]
    assert len(states) >= 193
    for e in states:
        assert e.qid and e.names.get("en"), e.id
    with_bn = sum(1 for e in states if e.names.get("bn"))
    with_hi = sum(1 for e in states if e.names.get("hi"))
    assert with_bn >= 190 and with_hi >= 190


def test_organisations_have_acronyms_and_leaders_have_positions():
    gz = gazetteer.load()
    sco = gz.get("Q485207")
    assert "SCO" in sco.acronyms["en"] and "এসসিও" in sco.acronyms["bn"]
    modi = gz.get("Q1058")
    assert {"country": "Q668", "office": "PrimeMinister", "start": 2014, "end": None} in modi.positions
    leaders = [e for e in gz.entries.values() if e.type == "Leader"]
    assert len(leaders) >= 300


def test_one_word_names_shared_by_two_leaders_are_not_indexed():
    gz = gazetteer.load()
    from builder import nlp
    idx = gz.index("en", lambda s: nlp.tokenize("en", s))
    # two Berdimuhamedows (father and son): the surname alone names neither
    forms = idx.get(("berdimuhamedow",), [])
    assert not [f for f in forms if gz.entries[f.entry_id].type == "Leader"]


def test_curated_leaders_carry_their_wikidata_ids():
    """A curated leader known to Wikidata is keyed by its id (and linked by owl:sameAs),
    and merges with the generated entry of the same person instead of doubling it."""
    from builder import gazetteer
    entries = gazetteer.load().entries
    assert entries["Q22686"].qid == "Q22686" and "ডোনাল্ড ট্রাম্প" in entries["Q22686"].names["bn"]
    japarov = entries["Q25597826"]
    assert {"Sadyr Japarov", "Sadyr Zhaparov"} <= set(japarov.names["en"])
    assert not any(e.type == "Leader" and e.english in ("Donald Trump", "Sadyr Japarov")
                   for k, e in entries.items() if not k.startswith("Q"))


@pytest.mark.parametrize("text, lang, qid", [
    ("ইতালির প্রধানমন্ত্রী জর্জিয়া মেলোনি ২০২৪ সালের ১৪ জুন প্রধানমন্ত্রী নরেন্দ্র মোদির সঙ্গে বৈঠক করেন।", "bn", "Q451791"),
    ("इंडोनेशिया के राष्ट्रपति प्रबोवो सुबियांतो ने 25 जनवरी 2025 को प्रधानमंत्री नरेंद्र मोदी से मुलाकात की।", "hi", "Q2107268"),
    ("Chinese Premier Li Qiang met Prime Minister Narendra Modi on 2 March 2025.", "en", "Q4414390"),
])
def test_leaders_in_office_since_2022_are_linked_in_every_language(text, lang, qid):
    from rdflib import URIRef
    from rdflib.namespace import OWL

    from builder import build_graph
    g = build_graph(text, lang=lang, published="2025-03-03")
    assert (None, OWL.sameAs, URIRef("http://www.wikidata.org/entity/" + qid)) in g
