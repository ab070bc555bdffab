"""Extractors on short texts: one behaviour each, in the language it matters for."""
from __future__ import annotations

from builder import extract


def facts(text: str, lang: str, published: str | None = None, family: str | None = None):
    ex = extract(text, lang=lang, published=published)
    return [f.attrs for f in ex.facts if family is None or f.family == family]


def test_bare_title_refers_to_the_one_leader_with_that_office():
    text = ("Prime Minister Narendra Modi arrived in Astana on Thursday. "
            "The Prime Minister will address the SCO Summit on Friday and is expected to meet Chinese President Xi Jinping.")
    summit = facts(text, "en", family="summit")[0]
    assert summit["participants"] == ["Q1058"]  # Modi takes part; Xi is only to be met


def test_inviter_is_not_a_participant():
    text = ("Kazakh President Kassym-Jomart Tokayev invited Turkish President Recep Tayyip Erdogan to take part "
            "in the Summit of the Organization of Turkic States this fall.")
    summit = facts(text, "en", "2023-05-29", "summit")[0]
    assert summit["participants"] == ["Q39259"] and summit["date"].iso == "2023"


def test_a_host_of_issues_hosts_nothing():
    text = "Modi will address the SCO Summit amid differences between India and China over a host of issues."
    assert facts(text, "en", family="summit")[0]["host"] is None


def test_strategic_partnership_with_words_between():
    text = "दोनों नेताओं ने भारत-जापान विशेष रणनीतिक और वैश्विक साझेदारी की समीक्षा की।"
    kinds = {(p["kind"], tuple(p["partners"])) for p in facts(text, "hi", family="partnership")}
    assert kinds == {("StrategicPartnership", ("Q17", "Q668"))}


def test_observer_then_full_member_with_their_own_dates():
    text = "भारत 2005 में शंघाई सहयोग संगठन में पर्यवेक्षक के रूप में शामिल हुआ था और 2017 में इसका पूर्ण सदस्य बना।"
    got = {(m["status"], m["since"].iso) for m in facts(text, "hi", family="membership")}
    assert got == {("Observer", "2005"), ("FullMember", "2017")}


def test_invited_and_applying_states_are_not_members():
    text = ("BRICS invites six countries including Saudi Arabia, Iran to be new members. "
            "বাংলাদেশ ২০২৩ সালে ব্রিকসের সদস্যপদের জন্য আবেদন করে।")
    assert facts(text, "en", family="membership") == []
    assert facts(text.split(". ")[1], "bn", family="membership") == []


def test_organisation_as_member():
    got = facts("আফ্রিকান ইউনিয়ন জি-২০-র স্থায়ী সদস্য হয়েছে।", "bn", family="membership")
    assert [(m["member"], m["organization"]) for m in got] == [("Q7159", "org-g20")]


def test_two_leaders_named_earlier_meet():
    text = ("শেখ হাসিনা ও নরেন্দ্র মোদি দিল্লিতে পৌঁছেছেন। "
            "শনিবার দুই নেতা দ্বিপাক্ষিক বৈঠক করেন।")
    meeting = facts(text, "bn", "2017-04-08", "meeting")[0]
    assert meeting["participants"] == ["Q1058", "Q52183"] and meeting["date"].iso == "2017-04-08"


def test_called_for_talks_is_no_meeting():
    text = "Ukrainian President Volodymyr Zelenskyy has called for talks with Chinese President Xi Jinping."
    assert facts(text, "en", family="meeting") == []
