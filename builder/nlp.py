"""spaCy pipelines: a blank tokenizer per language plus diplokg's own components.

No statistical model is loaded (nothing is downloaded): the components below are
rule- and data-driven and are registered with ``@Language.factory`` so that they can
be configured and reused in any spaCy pipeline.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import langpack

SENTENCE_END = {"।", "?", "!", ".", "॥", "|"}


def _is_word(text: str) -> bool:
    """Letters and combining marks only ('जी' is a word, though 'ी' is not alphabetic)."""
    return all(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in text)


@Language.factory("diplokg_sentences", default_config={"break_on_newline": True})
def make_sentences(nlp: Language, name: str, break_on_newline: bool):
    """Sentence boundaries at both danda forms, ?, !, a full stop and line breaks."""

    def component(doc: Doc) -> Doc:
        start_next = True
        for i, tok in enumerate(doc):
            if tok.is_space and i > 0:
                # whitespace joins the sentence before it; a line break ends that sentence
                tok.is_sent_start = False
                start_next = start_next or (break_on_newline and "\n" in tok.text)
                continue
            tok.is_sent_start = start_next
            text = tok.text
            # a full stop after an initial ('जी.', 'G .') abbreviates; it ends nothing
            initial = text == "." and i > 0 and len(doc[i - 1].text) <= 2 and _is_word(doc[i - 1].text)
            start_next = (text in SENTENCE_END and not initial) or (break_on_newline and "\n" in text)
        return doc

    return component


@Language.factory("diplokg_keys", default_config={"lang": "bn"})
def make_keys(nlp: Language, name: str, lang: str):
    """Folded matching keys and inflection-stripped stems for every token."""
    pack = langpack.load(lang)

    def component(doc: Doc) -> Doc:
        keys = [pack.fold(pack.digits(t.text)) for t in doc]
        doc.user_data["diplokg.keys"] = keys
        doc.user_data["diplokg.stems"] = [pack.stems(k) for k in keys]
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


def tokenize(lang: str, text: str) -> list[str]:
    return [t.text for t in pipeline(lang).tokenizer(text)]
