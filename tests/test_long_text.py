"""Long articles: read in chunks on paragraph or sentence boundaries (spaCy's max_length
is never reached), with evidence offsets exact into the whole text and sentence indices
running on across chunks."""
from __future__ import annotations

import pytest
from conftest import load_case
from rdflib import Graph

from builder import extract, nlp
from builder.chunks import chunk_bounds
from builder.namespace import DK
from builder.text import normalize

FILLER = ("Paragraph {i} of the almanac records the rainfall of the season and the price "
          "of rice in the markets of the river towns.\n\n")


def big_text(tail: str, size: int = 1_200_000) -> str:
    """Many short filler paragraphs, then a real article: its facts sit in a late chunk."""
    parts, n, i = [], 0, 0
    while n < size:
        p = FILLER.format(i=i)
        parts.append(p)
        n += len(p)
        i += 1
    return "".join(parts) + tail


@pytest.fixture(scope="module")
def tail():
    text, meta = load_case("en-phone-call-partnership")
    return normalize(text), meta


@pytest.fixture(scope="module")
def big(tail):
    return big_text(tail[0])


# ------------------------------------------------------------------ chunking
def test_chunks_cover_the_text_and_cut_at_paragraphs_then_sentences():
    text = "First one. Second one.\nThird line here.\n\nFourth. Fifth sentence!"
    bounds = chunk_bounds(text, 30)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(e - s <= 30 for s, e in bounds)
    cuts = [text[:s] for s, _ in bounds[1:]]
    assert all(c.endswith("\n") or c.rstrip()[-1] in ".!?" for c in cuts), cuts


def test_chunks_split_a_paragraph_with_no_line_break_at_sentence_ends():
    text = "Alpha beta gamma. " * 50
    bounds = chunk_bounds(text, 100)
    assert len(bounds) > 1
    assert all(text[:s].endswith(". ") for s, _ in bounds[1:])


@pytest.mark.parametrize("case_id", ["bn-yunus-modi-bangkok", "en-putin-xi-moscow", "hi-modi-biden-call"])
def test_chunked_reading_gives_the_tokens_and_sentences_of_one_reading(case_id):
    text, meta = load_case(case_id)
    text = normalize(text)
    lang = meta["lang"]
    whole = nlp.read(lang, text)
    chunked = nlp.read(lang, text, chunk_chars=120)
    for key in ("diplokg.texts", "diplokg.keys", "diplokg.sent_ids"):
        assert chunked.user_data[key] == whole.user_data[key], key
    assert [t.idx for t in chunked] == [t.idx for t in whole]
    assert chunked.text == text


def test_no_chunk_reaches_spacy_max_length(monkeypatch, big):
    seen = []
    real = nlp.pipeline

    def spy(lang):
        p = real(lang)

        class Spy:
            def __call__(self, text):
                seen.append(len(text))
                return p(text)

            def pipe(self, texts, **kw):
                texts = list(texts)
                seen.extend(map(len, texts))
                return p.pipe(texts, **kw)
        return Spy()

    monkeypatch.setattr(nlp, "pipeline", spy)
    nlp.read("en", big[:300_000], chunk_chars=50_000)
    assert seen and max(seen) <= 50_000
    assert nlp.CHUNK_CHARS <= real("en").max_length // 5


def test_sections_number_sentences_on_and_keep_offsets_exact(seed_text):
    from builder.reading import read_sections
    text = normalize(seed_text)
    whole = [ev for sec in read_sections(text, "bn", None) for ev in sec.where.sentences]
    cut = [ev for sec in read_sections(text, "bn", None, section_chars=400) for ev in sec.where.sentences]
    assert len(list(read_sections(text, "bn", None, section_chars=400))) > 3
    assert [ev.sentence for ev in cut] == list(range(len(cut)))
    assert all(text[ev.start:ev.end] == ev.text for ev in cut)
    assert [(ev.start, ev.end) for ev in cut] == [(ev.start, ev.end) for ev in whole]


# ------------------------------------------------------------------ the API
@pytest.fixture(scope="module")
def big_extraction(big):
    return extract(big, lang="auto", published="2021-06-15")


def test_article_over_a_million_characters_is_read(big, big_extraction, tail):
    assert len(big) > 1_000_000
    ex = big_extraction
    assert ex.text == big and ex.lang == "en"
    late = len(big) - len(tail[0])
    facts = {f.family for f in ex.facts}
    assert {"meeting", "partnership"} <= facts
    n = 0
    for f in ex.facts:
        for ev in f.evidence:
            assert ev.start >= late
            assert big[ev.start:ev.end] == ev.text
            assert ex.sentences[ev.sentence] == (ev.start, ev.end)
            n += 1
    assert n
    # sentence indices run on: every filler paragraph before is a sentence of its own
    assert min(ev.sentence for f in ex.facts for ev in f.evidence) >= big[:late].count("\n\n")
    assert ex.sentences == sorted(ex.sentences) and len(set(ex.sentences)) == len(ex.sentences)


def test_long_article_gives_the_facts_of_the_article_alone(big_extraction, tail):
    alone = extract(tail[0], published="2021-06-15")
    key = lambda ex: sorted((f.family, f.key, round(f.confidence, 3), tuple(e.text for e in f.evidence))
                            for f in ex.facts)
    assert key(big_extraction) == key(alone)


def test_an_event_reported_in_two_sections_is_one_fact(monkeypatch, tail):
    from builder import reading
    text = tail[0].rstrip() + "\n\n" + tail[0]
    monkeypatch.setattr(reading, "SECTION_CHARS", len(tail[0]) + 10)
    ex = extract(text, published="2021-06-15")
    alone = extract(tail[0], published="2021-06-15")
    assert sorted((f.family, f.key) for f in ex.facts) == sorted((f.family, f.key) for f in alone.facts)
    half = len(tail[0].rstrip()) + 2
    for f in ex.facts:
        assert any(ev.start < half for ev in f.evidence) and any(ev.start >= half for ev in f.evidence)
        assert all(text[ev.start:ev.end] == ev.text for ev in f.evidence)


# ------------------------------------------------------------------ the CLI
def test_cli_builds_an_article_over_a_million_characters(run_cli, tmp_path, big, tail):
    src = tmp_path / "big.txt"
    src.write_text(big, "utf-8")
    out = tmp_path / "out.ttl"
    result = run_cli("build", src, "-o", out, "--published", "2021-06-15")
    assert result.exit_code == 0, result.output
    g = Graph().parse(out, format="turtle")
    assert list(g.subjects(None, DK.Meeting))
    late = len(big) - len(tail[0])
    evs = list(g.subjects(None, DK.Evidence))
    assert evs
    for ev in evs:
        start, end = int(g.value(ev, DK.startOffset)), int(g.value(ev, DK.endOffset))
        assert start >= late and big[start:end] == str(g.value(ev, DK.sentenceText))
