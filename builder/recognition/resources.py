"""Per-language recognition tables, built once per process from the language pack and
the gazetteer."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import gazetteer as gz
from .. import langpack, nlp
from ..langpack import Cue, LangPack, make_cue
from .tokens import PhraseTable, TokenView


@dataclass
class Resources:
    lang: str
    pack: LangPack
    gaz: gz.Gazetteer
    names: PhraseTable
    titles: PhraseTable
    honorifics: PhraseTable
    summit_words: PhraseTable
    particles: frozenset[str]
    genitive: frozenset[str]
    name_stop: frozenset[str]
    cue_first: frozenset[str]
    geographic: frozenset[str]
    buildings: list[Cue]
    readings: dict = field(default_factory=dict)

    @property
    def latin(self) -> bool:
        return self.lang == "en"

    def before_building(self, tv: TokenView, end: int) -> bool:
        """'হায়দরাবাদ হাউস', 'Rashtrapati Bhavan', 'রাষ্ট্রপতি ভবনে': a name that is part
        of a building's name is not the city or office it names."""
        if end >= len(tv.keys):
            return False
        key = tv.keys[end]
        return any((key == b.tokens[0] or b.tokens[0] in tv.stems[end]) if b.exact else key.startswith(b.tokens[0])
                   for b in self.buildings)


_CACHE: dict[str, Resources] = {}


def clear() -> None:
    """Forget the built tables (the benchmark's cold starts)."""
    _CACHE.clear()


def for_language(lang: str) -> Resources:
    res = _CACHE.get(lang)
    if res is None:
        res = _CACHE[lang] = _build(lang)
    return res


def _build(lang: str) -> Resources:
    pack = langpack.load(lang)
    gaz = gz.load()

    def folded(phrase: str) -> tuple[str, ...]:
        return tuple(pack.fold(t) for t in nlp.tokenize(lang, phrase) if t.strip())

    titles = {folded(k): v for k, v in pack["titles"].items()}
    titles |= {tuple(pack.fold(t) for t in k.split()): None for k in pack["leader_nouns"]}
    return Resources(
        lang=lang, pack=pack, gaz=gaz,
        names=PhraseTable(gaz.index(lang, lambda s: nlp.tokenize(lang, s))),
        titles=PhraseTable(titles),
        honorifics=PhraseTable({folded(h.rstrip("$")): True for h in pack["honorifics"]}),
        summit_words=PhraseTable({c.tokens: True for c in pack.cues["summit_strong"]}),
        particles=pack.words("genitive_particles"),
        genitive=pack.words("genitive_suffixes"),
        name_stop=pack.words("name_stop") | frozenset(pack.months) | frozenset(pack.weekdays),
        cue_first=frozenset(c.tokens[0] for cues in pack.cues.values() for c in cues),
        geographic=pack.words("geographic_nouns"),
        buildings=[make_cue(pack, b) for b in pack["building_nouns"]],
    )
