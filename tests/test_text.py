"""Normalisation and language detection."""
from __future__ import annotations

import unicodedata

import pytest

from builder.detect import detect
from builder.text import normalize, slug


def test_nfc_and_nukta_forms_unify():
    decomposed = "কাজাখস্তানে টোকায\u09bc\u09c7ভ"     # য + nukta, as some sites write it
    precomposed = "কাজাখস্তানে টোকা\u09df\u09c7ভ"      # য়, the precomposed letter
    assert normalize(decomposed) == normalize(precomposed)
    assert unicodedata.is_normalized("NFC", normalize(precomposed))


def test_zero_width_characters_removed():
    assert normalize("ভা\u200cরত\u200b এবং\ufeff কাজাখস্তান") == "ভারত এবং কাজাখস্তান"


def test_both_danda_forms_become_one():
    assert normalize("জানান৷ তারপর।") == "জানান। তারপর।"


def test_lines_kept_spaces_folded():
    assert normalize("a \u00a0 b\r\nc") == "a b\nc"


@pytest.mark.parametrize("text,lang", [
    ("ভারতের প্রধানমন্ত্রী নরেন্দ্র মোদি", "bn"),
    ("प्रधानमंत्री नरेंद्र मोदी ने शेख हसीना से मुलाकात की", "hi"),
    ("Prime Minister Narendra Modi spoke on phone", "en"),
    ("5 देशों के राष्ट्रपति होंगे, India-Central Asia Summit की पहली बैठक", "hi"),
    ("BRICS summit: শি জিনপিং এবং পুতিন", "bn"),
])
def test_detect_language_by_script(text, lang):
    assert detect(text) == lang


def test_slug_keeps_script_and_drops_punctuation():
    assert slug("কাসিম-জোমার্ট টোকায়েভ") == "কাসিম-জোমার্ট-টোকায়েভ"
    assert slug("S. Jaishankar") == "s-jaishankar"
    assert slug("<script>") == "script"
