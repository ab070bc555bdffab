"""Dates: digits of three scripts, month and weekday names, ranges, relative dates."""
from __future__ import annotations

import datetime as dt

import pytest

from builder import langpack, nlp
from builder.dates import find_dates
from builder.text import normalize


def dates(text: str, lang: str, published: str | None = None) -> list[str]:
    doc = nlp.pipeline(lang)(normalize(text))
    pub = dt.date.fromisoformat(published) if published else None
    return [m.date.iso for m in find_dates([t.text for t in doc], doc.user_data["diplokg.stems"],
                                           langpack.load(lang), pub)]


@pytest.mark.parametrize("lang,text,published,want", [
    ("bn", "মঙ্গলবার (২৫ জুন, ২০২৪) টেলিফোন", "2024-06-25", ["2024-06-25", "2024-06-25"]),
    ("bn", "কূটনৈতিক সম্পর্ক ২২ ফেব্রুয়ারী, ১৯৯২ সালে প্রতিষ্ঠিত", None, ["1992-02-22"]),
    ("bn", "২০১৭ সালের জুন মাসে আস্তানায়", None, ["2017-06"]),
    ("bn", "কাজাখস্তান এই বছরের জুলাইয়ে আয়োজন করবে", "2024-06-25", ["2024-07"]),
    ("bn", "২০০৫ সালে পর্যবেক্ষক", None, ["2005"]),
    ("bn", "২০২৪ সালের ১৫ মার্চ ঢাকায়", None, ["2024-03-15"]),
    ("bn", "২০০০ বছরেরও বেশি সময় ধরে", None, []),          # a duration, not a year
    ("bn", "গত বছর বৈঠক হয়", "2024-06-25", ["2023"]),
    ("bn", "শনিবার বৈঠক", "2017-04-12", ["2017-04-08"]),     # the last Saturday before
    ("en", "on 4 July 2024 in Astana", None, ["2024-07-04"]),
    ("en", "on June 3, 2022 in New Delhi", None, ["2022-06-03"]),
    ("en", "held on 3-4 July 2022", None, ["2022-07"]),      # a range: its month
    ("en", "from October 22 to 24, 2024", None, ["2024-10"]),
    ("en", "met in Bangkok on April 4", "2025-04-06", ["2025-04-04"]),
    ("en", "in September 2022", None, ["2022-09"]),
    ("en", "spoke on phone today", "2020-10-07", ["2020-10-07"]),
    ("en", "scheduled for this fall", "2023-05-29", ["2023"]),
    ("en", "It may happen in march", None, []),              # modal 'may', lower-case 'march'
    ("hi", "नई दिल्ली 08-Apr-2017", None, ["2017-04-08"]),
    ("hi", "4 जुलाई 2024 को अस्ताना में", None, ["2024-07-04"]),
    ("hi", "शनिवार को मुलाकात", "2017-04-08", ["2017-04-08"]),
    ("hi", "आज वर्चुअली मेजबानी", "2022-01-27", ["2022-01-27"]),
    ("hi", "जनवरी 2010 में भारत आई थीं", None, ["2010-01"]),
    ("hi", "२७ जनवरी २०२२ को", None, ["2022-01-27"]),
])
def test_date_table(lang, text, published, want):
    assert dates(text, lang, published) == want


def test_relative_dates_need_a_publication_date():
    assert dates("মঙ্গলবার টেলিফোন", "bn") == []
    assert dates("this year", "en") == []


def test_day_and_month_without_year_in_the_past_half_year():
    assert dates("met on 20 December", "en", "2024-01-05") == ["2023-12-20"]
    assert dates("will meet on 9-10 September", "en", "2023-08-20") == ["2023-09"]


def test_weekday_in_a_sentence_about_the_future_is_the_coming_one():
    from builder import extract
    ex = extract("Prime Minister Narendra Modi will meet President Vladimir Putin on Friday.",
                 lang="en", published="2024-07-04")  # a Thursday
    meeting = next(f for f in ex.facts if f.family == "meeting")
    assert meeting.attrs["date"].iso == "2024-07-05"


# ------------------------------------------------------------------ impossible dates (issue 8, item 13)

@pytest.mark.parametrize("text,want", [
    ("met in Astana on 12/31/2024", ["2024-12-31"]),   # month first: the only reading that is a date
    ("met in Astana on 31/12/2024", ["2024-12-31"]),
    ("met in Astana on 04/07/2024", ["2024-07-04"]),   # both readings are dates: day first, as before
    ("met in Astana on 31/31/2024", []),               # no month 31 either way
    ("met in Astana on 00/00/2024", []),
    ("met in Astana on 30/02/2024", ["2024-02"]),      # February has no 30th: the month the text gives
])
def test_numeric_dates_are_never_impossible(text, want):
    assert dates(text, "en") == want


def test_valid_iso():
    from builder.dates import valid_iso
    assert all(map(valid_iso, ["2024", "2024-12", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"]))
    assert not any(map(valid_iso, ["2024-31", "2024-00", "2024-13", "2023-02-29", "1900-02-29",
                                   "2024-04-31", "2024-1", "24", "0000", "2024-W26", "20240625",
                                   "２０２４", "২০২৪", "2024-06-25T00:00", " 2024", "2024\n", ""]))


def test_no_invalid_date_literal_reaches_the_graph():
    """A date that slipped through (an Extraction built by hand) is left out, never written."""
    from rdflib import Graph

    from builder.model import DateValue, Evidence, Extraction, Fact
    from builder.namespace import DK
    from builder.rdf import add_extraction
    from builder.shacl import validate
    ents = {k: {"type": "Leader", "label": "", "qid": None, "surfaces": [(k.title(), "en")], "evidence": []}
            for k in ("leader-a", "leader-b")}
    for bad in ("2024-31", "2023-02-29", "2024-00-10"):
        fact = Fact("meeting", ("m",), {"participants": ["leader-a", "leader-b"], "mode": "InPerson",
                                        "date": DateValue(bad)}, [Evidence(0, 0, 5, "A met B")], 0.9)
        ex = Extraction(text="A met B", lang="en", published=None, source="t.txt", sentences=[(0, 7)],
                        entities=ents, facts=[fact])
        g = add_extraction(Graph(), ex)
        assert not list(g.objects(None, DK.date)), bad
        assert not any(bad in str(s) for s in g.subjects()), bad
        assert validate(g)[0]


def test_an_invalid_publication_date_is_refused():
    from rdflib import Graph

    from builder.model import Extraction
    from builder.rdf import add_extraction
    ex = Extraction(text="x", lang="en", published="2024-02-30", source="t.txt", sentences=[], entities={},
                    facts=[])
    with pytest.raises(ValueError, match="2024-02-30"):
        add_extraction(Graph(), ex)
