"""Reading an RDF graph file safely: its syntax from the name, else from the content;
nothing fetched (JSON-LD contexts by IRI or file, @import) and no DTD (entity
expansion, "billion laughs") in RDF/XML; the parser's whole message, with line and
column, when the file is not valid."""
from __future__ import annotations

import json
import re
from pathlib import Path

from .io import InputError

FORMATS = ("turtle", "trig", "nquads", "nt", "json-ld", "xml")
EXTENSIONS = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nq": "nquads", ".nquads": "nquads",
              ".nt": "nt", ".ntriples": "nt", ".jsonld": "json-ld", ".json-ld": "json-ld", ".json": "json-ld",
              ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".rdfxml": "xml"}
NAMES = {"turtle": "Turtle", "trig": "TriG", "nquads": "N-Quads", "nt": "N-Triples", "json-ld": "JSON-LD",
         "xml": "RDF/XML"}
_XML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:\?xml|!DOCTYPE|!--|[A-Za-z_][\w.-]*(?::[\w.-]+)?(?:\s[^>]*)?xmlns)",
                        re.DOTALL)


def format_from_name(name: str) -> str | None:
    """The syntax an extension names (.ttl, .trig, .nq/.nquads, .nt, .jsonld/.json-ld/.json,
    .rdf/.xml/.owl), or None."""
    return EXTENSIONS.get(Path(name).suffix.lower()) if name not in ("-", "") else None


def sniff_format(data: bytes) -> str | None:
    """RDF/XML or JSON-LD by how the content begins, else None (a Turtle-family text)."""
    head = data[:4096]
    if _XML_START.match(head):
        return "xml"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "json-ld"
    return None


def parse_graph(data: bytes, name: str, fmt: str | None = None):
    """The triples of an RDF document as an rdflib Graph (every named graph merged).
    ``fmt`` None: from ``name``'s extension, else from the content (RDF/XML, JSON-LD,
    else TriG, which reads Turtle and N-Triples too, then N-Quads). Raises InputError."""
    guessed = fmt is None and format_from_name(name) is None
    fmt = fmt or format_from_name(name) or sniff_format(data)
    try:
        if fmt is not None:
            return _parse(data, name, fmt)
        try:  # a Turtle-family text: TriG reads Turtle and N-Triples; N-Quads is apart
            return _parse(data, name, "trig")
        except InputError as first:
            try:
                return _parse(data, name, "nquads")
            except InputError:
                raise first from None
    except InputError as e:
        if guessed and "not valid" in str(e):
            raise InputError(f"{e} (the syntax was guessed from the content; --input-format gives it)") from None
        raise


def _parse(data: bytes, name: str, fmt: str):
    from rdflib import Dataset

    if fmt == "xml":
        refuse_dtd(data, name)
    if fmt == "json-ld":
        refuse_remote_contexts(data, name)
    ds = Dataset(default_union=True)
    try:
        ds.parse(data=data, format=fmt)
    except RecursionError:
        raise InputError(f"{name}: not valid {NAMES[fmt]}: nested too deeply") from None
    except Exception as e:  # rdflib raises many parser-specific types
        raise InputError(f"{name}: not valid {NAMES[fmt]}: {parser_message(e, data, fmt)}") from None
    from .rdf import new_graph
    g = new_graph()
    for t in ds.triples((None, None, None)):
        g.add(t)
    return g


# --- nothing fetched, nothing expanded --------------------------------------------

class _Stop(Exception):
    pass


def refuse_dtd(data: bytes, name: str) -> None:
    """Refuse an XML document with a document type declaration (the only place entities
    are declared), before any parser expands one: expat reads the prolog and stops at
    the first element."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    found = []

    def doctype(*_):
        found.append(parser.CurrentLineNumber)
        raise _Stop

    def element(*_):
        raise _Stop

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = element
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError:
        return  # not well-formed before the first element: the RDF/XML parser says where
    if found:
        raise InputError(f"{name}: RDF/XML with a DTD (<!DOCTYPE>, line {found[0]}) is refused: its entities "
                         "could expand without bound (billion laughs) or read files")


def refuse_remote_contexts(data: bytes, name: str) -> None:
    """Refuse a JSON-LD document that names any context a parser would load, anywhere in
    it: a string (an IRI, a file, a relative reference) as ``@context`` or in a
    ``@context`` array, at the top, in a node, or scoped in a term definition, and any
    ``@import``. Duplicate keys are all checked."""
    try:
        doc = json.loads(data, object_pairs_hook=_pairs)
    except RecursionError:
        raise InputError(f"{name}: not valid JSON-LD: nested too deeply") from None
    except ValueError:
        return  # the parser reports the syntax error, with line and column
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, _Pairs):
            for key, value in node.pairs:
                if key == "@import":
                    raise InputError(f"{name}: refers to a remote JSON-LD @context by @import ({_show(value)}); "
                                     "refused: diplokg works offline and loads no context, remote or file")
                if key == "@context":
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            raise InputError(f"{name}: refers to a remote JSON-LD @context ({_show(ctx)}); "
                                             "refused: diplokg works offline and loads no context, remote or file")
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


class _Pairs(dict):
    """A JSON object that keeps every (key, value) pair, duplicates included."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.pairs = pairs


def _pairs(pairs):
    return _Pairs(pairs)


def _show(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return repr(text if len(text) <= 80 else text[:77] + "...")


# --- messages -----------------------------------------------------------------------

def parser_message(error: Exception, data: bytes, fmt: str) -> str:
    """One line: what is wrong and where (line and column), whichever parser can say."""
    where = _position(error, data)
    why = _why(error)
    if where is None and fmt != "xml":  # ask Oxigraph's parser, whose messages say where
        oxi = _oxigraph_message(data, fmt)
        if oxi:
            return oxi
    text = f"{why} at {where}" if where else why
    return " ".join(text.split())


def _position(error, data: bytes) -> str | None:
    if hasattr(error, "getLineNumber"):  # xml.sax
        return f"line {error.getLineNumber()}, column {error.getColumnNumber() + 1}"
    if getattr(error, "lineno", None) and getattr(error, "colno", None):  # JSON
        return f"line {error.lineno}, column {error.colno}"
    i = getattr(error, "_i", None)  # rdflib's Turtle-family BadSyntax: a character offset into the text
    argstr = getattr(error, "_str", None)
    if isinstance(i, int) and isinstance(argstr, bytes):
        head = argstr.decode("utf-8", "replace")[:i]
        return f"line {head.count(chr(10)) + 1}, column {i - head.rfind(chr(10))}"
    return None


def _why(error) -> str:
    if hasattr(error, "getMessage"):  # xml.sax
        return error.getMessage()
    why = getattr(error, "_why", None)
    if why:
        return str(why)
    msg = getattr(error, "msg", None) if hasattr(error, "colno") else None
    text = str(msg or error).strip() or type(error).__name__
    return text


def _oxigraph_message(data: bytes, fmt: str) -> str | None:
    import pyoxigraph as ox
    oxfmt = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
             "nt": ox.RdfFormat.N_TRIPLES, "json-ld": getattr(ox.RdfFormat, "JSON_LD", None)}.get(fmt)
    if oxfmt is None:
        return None
    try:
        for _ in ox.parse(data, format=oxfmt, lenient=True):
            pass
    except SyntaxError as e:
        msg = str(e).strip()
        m = re.match(r"Parser error at line (\d+) (?:column (\d+)|between columns (\d+) and \d+): (.*)", msg, re.DOTALL)
        if m:
            why = re.sub(r"\s*\(line \d+\)\s*$", "", m[4])
            return " ".join(f"{why} at line {m[1]}, column {m[2] or m[3]}".split())
        return " ".join(msg.split())
    except Exception:  # noqa: BLE001 - only a better message was asked for
        return None
    return None
