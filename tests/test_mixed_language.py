"""Mixed-language articles: each paragraph (or sentence, where a paragraph mixes
scripts) is read with its own language pack; --lang still forces one language."""
from __future__ import annotations

import pytest
from rdflib import Graph

from builder import build_graph, extract
from builder.namespace import DK
from builder.segments import segments

BN = ("থাইল্যান্ডের রাজধানী ব্যাংককে বিমসটেক শীর্ষ সম্মেলনের ফাঁকে শুক্রবার ভারতের প্রধানমন্ত্রী "
      "নরেন্দ্র মোদীর সঙ্গে বৈঠক করেছেন অন্তর্বর্তীকালীন সরকারের প্রধান উপদেষ্টা অধ্যাপক মুহাম্মদ ইউনূস।")
EN = ("Russian President Vladimir Putin and Chinese leader Xi Jinping pledged on Tuesday to deepen "
      "their partnership during talks in the Kremlin.")
HI = "प्रधानमंत्री नरेन्द्र मोदी ने सोमवार को अमेरिका के राष्ट्रपति जो बाइडन से टेलीफोन पर बातचीत की।"
PAIRS = {frozenset({"Q1058", "muhammad-yunus"}): "bn", frozenset({"Q7747", "Q15031"}): "en",
         frozenset({"Q1058", "Q6279"}): "hi"}

ARTICLES = {
    "paragraphs": "\n".join([BN, EN, HI]) + "\n",
    "paragraphs-en-first": "\n\n".join([EN, HI, BN]),
    "one-paragraph": " ".join([HI, EN, BN]),
}


def meetings(ex):
    return {frozenset(f.attrs["participants"]): f for f in ex.facts if f.family == "meeting"}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_one_meeting_per_language_part(name):
    text = ARTICLES[name]
    ex = extract(text, published="2024-06-25")
    found = meetings(ex)
    assert set(found) == set(PAIRS)
    for pair, fact in found.items():
        for ev in fact.evidence:
            assert ev.lang == PAIRS[pair]
            assert text[ev.start:ev.end] == ev.text
            assert ex.sentences[ev.sentence] == (ev.start, ev.end)


def test_sentence_indices_are_the_article_order():
    ex = extract(ARTICLES["paragraphs"], published="2024-06-25")
    order = {PAIRS[p]: f.evidence[0].sentence for p, f in meetings(ex).items()}
    assert order["bn"] < order["en"] < order["hi"]
    assert ex.sentences == sorted(ex.sentences)


def test_main_language_is_the_one_with_most_characters():
    long_bn = "\n".join([BN, BN.replace("শুক্রবার", "বৃহস্পতিবার"), EN, HI])
    assert extract(long_bn, published="2024-06-25").lang == "bn"
    assert extract("\n".join([EN, EN, HI]), published="2024-06-25").lang == "en"


def test_graph_tags_the_article_with_its_main_language_and_each_sentence_with_its_own():
    g = build_graph(ARTICLES["paragraphs"], published="2024-06-25")
    assert len(set(g.subjects(None, DK.Meeting))) == 3
    assert {str(o) for o in g.objects(None, DK.language)} == {"bn"}
    tags = {str(o): o.language for o in g.objects(None, DK.sentenceText)}
    assert tags[EN] == "en" and tags[HI] == "hi" and tags[BN] == "bn"


def test_lang_override_reads_the_whole_text_in_one_language():
    ex = extract(ARTICLES["paragraphs"], lang="hi", published="2024-06-25")
    assert ex.lang == "hi"
    assert {ev.lang for f in ex.facts for ev in f.evidence} <= {"hi"}
    assert set(meetings(ex)) == {frozenset({"Q1058", "Q6279"})}


# ------------------------------------------------------------------ segmentation
def test_segments_cover_the_text_in_order():
    text = ARTICLES["one-paragraph"]
    segs = segments(text)
    assert [s.lang for s in segs] == ["hi", "en", "bn"]
    assert segs[0].start == 0 and segs[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(segs, segs[1:]))


def test_a_short_latin_line_does_not_split_an_indic_article():
    text = "29 May 2023, 18:08 (PTI)\n" + HI + "\n" + HI
    assert [s.lang for s in segments(text)] == ["hi"]
    text = HI + "\nPhoto: Reuters\n" + HI
    assert [s.lang for s in segments(text)] == ["hi"]


def test_a_forced_language_is_one_segment():
    text = ARTICLES["paragraphs"]
    assert [(s.start, s.end, s.lang) for s in segments(text, "en")] == [(0, len(text), "en")]


def test_cli_lang_option_still_forces_one_language(run_cli, tmp_path):
    src = tmp_path / "mixed.txt"
    src.write_text(ARTICLES["paragraphs"], "utf-8")
    out = tmp_path / "out.ttl"
    assert run_cli("build", src, "-o", out, "--published", "2024-06-25").exit_code == 0
    assert len(set(Graph().parse(out).subjects(None, DK.Meeting))) == 3
    assert run_cli("build", src, "-o", out, "--published", "2024-06-25", "--lang", "en").exit_code == 0
    g = Graph().parse(out)
    assert {str(o) for o in g.objects(None, DK.language)} == {"en"}
