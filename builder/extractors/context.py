"""What every extractor reads: sentences, clauses, mentions and cue words of one article."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..dates import shift_to_next_week
from ..langpack import LangPack
from ..model import DateValue, Evidence, Mention
from ..recognition.tokens import TokenView

_ORDINAL_NUM = re.compile(r"^(\d{1,3})(?:-?(?:তম|ম|য়|র্থ|ষ্ঠ|th|st|nd|rd|वां|वीं|वें|वाँ))$")
CLAUSE_BREAKS = {";", "؛"}


@dataclass(slots=True)
class Cue:
    name: str
    start: int
    end: int
    sent: int


@dataclass
class Context:
    text: str
    pack: LangPack
    tv: TokenView
    mentions: list[Mention]
    published: dt.date | None
    sent_spans: list[tuple[int, int]]          # token ranges of sentences
    clause_breaks: list[int] = field(default_factory=list)  # tokens that end a clause (';')
    cues: dict[str, list[Cue]] = field(default_factory=dict)
    dateline: DateValue | None = None

    # ---------------------------------------------------------------- lookup
    def __post_init__(self) -> None:
        self._by_sent: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self._by_sent.setdefault(m.sent, []).append(m)
        self._cues_by_sent: dict[tuple[str, int], list[Cue]] = {}
        self._evidence: dict[int, Evidence] = {}

    def in_sentence(self, s: int, *kinds: str) -> list[Mention]:
        found = self._by_sent.get(s, [])
        return [m for m in found if m.kind in kinds] if kinds else list(found)

    def sentences_with(self, *names: str) -> list[int]:
        """Sentences holding any of the named cues, in order."""
        return sorted({c.sent for name in names for c in self.cues.get(name, [])})

    def cues_in(self, name: str, s: int) -> list[Cue]:
        if not self._cues_by_sent and self.cues:
            for cname, cues in self.cues.items():
                for c in cues:
                    self._cues_by_sent.setdefault((cname, c.sent), []).append(c)
        return self._cues_by_sent.get((name, s), [])

    def same_clause(self, a: int, b: int) -> bool:
        """Tokens a and b are in one sentence with no ';' between them."""
        if self.tv.sent[a] != self.tv.sent[b]:
            return False
        if not self.clause_breaks:
            return True
        lo, hi = (a, b) if a <= b else (b, a)
        k = bisect_left(self.clause_breaks, lo)
        return not (k < len(self.clause_breaks) and self.clause_breaks[k] < hi)

    def evidence(self, s: int) -> Evidence:
        if s not in self._evidence:
            self._evidence[s] = self._evidence_of(s)
        return self._evidence[s]

    def _evidence_of(self, s: int) -> Evidence:
        ts, te = self.sent_spans[s]
        while te > ts and self.tv.punct[te - 1] and self.tv.text[te - 1].isspace():
            te -= 1
        start = self.tv.idx[ts]
        end = self.tv.idx[te - 1] + len(self.tv.text[te - 1]) if te > ts else start
        return Evidence(sentence=s, start=start, end=end, text=self.text[start:end])

    def ordinal_before(self, pos: int, window: int = 3) -> int | None:
        """An ordinal ('১৭তম', '17th', 'প্রথম', 'पहली') just before token ``pos``."""
        words = self.pack.folded_map("ordinal_words")
        suffixes = self.pack.words("ordinal_suffixes")
        for k in range(pos - 1, max(-1, pos - 1 - window), -1):
            key = self.tv.keys[k]
            m = _ORDINAL_NUM.match(key)
            if m:
                return int(m.group(1))
            if key in words:
                return words[key]
            if key.isdigit() and k + 1 < pos and self.tv.keys[k + 1] in suffixes:
                return int(key)
            if self.tv.punct[k] and key not in {"-"}:
                return None
        return None

    def country_counts(self) -> Counter:
        return Counter(m.entry_id for m in self.mentions if m.kind == "Country")

    def main_states(self, gaz, year: int | None) -> list[str]:
        """The article's states, most named first; the states of its leaders count too
        ('both countries' after a Modi-Hasina meeting means India and Bangladesh)."""
        from .util import leader_country
        counts = self.country_counts()
        for m in self.mentions:
            if m.kind == "Leader" and (c := leader_country(m, gaz, year)):
                counts[c] += 1
        return [c for c, _ in counts.most_common()]

    def is_future(self, s: int) -> bool:
        return bool(self.cues_in("future", s))


@lru_cache(maxsize=None)
def _cue_index(pack: LangPack) -> dict[str, dict[str, list]]:
    """Cues grouped by the first two characters of their first word, then by that word."""
    index: dict[str, dict[str, list]] = {}
    for name, cues in pack.cues.items():
        for cue in cues:
            head = cue.tokens[0]
            index.setdefault(head[:2], {}).setdefault(head, []).append((name, cue))
    return index


_CUE_HEADS: dict[str, dict[tuple[str, ...], list]] = {}


def _cues_starting(pack: LangPack, stems: list[str]) -> list:
    """The cues whose first word matches a token (given its key and stems), memoised per
    token form: a prefix for most cues, the word or its stem for exact ones."""
    memo = _CUE_HEADS.setdefault(pack.code, {})
    found = memo.get(tuple(stems))
    if found is None:
        key = stems[0]
        found = [(name, cue) for head, cands in _cue_index(pack).get(key[:2], {}).items()
                 if key.startswith(head) for name, cue in cands
                 if key == head or head in stems or (not cue.exact and _ending_ok(pack, head, key))]
        memo[tuple(stems)] = found
    return found


def find_cues(pack: LangPack, tv: TokenView) -> dict[str, list[Cue]]:
    """Every occurrence of every cue phrase; tokens match by prefix unless the cue is exact."""
    out: dict[str, list[Cue]] = {}
    n = len(tv.keys)
    for i, stems in enumerate(tv.stems):
        if tv.punct[i]:
            continue
        for name, cue in _cues_starting(pack, stems):
            if len(cue.tokens) > 1 and not _rest_matches(pack, cue, tv, i + 1, n):
                continue
            out.setdefault(name, []).append(Cue(name, i, i + len(cue.tokens), tv.sent[i]))
    return out


# What may follow a Latin cue word written as a stem ('participat', 'establish', 'join'):
# inflections and the common derivations, never any letters ('join' is not 'joint', 'bid'
# is not 'Biden').  Cue words in other scripts keep matching by prefix: their verbs
# conjugate by endings the lexicons do not list ('যোগ দি' -> 'দিচ্ছে', 'भाग ले' -> 'लेंगे').
_LATIN_ENDINGS = frozenset({
    "s", "es", "ed", "d", "ing", "e", "er", "ers", "ion", "ions", "ation", "ations", "ant", "ants",
    "ance", "ence", "ment", "ments", "ship", "ships", "ly", "ally", "al", "ive", "ory", "ies", "ied",
    "y", "ic", "ics", "or", "ors", "ee", "ees"})
def _ending_ok(pack: LangPack, head: str, key: str) -> bool:
    rest = key[len(head):]
    if not rest:
        return True
    if not head[-1:].isascii():
        return True
    return rest in _LATIN_ENDINGS or rest in pack.suffixes


def _rest_matches(pack: LangPack, cue, tv: TokenView, j: int, n: int) -> bool:
    for want in cue.tokens[1:]:
        if j >= n:
            return False
        key = tv.keys[j]
        if cue.exact:
            if key != want and want not in tv.stems[j]:
                return False
        elif not (key.startswith(want) and (want in tv.stems[j] or _ending_ok(pack, want, key))):
            return False
        j += 1
    return True


def build_context(text: str, pack: LangPack, tv: TokenView, mentions: list[Mention],
                  published: dt.date | None) -> Context:
    sent = tv.sent
    firsts = [i for i in range(len(sent)) if i == 0 or sent[i] != sent[i - 1]]
    spans = list(zip(firsts, firsts[1:] + [len(sent)]))
    breaks = [i for i, key in enumerate(tv.keys) if key in CLAUSE_BREAKS]
    ctx = Context(text=text, pack=pack, tv=tv, mentions=mentions, published=published,
                  sent_spans=spans, clause_breaks=breaks, cues=find_cues(pack, tv))
    _future_weekdays(ctx)
    ctx.dateline = _dateline(ctx)
    return ctx


def _future_weekdays(ctx: Context) -> None:
    """A weekday in a sentence about the future is the coming one, not the last one."""
    if ctx.published is None:
        return
    for m in ctx.mentions:
        if m.kind == "Date" and m.via == "weekday" and m.date.iso != ctx.published.isoformat() \
                and ctx.is_future(m.sent):
            m.date = shift_to_next_week(m.date)


def _dateline(ctx: Context) -> DateValue | None:
    """A line near the top that holds a full date and little else ('29 May 2023, 18:08',
    'নয়াদিল্লি ৮ এপ্রিল ২০১৭'): the date the report was filed."""
    for s in range(min(4, len(ctx.sent_spans))):
        ts, te = ctx.sent_spans[s]
        words = [k for k in range(ts, te) if not ctx.tv.punct[k]]
        dates = [m for m in ctx.in_sentence(s, "Date") if m.date and m.date.precision == 3 and not m.relative]
        if dates and len(words) <= 8:
            return dates[0].date
        # 'MOSCOW, July 9 (PTI) - ...', 'নিউইয়র্ক, ২৫ সেপ্টেম্বর (বাসস): ...', 'नई दिल्ली, 27
        # जनवरी।': a day and month (the year the report's) after the place, before a dash
        for m in ctx.in_sentence(s, "Date"):
            if not (m.date and m.date.precision == 3 and m.start - ts <= 4 and any(ch.isdigit() for ch in m.text)):
                continue
            if any(ctx.tv.keys[k] in _DATELINE_ENDS for k in range(m.end, min(te, m.end + 5))) or te - m.end <= 1:
                return m.date
    return None


_DATELINE_ENDS = {"-", "–", "—", ":", "।", "|", "):", ")-", ")–"}
