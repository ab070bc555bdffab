#!/usr/bin/env python3
"""Throughput of diplokg's build on a varied corpus of at least 1 MB, beside a blank spaCy
tokenizer over the same text in the same run.

    python bench/benchmark.py [--mb 1.2] [--seed 7] [--validate-sample 100]

The corpus is generated: news-like articles in Bengali, English and Hindi whose states,
leaders, organisations, cities, dates and numbers are drawn at random from the gazetteer,
so that no two articles repeat (spaCy caches tokens: one article repeated would flatter
every figure).  The real articles in ../shared (seed and dev set) are added when present.
Extraction, RDF writing and SHACL validation are reported apart.
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import spacy

from builder import gazetteer
from builder.api import extract
from builder.rdf import add_extraction, new_graph
from builder.shacl import validate
from builder.turtle import to_turtle

BN_MONTHS = ["জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"]
HI_MONTHS = ["जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")

TEMPLATES = {
    "en": [
        "{c1}'s Prime Minister {l1} held talks with {c2} President {l2} in {city} on {d} {m} {y}.",
        "The two leaders agreed to elevate ties to a comprehensive strategic partnership and to expand trade worth {n} million dollars.",
        "{c1} and {c2} established diplomatic relations on {d} {m} {y}, officials said.",
        "{l1} will attend the {ord} {org} summit in {city} next month, the foreign ministry said on {wd}.",
        "{c2} became a full member of the {org} in {m} {y} after years as an observer.",
        "President {l2} spoke over the phone with {l1} on {wd} and discussed energy, {n} projects and regional security.",
        "Analysts in {city} said the {org} meeting could reshape cooperation on climate, connectivity and {n} joint ventures.",
    ],
    "bn": [
        "{c1}র প্রধানমন্ত্রী {l1} {d} {m}, {y} তারিখে {city}তে {c2}র রাষ্ট্রপতি {l2}র সঙ্গে বৈঠক করেন।",
        "দুই নেতা দ্বিপাক্ষিক কৌশলগত অংশীদারিত্ব আরও জোরদার করতে এবং {n} কোটি ডলারের বাণিজ্য বাড়াতে সম্মত হন।",
        "{y} সালে {c1} ও {c2}র মধ্যে কূটনৈতিক সম্পর্ক প্রতিষ্ঠিত হয়।",
        "{l1} আগামী মাসে {city}তে {ord} {org} শীর্ষ সম্মেলনে যোগ দেবেন বলে পররাষ্ট্র মন্ত্রণালয় {wd} জানিয়েছে।",
        "{y} সালের {m} মাসে {c2} {org}র পূর্ণ সদস্য হয়।",
        "রাষ্ট্রপতি {l2} {wd} টেলিফোনে {l1}র সঙ্গে জ্বালানি, {n}টি প্রকল্প ও আঞ্চলিক নিরাপত্তা নিয়ে কথা বলেন।",
        "বিশ্লেষকরা বলছেন, {city}র এই বৈঠক জলবায়ু, যোগাযোগ এবং {n}টি যৌথ উদ্যোগে সহযোগিতার নতুন দিগন্ত খুলবে।",
    ],
    "hi": [
        "{c1} के प्रधानमंत्री {l1} ने {d} {m} {y} को {city} में {c2} के राष्ट्रपति {l2} से मुलाकात की।",
        "दोनों नेताओं ने व्यापक रणनीतिक साझेदारी को मजबूत करने और {n} करोड़ डॉलर का व्यापार बढ़ाने पर सहमति जताई।",
        "{c1} और {c2} के बीच राजनयिक संबंध {y} में स्थापित हुए थे।",
        "{l1} अगले महीने {city} में {org} शिखर सम्मेलन में भाग लेंगे, विदेश मंत्रालय ने {wd} को बताया।",
        "{c2} {m} {y} में {org} का पूर्ण सदस्य बना।",
        "राष्ट्रपति {l2} ने {wd} को फोन पर {l1} से ऊर्जा, {n} परियोजनाओं और क्षेत्रीय सुरक्षा पर बात की।",
        "विश्लेषकों का कहना है कि {city} की यह बैठक जलवायु, संपर्क और {n} संयुक्त उपक्रमों में सहयोग को नई दिशा देगी।",
    ],
}
WEEKDAYS = {"en": ["Monday", "Tuesday", "Friday"], "bn": ["সোমবার", "মঙ্গলবার", "শুক্রবার"], "hi": ["सोमवार", "मंगलवार", "शुक्रवार"]}
ORDINALS = {"en": ["10th", "16th", "22nd", "first"], "bn": ["১০তম", "১৬তম", "২২তম", "প্রথম"], "hi": ["10वें", "16वें", "22वें", "पहले"]}


def pools(lang: str):
    gz = gazetteer.load()
    def names(kind):
        out = []
        for e in gz.entries.values():
            if e.type == kind:
                out += e.names.get(lang, []) or (e.names.get("en", []) if lang == "en" else [])
        return out or [e.english for e in gz.entries.values() if e.type == kind]
    orgs = [a for e in gz.entries.values() if e.type == "Organization" for a in e.acronyms.get(lang, e.acronyms.get("en", []))]
    leaders = names("Leader")
    if lang != "en":  # few leaders have bn/hi names: mix in transliteration-free Latin ones
        leaders += [e.english for e in gz.entries.values() if e.type == "Leader"][:200]
    return names("Country"), leaders, orgs, names("City")


def make_corpus(target_bytes: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    data = {lang: pools(lang) for lang in TEMPLATES}
    months = {"en": EN_MONTHS, "bn": BN_MONTHS, "hi": HI_MONTHS}
    articles, size = [], 0
    while size < target_bytes:
        lang = rng.choice(list(TEMPLATES))
        countries, leaders, orgs, cities = data[lang]
        sents = []
        for _ in range(rng.randint(5, 12)):
            y, d, n = str(rng.randint(1950, 2026)), str(rng.randint(1, 28)), str(rng.randint(2, 950))
            if lang == "bn":
                y, d, n = y.translate(BN_DIGITS), d.translate(BN_DIGITS), n.translate(BN_DIGITS)
            sents.append(rng.choice(TEMPLATES[lang]).format(
                c1=rng.choice(countries), c2=rng.choice(countries), l1=rng.choice(leaders), l2=rng.choice(leaders),
                city=rng.choice(cities), org=rng.choice(orgs), y=y, d=d, n=n, m=rng.choice(months[lang]),
                wd=rng.choice(WEEKDAYS[lang]), ord=rng.choice(ORDINALS[lang])))
        text = sents[0].split(",")[0] + "\n" + " ".join(sents[1:])
        articles.append((lang, text))
        size += len(text.encode("utf-8"))
    shared = Path(__file__).resolve().parents[2] / "shared"
    for path in sorted(shared.glob("seeds/*.txt")) + sorted(shared.glob("eval/dev/*/*.txt")):
        lang = path.parent.name if path.parent.name in TEMPLATES else "bn"
        articles.append((lang, path.read_text("utf-8")))
    rng.shuffle(articles)
    return articles


def rate(chars: int, n: int, seconds: float) -> str:
    return f"{chars / seconds:>12,.0f} chars/s {n / seconds:>9,.1f} articles/s  ({seconds:.2f} s)"


def fresh_pipelines() -> None:
    """Forget every cache a previous trial warmed (spaCy vocabularies, token memos), so
    that each trial's build is as cold as its blank tokenizer; then load the language
    data again (start-up, not throughput)."""
    from builder import nlp
    from builder.recognition.resources import clear
    nlp.pipeline.cache_clear()
    clear()
    for lang in TEMPLATES:
        extract("x", lang=lang)


class timed:
    """A timed section, with the garbage collector run before and paused during it (as
    timeit does), so that one phase does not pay for another's garbage."""

    def __enter__(self):
        gc.collect()
        gc.disable()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        gc.enable()


def trial(corpus, validate_sample: int) -> dict:
    chars = sum(len(t) for _, t in corpus)
    fresh_pipelines()
    tokenizers = {lang: spacy.blank(lang).tokenizer for lang in TEMPLATES}
    with timed() as t:
        tokens = sum(len(tokenizers[lang](text)) for lang, text in corpus)
    t_tok = t.seconds
    with timed() as t:
        extractions = [extract(text, lang=lang, published="2024-06-25", source=f"bench/{i}")
                       for i, (lang, text) in enumerate(corpus)]
    t_ext = t.seconds
    with timed() as t:
        graphs = [add_extraction(new_graph(), ex) for ex in extractions]
    t_graph = t.seconds
    with timed() as t:
        out_bytes = sum(len(to_turtle(g).encode("utf-8")) for g in graphs)
    t_ttl = t.seconds
    sample = graphs[:validate_sample]
    with timed() as t:
        conform = sum(validate(g)[0] for g in sample)
    t_val = t.seconds
    return {"chars": chars, "n": len(corpus), "tokens": tokens, "t_tok": t_tok, "t_ext": t_ext,
            "t_graph": t_graph, "t_ttl": t_ttl, "t_val": t_val, "conform": conform, "sample": len(sample),
            "sample_chars": sum(len(ex.text) for ex in extractions[:len(sample)]),
            "facts": sum(len(ex.facts) for ex in extractions), "triples": sum(len(g) for g in graphs),
            "turtle_bytes": out_bytes}


def report(k: int, r: dict) -> None:
    print(f"trial {k}: {r['n']} articles, {r['bytes'] / 1e6:.2f} MB, {r['chars']:,} characters {r['langs']}; "
          f"tokens {r['tokens']:,}, facts {r['facts']:,}, triples {r['triples']:,}, "
          f"turtle {r['turtle_bytes'] / 1e6:.2f} MB")
    print(f"  blank spaCy tokenizer   {rate(r['chars'], r['n'], r['t_tok'])}")
    print(f"  extraction (the build)  {rate(r['chars'], r['n'], r['t_ext'])}  = {r['t_tok'] / r['t_ext']:.2f}x tokenizer")
    print(f"  RDF graph (rdflib)      {rate(r['chars'], r['n'], r['t_graph'])}")
    print(f"  Turtle writing          {rate(r['chars'], r['n'], r['t_ttl'])}")
    total = r["t_ext"] + r["t_graph"] + r["t_ttl"]
    print(f"  extraction + RDF        {rate(r['chars'], r['n'], total)}  = {r['t_tok'] / total:.2f}x tokenizer")
    print(f"  SHACL validation        {rate(r['sample_chars'], r['sample'], r['t_val'])}  "
          f"[{r['conform']}/{r['sample']} conform]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.2, help="corpus size in MB (UTF-8), at least 1")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--trials", type=int, default=3,
                    help="trials, each in a fresh process on a corpus of its own")
    ap.add_argument("--validate-sample", type=int, default=100, help="articles to validate with SHACL")
    ap.add_argument("--one-trial", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one_trial:
        corpus = make_corpus(int(max(args.mb, 1.0) * 1_000_000), args.seed)
        r = trial(corpus, args.validate_sample)
        r["bytes"] = sum(len(t.encode("utf-8")) for _, t in corpus)
        r["langs"] = {lang: sum(1 for code, _ in corpus if code == lang) for lang in TEMPLATES}
        print(json.dumps(r))
        return
    results = []
    for k in range(args.trials):
        cmd = [sys.executable, __file__, "--one-trial", "--mb", str(args.mb), "--seed", str(args.seed + k),
               "--validate-sample", str(args.validate_sample)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"trial {k + 1} failed:\n{proc.stderr}")
        out = proc.stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        report(k + 1, results[-1])
    ratios = sorted(r["t_tok"] / r["t_ext"] for r in results)
    full = sorted(r["t_tok"] / (r["t_ext"] + r["t_graph"] + r["t_ttl"]) for r in results)
    print(f"median over {len(results)} trials: extraction {ratios[len(ratios) // 2]:.2f}x the tokenizer's "
          f"throughput; extraction + RDF {full[len(full) // 2]:.2f}x")


if __name__ == "__main__":
    main()
