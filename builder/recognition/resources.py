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
    common_words: frozenset[str]    # words of the lexicon (cues, titles) that are no names
    name_particles: frozenset[str]  # 'bin', 'বিন', 'बिन': a name goes on after them
    past_words: frozenset[str]      # 'former', 'সাবেক', 'तत्कालीन' before a title
    past_not_after: frozenset[str]  # 'यात्रा से पूर्व': after these a past word means 'before'
    compound_titles: dict           # 'প্রতিরক্ষামন্ত্রী': a one-word title ending in a title
    name_vowels: str                # vowel signs and letters after which a case ending is plain
    light_verbs: frozenset[str]     # 'করেন', 'करेंगे': the word before them is no name
    initial_letters: frozenset[str]  # 'এ', 'কে', 'आर': letters written out as initials
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
    name_words = gaz.name_words(lang, pack.fold)
    common = {t for cues in pack.cues.values() for c in cues for t in c.tokens if len(t) > 1}
    common |= {t for k in titles for t in k}
    common |= {pack.fold(t) for k in pack["leader_nouns"] for t in k.split()}
    stop = set(pack.words("name_stop")) | set(pack.months) | set(pack.weekdays)
    if lang != "en":
        # the language's own function words (spaCy's stop lists), bar any word that is
        # part of a name the gazetteer knows ('जो' in 'जो बाइडेन', 'এস' in 'এস জয়শঙ্কর')
        # and bar the letters written out as initials ('এ কে আব্দুল মোমেন')
        spacy_stop = {pack.fold(w) for w in nlp.pipeline(lang).Defaults.stop_words}
        stop |= spacy_stop - name_words - pack.words("initial_letters", optional=True)
    titles |= {tuple(pack.fold(t) for t in k.split()): None for k in pack["leader_nouns"]}
    return Resources(
        lang=lang, pack=pack, gaz=gaz,
        names=PhraseTable(gaz.index(lang, lambda s: nlp.tokenize(lang, s))),
        titles=PhraseTable(titles),
        honorifics=PhraseTable({folded(h.rstrip("$")): True for h in pack["honorifics"]}),
        summit_words=PhraseTable({c.tokens: True for c in pack.cues["summit_strong"]}),
        particles=pack.words("genitive_particles"),
        genitive=pack.words("genitive_suffixes"),
        name_stop=frozenset(stop),
        cue_first=frozenset(c.tokens[0] for cues in pack.cues.values() for c in cues),
        common_words=frozenset(common - name_words),
        name_particles=pack.words("name_particles", optional=True),
        past_words=pack.words("past_title_words", optional=True),
        past_not_after=pack.words("past_title_not_after", optional=True),
        compound_titles={pack.fold(k): v for k, v in pack.data.get("compound_title_heads", {}).items()},
        name_vowels=pack.data.get("name_vowels", ""),
        light_verbs=pack.words("light_verbs", optional=True),
        initial_letters=pack.words("initial_letters", optional=True),
        geographic=pack.words("geographic_nouns"),
        buildings=[make_cue(pack, b) for b in pack["building_nouns"]],
    )
