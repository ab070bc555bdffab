"""Generalisation, second round: failure patterns the probes with unseen news-style
articles showed, fixed in grammar or data; sentences written for these tests, in the
languages each pattern concerns."""
from __future__ import annotations

import pytest
from extraction_util import facts, meetings

MODI, PUTIN, HASINA, KISHIDA, ZELENSKYY = "Q1058", "Q7747", "Q52183", "Q359480", "Q3874799"
LI_QIANG = "Q4414390"
IND, CHN, USA, VNM, LAO, JPN, BGD, MYS, PAK = "Q668", "Q148", "Q30", "Q881", "Q819", "Q17", "Q902", "Q833", "Q843"
ASEAN, BRICS, G20, SCO = "Q7768", "org-brics", "org-g20", "Q485207"


# ------------------------------------------------------------------ partnerships
@pytest.mark.parametrize("lang,text", [
    ("en", "US President Joe Biden hosted the Quad summit in Wilmington. Biden praised India. The United States "
           "and India signed a deal. On Monday, Prime Minister Narendra Modi held talks with Vietnamese Prime "
           "Minister Pham Minh Chinh in New Delhi. The two sides elevated ties to a comprehensive strategic "
           "partnership."),
    ("hi", "अमेरिकी राष्ट्रपति जो बाइडन ने क्वाड शिखर सम्मेलन की मेजबानी की। बाइडन ने भारत की प्रशंसा की। अमेरिका और "
           "भारत ने समझौता किया। सोमवार को प्रधानमंत्री नरेंद्र मोदी ने नई दिल्ली में वियतनाम के प्रधानमंत्री फाम मिन्ह "
           "चिन्ह के साथ वार्ता की। दोनों पक्षों ने संबंधों को व्यापक रणनीतिक साझेदारी में बदल दिया।"),
    ("bn", "মার্কিন প্রেসিডেন্ট জো বাইডেন কোয়াড শীর্ষ সম্মেলন আয়োজন করেন। বাইডেন ভারতের প্রশংসা করেন। যুক্তরাষ্ট্র ও "
           "ভারত একটি চুক্তি সই করে। সোমবার নয়াদিল্লিতে প্রধানমন্ত্রী নরেন্দ্র মোদী ভিয়েতনামের প্রধানমন্ত্রী ফাম মিন "
           "চিনের সঙ্গে বৈঠক করেন। দুই পক্ষ সম্পর্ককে সমন্বিত কৌশলগত অংশীদারিত্বে উন্নীত করে।"),
])
def test_the_two_sides_are_the_states_of_the_talks_just_told(lang, text):
    (p,) = facts(text, lang, "partnership")
    assert set(p["partners"]) == {IND, VNM}


@pytest.mark.parametrize("lang,text", [
    ("en", "Prime Minister Narendra Modi attended the India–ASEAN summit in Vientiane, Laos. The India–ASEAN "
           "comprehensive strategic partnership was reviewed."),
    ("hi", "प्रधानमंत्री मोदी लाओस की राजधानी वियनतियाने पहुंचे। उन्होंने भारत-आसियान शिखर सम्मेलन में भाग लिया। "
           "भारत-आसियान व्यापक रणनीतिक साझेदारी की समीक्षा की गई।"),
    ("bn", "প্রধানমন্ত্রী নরেন্দ্র মোদী লাওসের রাজধানী ভিয়েনতিয়েনে পৌঁছান। ভারত-আসিয়ান শীর্ষ সম্মেলনে তিনি যোগ দেন। "
           "ভারত-আসিয়ান সমন্বিত কৌশলগত অংশীদারিত্ব পর্যালোচনা করা হয়।"),
])
def test_a_partnership_with_a_bloc_is_not_one_with_the_host_state(lang, text):
    assert not any(LAO in p["partners"] for p in facts(text, lang, "partnership"))


# ------------------------------------------------------------------ summits
@pytest.mark.parametrize("lang,text", [
    ("bn", "নয়াদিল্লিতে জি-২০ শীর্ষ সম্মেলন অনুষ্ঠিত হয়। প্রধানমন্ত্রী শেখ হাসিনা আমন্ত্রিত অতিথি হিসেবে সম্মেলনে যোগ দেন।"),
    ("hi", "नई दिल्ली में जी20 शिखर सम्मेलन आयोजित हुआ। बांग्लादेश की प्रधानमंत्री शेख हसीना ने आमंत्रित अतिथि के रूप में "
           "सम्मेलन में भाग लिया।"),
    ("en", "The G20 summit was held in New Delhi. Bangladesh Prime Minister Sheikh Hasina attended as an invited guest."),
])
def test_an_invited_guest_takes_part(lang, text):
    (s,) = facts(text, lang, "summit", "2023-09-11")
    assert s["org"] == G20 and HASINA in s["participants"]


@pytest.mark.parametrize("lang,text", [
    ("en", "The BRICS summit was held in Kazan. Chinese Premier Li Qiang represented China at the summit."),
    ("bn", "কাজানে ব্রিকস শীর্ষ সম্মেলন অনুষ্ঠিত হয়। সম্মেলনে চীনের প্রধানমন্ত্রী লি কিয়াং চীনের প্রতিনিধিত্ব করেন।"),
    ("hi", "कज़ान में ब्रिक्स शिखर सम्मेलन आयोजित हुआ। शिखर सम्मेलन में चीन के प्रधानमंत्री ली कियांग ने चीन का "
           "प्रतिनिधित्व किया।"),
])
def test_representing_a_state_is_taking_part(lang, text):
    (s,) = facts(text, lang, "summit", "2024-10-24")
    assert s["org"] == BRICS and LI_QIANG in s["participants"]


# ------------------------------------------------------------------ meetings
@pytest.mark.parametrize("lang,text,other", [
    ("hi", "यूक्रेन के राष्ट्रपति वलोदिमीर ज़ेलेंस्की इटली पहुंचे। प्रधानमंत्री नरेंद्र मोदी ने उनसे मुलाकात की।", ZELENSKYY),
    ("hi", "जापान के प्रधानमंत्री फुमियो किशिदा दिल्ली आए। मोदी ने उनके साथ द्विपक्षीय वार्ता की।", KISHIDA),
    ("bn", "জাপানের প্রধানমন্ত্রী ফুমিও কিশিদা দিল্লি আসেন। প্রধানমন্ত্রী নরেন্দ্র মোদী তাঁর সঙ্গে বৈঠক করেন।", KISHIDA),
    ("en", "Japanese Prime Minister Fumio Kishida arrived in New Delhi on Monday. Prime Minister Narendra Modi "
           "met him at Hyderabad House.", KISHIDA),
])
def test_an_object_pronoun_is_the_leader_named_before(lang, text, other):
    assert frozenset({MODI, other}) in meetings(text, lang)


def test_an_object_pronoun_with_two_leaders_before_is_left_alone():
    text = ("जापान के प्रधानमंत्री फुमियो किशिदा और यूक्रेन के राष्ट्रपति वलोदिमीर ज़ेलेंस्की इटली पहुंचे। "
            "प्रधानमंत्री नरेंद्र मोदी ने उनसे मुलाकात की।")
    assert meetings(text, "hi") == set()  # which of the two 'उनसे' is, is not said


@pytest.mark.parametrize("text,mode", [
    ("प्रधानमंत्री मोदीने रूस के राष्ट्रपति पुतिनसे मुलाकात की।", "InPerson"),
    ("राष्ट्रपति पुतिन ने मोदीको फोन किया।", "Phone"),
])
def test_hindi_names_with_a_joined_postposition(text, mode):
    (m,) = facts(text, "hi", "meeting")
    assert set(m["participants"]) == {MODI, PUTIN} and m["mode"] == mode


# ------------------------------------------------------------------ memberships
@pytest.mark.parametrize("lang,text,members", [
    ("bn", "মালয়েশিয়া আসিয়ানের সদস্য, আর বাংলাদেশ আসিয়ান আঞ্চলিক ফোরামের সদস্য।", {(MYS, ASEAN)}),
    ("bn", "ভারত ব্রিকসের সদস্য আর পাকিস্তান সাংহাই সহযোগিতা সংস্থার সদস্য।", {(IND, BRICS), (PAK, SCO)}),
])
def test_each_clause_of_a_joined_pair_keeps_its_own_membership(lang, text, members):
    assert {(f["member"], f["organization"]) for f in facts(text, lang, "membership")} == members
