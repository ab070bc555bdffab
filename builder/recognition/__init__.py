"""Recognition: what the text names and when.

One module per job: ``names`` (gazetteer names through inflection and spelling
variants), ``acronyms`` (acronyms defined in the text), ``series`` (summit series),
``leaders`` (titles and the leaders they name), ``coreference`` (leaders named again
by surname or bare title); ``builder.dates`` finds dates.  The
per-language tables they share are built once in ``resources``.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ..dates import find_dates
from ..langpack import LangPack
from ..model import Mention
from .acronyms import resolve_acronyms
from .coreference import bare_titles, surnames_again
from .leaders import attach_titles, leaders_after_states, title_mentions
from .names import gazetteer_mentions
from .resources import for_language
from .series import named_series
from .tokens import TokenView, view

__all__ = ["recognise", "TokenView"]


def recognise(doc: Doc, text: str, lang: str, pack: LangPack,
              published: dt.date | None) -> tuple[TokenView, list[Mention]]:
    """The token view of a processed doc and every mention in it, in text order."""
    res = for_language(lang)
    tv = view(doc)
    mentions = gazetteer_mentions(res, tv, text)
    mentions = resolve_acronyms(res, tv, mentions)
    mentions = named_series(res, tv, text, mentions)
    taken = {t for m in mentions for t in range(m.start, m.end)}
    titles = title_mentions(res, tv, taken)
    mentions = attach_titles(res, tv, text, mentions, titles)
    mentions = leaders_after_states(res, tv, text, mentions, titles)
    mentions = surnames_again(res, tv, text, mentions, titles)
    mentions = bare_titles(res, tv, mentions, titles)
    taken = {t for m in mentions for t in range(m.start, m.end)}
    dates = [d for d in find_dates(tv.text, tv.stems, pack, published) if not (set(range(d.start, d.end)) & taken)]
    for d in dates:
        d.sent = tv.sent[d.start]
    return tv, sorted(mentions + titles + dates, key=lambda m: (m.start, m.end))
