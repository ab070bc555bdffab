#!/usr/bin/env python3
"""Regenerate builder/data/gazetteer/*.jsonl from the reference data in ../shared/data/gazetteer.

    python tools/build_gazetteer.py [--src ../shared/data/gazetteer]

Writes one JSON object a line, sorted by id, so that diffs stay readable.  Each output
file keeps to one source licence (see builder/data/gazetteer/SOURCES.md).  The
hand-written file curated.jsonl is not touched.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "builder" / "data" / "gazetteer"
KEEP_NON_INDEPENDENT = {"XK", "TW", "PS"}  # states with wide but partial recognition
QID_FIXES = {"PS": "Q219060"}  # dr5hn links the territories, not the State of Palestine

OFFICE_PATTERNS = [  # Wikidata position label -> public vocabulary office
    (r"vice[- ]president", "VicePresident"),
    (r"prime minister|premier|taoiseach|chancellor of austria", "PrimeMinister"),
    (r"chancellor", "Chancellor"),
    (r"chief adviser", "ChiefAdviser"),
    (r"president|chairman|captain regent|supreme leader|head of state", "President"),
    (r"king|queen|monarch|emir|sultan|emperor|prince|druk gyalpo|ngwenyama|agong|pope", "Monarch"),
    (r"foreign minister|minister of foreign affairs|minister of external affairs", "ForeignMinister"),
    (r"minister", "Minister"),
]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def split_variants(cell: str) -> list[str]:
    return [nfc(x) for x in (cell or "").split("|") if x.strip()]


def uniq(items):
    seen, out = set(), []
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def office_of(label: str) -> str | None:
    low = label.lower()
    for pat, office in OFFICE_PATTERNS:
        if re.search(pat, low):
            return office
    return None


def countries(src: Path) -> list[dict]:
    out = []
    with open(src / "derived" / "countries_master.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            iso2 = r["iso2"]
            if not iso2 or not (r["independent"] == "True" or iso2 in KEEP_NON_INDEPENDENT):
                continue
            qid = QID_FIXES.get(iso2, r["wikidata_qid"])
            names = {
                "en": uniq([nfc(r["name_en"])] + split_variants(r["en_variants"])),
                "bn": uniq([nfc(r["name_bn"])] + split_variants(r["bn_variants"])),
                "hi": uniq([nfc(r["name_hi"])] + split_variants(r["hi_variants"])),
            }
            out.append({"id": qid, "type": "Country", "qid": qid, "iso2": iso2, "iso3": r["iso3"],
                        "label": nfc(r["name_en"]), "names": names})
    return out


def cities(src: Path, iso2_to_qid: dict) -> list[dict]:
    out = []
    with open(src / "derived" / "capitals_master.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if not r["wikidata_qid"] or r["iso2"] not in iso2_to_qid:
                continue
            names = {"en": uniq([nfc(r["name_en"])] + split_variants(r["name_alt"])),
                     "bn": split_variants(r["bn_candidates_geonames"]),
                     "hi": split_variants(r["devanagari_candidates_geonames"])}
            out.append({"id": r["wikidata_qid"], "type": "City", "qid": r["wikidata_qid"],
                        "label": nfc(r["name_en"]), "country": iso2_to_qid[r["iso2"]],
                        "names": {k: v for k, v in names.items() if v}})
    return out


def organizations(src: Path) -> list[dict]:
    out = []
    with open(src / "derived" / "international_organisations.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            qid = r["wikidata_qid"] or None
            acronym = nfc(r["acronym"])
            names = {"en": uniq([nfc(r["name_en"])] + split_variants(r["other_names_en"])),
                     "bn": split_variants(r["name_bn"]), "hi": split_variants(r["name_hi"])}
            out.append({"id": qid or "org-" + acronym.lower().replace(" ", "-"), "type": "Organization",
                        "qid": qid, "label": nfc(r["name_en"]), "acronyms": [acronym],
                        "names": {k: v for k, v in names.items() if v}})
    return out


def leaders(src: Path) -> list[dict]:
    people: dict[str, dict] = {}
    with open(src / "wikidata-world-leaders-2021" / "wikidata.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            office = office_of(r["positionLabel"])
            qid = r["officeholder"]
            if not office or not re.fullmatch(r"Q\d+", qid or ""):
                continue
            p = people.setdefault(qid, {"id": qid, "type": "Leader", "qid": qid,
                                        "label": nfc(r["officeholderLabel"]),
                                        "names": {"en": [nfc(r["officeholderLabel"])]},
                                        "positions": []})
            p["positions"].append({"country": r["countryid"], "office": office,
                                   "start": int(r["start_year"]) if r["start_year"] else None,
                                   "end": int(r["end_year"]) if r["end_year"] else None})
    return list(people.values())


def write(name: str, rows: list[dict]) -> None:
    rows = sorted(rows, key=lambda r: r["id"])
    path = OUT / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows),
                    encoding="utf-8")
    print(f"{path}: {len(rows)} rows")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "gazetteer")
    args = ap.parse_args()
    cs = countries(args.src)
    write("countries.jsonl", cs)
    write("cities.jsonl", cities(args.src, {c["iso2"]: c["id"] for c in cs}))
    write("organizations.jsonl", organizations(args.src))
    write("leaders.jsonl", leaders(args.src))


if __name__ == "__main__":
    main()
