"""Article graphs written by hand (Turtle with the diplokg vocabulary), for tests of what
is done with claims (reconciliation, conflicts, the explorer's marks) apart from the
extractors."""
from __future__ import annotations

import re

import pyoxigraph as ox

from builder.corpus.build import Built
from builder.store import Store
from builder.store.iris import graph_iri

PREFIXES = """@prefix dk: <https://w3id.org/diplokg/ontology#> .
@prefix id: <https://w3id.org/diplokg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
DK = "https://w3id.org/diplokg/ontology#"
ID = "https://w3id.org/diplokg/id/"
DATATYPE = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}


def article(aid: str, body: str, *, published: str | None = None, sentence: str = "A sentence.") -> Built:
    """An article graph: an article node, one evidence sentence, and ``body`` (Turtle in
    which ``ART`` is the article and ``EV`` the evidence)."""
    art, ev = f"id:article/{aid}", f"id:evidence/{aid}/0"
    pub = f'; dk:published "{published}"^^xsd:date' if published else ""
    ttl = (PREFIXES + f'{art} a dk:Article ; dk:source "{aid}" {pub} .\n'
           f'{ev} a dk:Evidence ; dk:sentenceText "{sentence}"@en ; prov:wasDerivedFrom {art} .\n'
           + body.replace("ART", art).replace("EV", ev))
    ttl = re.sub(r"\bid:([\w/-]+)", lambda m: f"<{ID}{m.group(1)}>", ttl)  # paths are no prefixed names
    g = ox.NamedNode(graph_iri(aid))
    quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(ttl, format=ox.RdfFormat.TURTLE)]
    return Built(id=aid, origin=aid, fingerprint=aid, lang="en",
                 nquads=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), triples=len(quads))


def summit(iri: str, *, date: str | None = None, host: str | None = None, conf: float = 0.8) -> str:
    parts = [f"id:{iri} a dk:Summit ; dk:organizedBy id:Q485207 ; dk:evidence EV ; dk:confidence {conf} ;"
             " prov:wasDerivedFrom ART"]
    if date:
        parts.append(f'dk:date "{date}"^^{DATATYPE[len(date)]}')
    if host:
        parts.append(f"dk:hostCountry id:{host}")
    return " ; ".join(parts) + " .\nid:Q485207 a dk:Organization ; rdfs:label \"Shanghai Cooperation Organisation\"@en .\n"


def meeting(iri: str, *, date: str | None = None, mode: str = "InPerson") -> str:
    out = (f"id:{iri} a dk:Meeting ; dk:participant id:Q1058 , id:Q52183 ; dk:mode dk:{mode} ; dk:evidence EV ;"
           " dk:confidence 0.9 ; prov:wasDerivedFrom ART")
    if date:
        out += f' ; dk:date "{date}"^^{DATATYPE[len(date)]}'
    return out + " .\n"


def holding(leader: str, office: str, state: str, as_of: str | None, *, former: bool = False, n: int = 0) -> str:
    extra = (f' ; dk:asOf "{as_of}"^^{DATATYPE[len(as_of)]}' if as_of else "") + (" ; dk:former true" if former else "")
    return (f"id:{leader} a dk:Leader ; rdfs:label \"{leader}\"@en ; dk:office dk:{office} ; dk:leaderOf id:{state} .\n"
            f"id:{state} a dk:Country ; rdfs:label \"{state}\"@en .\n"
            f"id:st{n}o a rdf:Statement ; rdf:subject id:{leader} ; rdf:predicate dk:office ; rdf:object dk:{office} ;"
            f" dk:confidence 0.9 ; dk:evidence EV{extra} .\n"
            f"id:st{n}c a rdf:Statement ; rdf:subject id:{leader} ; rdf:predicate dk:leaderOf ; rdf:object id:{state} ;"
            f" dk:confidence 0.9 ; dk:evidence EV{extra} .\n")


def store_with(tmp_path, *built: Built) -> Store:
    store = Store(tmp_path / "kg")
    store.write(list(built))
    store.commit()
    return store
