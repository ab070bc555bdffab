#!/usr/bin/env python3
"""Corpus-mode benchmark: generate a large varied news corpus, build it into an on-disk
store with `diplokg build --store`, and time the rerun, the named queries and `stats`.

    python bench/corpus.py --only generate --sizes 300 --out /tmp/c.jsonl.gz   # corpus only
    python bench/corpus.py --sizes 10000 --workers 1,2 --json fig.json         # everything
    python bench/corpus.py --only build --corpus c.jsonl.gz --sizes 10000      # builds only
    python bench/corpus.py --only queries --store DIR                          # queries only

It prints figures; it is not a test.  Three parts, each runnable on its own (--only):

generate  news-like articles in Bengali, English and Hindi (roughly a third each), 1-10 KB
          of UTF-8 each with a median near 3 KB, written as gzip JSON Lines
          {"id","text","lang","published","source"}, streaming.  Each article tells one
          story (two states, their leaders with the offices the gazetteer gives them in
          the year, an organisation, a city) in diplomacy sentences the extractors read
          (meetings, calls, summits, partnerships, memberships, relations), mixed with
          filler news sentences whose slots (places, goods, numbers, topics) vary.  The
          same --seed gives the same corpus, and the first N articles of a bigger corpus
          are the corpus of size N.  No article text is repeated (checked).
build     for each size N and worker count W: `diplokg build CORPUS --store DIR
          --workers W --report R --quiet` in a subprocess on a fresh store; wall time,
          articles/s, chars/s, CPU seconds, the stage seconds of the report's summary
          line, the peak RSS of the process tree (sampled every 0.2 s), the store's size
          on disk; then the same command again (nothing changed) and its ratio.
queries   in this process, through the Python API: each named query without and with a
          parameter (median of 3, first call reported too), all its rows and the first
          page (the table `diplokg query` prints), and Store.stats().
"""
from __future__ import annotations

import argparse
import array
import gzip
import hashlib
import json
import os
import platform
import random
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _p in (str(REPO), str(HERE)):  # the checkout's builder, and benchmark.py beside us
    if _p not in sys.path:
        sys.path.insert(0, _p)

from builder.cli.query import TABLE_ROWS  # noqa: E402 - the page a query's table shows

LANGS = ("bn", "en", "hi")
MIN_BYTES, MAX_BYTES = 1024, 10 * 1024
MEDIAN_BYTES, SIGMA = 3000, 0.55   # log-normal target length, clipped to [MIN, MAX]
DIPLOMACY_SHARE = 0.4              # share of body sentences that state a fact

# Parameters of the named queries (the CLI's --param k=v, passed as strings).
MOST_STATED = "most-stated"   # evidence's fact: the first row of `facts` about India, found (untimed) on each store
QUERY_PARAMS = {
    "summits": {"org": "wd:Q485207", "since": "2024-01-01"},
    "leaders": {"country": "wd:Q668"},
    "meetings": {"leader": "wd:Q1058"},
    "partnerships": {"country": "wd:Q668"},
    "memberships": {"country": "wd:Q668"},
    "facts": {"thing": "wd:Q668"},
    "evidence": {"fact": MOST_STATED},
    "holders": {"country": "wd:Q668", "on": "2024-06"},
}

# --------------------------------------------------------------------------- language data

OFFICES = {  # gazetteer office -> title as written
    "President": {"en": "President", "bn": "রাষ্ট্রপতি", "hi": "राष्ट्रपति"},
    "PrimeMinister": {"en": "Prime Minister", "bn": "প্রধানমন্ত্রী", "hi": "प्रधानमंत्री"},
    "Monarch": {"en": "King", "bn": "রাজা", "hi": "राजा"},
    "ForeignMinister": {"en": "Foreign Minister", "bn": "পররাষ্ট্রমন্ত্রী", "hi": "विदेश मंत्री"},
    "Chancellor": {"en": "Chancellor", "bn": "চ্যান্সেলর", "hi": "चांसलर"},
}
KINDS = {
    "en": ["strategic partnership", "comprehensive strategic partnership", "special strategic partnership",
           "comprehensive partnership"],
    "bn": ["কৌশলগত অংশীদারিত্বে", "সমন্বিত কৌশলগত অংশীদারিত্বে", "ব্যাপক কৌশলগত অংশীদারিত্বে",
           "বিশেষ কৌশলগত অংশীদারিত্বে"],
    "hi": ["रणनीतिक साझेदारी", "व्यापक रणनीतिक साझेदारी", "विशेष रणनीतिक साझेदारी", "समग्र साझेदारी"],
}

DIPLOMACY = {
    "en": [
        "{t1} {l1} of {c1} held talks with {c2g} {t2} {l2} in {city} on {date}.",
        "{c1g} {t1} {l1} spoke on the phone with {t2} {l2} of {c2} on {wd}, the foreign ministry said.",
        "{l1s} and {l2s} held a virtual meeting on {date} and reviewed progress on {n} joint projects.",
        "The two leaders agreed to elevate ties between {c1} and {c2} to a {kind}.",
        "{c1} and {c2} established diplomatic relations in {y}.",
        "{t1} {l1} will attend the {ord} {org} summit in {city}, {host}, on {fdate}.",
        "The {ord} {org} summit was held in {city} on {date}, hosted by {host}.",
        "{c2} became a full member of the {org} in {my}.",
        "{c2} joined the {org} as an observer in {y}.",
        "On the sidelines of the {org} summit, {l1s} met {l2s} for bilateral talks.",
        "{c1} and {c2} signed {n} agreements on trade, energy and {topic} during {l2s}'s visit to {city}.",
        "{c1} is a founding member of the {org}, officials in {city} noted.",
        "{c1g} {t1} {l1s} and {t2} {l2s} of {c2} met in {city} on {wd} to discuss {topic}.",
    ],
    "bn": [
        "{c1g} {t1} {l1} {date} {cityl} {c2g} {t2} {l2g} সঙ্গে বৈঠক করেন।",
        "{c1g} {t1} {l1} {wd} টেলিফোনে {c2g} {t2} {l2g} সঙ্গে কথা বলেন।",
        "{l1s} ও {l2s} {date} ভার্চুয়াল বৈঠকে {n}টি যৌথ প্রকল্পের অগ্রগতি পর্যালোচনা করেন।",
        "দুই নেতা {c1} ও {c2g} সম্পর্ককে {kind} উন্নীত করতে সম্মত হন।",
        "{y} সালে {c1} ও {c2g} মধ্যে কূটনৈতিক সম্পর্ক প্রতিষ্ঠিত হয়।",
        "{t1} {l1} {fdate} {cityl} অনুষ্ঠেয় {ord} {org} শীর্ষ সম্মেলনে যোগ দেবেন বলে পররাষ্ট্র মন্ত্রণালয় জানিয়েছে।",
        "{date} {hostg} {cityl} {ord} {org} শীর্ষ সম্মেলন অনুষ্ঠিত হয়।",
        "{my} {c2} {orgg} পূর্ণ সদস্য হয়।",
        "{y} সালে {c2} পর্যবেক্ষক হিসেবে {orgl} যোগ দেয়।",
        "{org} শীর্ষ সম্মেলনের ফাঁকে {l1s} ও {l2s} দ্বিপাক্ষিক বৈঠক করেন।",
        "{l2g} {city} সফরের সময় {c1} ও {c2} বাণিজ্য, জ্বালানি ও {topic} বিষয়ে {n}টি চুক্তি সই করে।",
        "{c1} {orgg} প্রতিষ্ঠাতা সদস্য বলে {cityl} কর্মকর্তারা উল্লেখ করেন।",
        "{c1g} {t1} {l1s} {wd} {cityl} {c2g} {t2} {l2g} সঙ্গে {topic} নিয়ে আলোচনা করেন।",
    ],
    "hi": [
        "{c1} के {t1} {l1} ने {date} को {city} में {c2} के {t2} {l2} से मुलाकात की।",
        "{c1} के {t1} {l1} ने {wd} को {c2} के {t2} {l2} से फोन पर बात की।",
        "{l1s} और {l2s} ने {date} को वर्चुअल बैठक में {n} संयुक्त परियोजनाओं की प्रगति की समीक्षा की।",
        "दोनों नेताओं ने {c1} और {c2} के संबंधों को {kind} के स्तर तक ले जाने पर सहमति जताई।",
        "{c1} और {c2} ने {y} में राजनयिक संबंध स्थापित किए थे।",
        "{t1} {l1} {fdate} को {city} में होने वाले {ord} {org} शिखर सम्मेलन में भाग लेंगे, विदेश मंत्रालय ने बताया।",
        "{host} के {city} में {date} को {ord} {org} शिखर सम्मेलन आयोजित हुआ।",
        "{c2} {my} में {org} का पूर्ण सदस्य बना।",
        "{c2} {y} में पर्यवेक्षक के रूप में {org} में शामिल हुआ।",
        "{org} शिखर सम्मेलन के दौरान {l1s} ने {l2s} के साथ द्विपक्षीय वार्ता की।",
        "{l2s} की {city} यात्रा के दौरान {c1} और {c2} ने व्यापार, ऊर्जा और {topic} पर {n} समझौतों पर हस्ताक्षर किए।",
        "{c1} {org} का संस्थापक सदस्य है, {city} में अधिकारियों ने कहा।",
        "{c1} के {t1} {l1s} ने {wd} को {city} में {c2} के {t2} {l2s} के साथ {topic} पर चर्चा की।",
    ],
}

HEADLINES = {
    "en": ["{l1s} and {l2s} hold talks in {city}", "{c1} and {c2} to deepen ties",
           "{org} summit: {c1} sets out its priorities", "{c2} eyes closer links with {c1}"],
    "bn": ["{cityl} {l1s}-{l2s} বৈঠক", "{c1} ও {c2g} সম্পর্ক আরও গভীর হচ্ছে",
           "{org} শীর্ষ সম্মেলনে {c1g} অগ্রাধিকার", "{c1g} সঙ্গে ঘনিষ্ঠ সম্পর্ক চায় {c2}"],
    "hi": ["{city} में {l1s}-{l2s} वार्ता", "{c1} और {c2} के रिश्ते होंगे और मजबूत",
           "{org} शिखर सम्मेलन: {c1} की प्राथमिकताएं", "{c1} से करीबी संबंध चाहता है {c2}"],
}

FILLER = {
    "en": [
        "Officials said trade between the two countries rose {pct} percent to {n3} million dollars in the year to {m}.",
        "The {sector} ministry announced a package of {n} million dollars for {place} in {cityx}.",
        "Heavy rain in {cityx} disrupted traffic on {wd}, and schools in {n2} districts were closed.",
        "Opposition leaders in {c3} criticised the government's {policy} policy, calling it {adj}.",
        "The central bank kept its benchmark rate at {rate} percent, citing {reason}.",
        "A delegation of {n2} business leaders from {c3} is expected in {cityx} later this month.",
        "Analysts in {cityx} said {topic} would dominate the agenda, alongside {topic2} and {topic3}.",
        "Exports of {goods} from {c3} grew by {pct} percent in {m}, according to customs data.",
        "The {event} in {cityx} drew about {n3} visitors over {n2} days.",
        "Security was tightened across {cityx} ahead of the visit, with {n3} police officers deployed.",
        "Local media reported that {n2} people were injured in {accident} near {cityx} on {wd}.",
        "Inflation eased to {rate} percent in {m}, the statistics office said.",
        "{c3} beat {c4} by {n2} runs in a cricket match in {cityx} on {wd}.",
        "Students in {cityx} marked {festival} with cultural programmes and {n2} exhibitions.",
        "The ministry said {n3} tonnes of {goods} would be shipped from {cityx} by {m}.",
        "Economists expect growth of {rate} percent this year, driven by {sector} and {goods} exports.",
    ],
    "bn": [
        "কর্মকর্তারা জানান, {m} পর্যন্ত এক বছরে দুই দেশের বাণিজ্য {pct} শতাংশ বেড়ে {n3} কোটি ডলারে দাঁড়িয়েছে।",
        "{sector} মন্ত্রণালয় {cityxl} {place} জন্য {n} কোটি টাকার প্রকল্প ঘোষণা করেছে।",
        "{wd} ভারী বৃষ্টিতে {cityxg} যান চলাচল ব্যাহত হয় এবং {n2}টি জেলার স্কুল বন্ধ রাখা হয়।",
        "{c3g} বিরোধী নেতারা সরকারের {policy} নীতির সমালোচনা করে একে {adj} বলে অভিহিত করেন।",
        "কেন্দ্রীয় ব্যাংক {reason} কারণে নীতি সুদহার {rate} শতাংশে অপরিবর্তিত রেখেছে।",
        "{c3} থেকে {n2} সদস্যের একটি ব্যবসায়ী প্রতিনিধিদল চলতি মাসের শেষে {cityxl} আসবে বলে আশা করা হচ্ছে।",
        "{cityxg} বিশ্লেষকদের মতে, আলোচনায় {topic}, {topic2} ও {topic3} প্রাধান্য পাবে।",
        "শুল্ক বিভাগের তথ্য অনুযায়ী, {m} মাসে {c3} থেকে {goods} রপ্তানি {pct} শতাংশ বেড়েছে।",
        "{cityxl} আয়োজিত {event} {n2} দিনে প্রায় {n3} জন দর্শনার্থী এসেছেন।",
        "সফরকে সামনে রেখে {cityxl} নিরাপত্তা জোরদার করা হয়েছে এবং {n3} জন পুলিশ সদস্য মোতায়েন করা হয়েছে।",
        "স্থানীয় গণমাধ্যমের খবরে বলা হয়, {wd} {cityxg} কাছে {accident} {n2} জন আহত হয়েছেন।",
        "পরিসংখ্যান ব্যুরো জানিয়েছে, {m} মাসে মূল্যস্ফীতি কমে {rate} শতাংশে নেমেছে।",
        "{wd} {cityxl} অনুষ্ঠিত ক্রিকেট ম্যাচে {c3} {n2} রানে {c4}কে হারিয়েছে।",
        "{festival} উপলক্ষে {cityxg} শিক্ষার্থীরা সাংস্কৃতিক অনুষ্ঠান ও {n2}টি প্রদর্শনীর আয়োজন করে।",
        "মন্ত্রণালয় জানিয়েছে, {m} মাসের মধ্যে {cityx} থেকে {n3} টন {goods} পাঠানো হবে।",
        "অর্থনীতিবিদরা এ বছর {rate} শতাংশ প্রবৃদ্ধির আশা করছেন, যার পেছনে থাকবে {sector} খাত ও {goods} রপ্তানি।",
    ],
    "hi": [
        "अधिकारियों ने बताया कि {m} तक एक वर्ष में दोनों देशों का व्यापार {pct} प्रतिशत बढ़कर {n3} करोड़ डॉलर हो गया।",
        "{sector} मंत्रालय ने {cityx} में {place} के लिए {n} करोड़ रुपये के पैकेज की घोषणा की।",
        "{wd} को {cityx} में भारी बारिश से यातायात बाधित हुआ और {n2} जिलों में स्कूल बंद रहे।",
        "{c3} में विपक्षी नेताओं ने सरकार की {policy} नीति की आलोचना करते हुए उसे {adj} बताया।",
        "केंद्रीय बैंक ने {reason} का हवाला देते हुए नीतिगत दर {rate} प्रतिशत पर बरकरार रखी।",
        "{c3} से {n2} उद्योगपतियों का एक प्रतिनिधिमंडल इस महीने के अंत में {cityx} पहुंचने की उम्मीद है।",
        "{cityx} के विश्लेषकों के अनुसार बातचीत में {topic}, {topic2} और {topic3} प्रमुख रहेंगे।",
        "सीमा शुल्क आंकड़ों के अनुसार {m} में {c3} से {goods} का निर्यात {pct} प्रतिशत बढ़ा।",
        "{cityx} में आयोजित {event} में {n2} दिनों में लगभग {n3} लोग पहुंचे।",
        "यात्रा से पहले {cityx} में सुरक्षा कड़ी कर दी गई और {n3} पुलिसकर्मी तैनात किए गए।",
        "स्थानीय मीडिया के अनुसार {wd} को {cityx} के पास {accident} में {n2} लोग घायल हो गए।",
        "सांख्यिकी कार्यालय ने बताया कि {m} में महंगाई घटकर {rate} प्रतिशत रह गई।",
        "{wd} को {cityx} में खेले गए क्रिकेट मैच में {c3} ने {c4} को {n2} रनों से हराया।",
        "{festival} के अवसर पर {cityx} के छात्रों ने सांस्कृतिक कार्यक्रम और {n2} प्रदर्शनियां आयोजित कीं।",
        "मंत्रालय ने कहा कि {m} तक {cityx} से {n3} टन {goods} भेजा जाएगा।",
        "अर्थशास्त्रियों को इस वर्ष {rate} प्रतिशत वृद्धि की उम्मीद है, जिसमें {sector} क्षेत्र और {goods} निर्यात की बड़ी भूमिका होगी।",
    ],
}

WORDS = {
    "en": {
        "sector": ["agriculture", "health", "education", "railways", "power", "water resources", "fisheries",
                   "textiles", "information technology", "tourism", "shipping", "housing"],
        "place": ["rural roads", "flood defences", "new hospitals", "school buildings", "the river port",
                  "solar parks", "drinking water", "cold storage"],
        "policy": ["fuel subsidy", "tax", "land", "import", "labour", "housing", "rice procurement"],
        "adj": ["short-sighted", "overdue", "costly", "vague", "unfair to farmers", "a step backwards"],
        "reason": ["high food prices", "a weak currency", "global uncertainty", "slow credit growth",
                   "rising oil prices"],
        "goods": ["rice", "tea", "jute", "garments", "steel", "medicines", "cotton", "wheat", "fish",
                  "electronics", "leather", "spices"],
        "event": ["book fair", "trade fair", "film festival", "science fair", "craft exhibition", "food festival"],
        "accident": ["a bus accident", "a fire", "a boat capsize", "a landslide", "a building collapse"],
        "festival": ["Independence Day", "the new year", "the harvest festival", "Language Day", "Republic Day"],
        "topic": ["climate finance", "connectivity", "food security", "counter-terrorism", "maritime security",
                  "the energy transition", "digital payments", "public health", "water sharing", "migration",
                  "critical minerals", "space cooperation"],
    },
    "bn": {
        "sector": ["কৃষি", "স্বাস্থ্য", "শিক্ষা", "রেলপথ", "বিদ্যুৎ", "পানিসম্পদ", "মৎস্য", "বস্ত্র",
                   "তথ্যপ্রযুক্তি", "পর্যটন", "নৌপরিবহন", "গৃহায়ণ"],
        "place": ["গ্রামীণ সড়কের", "বন্যা নিয়ন্ত্রণ বাঁধের", "নতুন হাসপাতালের", "স্কুল ভবনের", "নদীবন্দরের",
                  "সৌরবিদ্যুৎ কেন্দ্রের", "সুপেয় পানির", "হিমাগারের"],
        "policy": ["জ্বালানি ভর্তুকি", "কর", "ভূমি", "আমদানি", "শ্রম", "আবাসন", "ধান সংগ্রহ"],
        "adj": ["অদূরদর্শী", "বিলম্বিত", "ব্যয়বহুল", "অস্পষ্ট", "কৃষকবিরোধী", "পশ্চাৎমুখী"],
        "reason": ["খাদ্যপণ্যের উচ্চমূল্যের", "দুর্বল মুদ্রার", "বৈশ্বিক অনিশ্চয়তার", "ধীর ঋণপ্রবৃদ্ধির",
                   "তেলের দাম বাড়ার"],
        "goods": ["চাল", "চা", "পাট", "তৈরি পোশাক", "ইস্পাত", "ওষুধ", "তুলা", "গম", "মাছ",
                  "ইলেকট্রনিক পণ্য", "চামড়া", "মসলা"],
        "event": ["বইমেলায়", "বাণিজ্য মেলায়", "চলচ্চিত্র উৎসবে", "বিজ্ঞান মেলায়", "কারুশিল্প প্রদর্শনীতে",
                  "খাদ্য উৎসবে"],
        "accident": ["এক সড়ক দুর্ঘটনায়", "এক অগ্নিকাণ্ডে", "নৌকাডুবিতে", "ভূমিধসে", "ভবনধসে"],
        "festival": ["স্বাধীনতা দিবস", "নববর্ষ", "নবান্ন উৎসব", "ভাষা দিবস", "বিজয় দিবস"],
        "topic": ["জলবায়ু অর্থায়ন", "যোগাযোগ", "খাদ্য নিরাপত্তা", "সন্ত্রাসবাদ দমন", "সমুদ্র নিরাপত্তা",
                  "জ্বালানি রূপান্তর", "ডিজিটাল লেনদেন", "জনস্বাস্থ্য", "পানিবণ্টন", "অভিবাসন",
                  "গুরুত্বপূর্ণ খনিজ", "মহাকাশ সহযোগিতা"],
    },
    "hi": {
        "sector": ["कृषि", "स्वास्थ्य", "शिक्षा", "रेल", "बिजली", "जल संसाधन", "मत्स्य", "वस्त्र",
                   "सूचना प्रौद्योगिकी", "पर्यटन", "जहाजरानी", "आवास"],
        "place": ["ग्रामीण सड़कों", "बाढ़ सुरक्षा तटबंधों", "नए अस्पतालों", "स्कूल भवनों", "नदी बंदरगाह",
                  "सौर पार्कों", "पेयजल", "शीतगृहों"],
        "policy": ["ईंधन सब्सिडी", "कर", "भूमि", "आयात", "श्रम", "आवास", "धान खरीद"],
        "adj": ["अदूरदर्शी", "देर से उठाया गया कदम", "महंगा", "अस्पष्ट", "किसान विरोधी", "पीछे ले जाने वाला"],
        "reason": ["खाद्य पदार्थों की ऊंची कीमतों", "कमजोर मुद्रा", "वैश्विक अनिश्चितता", "धीमी ऋण वृद्धि",
                   "तेल की बढ़ती कीमतों"],
        "goods": ["चावल", "चाय", "जूट", "सिले-सिलाए कपड़े", "इस्पात", "दवाइयां", "कपास", "गेहूं", "मछली",
                  "इलेक्ट्रॉनिक सामान", "चमड़ा", "मसाले"],
        "event": ["पुस्तक मेले", "व्यापार मेले", "फिल्म महोत्सव", "विज्ञान मेले", "शिल्प प्रदर्शनी", "खाद्य उत्सव"],
        "accident": ["एक बस दुर्घटना", "आग लगने की घटना", "नाव पलटने की घटना", "भूस्खलन", "इमारत ढहने की घटना"],
        "festival": ["स्वतंत्रता दिवस", "नववर्ष", "फसल उत्सव", "भाषा दिवस", "गणतंत्र दिवस"],
        "topic": ["जलवायु वित्त", "संपर्क", "खाद्य सुरक्षा", "आतंकवाद विरोध", "समुद्री सुरक्षा",
                  "ऊर्जा परिवर्तन", "डिजिटल भुगतान", "सार्वजनिक स्वास्थ्य", "जल बंटवारे", "प्रवासन",
                  "महत्वपूर्ण खनिजों", "अंतरिक्ष सहयोग"],
    },
}

BN_VOWELS = set("ািীুূৃেৈোৌঅআইঈউঊঋএঐওঔ")
DEVANAGARI_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")


def _latin(word: str) -> bool:
    return word[-1:].isascii()


def bn_gen(w: str) -> str:
    """Bengali genitive: ভারত -> ভারতের, রাশিয়া -> রাশিয়ার, Macron -> Macron-এর."""
    if _latin(w):
        return w + "-এর"
    return w + ("র" if w[-1] in BN_VOWELS else "ের")


def bn_loc(w: str) -> str:
    """Bengali locative: কাজাখস্তান -> কাজাখস্তানে, আস্তানা -> আস্তানায়, দিল্লি -> দিল্লিতে."""
    if _latin(w):
        return w + "-এ"
    if w[-1] == "া":
        return w + "য়"
    return w + ("তে" if w[-1] in BN_VOWELS else "ে")


# --------------------------------------------------------------------------- generator

class World:
    """What the stories are made of, drawn once from the gazetteer (deterministic order)."""

    def __init__(self):
        from benchmark import BN_DIGITS, BN_MONTHS, EN_MONTHS, HI_MONTHS, WEEKDAYS
        from builder import gazetteer

        self.bn_digits = BN_DIGITS
        self.months = {"en": EN_MONTHS, "bn": BN_MONTHS, "hi": HI_MONTHS}
        self.weekdays = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
                         "bn": ["সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার", "শনিবার", "রবিবার"],
                         "hi": ["सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"]}
        for lang, days in WEEKDAYS.items():
            assert all(d in self.weekdays[lang] for d in days)
        gz = gazetteer.load()
        entries = sorted(gz.entries.values(), key=lambda e: e.id)
        self.countries = {e.id: e for e in entries if e.type == "Country"}
        self.country_ids = sorted(self.countries)
        self.cities = {lang: [e for e in entries if e.type == "City" and e.names.get(lang)
                              and e.country in self.countries] for lang in LANGS}
        self.orgs = {lang: [e for e in entries if e.type == "Organization" and e.names.get(lang)] for lang in LANGS}
        # (leader, position) usable in a year: an office we can title, a known state
        self.by_year: dict[int, list] = {}
        for e in entries:
            if e.type != "Leader":
                continue
            for p in e.positions:
                if p.get("office") not in OFFICES:
                    continue
                lo, hi = max(p.get("start") or 2000, 2000), min(p.get("end") or 2025, 2025)
                for y in range(lo, hi + 1):
                    self.by_year.setdefault(y, []).append((e, p))
        self.years = sorted(y for y, v in self.by_year.items() if len(v) >= 20)

    def country_name(self, rng, cid: str, lang: str) -> str:
        names = self.countries[cid].names.get(lang) or self.countries[cid].names["en"]
        return names[0] if rng.random() < 0.85 else rng.choice(names)

    def leader_names(self, rng, entry, lang: str) -> tuple[str, str]:
        """(full name, short name) as the language writes them; Latin when the gazetteer
        has none in the language (as the benchmark does)."""
        forms = entry.names.get(lang) or entry.names.get("en") or [entry.english]
        full = max(forms, key=lambda f: len(f.split()))
        short = min(forms, key=lambda f: (len(f.split()), f))
        return full, (short if rng.random() < 0.7 else full)


def _num(rng, lo: int, hi: int) -> str:
    return str(rng.randint(lo, hi))


def _digits(text: str, lang: str, rng, world: World) -> str:
    """Numbers in the article's own digits: Bengali mostly, Hindi sometimes."""
    if lang == "bn" and rng.random() < 0.9:
        return text.translate(world.bn_digits)
    if lang == "hi" and rng.random() < 0.15:
        return text.translate(DEVANAGARI_DIGITS)
    return text


def _date_str(d: date, lang: str, world: World, rng) -> str:
    m = world.months[lang][d.month - 1]
    if lang == "en":
        return f"{d.day} {m} {d.year}" if rng.random() < 0.6 else f"{m} {d.day}, {d.year}"
    if lang == "bn":
        return f"{d.day} {m}, {d.year}" if rng.random() < 0.5 else f"{d.day} {m} {d.year}"
    return f"{d.day} {m} {d.year}"


def _ordinal(k: int, lang: str) -> str:
    if lang == "en":
        suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
        return f"{k}{suffix}"
    if lang == "bn":
        return {1: "প্রথম", 2: "দ্বিতীয়", 3: "তৃতীয়", 4: "চতুর্থ"}.get(k, f"{k}তম")
    return {1: "पहले"}.get(k, f"{k}वें")


def make_article(world: World, seed: int, i: int) -> dict:
    """Article i of the corpus of this seed (independent of the others: same seed, same i,
    same text)."""
    rng = random.Random(f"diplokg-corpus/{seed}/{i}")
    lang = LANGS[rng.randrange(3)]
    target = min(MAX_BYTES, max(MIN_BYTES, int(rng.lognormvariate(0, SIGMA) * MEDIAN_BYTES)))
    year = rng.choice(world.years)
    published = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    pool = world.by_year[year]
    if lang != "en" and rng.random() < 0.6:  # prefer leaders the gazetteer names in bn/hi
        native = [lp for lp in pool if lang in lp[0].names]
        pool = native or pool
    (e1, p1) = rng.choice(pool)
    (e2, p2) = rng.choice([lp for lp in world.by_year[year] if lp[1]["country"] != p1["country"]])
    c1, c2 = p1["country"], p2["country"]
    cities = world.cities[lang]
    local = [c for c in cities if c.country in (c1, c2)]
    city = rng.choice(local) if local and rng.random() < 0.7 else rng.choice(cities)
    org = rng.choice(world.orgs[lang])
    l1, l1s = world.leader_names(rng, e1, lang)
    l2, l2s = world.leader_names(rng, e2, lang)
    story = {
        "c1": world.country_name(rng, c1, lang), "c2": world.country_name(rng, c2, lang),
        "t1": OFFICES[p1["office"]][lang], "t2": OFFICES[p2["office"]][lang],
        "l1": l1, "l2": l2, "l1s": l1s, "l2s": l2s,
        "city": rng.choice(city.names[lang]), "host": world.country_name(rng, city.country, lang),
        "org": rng.choice(org.names[lang] + org.acronyms.get(lang, [])),
        "kind": rng.choice(KINDS[lang]), "ord": _ordinal(rng.randint(1, 30), lang),
    }
    words = WORDS[lang]

    def fill(template: str) -> str:
        d = published - timedelta(days=rng.randrange(0, 60))
        f = published + timedelta(days=rng.randrange(3, 90))
        v = dict(story)
        v.update({
            "date": _date_str(d, lang, world, rng), "fdate": _date_str(f, lang, world, rng),
            "y": str(rng.randint(1947, year)), "d": str(d.day), "m": world.months[lang][rng.randrange(12)],
            "my": (f"{d.year} সালের {world.months[lang][d.month - 1]} মাসে" if lang == "bn"
                   else f"{world.months[lang][d.month - 1]} {d.year}"),
            "wd": rng.choice(world.weekdays[lang]),
            "n": _num(rng, 2, 60), "n2": _num(rng, 2, 40), "n3": f"{rng.randint(120, 98000):,}"
            if lang == "en" else _num(rng, 120, 98000),
            "pct": f"{rng.randint(1, 40)}.{rng.randint(0, 9)}", "rate": f"{rng.randint(2, 12)}.{rng.randint(0, 9)}",
            "c3": world.country_name(rng, rng.choice(world.country_ids), lang),
            "c4": world.country_name(rng, rng.choice(world.country_ids), lang),
            "cityx": rng.choice(rng.choice(cities).names[lang]),
        })
        for key in ("topic", "topic2", "topic3"):
            v[key] = rng.choice(words["topic"])
        for key, choices in words.items():
            if key != "topic":
                v[key] = rng.choice(choices)
        if rng.random() < 0.5:  # a full name is not repeated in every sentence
            v["l1"], v["l2"] = v["l1s"], v["l2s"]
        if lang == "bn":
            for key in ("c1", "c2", "c3", "host", "l1", "l2", "l1s", "l2s", "org", "city", "cityx"):
                v[key + "g"] = bn_gen(v[key])
            for key in ("city", "cityx", "org"):
                v[key + "l"] = bn_loc(v[key])
        elif lang == "en":
            for key in ("c1", "c2"):
                v[key + "g"] = v[key] + "'s"
        return _digits(template.format(**v), lang, rng, world)

    decks: dict[str, list[str]] = {"d": [], "f": []}

    def draw(kind: str) -> str:
        """Templates without replacement (reshuffled when used up): an article does not
        say the same kind of thing twice before it has said everything once."""
        if not decks[kind]:
            decks[kind] = list(DIPLOMACY[lang] if kind == "d" else FILLER[lang])
            rng.shuffle(decks[kind])
        return decks[kind].pop()

    headline = fill(rng.choice(HEADLINES[lang]))
    dateline = _digits(_date_str(published, lang, world, rng), lang, rng, world)
    place = story["city"]
    lead = fill(rng.choice(DIPLOMACY[lang][:3] + DIPLOMACY[lang][5:7]))
    paragraphs = [headline, f"{place}, {dateline}: {lead}" if lang == "en" else f"{place}, {dateline}। {lead}"]
    size = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)
    para: list[str] = []
    misses = 0
    while size < target and misses < 20:
        sent = fill(draw("d" if rng.random() < DIPLOMACY_SHARE else "f"))
        extra = len(sent.encode("utf-8")) + 1
        if size + extra > MAX_BYTES:
            misses += 1
            continue
        para.append(sent)
        size += extra
        if len(para) >= rng.randint(2, 5):
            paragraphs.append(" ".join(para))
            para = []
    if para:
        paragraphs.append(" ".join(para))
    text = "\n".join(paragraphs)
    return {"id": f"bench-{seed}-{i:07d}", "text": text, "lang": lang, "published": published.isoformat(),
            "source": f"https://bench.diplokg.invalid/{lang}/{seed}/{i}"}


def generate(out: Path, n: int, seed: int, quiet: bool = False) -> dict:
    """Write n articles to `out` (gzip JSON Lines), streaming; returns the distribution."""
    world = World()
    seen: set[bytes] = set()
    lengths = {lang: array.array("i") for lang in LANGS}
    chars = 0
    tmp = out.with_name(out.name + ".part")
    t0 = time.perf_counter()
    i = attempt = 0
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=5) as fh:
        while i < n:
            art = make_article(world, seed, attempt)
            attempt += 1
            digest = hashlib.blake2b(art["text"].encode("utf-8"), digest_size=12).digest()
            if digest in seen:  # never a repeated article
                continue
            seen.add(digest)
            art["id"] = f"bench-{seed}-{i:07d}"
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
            lengths[art["lang"]].append(len(art["text"].encode("utf-8")))
            chars += len(art["text"])
            i += 1
            if not quiet and i % 10000 == 0:
                print(f"  generated {i:,}/{n:,}", file=sys.stderr)
    os.replace(tmp, out)
    dist = distribution(lengths, chars)
    dist.update({"file": str(out), "seed": seed, "repeats_skipped": attempt - n,
                 "gz_bytes": out.stat().st_size, "seconds": round(time.perf_counter() - t0, 2)})
    return dist


def distribution(lengths: dict[str, array.array], chars: int) -> dict:
    every = sorted(x for arr in lengths.values() for x in arr)
    if not every:
        return {"articles": 0}

    def q(p: float) -> int:
        return every[min(len(every) - 1, int(p * len(every)))]

    return {"articles": len(every), "bytes": sum(every), "chars": chars,
            "per_lang": {lang: len(arr) for lang, arr in lengths.items()},
            "median_per_lang": {lang: int(statistics.median(arr)) if arr else None for lang, arr in lengths.items()},
            "min": every[0], "p10": q(0.1), "median": int(statistics.median(every)), "p90": q(0.9),
            "max": every[-1], "mean": round(sum(every) / len(every))}


def scan(path: Path, limit: int | None = None) -> dict:
    """The distribution of an existing corpus file (its first `limit` articles)."""
    lengths = {lang: array.array("i") for lang in LANGS}
    chars = 0
    for k, art in enumerate(read_jsonl(path)):
        if limit is not None and k >= limit:
            break
        lengths.setdefault(art.get("lang") or "?", array.array("i")).append(len(art["text"].encode("utf-8")))
        chars += len(art["text"])
    return distribution(lengths, chars)


def read_jsonl(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def prefix(src: Path, dst: Path, n: int) -> dict:
    """The first n articles of src as their own file (no re-encoding of the lines)."""
    lengths = {lang: array.array("i") for lang in LANGS}
    chars = 0
    with gzip.open(src, "rt", encoding="utf-8") as fin, gzip.open(dst, "wt", encoding="utf-8",
                                                                  compresslevel=5) as fout:
        k = 0
        for line in fin:
            if not line.strip():
                continue
            if k >= n:
                break
            art = json.loads(line)
            lengths.setdefault(art.get("lang") or "?", array.array("i")).append(len(art["text"].encode("utf-8")))
            chars += len(art["text"])
            fout.write(line)
            k += 1
    return distribution(lengths, chars)


def print_distribution(d: dict) -> None:
    if not d.get("articles"):
        print("corpus: empty")
        return
    langs = ", ".join(f"{k} {v:,} (median {d['median_per_lang'][k]:,} B)" for k, v in d["per_lang"].items())
    print(f"corpus: {d['articles']:,} articles, {d['bytes'] / 1e6:.1f} MB UTF-8, {d['chars']:,} characters")
    print(f"  bytes per article: min {d['min']:,}  p10 {d['p10']:,}  median {d['median']:,}  "
          f"mean {d['mean']:,}  p90 {d['p90']:,}  max {d['max']:,}")
    print(f"  languages: {langs}")
    if "gz_bytes" in d:
        print(f"  file {d['file']} ({d['gz_bytes'] / 1e6:.1f} MB gzip), written in {d['seconds']:.1f} s; "
              f"{d['repeats_skipped']} repeated texts skipped")


# --------------------------------------------------------------------------- process tree

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids += [int(x) for x in fh.read().split()]
        return kids
    except OSError:
        return kids


def _all_children_by_scan(root: int) -> set[int]:
    parent: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parent.setdefault(ppid, []).append(int(name))
    tree, todo = {root}, [root]
    while todo:
        for kid in parent.get(todo.pop(), []):
            if kid not in tree:
                tree.add(kid)
                todo.append(kid)
    return tree


HAVE_CHILDREN_FILE = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def tree_pids(root: int) -> set[int]:
    if not HAVE_CHILDREN_FILE:
        return _all_children_by_scan(root)
    tree, todo = {root}, [root]
    while todo:
        for kid in _children(todo.pop()):
            if kid not in tree:
                tree.add(kid)
                todo.append(kid)
    return tree


def tree_memory(root: int, pss: bool) -> tuple[int, int, int]:
    """(sum of RSS, sum of PSS or 0, processes) over the process tree of root, in bytes.
    RSS counts pages a forked worker shares with its parent once per process; PSS splits
    them, so the sum of PSS is the tree's real footprint."""
    rss = total_pss = count = 0
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/statm") as fh:
                rss += int(fh.read().split()[1]) * PAGE
            count += 1
            if pss:
                with open(f"/proc/{pid}/smaps_rollup") as fh:
                    for line in fh:
                        if line.startswith("Pss:"):
                            total_pss += int(line.split()[1]) * 1024
                            break
        except (OSError, ValueError, IndexError):
            continue
    return rss, total_pss, count


def run_sampled(cmd: list[str], log: Path, interval: float = 0.2, pss_every: int = 50) -> dict:
    """Run cmd, sampling its process tree's memory every `interval` seconds (PSS only at a
    peak RSS 2 % above the last one read with it, or every `pss_every` samples near the
    peak: reading smaps_rollup of a process with a large store open costs the kernel tens
    of milliseconds, CPU the build being measured would otherwise have)."""
    pss_ok = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    peak_rss = peak_pss = peak_procs = 0
    since_pss, pss_at = 0, 0
    t0 = time.perf_counter()
    with open(log, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=err, stderr=subprocess.STDOUT)
        while True:
            rss, _, procs = tree_memory(proc.pid, False)
            since_pss += 1
            if pss_ok and (rss > 1.02 * pss_at or (rss >= 0.9 * peak_rss and since_pss >= pss_every)):
                peak_pss = max(peak_pss, tree_memory(proc.pid, True)[1])
                since_pss, pss_at = 0, max(pss_at, rss)
            peak_rss, peak_procs = max(peak_rss, rss), max(peak_procs, procs)
            try:
                proc.wait(timeout=interval)
                break
            except subprocess.TimeoutExpired:
                pass
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cmd": cmd, "exit": proc.returncode, "seconds": round(wall, 3), "cpu_seconds": round(cpu, 2),
            "peak_rss": peak_rss, "peak_pss": peak_pss or None, "peak_processes": peak_procs,
            "loadavg_before": round(load, 2)}


def last_line(path: Path) -> dict | None:
    """The report's last JSON line (read from the end: the report may be large)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            end = fh.tell()
            block = b""
            pos = end
            while pos > 0:
                step = min(65536, pos)
                pos -= step
                fh.seek(pos)
                block = fh.read(step) + block
                lines = [x for x in block.splitlines() if x.strip()]
                if len(lines) >= 2 or (pos == 0 and lines):
                    return json.loads(lines[-1])
    except (OSError, ValueError):
        return None
    return None


def disk_usage(path: Path) -> tuple[int, int]:
    """(bytes allocated on disk, apparent bytes) under path."""
    used = apparent = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                st = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            used += st.st_blocks * 512
            apparent += st.st_size
    return used, apparent


# --------------------------------------------------------------------------- runner

def build_once(cli: list[str], corpus: Path, store: Path, workers: int, work: Path, tag: str) -> dict:
    report = work / f"report-{tag}.jsonl"
    cmd = cli + ["build", str(corpus), "--store", str(store), "--workers", str(workers),
                 "--report", str(report), "--quiet"]
    r = run_sampled(cmd, work / f"log-{tag}.txt")
    r["summary"] = last_line(report)
    if r["summary"] is not None and r["summary"].get("event") != "summary":
        r["summary_problem"] = "the report's last line is not a summary record"
    log = (work / f"log-{tag}.txt").read_text("utf-8", "replace")
    r["log_tail"] = log[-2000:] if r["exit"] != 0 or r["summary"] is None else ""
    return r


def run_builds(args, corpus: Path, work: Path, want_queries: bool) -> tuple[list[dict], list[dict]]:
    cli = shlex.split(args.cli) if args.cli else [sys.executable, "-m", "builder"]
    total = sum(1 for _ in _lines(corpus))
    builds, queries = [], []
    for n in args.sizes:
        if n > total:
            print(f"warning: the corpus has {total:,} articles, fewer than {n:,}; using them all", file=sys.stderr)
        size_file = corpus if n >= total else work / f"corpus-{n}.jsonl.gz"
        dist = scan(corpus) if n >= total else prefix(corpus, size_file, n)
        for w in args.workers:
            tag = f"{n}-w{w}"
            store = work / f"store-{tag}"
            if store.exists():
                shutil.rmtree(store)
            print(f"\n== build {dist['articles']:,} articles ({dist['bytes'] / 1e6:.1f} MB), {w} worker(s) "
                  f"-> {store}", flush=True)
            first = build_once(cli, size_file, store, w, work, tag)
            first["disk_bytes"], first["apparent_bytes"] = disk_usage(store) if store.exists() else (0, 0)
            print(f"   first run: exit {first['exit']}, {first['seconds']:.1f} s", flush=True)
            again = build_once(cli, size_file, store, w, work, tag + "-rerun")
            print(f"   rerun:     exit {again['exit']}, {again['seconds']:.1f} s", flush=True)
            rec = {"articles": dist["articles"], "bytes": dist["bytes"], "chars": dist["chars"], "workers": w,
                   "first": first, "rerun": again, "store": str(store)}
            builds.append(rec)
            for label, r in (("first run", first), ("rerun", again)):
                if r["exit"] not in (0, 1) or r["summary"] is None:
                    print(f"   !! {label}: exit {r['exit']}, summary {'missing' if r['summary'] is None else 'ok'}"
                          f"\n{r['log_tail']}", file=sys.stderr)
            if want_queries and w == args.workers[0] and store.exists():
                queries.append(run_queries_isolated(store, args, dist["articles"], work))
            if not args.keep:
                shutil.rmtree(store, ignore_errors=True)
        if size_file != corpus and not args.keep:
            size_file.unlink(missing_ok=True)
    return builds, queries


def _lines(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield line


def _timed(fn, repeat: int) -> tuple[list[float], object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return times, out


def _most_stated_fact(store, params: dict) -> str:
    """The fact stated by the most articles among `facts`'s rows for its parameters
    (evidence is then measured on the largest of a much-named thing's facts)."""
    from builder.sparql import named_query
    names, rows = store.query(named_query("facts"), params=params.get("facts", {}), limit=1)
    return f"<{list(rows)[0][0]}>"


def run_queries(store_dir: Path, repeat: int, params: dict, n: int | None = None, bare_repeat: int | None = None,
                progress: Path | None = None) -> dict:
    """Each named query without and with its parameters, and stats(), through the API,
    in this process (the store opened once, read-only).  With `progress`, each step is
    appended to that file as it starts and ends (so a parent sees what killed us)."""
    from builder.sparql import named_queries, named_query
    from builder.store import Store

    def note(rec: dict) -> None:
        if progress is not None:
            with open(progress, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")

    print(f"\n== queries on {store_dir}", flush=True)
    t0 = time.perf_counter()
    store = Store(str(store_dir), read_only=True)
    opened = time.perf_counter() - t0
    rows_out = []
    for name in sorted(named_queries()):
        text = named_query(name)
        p = {k: _most_stated_fact(store, params) if v == MOST_STATED else v for k, v in params.get(name, {}).items()}
        for label, p in (("none", {}), ("param", p)):
            if label == "param" and not p:
                continue
            runs = repeat if label == "param" or bare_repeat is None else bare_repeat
            if not runs:
                continue
            rec = {"query": name, "params": p}
            note({"started": name, "params": p})
            try:
                def run(text=text, p=p):
                    names, rows = store.query(text, params=p)
                    return len(list(rows))
                times, count = _timed(run, runs)
                rec.update({"rows": count, "first": times[0], "median": statistics.median(times), "times": times})
                # what `diplokg query` shows as a table: its first page of rows
                page, _ = _timed(lambda text=text, p=p: store.query(text, params=p, limit=TABLE_ROWS), runs)
                rec["page"] = statistics.median(page)
            except Exception as e:  # noqa: BLE001 - a figure, not a test: report and go on
                rec["error"] = f"{type(e).__name__}: {e}"
            rows_out.append(rec)
            note({"done": rec})
            print(f"   {name:<13} {label:<5} " + (f"{rec['median'] * 1e3:10.1f} ms  {rec['rows']:>9,} rows, "
                                                    f"first {TABLE_ROWS} in {rec['page'] * 1e3:.1f} ms"
                                                    if "median" in rec else rec["error"]), flush=True)
    stats_rec: dict = {}
    note({"started": "stats()", "params": {}})
    try:
        times, stats = _timed(store.stats, repeat)
        stats_rec = {"first": times[0], "median": statistics.median(times), "times": times, "value": stats}
    except Exception as e:  # noqa: BLE001
        stats_rec = {"error": f"{type(e).__name__}: {e}"}
    close = getattr(store, "close", None)
    if callable(close):
        close()
    out = {"store": str(store_dir), "articles": n, "open_seconds": opened, "queries": rows_out, "stats": stats_rec}
    note({"result": out})
    return out


def run_queries_isolated(store_dir: Path, args, n: int | None, work: Path) -> dict:
    """run_queries in a child Python process (still one process for all the queries)
    whose address space is capped and whose time is bounded: a query that runs away
    must neither take the shared machine's memory nor the figures gathered so far."""
    progress = work / f"queries-{store_dir.name}.jsonl"
    progress.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--only", "queries", "--store", str(store_dir),
           "--repeat", str(args.repeat), "--progress", str(progress), "--quiet"]
    if args.bare_repeat is not None:
        cmd += ["--bare-repeat", str(args.bare_repeat)]
    cmd += [x for item in args.param for x in ("--param", item)]
    limit = int(args.query_mem_gb * 2**30)

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    problem = None
    try:
        proc = subprocess.run(cmd, cwd=REPO, preexec_fn=cap, timeout=args.query_timeout,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            problem = f"query process exit {proc.returncode}: {proc.stderr.strip()[-300:]}"
    except subprocess.TimeoutExpired:
        problem = f"query process stopped after {args.query_timeout} s"
    recs, started, result = [], None, None
    if progress.exists():
        for line in progress.read_text("utf-8").splitlines():
            item = json.loads(line)
            if "started" in item:
                started = item
            elif "done" in item:
                recs.append(item["done"])
                started = None
            elif "result" in item:
                result = item["result"]
    if result is None:
        result = {"store": str(store_dir), "open_seconds": float("nan"), "queries": recs, "stats": {}}
        if started is not None and started["started"] != "stats()":
            recs.append({"query": started["started"], "params": started["params"], "error": problem})
        result["stats"] = {"error": problem if started and started["started"] == "stats()" else "not run"}
        result["problem"] = problem
    result["articles"] = n
    if problem:
        print(f"   !! {problem}", file=sys.stderr)
    return result


# --------------------------------------------------------------------------- tables

def mb(x) -> str:
    return "-" if not x else f"{x / 2**20:,.0f}"


def print_builds(builds: list[dict]) -> None:
    if not builds:
        return
    print("\nBuild (first run on a fresh store; rerun with nothing changed)")
    head = (f"{'articles':>9} {'W':>2} {'wall s':>8} {'art/s':>7} {'chars/s':>9} {'cpu s':>7} "
            f"{'extract':>8} {'rdf':>7} {'validate':>8} {'write':>7} {'facts':>9} {'triples':>11} "
            f"{'RSS MB':>7} {'PSS MB':>7} {'store MB':>8} {'rerun s':>8} {'ratio':>6}  checks")
    print(head)
    print("-" * len(head))
    for b in builds:
        f, r = b["first"], b["rerun"]
        s = f["summary"] or {}
        st = s.get("stages") or {}
        checks = []
        if f["exit"] not in (0, 1):
            checks.append(f"exit {f['exit']}")
        if not s:
            checks.append("no summary")
        elif s.get("built") != b["articles"]:
            checks.append(f"built {s.get('built')} failed {s.get('failed')}")
        rs = r["summary"] or {}
        if rs and rs.get("unchanged") != b["articles"]:
            checks.append(f"rerun unchanged {rs.get('unchanged')}")
        if r["exit"] not in (0, 1):
            checks.append(f"rerun exit {r['exit']}")
        if max(f["loadavg_before"], r["loadavg_before"]) > 0.5:
            checks.append(f"load {f['loadavg_before']:.1f}")

        def sec(k):
            return f"{st[k]:8.1f}" if isinstance(st.get(k), (int, float)) else f"{'-':>8}"
        secs = f["seconds"] or float("nan")
        print(f"{b['articles']:>9,} {b['workers']:>2} {f['seconds']:>8.1f} {b['articles'] / secs:>7.1f} "
              f"{b['chars'] / secs:>9,.0f} {f['cpu_seconds']:>7.1f} {sec('extract')} {sec('rdf')[1:]} "
              f"{sec('validate')} {sec('write')[1:]} {s.get('facts', '-'):>9} {s.get('triples', '-'):>11} "
              f"{mb(f['peak_rss']):>7} {mb(f['peak_pss']):>7} {mb(f['disk_bytes']):>8} "
              f"{r['seconds']:>8.1f} {r['seconds'] / secs:>6.3f}  {'; '.join(checks) or 'ok'}")
    print("  (stage seconds: CPU-side, summed over workers, from the report's summary line; RSS: sum over the "
          "process tree, counts shared pages once per process; PSS splits them)")


def print_queries(qs: list[dict]) -> None:
    for q in qs:
        print(f"\nQueries through the API on {q['store']} ({q['articles'] or '?'} articles; store opened in "
              f"{q['open_seconds'] * 1e3:.0f} ms); median of the runs, first run beside it; all rows, and "
              f"(page) the first {TABLE_ROWS}, the table `diplokg query` prints by default")
        print(f"{'query':<13} {'parameters':<36} {'median ms':>10} {'first ms':>9} {'rows':>10} {'page ms':>8}")
        for r in q["queries"]:
            p = " ".join(f"{k}={v}" for k, v in r["params"].items()) or "-"
            if "error" in r:
                print(f"{r['query']:<13} {p:<36} {r['error']}")
            else:
                print(f"{r['query']:<13} {p:<36} {r['median'] * 1e3:>10.1f} {r['first'] * 1e3:>9.1f} "
                      f"{r['rows']:>10,} {r['page'] * 1e3 if 'page' in r else float('nan'):>8.1f}")
        s = q["stats"]
        if "error" in s:
            print(f"{'stats()':<13} {'-':<36} {s['error']}")
        else:
            print(f"{'stats()':<13} {'-':<36} {s['median'] * 1e3:>10.1f} {s['first'] * 1e3:>9.1f}")
            print(f"  stats: {json.dumps(s['value'], ensure_ascii=False, default=str)[:600]}")


# --------------------------------------------------------------------------- main

def _ints(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.splitlines()[2:]))
    ap.add_argument("--sizes", type=_ints, default=[10000, 100000],
                    help="corpus sizes N to build (default 10000,100000); --only generate writes max(N)")
    ap.add_argument("--workers", type=_ints, default=[1, 2], help="worker counts W (default 1,2)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, help="where to write the generated corpus (.jsonl.gz)")
    ap.add_argument("--corpus", type=Path, help="reuse this corpus (.jsonl.gz) instead of generating one")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="work in DIR and keep the corpus, stores, reports and logs (default: a temp dir, removed)")
    ap.add_argument("--only", choices=["generate", "build", "queries"],
                    help="run one part: generate (corpus only), build (builds and reruns, no queries), "
                         "queries (on --store DIR, or the stores kept in --keep DIR)")
    ap.add_argument("--store", type=Path, action="append", help="with --only queries: a store to query (repeatable)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (median reported; default 3)")
    ap.add_argument("--bare-repeat", type=int, default=None,
                    help="runs per query without parameters (default: --repeat; 0 leaves them out: "
                         "at 100k articles some list a million rows)")
    ap.add_argument("--param", action="append", default=[], metavar="QUERY:K=V",
                    help="override a named query's parameter, e.g. meetings:leader=wd:Q7747")
    ap.add_argument("--query-mem-gb", type=float, default=8.0,
                    help="address-space cap of the query process (GB, default 8)")
    ap.add_argument("--query-timeout", type=float, default=1800.0,
                    help="seconds allowed to the query process of one store (default 1800)")
    ap.add_argument("--progress", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cli", help="command to run diplokg (default: this Python's -m builder, in the checkout)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="save the figures as JSON")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    args.params = {k: dict(v) for k, v in QUERY_PARAMS.items()}
    for item in args.param:
        name, _, kv = item.partition(":")
        k, _, v = kv.partition("=")
        if not (name and k and v):
            ap.error(f"--param {item!r}: expected QUERY:K=V")
        args.params.setdefault(name, {})[k] = v

    fig: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                             "platform": platform.platform(), "loadavg": os.getloadavg(),
                             "started": time.strftime("%Y-%m-%dT%H:%M:%S")},
                 "args": {"sizes": args.sizes, "workers": args.workers, "seed": args.seed}}
    temp = None
    if args.keep:
        work = args.keep
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(temp := tempfile.mkdtemp(prefix="diplokg-bench-"))
    try:
        if args.only == "queries":
            stores = args.store or sorted(p for p in work.glob("store-*") if p.is_dir())
            if not stores:
                ap.error("--only queries needs --store DIR (or --keep DIR holding store-* directories)")
            fig["queries"] = [run_queries(s, args.repeat, args.params, bare_repeat=args.bare_repeat,
                                          progress=args.progress) for s in stores]
            print_queries(fig["queries"])
            return finish(fig, args)

        corpus = args.corpus
        if args.only == "generate" and corpus is None and not (args.out or args.keep):
            ap.error("--only generate needs --out FILE (or --keep DIR): the temp dir is removed at the end")
        if corpus is None:
            corpus = args.out or work / f"corpus-seed{args.seed}-{max(args.sizes)}.jsonl.gz"
            print(f"generating {max(args.sizes):,} articles (seed {args.seed}) -> {corpus}", flush=True)
            fig["corpus"] = generate(corpus, max(args.sizes), args.seed, args.quiet)
        else:
            fig["corpus"] = scan(corpus)
            fig["corpus"]["file"] = str(corpus)
        print_distribution(fig["corpus"])
        if args.only == "generate":
            return finish(fig, args)

        fig["builds"], fig["queries"] = run_builds(args, corpus, work, want_queries=args.only != "build")
        print_builds(fig["builds"])
        print_queries(fig["queries"])
        return finish(fig, args)
    finally:
        if temp:
            shutil.rmtree(temp, ignore_errors=True)


def finish(fig: dict, args) -> int:
    if args.json:
        args.json.write_text(json.dumps(fig, indent=1, ensure_ascii=False, default=str) + "\n", "utf-8")
        print(f"\nfigures saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
