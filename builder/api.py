"""The Python API: text in, extraction or RDF graph out."""
from __future__ import annotations

import datetime as dt

from rdflib import Graph

from . import gazetteer as gz
from . import reading
from .extractors import extract_all
from .extractors.util import more_precise
from .model import Extraction, Fact
from .rdf import add_extraction, new_graph
from .segments import main_language
from .text import normalize

NAMED = {"Country", "Leader", "Organization", "City", "Ministry", "SummitSeries"}


def _date(published: str | dt.date | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(published)
    except ValueError as e:
        raise ValueError(f"published date {published!r} is not YYYY-MM-DD") from e


def extract(text: str, *, lang: str = "auto", published: str | dt.date | None = None,
            source: str = "<text>") -> Extraction:
    """Read one article: entities with their surface forms, and facts with evidence.

    A long article is read section by section, and each language part of a section
    (``builder.segments``) with its own language pack (``builder.reading``); ``lang``
    forces one language for the whole text. The extraction's language is the article's
    main one (most characters)."""
    clean = normalize(text)
    if not clean.strip():
        raise ValueError("the article is empty")
    pub = _date(published)
    gaz = gz.load()
    facts: list[Fact] = []
    entities: dict[str, dict] = {}
    sentences: list[tuple[int, int]] = []
    segs: list = []
    reads = 0
    for section in reading.read_sections(clean, lang, pub):
        segs += section.segments
        sentences += [(ev.start, ev.end) for ev in section.where.sentences]
        for k, rp in enumerate(section.parts):
            found = extract_all(rp.ctx, gaz)
            merge_entities(entities, collect_entities(rp.mentions, found, gaz, rp.part.lang))
            for f in found:
                f.evidence = [section.where.evidence(k, ev) for ev in f.evidence]
            facts.extend(found)
            reads += 1
    if reads > 1:
        facts = merge_facts(facts)
    return Extraction(text=clean, lang=main_language(segs), published=pub.isoformat() if pub else None,
                      source=source, sentences=sentences, entities=entities, facts=facts)


def merge_entities(into: dict[str, dict], more: dict[str, dict]) -> None:
    """Entities read from another section or language part: the forms each used, together."""
    for eid, ent in more.items():
        have = into.setdefault(eid, ent)
        if have is not ent:
            have["surfaces"] += [s for s in ent["surfaces"] if s not in have["surfaces"]]


def merge_facts(facts: list[Fact]) -> list[Fact]:
    """One fact per family and key across sections and language parts: its evidence from
    every one (in article order), the highest confidence, the most precise date, and any
    value one gave and another did not."""
    merged: dict[tuple, Fact] = {}
    for f in facts:
        have = merged.setdefault((f.family, f.key), f)
        if have is f:
            continue
        for key, value in f.attrs.items():
            if key == "date":
                have.attrs[key] = more_precise(have.attrs.get(key), value)
            elif have.attrs.get(key) is None:
                have.attrs[key] = value
        have.evidence = sorted({ev.sentence: ev for ev in have.evidence + f.evidence}.values(),
                               key=lambda ev: ev.sentence)
        have.confidence = max(have.confidence, f.confidence)
    return list(merged.values())


def collect_entities(mentions, facts, gaz, lang: str) -> dict[str, dict]:
    """The named things of the article, with the forms the text used for them, plus the
    things the facts need that only the gazetteer supplied (a leader's state)."""
    entities: dict[str, dict] = {}
    for m in mentions:
        if m.kind not in NAMED or not m.entry_id:
            continue
        ent = entities.get(m.entry_id)
        if ent is None:
            entry = gaz.get(m.entry_id)
            ent = entities[m.entry_id] = {
                "type": m.kind, "qid": entry.qid if entry else None,
                "label": entry.english if entry and (entry.label or entry.names.get("en")) else None,
                "country": entry.country if entry else None, "surfaces": []}
        surface = m.base.strip() if m.via == "title-coref" else (m.base or m.text).strip()
        if surface and (surface, lang) not in ent["surfaces"]:
            ent["surfaces"].append((surface, lang))
    needed: set[str] = set()
    for f in facts:
        needed.update(_entity_values(f))
    for value in needed - entities.keys():
        entry = gaz.get(value)
        if entry is not None:
            entities[value] = {"type": entry.type, "qid": entry.qid, "label": entry.english,
                               "country": entry.country, "surfaces": []}
    return entities


def _entity_values(fact) -> list[str]:
    a = fact.attrs
    values = [v for key in ("leader", "country", "org", "host", "location", "member", "organization")
              if isinstance(v := a.get(key), str)]
    return values + a.get("participants", []) + a.get("partners", [])


def build_graph(text: str, *, lang: str = "auto", published: str | dt.date | None = None,
                source: str = "<text>", min_confidence: float = 0.0, graph: Graph | None = None) -> Graph:
    """Build (or add to) an rdflib graph of one article, in the diplokg vocabulary."""
    ex = extract(text, lang=lang, published=published, source=source)
    g = graph if graph is not None else new_graph()
    add_extraction(g, ex, min_confidence=min_confidence)
    return g

