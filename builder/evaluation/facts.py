"""Facts as the evaluation compares them: small tuples, the family's name first.

Both sides (the gold annotation and the built graph) are reduced to sets of these
tuples; a fact counts as found when the same tuple is on both sides. Entities are
written by their gold key (``"IND"``); a graph node that matches no gold entity gets a
key of its own that begins with ``?``. A set of participants or partners is a
``frozenset`` of keys, so that their order does not matter.

    ("country", "IND")                       ("leader_of", "MODI", "IND")
    ("summit_date", "SCO-2017", "2017-06")   ("meeting", frozenset({"MODI", "TOKAYEV"}))
    ("partnership_since", frozenset({"IND", "KAZ"}), "StrategicPartnership", "2009")
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Entity types of the gold format, each a family of its own (lower-cased).
ENTITY_TYPES = ("Country", "Leader", "Organization", "City")

#: Summit attributes of the gold format → their family; ``participant`` included.
SUMMIT_ATTRIBUTES = {"org": "summit_org", "host": "summit_host", "location": "summit_location",
                     "date": "summit_date", "edition": "summit_edition", "participant": "summit_participant",
                     "mode": "summit_mode"}

#: Every family, in the order the report lists them.
FAMILIES = (tuple(t.lower() for t in ENTITY_TYPES)
            + ("leader_of", "office", "summit")
            + tuple(SUMMIT_ATTRIBUTES[a] for a in ("org", "host", "location", "date", "edition",
                                                    "participant", "mode"))
            + ("meeting", "meeting_mode", "meeting_date", "partnership", "partnership_since",
               "membership", "membership_since"))

Fact = tuple


def label_key(label: str) -> str:
    """A name as labels are compared: Unicode-compatibility form, case-folded, every run of
    punctuation, symbols and spaces one space (combining marks, the vowel signs of Bengali
    and Devanagari, are kept)."""
    folded = unicodedata.normalize("NFKC", label).casefold()
    kept = [c if c.isalnum() or unicodedata.category(c)[0] == "M" else " " for c in folded]
    return " ".join("".join(kept).split())


def local_name(term) -> str:
    """The last segment of an IRI (after ``#`` or ``/``): ``dk:Phone`` → ``Phone``."""
    return re.split(r"[#/]", str(term))[-1]


def values(value) -> list:
    """A gold field that may hold one value, several (a list) or none, as a list; several in
    a fixed order."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(value, key=str)
    return [value]


def summit(sid: str, attrs: dict) -> set[Fact]:
    """The summit itself and one fact per value of each attribute. Attribute values are
    compared as strings (an edition written 17 or "17" is the same)."""
    out: set[Fact] = {("summit", sid)}
    for attr, family in SUMMIT_ATTRIBUTES.items():
        for v in values(attrs.get(attr)):
            out.add((family, sid, v if attr == "participant" else str(v)))
    return out


def meeting(participants: frozenset, modes, dates) -> set[Fact]:
    out: set[Fact] = {("meeting", participants)}
    out.update(("meeting_mode", participants, m) for m in values(modes))
    out.update(("meeting_date", participants, d) for d in values(dates))
    return out


def partnership(partners: frozenset, kind, since) -> set[Fact]:
    out: set[Fact] = {("partnership", partners, kind)}
    out.update(("partnership_since", partners, kind, d) for d in values(since))
    return out


def membership(member, organization, status, since) -> set[Fact]:
    out: set[Fact] = {("membership", member, organization, status)}
    out.update(("membership_since", member, organization, status, d) for d in values(since))
    return out


def mentions_any(fact: Fact, keys: set[str]) -> bool:
    """Whether the fact names one of ``keys`` (alone or in a set of participants)."""
    for part in fact[1:]:
        if isinstance(part, frozenset):
            if part & keys:
                return True
        elif part in keys:
            return True
    return False


def by_family(facts: Iterable[Fact]) -> dict[str, set[Fact]]:
    out: dict[str, set[Fact]] = {f: set() for f in FAMILIES}
    for fact in facts:
        out.setdefault(fact[0], set()).add(fact)
    return out


def show(fact: Fact) -> str:
    """A fact as one readable line: ``meeting_date MODI+TOKAYEV 2024-06-25``."""
    def part(p) -> str:
        if isinstance(p, frozenset):
            return "+".join(sorted(map(str, p))) or "(nobody)"
        return "-" if p is None else str(p)
    return " ".join(part(p) for p in fact)
