"""The visible text of an HTML article, read with a real HTML parser (html.parser):
no script, style, template, noscript, head (title, meta), hidden elements, comments or
markup; one line per block (paragraph, heading, list item, table row, <br>)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

# elements whose content is never shown as text
HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title", "meta", "link", "base",
                    "iframe", "object", "embed", "svg", "math", "canvas", "audio", "video", "select",
                    "datalist", "button", "textarea", "input"})
# elements that start a new line
BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
                    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
                    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre",
                    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
HEAD_CONTENT = frozenset({"title", "meta", "link", "base", "script", "style", "noscript", "template"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
_SNIFF = re.compile(r"\A[\ufeff\s]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_INVISIBLE_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
                              re.IGNORECASE)
_SPACE = re.compile(r"[ \t\n\r\f\u00a0]+")


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML document: it begins (after a BOM, white space and
    comments) with ``<!doctype html`` or ``<html``."""
    return bool(_SNIFF.match(text[:4096]))


def html_to_text(html: str) -> str:
    """The text a reader sees: entities decoded, white space collapsed as a browser
    does, a line break at every block boundary, no empty lines."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []  # the open hidden elements, innermost last

    def handle_starttag(self, tag, attrs):
        self._open(tag, attrs, void=tag in VOID)

    def handle_startendtag(self, tag, attrs):
        self._open(tag, attrs, void=True)

    def _open(self, tag, attrs, *, void):
        if self.skip and self.skip[-1] == "head" and tag not in HEAD_CONTENT:  # <body>, <p>... close <head>
            self.skip.pop()
        if tag in BLOCKS:
            self.parts.append("\n")
        if void:
            return
        if self.skip or tag in HIDDEN or _hidden(attrs):
            self.skip.append(tag)

    def handle_endtag(self, tag):
        if tag in self.skip:
            del self.skip[len(self.skip) - 1 - self.skip[::-1].index(tag):]
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data.replace("\n", " "))


def _hidden(attrs) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "style" and value and _INVISIBLE_STYLE.search(value):
            return True
    return False
