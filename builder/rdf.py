"""RDF: an Extraction becomes triples in the diplokg vocabulary (see ontology/).

IRIs are deterministic: a linked entity's IRI comes from its Wikidata id, any other
from its type and normalised name; a summit's from its organiser and year; a meeting's
from its participants and date; so the same thing read from two articles, in any
language, is one node.
"""
from __future__ import annotations

import hashlib
import re

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from .dates import valid_iso
from .iri import iri_path
from .model import DateValue, Extraction, Fact
from .namespace import DK, ID
from .text import nfc, slug
from .xmlsafe import clean_text

WD = Namespace("http://www.wikidata.org/entity/")
DATE_TYPES = {1: XSD.gYear, 2: XSD.gYearMonth, 3: XSD.date}
PREFIXES = {"dk": DK._NS, "wd": WD, "skos": SKOS, "owl": OWL, "prov": PROV, "id": ID}


def new_graph() -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns, replace=True)
    return g


_QID = re.compile(r"Q[0-9]+")


def mint(path: str) -> URIRef:
    """id:PATH, with anything an RFC 3987 IRI may not hold percent-encoded."""
    return ID[iri_path(path)]


def entity_key(entity_id: str, entity_type: str) -> str:
    if _QID.fullmatch(entity_id):
        return entity_id
    key = slug(entity_id)
    if not key:  # nothing IRI-safe in the name: a key of its own all the same
        key = "x" + hashlib.sha256(entity_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{entity_type.lower()}/{key}"


def entity_iri(entity_id: str, entity_type: str) -> URIRef:
    return mint(entity_key(entity_id, entity_type))


def text_literal(text: str, lang: str | None = None) -> Literal:
    """A literal from article text: NFC, and nothing XML 1.0 forbids (so every RDF syntax,
    RDF/XML included, can carry it)."""
    return Literal(nfc(clean_text(text)), lang=lang)


def real_date(d: DateValue | None) -> DateValue | None:
    """The date when it is a real one ('YYYY', 'YYYY-MM', 'YYYY-MM-DD'), else None."""
    return d if d is not None and valid_iso(d.iso) else None


def date_literal(d: DateValue) -> Literal:
    if not valid_iso(d.iso):
        raise ValueError(f"not a real date: {d.iso!r}")
    return Literal(d.iso, datatype=DATE_TYPES[d.precision])


def confidence_literal(value: float) -> Literal:
    """An xsd:decimal in its canonical form (XSD 1.1: "1", "0.85"), which stores such as
    Oxigraph keep as written, so a graph reads back the same from them."""
    text = f"{round(value, 3):.3f}".rstrip("0").rstrip(".")
    return Literal(text, datatype=XSD.decimal)


def _short(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class _Writer:
    def __init__(self, g: Graph, ex: Extraction):
        self.g, self.ex = g, ex
        self.hash = hashlib.sha256(ex.text.encode("utf-8", "surrogatepass")).hexdigest()
        self.article = mint(f"article/{self.hash[:16]}")
        self.types = {eid: e["type"] for eid, e in ex.entities.items()}
        self.sentence_dates = _sentence_dates(ex)
        # an undated event is told apart by when the story was published, not by which
        # article told it, so two copies of one story give one node
        self.undated = "undated-" + (ex.published or self.hash[:8])

    def node(self, eid: str) -> URIRef:
        return entity_iri(eid, self.types.get(eid, "Thing"))

    def derived(self, node: URIRef) -> None:
        self.g.add((node, PROV.wasDerivedFrom, self.article))

    def write_article(self) -> None:
        g, a, ex = self.g, self.article, self.ex
        g.add((a, RDF.type, DK.Article))
        g.add((a, DK.source, text_literal(ex.source)))
        g.add((a, DK.language, Literal(ex.lang, datatype=XSD.language)))
        g.add((a, DK.contentHash, Literal("sha256:" + self.hash)))
        if ex.published:
            if len(ex.published) != 10 or not valid_iso(ex.published):
                raise ValueError(f"published date {ex.published!r} is not a real YYYY-MM-DD date")
            g.add((a, DK.published, Literal(ex.published, datatype=XSD.date)))

    def write_entities(self) -> None:
        g = self.g
        for eid, e in self.ex.entities.items():
            n = self.node(eid)
            g.add((n, RDF.type, DK[e["type"]]))
            if e["label"]:
                g.add((n, RDFS.label, text_literal(e["label"], "en")))
            elif e["surfaces"]:
                text, lang = e["surfaces"][0]
                g.add((n, RDFS.label, text_literal(text, lang)))
            for text, lang in e["surfaces"]:
                g.add((n, SKOS.altLabel, text_literal(text, lang)))
            if e["qid"]:
                g.add((n, OWL.sameAs, WD[e["qid"]]))
            if e["type"] == "Ministry" and e.get("country") in self.types:
                g.add((n, DK.ministryOf, self.node(e["country"])))
            self.derived(n)

    def evidence(self, fact: Fact, subject: URIRef) -> None:
        g = self.g
        for ev in fact.evidence:
            en = mint(f"evidence/{self.hash[:16]}/{int(ev.sentence)}")
            if (en, RDF.type, DK.Evidence) not in g:
                g.add((en, RDF.type, DK.Evidence))
                g.add((en, DK.sentenceIndex, Literal(ev.sentence)))
                g.add((en, DK.startOffset, Literal(ev.start)))
                g.add((en, DK.endOffset, Literal(ev.end)))
                g.add((en, DK.sentenceText, text_literal(ev.text, ev.lang or self.ex.lang)))
                self.derived(en)
            g.add((subject, DK.evidence, en))
        g.add((subject, DK.confidence, confidence_literal(fact.confidence)))
        self.derived(subject)

    def statement(self, fact: Fact, s: URIRef, p: URIRef, o: URIRef) -> URIRef:
        """A plain triple, plus a reified statement carrying its evidence and confidence."""
        g = self.g
        g.add((s, p, o))
        st = mint(f"statement/{_short(str(s) + str(p) + str(o) + self.hash)}")
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        self.evidence(fact, st)
        return st

    def write_fact(self, f: Fact) -> None:
        getattr(self, "fact_" + f.family)(f)

    def fact_leader_of(self, f: Fact) -> None:
        self.holding(f, self.statement(f, self.node(f.attrs["leader"]), DK.leaderOf, self.node(f.attrs["country"])))

    def fact_office(self, f: Fact) -> None:
        self.holding(f, self.statement(f, self.node(f.attrs["leader"]), DK.office, DK[f.attrs["office"]]))

    def holding(self, f: Fact, st: URIRef) -> None:
        """When an office or leaderOf claim holds: dk:asOf the date of the event its
        sentence reports, else the publication date; dk:former true for a past holding
        ("former", "then"), which had ended by then."""
        past = bool(f.attrs.get("past"))
        when = None if past else next((self.sentence_dates[ev.sentence] for ev in f.evidence
                                       if ev.sentence in self.sentence_dates), None)
        when = when or (DateValue(self.ex.published) if self.ex.published else None)
        if when is not None:
            self.g.add((st, DK.asOf, date_literal(when)))
        if past:
            self.g.add((st, DK.former, Literal(True)))

    def fact_summit(self, f: Fact) -> None:
        a, g = f.attrs, self.g
        org_key = entity_key(a["org"], self.types.get(a["org"], "Organization"))
        date = real_date(a["date"])
        when = str(date.year) if date else self.undated
        n = mint(f"summit/{org_key}/{when}")
        g.add((n, RDF.type, DK.Summit))
        org_type = self.types.get(a["org"])
        g.add((n, DK.inSeries if org_type == "SummitSeries" else DK.organizedBy, self.node(a["org"])))
        if date:
            g.add((n, DK.date, date_literal(date)))
        for key, prop in (("host", DK.hostCountry), ("location", DK.location)):
            if a.get(key):
                g.add((n, prop, self.node(a[key])))
        if a.get("edition"):
            g.add((n, DK.edition, Literal(a["edition"], datatype=XSD.integer)))
        if a.get("mode"):
            g.add((n, DK.mode, DK[a["mode"]]))
        for p in a["participants"]:
            g.add((n, DK.participant, self.node(p)))
        self.evidence(f, n)

    def fact_meeting(self, f: Fact) -> None:
        a, g = f.attrs, self.g
        keys = "+".join(sorted(entity_key(p, "Leader") for p in a["participants"]))
        date = real_date(a["date"])
        when = date.iso if date else self.undated
        n = mint(f"meeting/{slug(keys)}/{when}")
        g.add((n, RDF.type, DK.Meeting))
        for p in a["participants"]:
            g.add((n, DK.participant, self.node(p)))
        g.add((n, DK.mode, DK[a["mode"]]))
        if date:
            g.add((n, DK.date, date_literal(date)))
        self.evidence(f, n)

    def fact_partnership(self, f: Fact) -> None:
        a, g = f.attrs, self.g
        keys = "+".join(sorted(entity_key(p, "Country") for p in a["partners"]))
        n = mint(f"partnership/{a['kind']}/{slug(keys)}")
        g.add((n, RDF.type, DK.Partnership))
        g.add((n, DK.kind, DK[a["kind"]]))
        for p in a["partners"]:
            g.add((n, DK.partner, self.node(p)))
        if real_date(a["since"]):
            g.add((n, DK.since, date_literal(a["since"])))
        self.evidence(f, n)

    def fact_membership(self, f: Fact) -> None:
        a, g = f.attrs, self.g
        member = entity_key(a["member"], self.types.get(a["member"], "Country"))
        org = entity_key(a["organization"], "Organization")
        n = mint(f"membership/{slug(member)}/{slug(org)}/{a['status']}")
        g.add((n, RDF.type, DK.Membership))
        g.add((n, DK.member, self.node(a["member"])))
        g.add((n, DK.organization, self.node(a["organization"])))
        g.add((n, DK.status, DK[a["status"]]))
        if real_date(a["since"]):
            g.add((n, DK.since, date_literal(a["since"])))
        self.evidence(f, n)


def _sentence_dates(ex: Extraction) -> dict[int, DateValue]:
    """The date of the summit or meeting each sentence reports (the most precise, when
    a sentence reports several)."""
    dates: dict[int, DateValue] = {}
    for f in ex.facts:
        d = real_date(f.attrs.get("date")) if f.family in ("summit", "meeting") else None
        for ev in f.evidence if d else ():
            if ev.sentence not in dates or d.precision > dates[ev.sentence].precision:
                dates[ev.sentence] = d
    return dates


def add_extraction(g: Graph, ex: Extraction, *, min_confidence: float = 0.0) -> Graph:
    w = _Writer(g, ex)
    w.write_article()
    w.write_entities()
    for f in ex.facts:
        if f.confidence >= min_confidence:
            w.write_fact(f)
    return g
