"""The contradiction report: conflicts as plain records (for --json) and as text."""
from __future__ import annotations

import pyoxigraph as ox

from ..store.iris import article_id_of
from . import find_conflicts


def _label(store: ox.Store, iri: str) -> str:
    """An IRI's English label (else any label, else the IRI's last part)."""
    if "#" in iri:
        return iri.rsplit("#", 1)[1]
    labels = [q.object for q in store.quads_for_pattern(
        ox.NamedNode(iri), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None, ox.DefaultGraph())]
    for lit in sorted(labels, key=lambda x: (x.language not in ("en", None), x.value)):
        return lit.value
    return iri


def conflict_records(store) -> list[dict]:
    """Every conflict of a store as a JSON-ready record, the best-supported first."""
    ox_store = getattr(store, "ox", store)
    out = []
    for c in find_conflicts(ox_store):
        named = c.kind in ("Leader", "Office", "Membership") or c.property in ("hostCountry", "location", "mode")
        sides = []
        for side in c.sides:
            articles = [{"id": article_id_of(g) or g, "graph": g, "evidence": c.evidence.get(g, [])}
                        for g in sorted(side.sources)]
            sides.append({"value": side.value, "label": _label(ox_store, side.value) if named else side.value,
                          "articles": len(articles), "confidence": side.confidence, "sources": articles})
        prop = c.property
        if prop.startswith("status in "):
            prop = "status in " + _label(ox_store, prop[len("status in "):])
        out.append({"kind": c.kind, "subject": c.subject, "label": _label(ox_store, c.subject),
                    "property": prop, "sides": sides})
    return out


def conflict_text(records: list[dict]) -> str:
    """The report as text: one block per conflict, one line per side and per article."""
    if not records:
        return "no conflicts: the articles agree on every event and leader property"
    lines = []
    for r in records:
        lines.append(f"{r['kind']} {r['label']} <{r['subject']}>: {r['property']}")
        for side in r["sides"]:
            lines.append(f"  {side['label']}: {side['articles']} article(s), confidence {side['confidence']:.2f}")
            for a in side["sources"]:
                lines.append(f"    {a['id']}")
                lines += [f"      \"{t}\"" for t in a["evidence"]]
    return "\n".join(lines)


def disputed(store) -> dict[str, list[str]]:
    """Each node the sources disagree about, with one line per disagreement (property:
    value (n articles) / value (n articles)), for the explorer page to mark."""
    ox_store = getattr(store, "ox", store)
    out: dict[str, list[str]] = {}
    for c in find_conflicts(ox_store, evidence=False):
        prop = c.property
        if prop.startswith("status in "):
            prop = "status in " + _label(ox_store, prop[len("status in "):])
        named = c.kind in ("Leader", "Office", "Membership") or c.property in ("hostCountry", "location", "mode")
        sides = " / ".join(f"{_label(ox_store, s.value) if named else s.value} ({len(s.sources)} article"
                           f"{'' if len(s.sources) == 1 else 's'})" for s in c.sides)
        out.setdefault(c.subject, []).append(f"{prop}: {sides}")
    return out
