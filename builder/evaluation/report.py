"""The result of an evaluation, and its readable and JSON forms."""
from __future__ import annotations

from dataclasses import dataclass, field

from .score import ArticleScore, Counts, Total

_HEAD = f"{'':22}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>7}{'F1':>7}"


@dataclass
class Report:
    """Per-article scores, their totals overall and per language, and what went wrong:
    ``problems`` (bad input, left out: one line each, naming the file) and
    ``build_failures`` (article → error; scored as an empty graph)."""

    articles: list[ArticleScore]
    overall: Total
    by_lang: dict[str, Total]
    problems: list[str] = field(default_factory=list)
    build_failures: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Every gold read and every article built."""
        return not self.problems and not self.build_failures

    def as_dict(self) -> dict:
        """The whole report as JSON-ready data (see the README for its shape)."""
        return {"overall": self.overall.as_dict(),
                "by_lang": {lang: t.as_dict() for lang, t in self.by_lang.items()},
                "articles": [_article(s) for s in self.articles],
                "problems": list(self.problems),
                "build_failures": dict(self.build_failures)}

    def table(self) -> str:
        """Precision, recall and F1 per family and per language, overall, and linking."""
        lines = [f"{'family':22}{_HEAD[22:]}"]
        for family, c in self.overall.families.items():
            lines.append(_row(family, c))
        lines.append(_row("overall", self.overall.overall))
        lines.append("")
        lines.append(f"{'language':12}{'articles':>10}{_HEAD[22:]}{'linking':>10}")
        for lang, t in [*self.by_lang.items(), ("all", self.overall)]:
            lines.append(f"{lang:12}{t.articles:>10}{_row('', t.overall)}{_linking(t):>10}")
        lines.append("")
        link = self.overall.linking
        lines.append(f"linking accuracy: {_linking(self.overall)} ({link.correct} of {link.total} gold entities "
                     f"with a Wikidata id)")
        o = self.overall.overall
        lines.append(f"F1 {o.f1:.3f} over {self.overall.articles} article(s)"
                     + (f"; {len(self.build_failures)} failed to build (scored as empty)" if self.build_failures
                        else ""))
        return "\n".join(lines)

    def details(self) -> str:
        """Per article: the facts missed and the facts found that the gold does not have."""
        out = []
        for s in self.articles:
            o = s.overall
            out.append(f"## {s.gold} [{s.lang}]  P {o.precision:.2f}  R {o.recall:.2f}  F1 {o.f1:.2f}")
            if s.error:
                out.append(f"  build failed: {s.error}")
            for family in s.counts:
                out += [f"  missed    {f}" for f in s.missed[family]]
                out += [f"  spurious  {f}" for f in s.spurious[family]]
            out += [f"  unlinked  {key}" for key in s.unlinked]
        return "\n".join(out)


def _row(name: str, c: Counts) -> str:
    return f"{name:22}{c.tp:5}{c.fp:5}{c.fn:5}{c.precision:8.3f}{c.recall:7.3f}{c.f1:7.3f}"[22 if not name else 0:]


def _linking(t: Total) -> str:
    acc = t.linking.accuracy
    return "n/a" if acc is None else f"{acc:.3f}"


def _article(s: ArticleScore) -> dict:
    return {"gold": s.gold, "article": s.article, "lang": s.lang, "error": s.error,
            "overall": s.overall.as_dict(),
            "families": {f: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "missed": s.missed[f], "spurious": s.spurious[f]}
                         for f, c in s.counts.items() if not c.empty},
            "linking": {"correct": s.linking.correct, "total": s.linking.total, "unlinked": s.unlinked}}
