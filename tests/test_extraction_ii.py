"""Extraction, second round (issue 9): lists and coordination, events across sentences,
organisations the text names, cue words with modality.  Each capability in Bengali,
English and Hindi, on sentences written for these tests."""
from __future__ import annotations

import pytest
from extraction_util import facts, meetings

from builder import extract, reading
from builder.text import normalize

MODI, PUTIN, XI, ERDOGAN, HASINA = "Q1058", "Q7747", "Q15031", "Q39259", "Q52183"
IND, CHN, RUS, BTN, JPN, KOR = "Q668", "Q148", "Q159", "Q917", "Q17", "Q884"


# ------------------------------------------------------------ lists and coordination
@pytest.mark.parametrize("lang,text", [
    ("en", "Prime Minister Narendra Modi held talks with Russian President Vladimir Putin, "
           "Chinese President Xi Jinping and Turkish President Recep Tayyip Erdogan in Delhi on Monday."),
    ("bn", "প্রধানমন্ত্রী নরেন্দ্র মোদী সোমবার রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিন, চীনা প্রেসিডেন্ট শি জিনপিং ও "
           "তুরস্কের প্রেসিডেন্ট রিসেপ তায়িপ এরদোয়ানের সঙ্গে বৈঠক করেন।"),
    ("hi", "प्रधानमंत्री नरेंद्र मोदी ने सोमवार को रूस के राष्ट्रपति व्लादिमीर पुतिन, चीन के राष्ट्रपति शी जिनपिंग "
           "और तुर्की के राष्ट्रपति रेचेप तैयप एर्दोगन से मुलाकात की।"),
])
def test_one_leader_meeting_several_is_one_meeting_per_pair(lang, text):
    assert meetings(text, lang) == {frozenset({MODI, PUTIN}), frozenset({MODI, XI}), frozenset({MODI, ERDOGAN})}


@pytest.mark.parametrize("lang,text", [
    ("en", "Vladimir Putin, Xi Jinping and Narendra Modi held a trilateral meeting in Kazan."),
    ("bn", "ভ্লাদিমির পুতিন, শি জিনপিং ও নরেন্দ্র মোদী কাজানে ত্রিপক্ষীয় বৈঠক করেন।"),
    ("hi", "व्लादिमीर पुतिन, शी जिनपिंग और नरेंद्र मोदी ने कज़ान में त्रिपक्षीय बैठक की।"),
])
def test_leaders_meeting_together_is_one_meeting(lang, text):
    assert meetings(text, lang) == {frozenset({MODI, PUTIN, XI})}


@pytest.mark.parametrize("lang,text", [
    ("en", "Kazakh leaders attended the SCO and CSTO summits last year."),
    ("bn", "গত বছর কাজাখ নেতারা এসসিও ও সিএসটিও শীর্ষ সম্মেলনে অংশ নেন।"),
    ("hi", "पिछले साल कज़ाख नेताओं ने एससीओ और सीएसटीओ शिखर सम्मेलन में भाग लिया।"),
])
def test_summits_of_two_organisations_are_two_summits(lang, text):
    orgs = {s["org"] for s in facts(text, lang, "summit")}
    assert orgs == {"Q485207", "Q318693"}


@pytest.mark.parametrize("lang,text", [
    ("en", "Earlier BRICS summits were held in 2020 and 2021."),
    ("bn", "এর আগে ব্রিকস শীর্ষ সম্মেলন ২০২০ ও ২০২১ সালে অনুষ্ঠিত হয়।"),
    ("hi", "इससे पहले ब्रिक्स शिखर सम्मेलन वर्ष 2020 और 2021 में आयोजित हुए।"),
])
def test_summits_in_two_years_are_two_summits(lang, text):
    dates = {s["date"].iso for s in facts(text, lang, "summit") if s["org"] == "org-brics"}
    assert dates == {"2020", "2021"}


def test_respectively_pairs_years_with_cities():
    text = "Earlier summits of the SCO were held in 2018 and 2019 in Qingdao and Bishkek respectively."
    got = {(s["date"].iso, s["location"]) for s in facts(text, "en", "summit")}
    assert ("2019", "Q9361") in got and len(got) == 2


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The CSTO comprises Armenia, Belarus, the Kyrgyz Republic, Kazakhstan, Russia and Tajikistan.", 6),
    ("bn", "সার্ক দক্ষিণ এশিয়ার দেশগুলোর একটি জোট। এই জোটে আছে ভারত, পাকিস্তান, নেপালের পাশাপাশি ভুটান ও মালদ্বীপ।", 5),
    ("hi", "ब्रिक्स उभरती अर्थव्यवस्थाओं का समूह है। इस समूह के सदस्य भारत, ब्राज़ील, रूस और दक्षिण अफ्रीका हैं।", 4),
])
def test_member_lists(lang, text, expected):
    members = {m["member"] for m in facts(text, lang, "membership") if m["status"] == "FullMember"}
    assert len(members) == expected


def test_a_veto_stays_in_its_clause():
    text = "BRICS comprises Brazil, Russia, India, China and South Africa, and has invited Argentina to join."
    members = {m["member"] for m in facts(text, "en", "membership")}
    assert IND in members and RUS in members and "Q414" not in members


def test_founding_members():
    text = "Russia and China are founding members of the Shanghai Cooperation Organisation."
    assert {m["member"] for m in facts(text, "en", "membership")} == {RUS, CHN}


# ------------------------------------------------------------ events across sentences
@pytest.mark.parametrize("lang,text", [
    ("en", "Preparations for the SCO summit are complete. This summit will be held in Astana on 4 July 2024."),
    ("bn", "এসসিও শীর্ষ সম্মেলনের প্রস্তুতি শেষ। এই শীর্ষ সম্মেলন ৪ জুলাই ২০২৪ আস্তানায় অনুষ্ঠিত হবে।"),
    ("hi", "एससीओ शिखर सम्मेलन की तैयारी पूरी हो गई है। यह शिखर सम्मेलन 4 जुलाई 2024 को अस्ताना में होगा।"),
])
def test_this_summit_adds_date_and_venue_to_the_summit_in_view(lang, text):
    got = facts(text, lang, "summit")
    assert len(got) == 1
    assert got[0]["org"] == "Q485207" and got[0]["date"].iso == "2024-07-04" and got[0]["location"] == "Q1520"


@pytest.mark.parametrize("lang,text", [
    ("en", "Bangladesh took over the chair of the D-8 grouping. The tenth summit was held virtually on Thursday."),
    ("bn", "বাংলাদেশ ডি-৮ জোটের সভাপতির দায়িত্ব নিয়েছে। বৃহস্পতিবার ভার্চুয়াল দশম শীর্ষ সম্মেলনে দায়িত্ব হস্তান্তর হয়।"),
    ("hi", "बांग्लादेश ने डी-8 समूह की अध्यक्षता संभाली। गुरुवार को दसवां शिखर सम्मेलन वर्चुअल रूप से हुआ।"),
])
def test_a_summit_named_before_its_organisation_takes_the_organisation_in_view(lang, text):
    got = facts(text, lang, "summit")
    assert [(s["org"], s["edition"], s["mode"]) for s in got] == [("org-d8", 10, "Virtual")]


@pytest.mark.parametrize("lang,text,series", [
    ("en", "Leaders met in Oslo for the second India–Nordic Leaders' Summit on 4 May 2022.", "series-Q668-"),
    ("bn", "দ্বিতীয় ভারত-নর্ডিক শীর্ষ সম্মেলন ৪ মে ২০২২ অসলোতে অনুষ্ঠিত হয়।", "series-Q668-"),
    ("hi", "दूसरा भारत-नॉर्डिक शिखर सम्मेलन 4 मई 2022 को ओस्लो में हुआ।", "series-Q668-"),
])
def test_state_and_region_series_without_organisation(lang, text, series):
    got = facts(text, lang, "summit")
    assert len(got) == 1 and got[0]["org"].startswith(series)
    assert got[0]["edition"] == 2 and got[0]["date"].iso == "2022-05-04"


def test_met_for_the_summit_makes_participants():
    text = "On 13 July 2023 the Prime Ministers of Denmark, Norway and Sweden met in Helsinki for the third India–Nordic Summit."
    summit = facts(text, "en", "summit")[0]
    assert {"Q35", "Q20", "Q34"} <= set(summit["participants"])


def test_previous_summits_are_not_the_summit_in_view():
    text = ("The India-Africa Forum Summit opened in New Delhi on 26 October 2015. "
            "The previous summits were held in 2008 and 2011.")
    dates = sorted(s["date"].iso for s in facts(text, "en", "summit"))
    assert dates == ["2008", "2011", "2015-10-26"]


def test_undated_mention_far_off_is_not_folded_into_a_past_summit():
    text = ("India became a full member of the SCO at the Astana summit in 2017. It was a long process. "
            "Many talks followed. Officials met often. Trade grew. "
            "Modi addressed the SCO summit.")
    got = facts(text, "en", "summit", published="2024-06-25")
    dated = [s for s in got if s["date"] is not None]
    assert len(dated) == 1 and MODI not in dated[0]["participants"]


# ------------------------------------------------------------ organisations named in the text
def test_bracketed_date_is_not_an_acronym_of_a_state():
    text = "Kazakhstan (2019) hosted talks. Modi spoke with Putin by phone in 2019."
    ex = extract(text, lang="en", published="2024-06-25")
    assert not any(e.get("type") == "Country" and "2019" in str(e) for e in ex.entities.values()
                   if isinstance(e, dict) and e.get("type") == "Country" and "2019" in e.get("labels", []))
    assert any(f.family == "meeting" for f in ex.facts)


@pytest.mark.parametrize("lang,text", [
    ("en", "The SCO summit in Astana renewed the Shanghai spirit."),
    ("bn", "আস্তানায় এসসিও শীর্ষ সম্মেলনে সাংহাই চেতনা নিয়ে কথা হয়।"),
    ("hi", "अस्ताना में एससीओ शिखर सम्मेलन में शंघाई भावना पर जोर दिया गया।"),
])
def test_a_place_inside_another_name_is_not_the_venue(lang, text):
    assert facts(text, lang, "summit")[0]["location"] == "Q1520"


@pytest.mark.parametrize("lang,text", [
    ("en", "Australia, the United Kingdom and the United States formed a grouping called AUKUS. The AUKUS summit was held in San Diego."),
    ("bn", "অস্ট্রেলিয়া, যুক্তরাজ্য ও যুক্তরাষ্ট্র অকাস জোট গঠন করে। অকাস শীর্ষ সম্মেলন সান দিয়েগোতে হয়।"),
    ("hi", "ऑस्ट्रेलिया, ब्रिटेन और अमेरिका ने ऑकस नाम का समूह बनाया। ऑकस शिखर सम्मेलन सैन डिएगो में हुआ।"),
])
def test_a_grouping_the_text_names(lang, text):
    assert {s["org"] for s in facts(text, lang, "summit")} == {"org-aukus"}


# ------------------------------------------------------------ cue words with modality
def _cue_names(lang, text):
    for section in reading.read_sections(normalize(text), lang, None):
        for rp in section.parts:
            return {name: [" ".join(rp.ctx.tv.text[c.start:c.end]) for c in cs] for name, cs in rp.ctx.cues.items()}
    return {}


def test_cues_match_words_and_stems_not_prefixes():
    cues = _cue_names("en", "Biden and Petro issued a joint statement; Argentina joined and participated.")
    assert "joint" not in [w.lower() for w in cues.get("attend", [])]
    assert "Biden" not in cues.get("prospective", [])
    assert {"joined", "participated"} <= set(cues.get("attend", []))


@pytest.mark.parametrize("lang,text,mode", [
    ("en", "Modi had a telephonic conversation with Putin on Monday.", "Phone"),
    ("en", "Putin welcomed Modi to the Kremlin on Monday.", "InPerson"),
    ("bn", "সোমবার শেখ হাসিনা নরেন্দ্র মোদীর সঙ্গে দেখা করেন।", "InPerson"),
    ("bn", "সোমবার নরেন্দ্র মোদী ও শেখ হাসিনার মধ্যে ফোনকল হয়।", "Phone"),
    ("hi", "सोमवार को नरेंद्र मोदी ने शेख हसीना से भेंट की।", "InPerson"),
    ("hi", "सोमवार को नरेंद्र मोदी ने व्लादिमीर पुतिन से फोन पर बात की।", "Phone"),
])
def test_calls_and_meetings_in_other_words(lang, text, mode):
    got = facts(text, lang, "meeting")
    assert len(got) == 1 and got[0]["mode"] == mode


@pytest.mark.parametrize("lang,text,who", [
    ("en", "Recep Tayyip Erdogan was present at the SCO summit in Astana.", ERDOGAN),
    ("en", "Narendra Modi will lead the delegation to the SCO summit in Astana.", MODI),
    ("bn", "আস্তানায় এসসিও শীর্ষ সম্মেলনে ভাষণ দেন নরেন্দ্র মোদী।", MODI),
    ("hi", "नरेंद्र मोदी ने अस्ताना में एससीओ शिखर सम्मेलन को संबोधित किया।", MODI),
])
def test_attendance_in_other_words(lang, text, who):
    assert who in facts(text, lang, "summit")[0]["participants"]


@pytest.mark.parametrize("lang,text", [
    ("en", "The leaders praised the growing India-Japan partnership."),
    ("bn", "দুই নেতা ক্রমবর্ধমান ভারত-জাপান অংশীদারিত্বের প্রশংসা করেন।"),
    ("hi", "दोनों नेताओं ने बढ़ती भारत-जापान साझेदारी की सराहना की।"),
])
def test_general_partnership_is_emitted(lang, text):
    kinds = {(p["kind"], tuple(p["partners"])) for p in facts(text, lang, "partnership")}
    assert ("GeneralPartnership", (JPN, IND)) in kinds or ("GeneralPartnership", (IND, JPN)) in kinds


@pytest.mark.parametrize("lang,text", [
    ("en", "India and South Korea normalised relations in 1973."),
    ("bn", "ভারত ও দক্ষিণ কোরিয়া ১৯৭৩ সালে সম্পর্ক স্থাপন করে।"),
    ("hi", "भारत और दक्षिण कोरिया ने 1973 में संबंध स्थापित किए।"),
])
def test_relations_established_in_other_words(lang, text):
    got = facts(text, lang, "partnership")
    assert [(p["kind"], set(p["partners"]), p["since"].iso) for p in got] == [("DiplomaticRelations", {IND, KOR}, "1973")]


@pytest.mark.parametrize("lang,text", [
    ("en", "Bhutan has no diplomatic relations with China."),
    ("bn", "ভুটানের সঙ্গে চীনের কোনো কূটনৈতিক সম্পর্ক নেই।"),
    ("hi", "भूटान और चीन के बीच कोई राजनयिक संबंध नहीं है।"),
])
def test_negated_relations_are_not_relations(lang, text):
    assert facts(text, lang, "partnership") == []


@pytest.mark.parametrize("lang,text", [
    ("en", "Narendra Modi hoped to meet Vladimir Putin soon."),
    ("en", "Narendra Modi did not meet Vladimir Putin."),
    ("bn", "নরেন্দ্র মোদী ভ্লাদিমির পুতিনের সঙ্গে বৈঠকের আশা প্রকাশ করেন।"),
    ("hi", "नरेंद्र मोदी ने व्लादिमीर पुतिन से मुलाकात की उम्मीद जताई।"),
    ("hi", "नरेंद्र मोदी और व्लादिमीर पुतिन की मुलाकात नहीं हुई।"),
])
def test_hoped_for_and_negated_meetings_are_not_meetings(lang, text):
    assert meetings(text, lang) == set()
