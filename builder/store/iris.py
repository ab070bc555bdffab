"""The IRIs the store gives each article's named graph, and its bookkeeping terms."""
from __future__ import annotations

from urllib.parse import quote

from ..namespace import DK, ID

GRAPH_BASE = str(ID) + "graph/article/"
# the consolidated view (builder.reconcile): one value per single-valued property of an event
CONSOLIDATED = str(ID) + "graph/consolidated"
# inside each article's graph, about the graph itself: what a rerun compares
ARTICLE_ID = str(DK.articleId)
FINGERPRINT = str(DK.fingerprint)
TRIPLE_COUNT = str(DK.tripleCount)


def graph_iri(article_id: str) -> str:
    """A valid IRI for any id: the id percent-encoded as UTF-8 in one path segment (a lone
    surrogate becomes U+FFFD), so ``corpus/a b.txt`` is ``…/graph/article/corpus%2Fa%20b.txt``
    and no dot segment can move it."""
    safe = article_id.encode("utf-8", "replace").decode("utf-8")
    segment = quote(safe, safe=":@!$&'()*+,;=")
    return GRAPH_BASE + (segment.replace(".", "%2E") if not segment.strip(".") else segment)


def article_id_of(iri: str) -> str | None:
    from urllib.parse import unquote
    return unquote(iri[len(GRAPH_BASE):]) if iri.startswith(GRAPH_BASE) else None
