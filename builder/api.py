"""The Python API: text in, extraction or RDF graph out."""
from __future__ import annotations

import datetime as dt

from rdflib import Graph

from . import gazetteer as gz
from . import langpack, nlp
from .detect import detect
from .extractors import extract_all
from .extractors.context import build_context
from .model import Extraction
from .rdf import add_extraction, new_graph
from .recognition import recognise
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
    """Read one article: entities with their surface forms, and facts with evidence."""
    clean = normalize(text)
    if not clean.strip():
        raise ValueError("the article is empty")
    code = detect(clean) if lang in (None, "auto") else lang
    pack = langpack.load(code)
    pub = _date(published)
    doc = nlp.pipeline(code)(clean)
    tv, mentions = recognise(doc, clean, code, pack, pub)
    ctx = build_context(clean, pack, tv, mentions, pub)
    gaz = gz.load()
    facts = extract_all(ctx, gaz)
    entities = collect_entities(mentions, facts, gaz, code)
    sentences = [(ctx.evidence(s).start, ctx.evidence(s).end) for s in range(len(ctx.sent_spans))]
    return Extraction(text=clean, lang=code, published=pub.isoformat() if pub else None,
                      source=source, sentences=sentences, entities=entities, facts=facts)


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

