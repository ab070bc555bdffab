"""Reading the facts of a built graph, in the terms of one gold annotation.

The graph is read through the public core vocabulary (``dk:Country`` ... ``dk:Membership``
and their properties), so any graph in that vocabulary can be scored, not only one
diplokg built. Each named node is given the key of the gold entity it stands for (by
Wikidata id, else by label); summits, which have no names, are paired with gold summits.
"""
from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..namespace import DK as _DK
from . import facts as F
from .facts import Fact
from .gold import Gold

DK = Namespace(str(_DK))  # a plain namespace: any term of it can be asked for
_QID = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q\d+)$")
_LABELS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
_SUMMIT_PROPERTIES = {"org": DK.organizedBy, "host": DK.hostCountry, "location": DK.location, "date": DK.date,
                      "edition": DK.edition, "participant": DK.participant, "mode": DK.mode}


def qids(graph, node) -> set[str]:
    """The Wikidata ids a node is ``owl:sameAs``."""
    return {m.group(1) for o in graph.objects(node, OWL.sameAs) if (m := _QID.match(str(o)))}


def typed(graph, name: str) -> set:
    return set(graph.subjects(RDF.type, DK[name]))


class GraphReader:
    """The facts of ``graph`` as keys of ``gold`` name them (:meth:`facts`), and which
    linkable gold entities some node carries the Wikidata id of (:meth:`linked`)."""

    def __init__(self, graph, gold: Gold):
        self.graph, self.gold = graph, gold
        self.keys: dict = {}
        self.unmatched = 0  # named nodes that match no gold entity
        self.summits = 0

    def key(self, node) -> str:
        return self.keys.get(node, f"?{node}")

    def facts(self) -> set[Fact]:
        out = self._entities()
        out |= self._leaders()
        out |= self._summits()
        out |= self._meetings()
        out |= self._partnerships()
        out |= self._memberships()
        return out

    def linked(self) -> set[str]:
        """Keys of the linkable gold entities that a node of their type carries the id of."""
        found = set()
        for key, e in self.gold.linkable().items():
            if any(e["qid"] in qids(self.graph, n) for n in typed(self.graph, e["type"])):
                found.add(key)
        return found

    # ---------------------------------------------------------------------------

    def _entities(self) -> set[Fact]:
        g, out = self.graph, set()
        for kind in F.ENTITY_TYPES:
            for node in typed(g, kind):
                labels = {str(o) for p in _LABELS for o in g.objects(node, p)}
                key = self.gold.key_for(labels, qids(g, node))
                if key is None:
                    self.unmatched += 1
                    key = "?" + (min(labels) if labels else str(node))
                self.keys[node] = key
                out.add((kind.lower(), key))
        return out

    def _leaders(self) -> set[Fact]:
        g, out = self.graph, set()
        for node in typed(g, "Leader"):
            out.update(("leader_of", self.key(node), self.key(c)) for c in g.objects(node, DK.leaderOf))
            out.update(("office", self.key(node), F.local_name(o)) for o in g.objects(node, DK.office))
        return out

    def _summit_attrs(self, node) -> dict[str, list[str]]:
        attrs = {}
        for attr, prop in _SUMMIT_PROPERTIES.items():
            objs = list(self.graph.objects(node, prop))
            if not objs:
                continue
            if attr in ("date", "edition"):
                attrs[attr] = sorted(str(o) for o in objs)
            elif attr == "mode":
                attrs[attr] = sorted(F.local_name(o) for o in objs)
            else:
                attrs[attr] = sorted(self.key(o) for o in objs)
        return attrs

    def _summits(self) -> set[Fact]:
        """Each built summit is named after the gold summit it shares the most facts with:
        the best-sharing pairs first (ties: the earlier node in IRI order, then the gold id
        in sort order), each side used once. A summit left over gets a ``?`` name."""
        built = [self._summit_attrs(n) for n in sorted(typed(self.graph, "Summit"), key=str)]
        self.summits = len(built)
        wanted = {sid: F.summit(sid, s) for sid, s in self.gold.summits.items()}
        candidates = []
        for i, attrs in enumerate(built):
            for sid, gold_facts in wanted.items():
                shared = len((F.summit(sid, attrs) - {("summit", sid)}) & gold_facts)
                if shared:
                    candidates.append((-shared, i, sid))
        name: dict[int, str] = {}
        for _, i, sid in sorted(candidates):
            if i not in name and sid not in name.values():
                name[i] = sid
        out: set[Fact] = set()
        for i, attrs in enumerate(built):
            out |= F.summit(name.get(i, f"?summit{i}"), attrs)
        return out

    def _meetings(self) -> set[Fact]:
        g, out = self.graph, set()
        for node in typed(g, "Meeting"):
            who = frozenset(self.key(p) for p in g.objects(node, DK.participant))
            out |= F.meeting(who, [F.local_name(m) for m in g.objects(node, DK.mode)],
                             [str(d) for d in g.objects(node, DK.date)])
        return out

    def _partnerships(self) -> set[Fact]:
        g, out = self.graph, set()
        for node in typed(g, "Partnership"):
            who = frozenset(self.key(p) for p in g.objects(node, DK.partner))
            since = [str(d) for d in g.objects(node, DK.since)]
            for kind in [F.local_name(k) for k in g.objects(node, DK.kind)] or [None]:
                out |= F.partnership(who, kind, since)
        return out

    def _memberships(self) -> set[Fact]:
        g, out = self.graph, set()
        for node in typed(g, "Membership"):
            since = [str(d) for d in g.objects(node, DK.since)]
            statuses = [F.local_name(s) for s in g.objects(node, DK.status)] or [None]
            for member in g.objects(node, DK.member):
                for org in g.objects(node, DK.organization):
                    for status in statuses:
                        out |= F.membership(self.key(member), self.key(org), status, since)
        return out

