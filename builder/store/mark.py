"""The consolidated view's mark of completeness: ``<view> dk:tripleCount N`` in the view's
graph, written last when the view is rebuilt (builder.reconcile) and taken out by any
write to the article graphs, so that a reader never takes a stale or half-built view for
a whole one."""
from __future__ import annotations

import pyoxigraph as ox

from .iris import CONSOLIDATED, TRIPLE_COUNT

VIEW = ox.NamedNode(CONSOLIDATED)
MARK = ox.NamedNode(TRIPLE_COUNT)


def is_current(store) -> bool:
    """Whether the store (a builder Store or a pyoxigraph Store) holds a complete
    consolidated view."""
    ox_store = getattr(store, "ox", store)
    return next(ox_store.quads_for_pattern(VIEW, MARK, None, VIEW), None) is not None


def mark_stale(store) -> None:
    """Take the mark out: the article graphs are about to change, and the view no longer
    stands for them until it is rebuilt."""
    ox_store = getattr(store, "ox", store)
    for q in list(ox_store.quads_for_pattern(VIEW, MARK, None, VIEW)):
        ox_store.remove(q)


def mark_complete(store, quads: int) -> None:
    ox_store = getattr(store, "ox", store)
    ox_store.add(ox.Quad(VIEW, MARK, ox.Literal(
        str(quads), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), VIEW))
