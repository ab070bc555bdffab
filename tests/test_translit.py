"""Sound skeletons link a leader's name across scripts and spellings."""
from __future__ import annotations

import pytest

from builder import gazetteer
from builder.translit import close, skeleton


@pytest.mark.parametrize("forms", [
    ["Tokayev", "Tokaev", "টোকায়েভ", "तोकायेव"],
    ["Jaishankar", "জয়শঙ্কর", "जयशंकर"],
    ["Zelenskyy", "জেলেনস্কি", "ज़ेलेंस्की"],
    ["Ramaphosa", "রামাফোসা", "रामफोसा"],
    ["Japarov", "জাপারভ", "जापारोव"],
])
def test_same_skeleton_in_three_scripts(forms):
    assert len({skeleton(f) for f in forms}) == 1


def test_close_allows_one_consonant_only_for_long_skeletons():
    assert close("lksnk", "lksnkb")
    assert not close("tkb", "tk")
    assert not close("srp", "srb")


@pytest.mark.parametrize("name,country,qid", [
    ("Kassym-Jomart Tokaev", "Q232", "Q200881"),
    ("কাসেম জোমার্ত তোকায়েভ", None, "Q200881"),      # two words agree: no state needed
    ("ইলহাম আলিয়েভ", "Q227", "Q57371"),
    ("Emomali Rahmonov", "Q863", "Q57366"),
])
def test_link_leader(name, country, qid):
    assert gazetteer.load().link_leader(name, country) == qid


@pytest.mark.parametrize("name,country", [
    ("Mohamed Muizzu", "Q826"),       # shares only a given name with a former president
    ("Sanjay Verma", "Q668"),
    ("Tokayev", "Q668"),              # the surname, but not a leader of that state
])
def test_no_link_on_weak_evidence(name, country):
    assert gazetteer.load().link_leader(name, country) is None
