"""Recognition: inflection, spelling variants, acronyms, titles, unknown leaders."""
from __future__ import annotations

import pytest

from builder import langpack, nlp
from builder.recognition import recognise
from builder.text import normalize


def mentions(text: str, lang: str):
    clean = normalize(text)
    doc = nlp.pipeline(lang)(clean)
    _, ms = recognise(doc, clean, lang, langpack.load(lang), None)
    return ms


def named(text: str, lang: str):
    return [(m.kind, m.entry_id, m.base) for m in mentions(text, lang) if m.kind not in ("Title", "Date")]


@pytest.mark.parametrize("text,entry,base", [
    ("ভারতের সমর্থন", "Q668", "ভারত"),
    ("কাজাখস্তানে আসন্ন", "Q232", "কাজাখস্তান"),
    ("টোকায়েভের সাথে", "Q200881", "টোকায়েভ"),
    ("আস্তানায় আসন্ন", "Q1520", "আস্তানা"),
    ("মোদী বলেন", "Q1058", "মোদী"),            # spelling variant of মোদি
    ("মোদির সফর", "Q1058", "মোদি"),
    ("মঙ্গোলিয়াকে আমন্ত্রণ", "Q711", "মঙ্গোলিয়া"),
    ("এসসিওর সদস্য", "Q485207", "এসসিও"),
])
def test_bengali_inflection_and_variants(text, entry, base):
    got = named(text, "bn")
    assert got and got[0][1] == entry and got[0][2] == base


@pytest.mark.parametrize("text,lang,entry", [
    ("नरेन्द्र मोदी ने कहा", "hi", "Q1058"),      # न्द vs ंद
    ("कज़ाखस्तान के राष्ट्रपति", "hi", "Q232"),     # nukta
    ("India's Prime Minister", "en", "Q668"),
    ("Kazakh President", "en", "Q232"),            # demonym
    ("Turkiye and Kazakhstan", "en", "Q43"),
])
def test_variants_in_hindi_and_english(text, lang, entry):
    assert named(text, lang)[0][1] == entry


def test_defined_acronym_overrides_gazetteer_and_type_settles_reading():
    text = ("মোদি আসন্ন এমইএ শীর্ষ সম্মেলনের সাফল্য কামনা করেন। সাংহাই সহযোগিতা সংস্থা (এমইএ) শীর্ষ সম্মেলন "
            "আস্তানায় হবে, বিদেশ মন্ত্রক (এমইএ) জানিয়েছে। এমইএ যোগ করেছে।")
    acr = [(m.kind, m.entry_id) for m in mentions(text, "bn") if m.text == "এমইএ"]
    # before a summit: the organisation; as a speaker after its definition: the ministry
    assert acr[0] == ("Organization", "Q485207")
    assert acr[-1] == ("Ministry", "mea-india")


def test_title_ties_leader_to_state_and_office():
    ms = mentions("কাজাখস্তানের রাষ্ট্রপতি এইচ ই কাসিম-জোমার্ট টোকায়েভের সাথে", "bn")
    leader = next(m for m in ms if m.kind == "Leader")
    assert (leader.entry_id, leader.office, leader.country) == ("Q200881", "President", "Q232")


@pytest.mark.parametrize("text,lang,name,office,country", [
    ("Minister of State for External Affairs of India Meenakshi Lekhi met him", "en", "Meenakshi Lekhi", "Minister", "Q668"),
    ("Kazakh President Nursultan Nazarbayev", "en", "Nursultan Nazarbayev", "President", "Q232"),
    ("Mongolian President Ukhnaagiin Khurelsukh said", "en", "Ukhnaagiin Khurelsukh", "President", "Q711"),
    ("নেপালের প্রধানমন্ত্রী পুষ্পকমল দাহাল বলেন", "bn", "পুষ্পকমল দাহাল", "PrimeMinister", "Q837"),
    ("नेपाल के प्रधानमंत्री पुष्प कमल दहल ने कहा", "hi", "पुष्प कमल दहल", "PrimeMinister", "Q837"),
])
def test_unknown_leader_named_after_title(text, lang, name, office, country):
    leader = next(m for m in mentions(text, lang) if m.kind == "Leader")
    assert (leader.base, leader.office, leader.country) == (name, office, country)


@pytest.mark.parametrize("text,lang", [
    ("রাষ্ট্রপতি ভবনে আনুষ্ঠানিক সংবর্ধনা দেয়া হয়", "bn"),   # a building, not a president
    ("প্রধানমন্ত্রী তার উষ্ণ অভিনন্দনের জন্য ধন্যবাদ জানান", "bn"),  # a pronoun, not a name
    ("The Prime Minister will address the summit", "en"),
])
def test_no_leader_invented(text, lang):
    assert not [m for m in mentions(text, lang) if m.kind == "Leader"]


def test_city_inside_a_building_name_is_not_the_city():
    assert not [m for m in mentions("হায়দরাবাদ হাউসে বৈঠক", "bn") if m.kind == "City"]
    assert not [m for m in mentions("talks at Hyderabad House in New Delhi", "en") if m.entry_id != "Q987" and m.kind == "City"]


@pytest.mark.parametrize("text,lang", [
    ("cooperation in the Indian Ocean region", "en"),
    ("ভারত মহাসাগরে নৌ মহড়া", "bn"),
])
def test_seas_named_after_states_are_not_states(text, lang):
    assert [m for m in mentions(text, lang) if m.kind == "Country"] == []
