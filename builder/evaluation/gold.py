"""Reading a gold annotation (the format of ``../shared/eval/GOLD.md``, described in the
README): what a careful reader takes from one article, as entities with keys and facts
between them."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..io import InputError, read_bytes
from . import facts as F
from .facts import Fact


class GoldError(ValueError):
    """A gold file that cannot be read or is not in the gold format: the message names the
    file and says what is wrong."""


@dataclass
class Gold:
    """One gold annotation, checked. ``data`` is the JSON object as read."""

    path: str
    data: dict
    entities: dict[str, dict] = field(init=False)
    summits: dict[str, dict] = field(init=False)
    optional_entities: set[str] = field(init=False)
    optional_facts: set[Fact] = field(init=False)
    facts: set[Fact] = field(init=False)

    def __post_init__(self) -> None:
        self.entities = self.data.get("entities") or {}
        self.summits = self.data.get("summits") or {}
        optional = self.data.get("optional") or {}
        self.optional_entities = set(optional.get("entities") or [])
        self.optional_facts = {_as_fact(f) for f in optional.get("facts") or []}
        self.facts = self._facts()
        # The host of a summit and the state of a leader who took part may be listed as
        # participants or not: unless the gold lists them, they are optional.
        self.optional_facts |= self._implied_participants() - self.facts
        self._by_qid = {e["qid"]: key for key, e in self.entities.items() if e.get("qid")}
        self._by_label: dict[str, set[str]] = defaultdict(set)
        for key, e in self.entities.items():
            for label in e.get("labels") or []:
                self._by_label[F.label_key(label)].add(key)

    # -- the fields the runner uses ------------------------------------------------

    @property
    def lang(self) -> str | None:
        return self.data.get("lang") or None

    @property
    def published(self) -> str | None:
        return self.data.get("published") or None

    @property
    def text(self) -> str | None:
        """The article's path as the gold gives it (relative to the gold file), if it does."""
        return self.data.get("text") or None

    # -- matching graph nodes ------------------------------------------------------

    def key_for(self, labels: set[str], qids: set[str]) -> str | None:
        """The gold entity a graph node stands for: the one with one of its Wikidata ids,
        else one that shares a label (the first key in sort order if several do)."""
        for qid in sorted(qids):
            if qid in self._by_qid:
                return self._by_qid[qid]
        keys = set().union(*(self._by_label.get(F.label_key(lb), ()) for lb in labels))
        return min(keys) if keys else None

    def linkable(self) -> dict[str, dict]:
        """The required entities that have a Wikidata id: what linking accuracy is over."""
        return {k: e for k, e in self.entities.items() if e.get("qid") and k not in self.optional_entities}

    def ignored(self, fact: Fact) -> bool:
        """Optional facts, and facts about optional entities, are neither required nor
        penalised."""
        return fact in self.optional_facts or F.mentions_any(fact, self.optional_entities)

    # -- building the fact set -------------------------------------------------------

    def _facts(self) -> set[Fact]:
        d, out = self.data, set()
        for key, e in self.entities.items():
            out.add((e["type"].lower(), key))
        for row in d.get("leaders") or []:
            out.add(("leader_of", row["leader"], row["country"]))
            if row.get("office"):
                out.add(("office", row["leader"], row["office"]))
        for sid, s in self.summits.items():
            out |= F.summit(sid, s)
        for m in d.get("meetings") or []:
            out |= F.meeting(frozenset(m["participants"]), m.get("mode"), m.get("date"))
        for p in d.get("partnerships") or []:
            out |= F.partnership(frozenset(p["partners"]), p["kind"], p.get("since"))
        for m in d.get("memberships") or []:
            out |= F.membership(m["member"], m["organization"], m["status"], m.get("since"))
        return out

    def _implied_participants(self) -> set[Fact]:
        state = {row["leader"]: row["country"] for row in self.data.get("leaders") or []}
        out: set[Fact] = set()
        for sid, s in self.summits.items():
            people = set(F.values(s.get("participant")))
            people |= {f[2] for f in self.optional_facts if f[0] == "summit_participant" and f[1] == sid}
            out |= {("summit_participant", sid, state[p]) for p in people if p in state}
            out |= {("summit_participant", sid, h) for h in F.values(s.get("host"))}
        return out


def _as_fact(raw: list) -> Fact:
    """An optional fact as written in the gold: a list inside it is a set of keys; a number
    is compared as the graph's values are, as a string."""
    def part(x):
        if isinstance(x, list):
            return frozenset(x)
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            return str(x)
        return x
    return tuple(part(x) for x in raw)


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold file; :class:`GoldError` (naming the file) if it is not one."""
    path = Path(path)
    try:
        raw = read_bytes(str(path)).decode("utf-8-sig")
    except InputError as e:  # missing, a directory, unreadable: one line naming the file
        raise GoldError(str(e)) from None
    except UnicodeDecodeError as e:
        raise GoldError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise GoldError(f"{path}: not JSON ({e})") from None
    problem = check(data)
    if problem:
        raise GoldError(f"{path}: not a gold annotation ({problem})")
    try:
        return Gold(str(path), data)
    except (KeyError, TypeError, AttributeError) as e:  # a shape check() does not foresee
        raise GoldError(f"{path}: not a gold annotation ({type(e).__name__}: {e})") from None


def check(data) -> str | None:
    """What is wrong with a gold object, in a few words; None if nothing is."""
    if not isinstance(data, dict):
        return "not a JSON object"
    entities = data.get("entities")
    if not isinstance(entities, dict):
        return "no 'entities' object"
    for key, e in entities.items():
        if not isinstance(e, dict) or e.get("type") not in F.ENTITY_TYPES:
            return f"entity {key!r} needs a 'type', one of {', '.join(F.ENTITY_TYPES)}"
        if not isinstance(e.get("labels", []), list):
            return f"the labels of entity {key!r} are not a list"
    needs = {"leaders": ("leader", "country"), "meetings": ("participants",), "partnerships": ("partners", "kind"),
             "memberships": ("member", "organization", "status")}
    for name, keys in needs.items():
        rows = data.get(name, [])
        if rows is None:
            continue
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            return f"'{name}' is not a list of objects"
        for i, row in enumerate(rows):
            for k in keys:
                if k not in row:
                    return f"{name}[{i}] has no {k!r}"
            for k in ("participants", "partners"):
                if k in row and not isinstance(row[k], list):
                    return f"{name}[{i}].{k} is not a list"
    summits = data.get("summits", {})
    if summits is not None and not (isinstance(summits, dict) and all(isinstance(s, dict) for s in summits.values())):
        return "'summits' is not an object of summit objects"
    optional = data.get("optional", {})
    if optional is not None:
        if not isinstance(optional, dict):
            return "'optional' is not an object"
        if not isinstance(optional.get("entities", []) or [], list):
            return "optional.entities is not a list"
        facts = optional.get("facts", []) or []
        if not isinstance(facts, list) or not all(isinstance(f, list) and f for f in facts):
            return "optional.facts is not a list of lists"
    for name in ("lang", "published", "text"):
        if data.get(name) is not None and not isinstance(data[name], str):
            return f"'{name}' is not a string"
    return None
