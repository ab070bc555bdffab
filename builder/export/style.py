"""Colours and shapes by type, shared by the explorer page and GEXF's viz:color."""
from __future__ import annotations

# Order = precedence when a node has several types, and the legend's order.
TYPES = ["Leader", "Country", "Organization", "Ministry", "City", "Summit", "SummitSeries",
         "Meeting", "Partnership", "Membership", "Article"]
EVENT_TYPES = {"Summit", "Meeting", "Partnership", "Membership"}
TIMELINE_TYPES = {"Summit", "Meeting"}

COLORS = {"Leader": "#d62728", "Country": "#1f77b4", "Organization": "#2ca02c", "Ministry": "#17becf",
          "City": "#9467bd", "Summit": "#ff7f0e", "SummitSeries": "#ffbb78", "Meeting": "#8c564b",
          "Partnership": "#e377c2", "Membership": "#7f7f7f", "Article": "#bcbd22"}
OTHER_COLOR = "#555555"

# vis-network shape names, all with the label below the shape (box and ellipse would
# swell to hold it).
SHAPES = {"Leader": "dot", "Country": "square", "Organization": "hexagon", "Ministry": "triangleDown",
          "City": "triangle", "Summit": "star", "SummitSeries": "star", "Meeting": "diamond",
          "Partnership": "hexagon", "Membership": "triangleDown", "Article": "dot"}
OTHER_SHAPE = "dot"


def primary_type(types) -> str:
    """The one type a node is drawn as: the first of TYPES it has, else its first type."""
    names = set(types)
    for t in TYPES:
        if t in names:
            return t
    return sorted(names)[0] if names else "Thing"


def color(kind: str) -> str:
    return COLORS.get(kind, OTHER_COLOR)


def shape(kind: str) -> str:
    return SHAPES.get(kind, OTHER_SHAPE)


def rgb(kind: str) -> tuple[int, int, int]:
    h = color(kind).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
