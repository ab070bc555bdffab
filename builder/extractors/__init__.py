"""Extractors: one module per family of facts, all reading the same Context."""
from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Fact
from . import leaders, meetings, memberships, partnerships, summits
from .context import Context

EXTRACTORS = (leaders, summits, meetings, partnerships, memberships)


def extract_all(ctx: Context, gaz: Gazetteer) -> list[Fact]:
    facts: list[Fact] = []
    for module in EXTRACTORS:
        facts.extend(module.extract(ctx, gaz))
    return facts
