"""The diplokg ontology as a closed Python namespace (kept in step with ontology/*.ttl
by tests/test_ontology.py)."""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

BASE = "https://w3id.org/diplokg/"
ID = Namespace(BASE + "id/")


class DK(DefinedNamespace):
    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Country: URIRef
    Leader: URIRef
    Organization: URIRef
    City: URIRef
    Ministry: URIRef
    Summit: URIRef
    SummitSeries: URIRef
    Meeting: URIRef
    Partnership: URIRef
    Membership: URIRef
    Article: URIRef
    Evidence: URIRef
    Office: URIRef
    MeetingMode: URIRef
    PartnershipKind: URIRef
    MembershipStatus: URIRef
    # individuals
    President: URIRef
    PrimeMinister: URIRef
    VicePresident: URIRef
    ForeignMinister: URIRef
    Minister: URIRef
    ChiefAdviser: URIRef
    Monarch: URIRef
    Chancellor: URIRef
    InPerson: URIRef
    Virtual: URIRef
    Phone: URIRef
    DiplomaticRelations: URIRef
    StrategicPartnership: URIRef
    ComprehensiveStrategicPartnership: URIRef
    GeneralPartnership: URIRef
    FullMember: URIRef
    Observer: URIRef
    DialoguePartner: URIRef
    # properties
    leaderOf: URIRef
    office: URIRef
    organizedBy: URIRef
    hostCountry: URIRef
    location: URIRef
    date: URIRef
    edition: URIRef
    participant: URIRef
    mode: URIRef
    partner: URIRef
    kind: URIRef
    since: URIRef
    member: URIRef
    organization: URIRef
    status: URIRef
    inSeries: URIRef
    ministryOf: URIRef
    confidence: URIRef
    evidence: URIRef
    sentenceIndex: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sentenceText: URIRef
    language: URIRef
    published: URIRef
    contentHash: URIRef
    source: URIRef
    # store bookkeeping, about an article's named graph
    articleId: URIRef
    fingerprint: URIRef
    tripleCount: URIRef
    # claims over time and the consolidated view (builder/reconcile)
    asOf: URIRef
    former: URIRef
    support: URIRef
    sameEventAs: URIRef
    Term: URIRef
    holder: URIRef
    heldOffice: URIRef
    ofCountry: URIRef
    earliest: URIRef
    latest: URIRef
