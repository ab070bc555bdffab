"""Reading SPARQL text without running it: its form (SELECT, ASK, CONSTRUCT, DESCRIBE
or an update) and the operations diplokg refuses because they reach outside the data
(SERVICE, LOAD, and for an rdflib graph FROM/FROM NAMED, which rdflib would fetch).

Two readers agree on every check, and a query is refused when either finds one:

- a SPARQL lexer (``tokens``) that knows comments, the four kinds of string, IRIs,
  variables, prefixed names and language tags, after expanding ``\\uXXXX`` escapes as
  the grammar says: a ``SERVICE`` in a comment, a string, an IRI or a name is not the
  keyword, and a ``SeRvIcE`` or ``\\u0053ERVICE`` is;
- rdflib's SPARQL parser, when it can parse the text: any ``ServiceGraphPattern`` of
  the parse tree, at any depth.

A text in which the letters of none of these keywords appear (escapes expanded) skips
both: no reading of it can find one.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<name>(?:[\w\u00B7-\uFFFF\U00010000-\U000EFFFF]|[-.:%\\])+)
  | (?P<other>.)
""", re.X | re.S)


class Token(tuple):
    """(kind, text, line): kind is one of string, iri, var, lang, name, other."""

    @property
    def kind(self) -> str:
        return self[0]

    @property
    def text(self) -> str:
        return self[1]

    @property
    def line(self) -> int:
        return self[2]

    @property
    def keyword(self) -> str | None:
        """The upper-cased word when this token is a bare word (a keyword or function
        name), None for prefixed names, blank nodes, numbers and everything else."""
        if self[0] == "name" and ":" not in self[1] and not self[1][0].isdigit() and self[1][0] not in "-.%\\":
            return self[1].upper()
        return None


def expand_escapes(sparql: str) -> str:
    """The query with its ``\\uXXXX``/``\\UXXXXXXXX`` escapes replaced (the SPARQL grammar
    applies them before parsing, anywhere in the text)."""
    def repl(m):
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)
    return _ESCAPE.sub(repl, sparql)


def tokens(sparql: str) -> Iterator[Token]:
    """The tokens of a query, comments and white space left out."""
    text = expand_escapes(sparql)
    line = 1
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            yield Token((kind, m.group(), line))
        line += m.group().count("\n")


def query_form(sparql: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE`` (the first keyword is an
    update operation) or ``""`` when no form can be seen (the engine reports the syntax
    error)."""
    for tok in tokens(sparql):
        word = tok.keyword
        if word in ("BASE", "PREFIX") or word is None and tok.kind in ("iri", "name"):
            continue  # the prologue: BASE <iri>, PREFIX p: <iri>
        if word in FORMS:
            return word
        if word in UPDATE_WORDS:
            return "UPDATE"
        return ""
    return ""


def remote_access(sparql: str, *, rdflib_target: bool = False) -> str | None:
    """Why the query would reach outside the data, or None. SERVICE (any case, any
    depth) and LOAD always; FROM and FROM NAMED for an rdflib target, where rdflib would
    fetch a graph it does not hold."""
    words = ("SERVICE", "LOAD", "FROM") if rdflib_target else ("SERVICE", "LOAD")
    upper = expand_escapes(sparql).upper()
    if not any(w in upper for w in words):
        return None  # no token can be one of these keywords: the common case, at no cost
    for tok in tokens(sparql):
        word = tok.keyword
        if word == "SERVICE":
            return (f"SERVICE (line {tok.line}) is refused: diplokg queries only its own data "
                    "and sends no request to another endpoint")
        if word == "LOAD":
            return f"LOAD (line {tok.line}) is refused: diplokg fetches no graph and runs no update"
        if word == "FROM" and rdflib_target:
            return (f"FROM (line {tok.line}) is refused on a graph file: it has no named graphs to choose "
                    "from, and diplokg fetches no graph")
    if _rdflib_finds_service(sparql):
        return "SERVICE is refused: diplokg queries only its own data and sends no request to another endpoint"
    return None


@functools.lru_cache(maxsize=256)
def _rdflib_finds_service(sparql: str) -> bool:
    """Whether rdflib's parser sees a SERVICE pattern (False when it cannot parse the
    text: the lexer's answer stands then)."""
    try:
        from rdflib.plugins.sparql.parser import parseQuery
        tree = parseQuery(sparql)
    except Exception:  # not parseable by rdflib (an update, or syntax rdflib lacks)
        return False
    stack = [tree]
    while stack:
        node = stack.pop()
        if getattr(node, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif hasattr(node, "asList") and not isinstance(node, str):
            stack.extend(node)
    return False
