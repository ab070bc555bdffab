"""spaCy pipelines: a blank tokenizer per language plus diplokg's own components.

No statistical model is loaded (nothing is downloaded): the components below are
rule- and data-driven and are registered with ``@Language.factory`` so that they can
be configured and reused in any spaCy pipeline.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import langpack
from .chunks import SENTENCE_END as _ENDS
from .chunks import chunk_bounds

SENTENCE_END = set(_ENDS)
# characters per call of the pipeline: a tenth of spaCy's max_length (1,000,000), so a
# chunk's doc stays small and the limit is never reached
CHUNK_CHARS = 100_000


def _is_word(text: str) -> bool:
    """Letters and combining marks only ('जी' is a word, though 'ी' is not alphabetic)."""
    return all(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in text)


def sentence_starts(texts: list[str], break_on_newline: bool = True) -> list[int]:
    """The tokens that start a sentence: after both danda forms, ?, !, a full stop (not
    after an initial) and line breaks; whitespace joins the sentence before it."""
    n = len(texts)
    starts = [0] if n else []
    for i in [i for i, t in enumerate(texts) if t in SENTENCE_END or (break_on_newline and "\n" in t)]:
        if texts[i] == "." and i > 0 and len(texts[i - 1]) <= 2 and _is_word(texts[i - 1]):
            continue  # a full stop after an initial ('जी.', 'G .') abbreviates; it ends nothing
        j = i + 1
        while j < n and texts[j].isspace():
            j += 1  # whitespace joins the sentence before it
        if j < n and j > starts[-1]:
            starts.append(j)
    return starts


def _mark_sentences(doc: Doc, texts: list[str], starts: list[int]) -> None:
    n = len(texts)
    sent_ids = [0] * n
    for k, (a, b) in enumerate(zip(starts, starts[1:] + [n])):
        sent_ids[a:b] = [k] * (b - a)
    flags = numpy.full(n, -1, dtype="int64")
    flags[starts] = 1
    if n:
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
    doc.user_data["diplokg.texts"] = texts
    doc.user_data["diplokg.sent_ids"] = sent_ids


def token_texts(doc: Doc) -> list[str]:
    """Each token's verbatim text (its ORTH string; the text of the doc sliced at the
    token), read without making spaCy's Token objects."""
    strings = doc.vocab.strings
    return [strings[o] for o in doc.to_array(ORTH).tolist()]


@Language.factory("diplokg_sentences", default_config={"break_on_newline": True})
def make_sentences(nlp: Language, name: str, break_on_newline: bool):
    """Sentence boundaries by ``sentence_starts``."""

    def component(doc: Doc) -> Doc:
        texts = token_texts(doc)
        _mark_sentences(doc, texts, sentence_starts(texts, break_on_newline))
        return doc

    return component


@Language.factory("diplokg_keys", default_config={"lang": "bn"})
def make_keys(nlp: Language, name: str, lang: str):
    """Folded matching keys and inflection-stripped stems for every token (memoised per
    token text, as spaCy memoises its lexemes)."""
    pack = langpack.load(lang)
    memo: dict[str, list[str]] = {}

    def stems_of(text: str) -> list[str]:
        got = memo.get(text)
        if got is None:
            got = pack.stems(pack.fold(pack.digits(text)))
            if len(memo) < 500_000:
                memo[text] = got
        return got

    def component(doc: Doc) -> Doc:
        texts = doc.user_data.get("diplokg.texts") or token_texts(doc)
        stems = [memo[t] if t in memo else stems_of(t) for t in texts]
        doc.user_data["diplokg.stems"] = stems
        doc.user_data["diplokg.keys"] = [s[0] for s in stems]
        return doc

    return component


@lru_cache(maxsize=None)
def pipeline(lang: str) -> Language:
    """The pipeline for one language, built once per process on first use."""
    langpack.load(lang)  # validates the code
    nlp = spacy.blank(lang)
    nlp.add_pipe("diplokg_sentences")
    nlp.add_pipe("diplokg_keys", config={"lang": lang})
    return nlp


def read(lang: str, text: str, chunk_chars: int = CHUNK_CHARS, breaks: Sequence[int] = ()) -> Doc:
    """``text`` through the pipeline of ``lang``, in chunks of at most ``chunk_chars``
    characters cut on paragraph or sentence boundaries (see ``builder.chunks``): the
    result is the doc one call would give (same tokens, offsets, keys and sentences),
    at any length, with no chunk near spaCy's ``max_length``. A sentence also starts at
    the token at each character offset in ``breaks`` (where joined parts meet)."""
    nlp = pipeline(lang)
    if len(text) <= chunk_chars:
        doc = nlp(text)
        texts = doc.user_data["diplokg.texts"]
    else:
        texts, keys, stems, docs = [], [], [], []
        for doc in nlp.pipe(text[a:b] for a, b in chunk_bounds(text, chunk_chars)):
            data = doc.user_data
            texts += data.pop("diplokg.texts")
            keys += data.pop("diplokg.keys")
            stems += data.pop("diplokg.stems")
            data.clear()
            docs.append(doc)
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        del docs
        doc.user_data["diplokg.keys"] = keys
        doc.user_data["diplokg.stems"] = stems
        if not breaks:
            # sentences over the whole token list: a chunk's first token starts one only
            # where the text says so, as in one reading
            _mark_sentences(doc, texts, sentence_starts(texts))
    if breaks:
        idx = doc.to_array(IDX).tolist()
        forced = {k for b in breaks if (k := bisect_left(idx, b)) < len(idx)}
        _mark_sentences(doc, texts, sorted(forced.union(sentence_starts(texts))))
    return doc


def tokenize(lang: str, text: str) -> list[str]:
    return [t.text for t in pipeline(lang).tokenizer(text)]
