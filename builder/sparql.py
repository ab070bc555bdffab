"""SPARQL over a diplokg graph or corpus store: ad-hoc queries and the named ones in
builder/queries/.

    names, rows = query(target, sparql, params={"leader": "wd:Q1058", "since": "2023"})

``target`` is an rdflib Graph/Dataset or a pyoxigraph.Store (a diplokg store, whose
default graph is the merged view of its article graphs: see builder.store). The prefixes ``dk: wd: id: skos: owl:
prov: rdf: rdfs: xsd:`` are predeclared.

**Parameters** are bound, never pasted into the query text (rdflib: ``initBindings``;
Oxigraph: ``substitutions=``). A query takes only the parameters it declares in its
comment lines::

    # param: leader entity — only meetings this leader took part in
    # param: since date — meetings on or after this date

Types: ``IRI`` (``<https://…>`` or a CURIE with a predeclared prefix: ``dk:Phone``,
``id:leader/x``), ``entity`` (an IRI; ``wd:Q668`` is read as the diplokg node linked to
it, ``id:Q668``), ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, bound as
xsd:gYear / xsd:gYearMonth / xsd:date) and ``string`` (a plain literal).

Rules a parameterised query follows so that both engines give the same rows (Oxigraph
applies substitutions as SEP-0007 says, rdflib pre-binds the variable everywhere):

- every parameter is projected by the top-level SELECT (Oxigraph refuses a
  substitution of a variable it does not project), after all the other columns:
  ``query`` leaves these trailing parameter columns out of the result;
- a parameter is used in triple patterns (a functional one, ``?s dk:organizedBy ?org``,
  or ``FILTER EXISTS { ?s dk:participant? ?leader }``, true when the parameter is
  unbound), or in an expression only as ``COALESCE(STR(?param), "")`` — never in
  ``BOUND(?param)``, which Oxigraph folds to false before substituting.

Values of ``GROUP_CONCAT(...; separator="…") AS ?x`` columns are sorted, so the
(engine-dependent) order of the concatenation never shows.
"""
from __future__ import annotations

import datetime
import re
from importlib import resources

from .rdf import PREFIXES

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
ALL_PREFIXES: dict[str, str] = {"rdf": RDF_NS, "rdfs": RDFS_NS, "xsd": XSD_NS} | {k: str(v) for k, v in PREFIXES.items()}
PARAM_TYPES = ("IRI", "entity", "date", "string")
_WD = ALL_PREFIXES["wd"]
_ID = ALL_PREFIXES["id"]

_PARAM_LINE = re.compile(r"^\s*#\s*param:\s*(\w+)\s+(\w+)\s*(?:[—–-]+\s*(.*?))?\s*$", re.M)
_CONCAT = re.compile(r"GROUP_CONCAT\s*\((?:[^;]|;(?!\s*separator))*;\s*separator\s*=\s*(?:\"([^\"]*)\"|'([^']*)')\s*\)"
                     r"\s*AS\s*[?$](\w+)", re.I | re.S)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATE_TYPES = {1: "gYear", 2: "gYearMonth", 3: "date"}


class QueryError(ValueError):
    """A query that cannot run: bad parameters, unsupported form, syntax error."""


# --- named queries ---------------------------------------------------------------------

def named_queries() -> dict[str, str]:
    base = resources.files("builder.queries")
    return {p.name[:-3]: p.read_text("utf-8") for p in base.iterdir() if p.name.endswith(".rq")}


def named_query(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise KeyError(f"no named query {name!r}; choose one of {', '.join(sorted(queries))}")
    return queries[name]


def describe(sparql: str) -> str:
    """The first comment line of a query (what it lists)."""
    for line in sparql.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()
    return ""


def declared_params(sparql: str) -> dict[str, tuple[str, str]]:
    """The parameters a query declares: name -> (type, description), in order."""
    out = {}
    for m in _PARAM_LINE.finditer(sparql):
        name, kind, doc = m.group(1), m.group(2), m.group(3) or ""
        if kind not in PARAM_TYPES:
            raise QueryError(f"parameter {name}: unknown type {kind!r} (one of {', '.join(PARAM_TYPES)})")
        out[name] = (kind, doc)
    return out


# --- parameter values --------------------------------------------------------------------

def _iri(name: str, value: str) -> str:
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        iri = v[1:-1]
        if _IRI.match(iri):
            return iri
    else:
        prefix, sep, local = v.partition(":")
        if sep and prefix in ALL_PREFIXES and _IRI.match(ALL_PREFIXES[prefix] + local):
            return ALL_PREFIXES[prefix] + local
    known = ", ".join(f"{p}:" for p in ALL_PREFIXES)
    raise QueryError(f"parameter {name}: {value!r} is not an IRI (give <https://…> or a CURIE with one of {known})")


def _date(name: str, value: str) -> tuple[str, str]:
    m = _DATE.match(value.strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = m.groups()
        datetime.date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        raise QueryError(f"parameter {name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value.strip(), XSD_NS + _DATE_TYPES[sum(g is not None for g in m.groups())]


def bind_params(sparql: str, params: dict | None) -> dict[str, tuple[str, str, str | None]]:
    """Check ``params`` against the query's declarations; returns name -> (kind, lexical
    value or IRI, datatype IRI or None) with kind 'iri' or 'literal'."""
    if not params:
        return {}
    declared = declared_params(sparql)
    out = {}
    for name, value in params.items():
        if name not in declared:
            accepted = ", ".join(declared) if declared else "none (declare them with '# param: NAME TYPE — what it does')"
            raise QueryError(f"unknown parameter {name!r}; this query takes: {accepted}")
        kind = declared[name][0]
        value = str(value)
        if kind in ("IRI", "entity"):
            iri = _iri(name, value)
            if kind == "entity" and iri.startswith(_WD) and re.fullmatch(r"Q\d+", iri[len(_WD):]):
                iri = _ID + iri[len(_WD):]
            out[name] = ("iri", iri, None)
        elif kind == "date":
            out[name] = ("literal", *_date(name, value))
        else:
            out[name] = ("literal", value, None)
    return out


# --- running -----------------------------------------------------------------------------

_ONLY_WITH = re.compile(r"\s#\?((?:\s+\w+)+)\s*$")


def select_lines(sparql: str, given: set[str]) -> str:
    """The query without the lines marked ``#? NAME ...`` whose parameters are all
    absent: a parameter's selective pattern is written only when it has a value, so it
    can come first. Values are still bound, never pasted."""
    out = []
    for line in sparql.splitlines():
        m = _ONLY_WITH.search(line)
        if m is None:
            out.append(line)
        elif given & set(m.group(1).split()):
            out.append(line[:m.start()])
    return "\n".join(out)

def _is_oxigraph(target) -> bool:
    return type(target).__module__.split(".")[0] == "pyoxigraph"


def query(target, sparql: str, params: dict | None = None) -> tuple[list[str], list[tuple]]:
    """Run a SELECT (or ASK) query on an rdflib Graph/Dataset or a pyoxigraph.Store (the
    merged default graph); returns (variable names, rows).

    Rows hold rdflib terms for an rdflib target and str (IRIs, literals' lexical forms)
    for a store, None where unbound: ``str()`` of a value prints the same on both. An
    ASK query gives ``(["ask"], [(bool,)])``. ``params`` maps declared parameter names
    to values (see the module docstring); raises QueryError for bad parameters or an
    unsupported query form, SyntaxError/ValueError-like engine errors for bad SPARQL.
    """
    bound = bind_params(sparql, params)
    sparql = select_lines(sparql, set(bound))
    if _is_oxigraph(target):
        names, rows = _query_oxigraph(target, sparql, bound)
    else:
        names, rows = _query_rdflib(target, sparql, bound)
    if names == ["ask"]:
        return names, rows
    return _tidy(sparql, names, rows, bound, oxigraph=_is_oxigraph(target))


def _query_rdflib(graph, sparql: str, bound: dict) -> tuple[list[str], list[tuple]]:
    from rdflib import Literal, URIRef

    bindings = {name: URIRef(v) if kind == "iri" else Literal(v, datatype=dt)
                for name, (kind, v, dt) in bound.items()}
    result = graph.query(sparql, initNs=ALL_PREFIXES, initBindings=bindings)
    if result.type == "ASK":
        return ["ask"], [(bool(result.askAnswer),)]
    if result.type != "SELECT":
        raise QueryError("only SELECT and ASK queries are supported here")
    return [str(v) for v in result.vars], [tuple(row) for row in result]


def _query_oxigraph(store, sparql: str, bound: dict) -> tuple[list[str], list[tuple]]:
    import pyoxigraph as ox

    subs = {ox.Variable(name): ox.NamedNode(v) if kind == "iri"
            else ox.Literal(v, datatype=ox.NamedNode(dt)) if dt else ox.Literal(v)
            for name, (kind, v, dt) in bound.items()}
    try:
        result = store.query(sparql, prefixes=ALL_PREFIXES, 
                             substitutions=subs or None)
    except ValueError as e:
        m = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", str(e))
        if m:
            raise QueryError(f"parameter {m.group(1)}: the query must project ?{m.group(1)} "
                             "(after its other columns) to take it") from None
        raise
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [(bool(result),)]
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported here")
    names = [v.value for v in result.variables]
    return names, [tuple(_plain(s[i]) for i in range(len(names))) for s in result]


def _plain(term):
    """A store term as str: an IRI, or a literal's lexical form."""
    if term is None:
        return None
    value = getattr(term, "value", None)
    if not isinstance(value, str):
        return str(term)
    return value


def _tidy(sparql: str, names: list[str], rows: list[tuple], bound: dict, *, oxigraph: bool):
    """Drop the trailing parameter columns; sort the parts of GROUP_CONCAT values."""
    declared = declared_params(sparql)
    keep = len(names)
    while keep > 0 and names[keep - 1] in declared:
        keep -= 1
    seps = {m.group(3): m.group(1) if m.group(1) is not None else m.group(2) for m in _CONCAT.finditer(sparql)}
    concat = [(i, seps[n]) for i, n in enumerate(names[:keep]) if n in seps and seps[n]]
    if keep == len(names) and not concat:
        return names, rows
    if not oxigraph:
        from rdflib import Literal
    out = []
    for row in rows:
        row = list(row[:keep])
        for i, sep in concat:
            v = row[i]
            if v is not None and sep in str(v):
                joined = sep.join(sorted({part for part in str(v).split(sep) if part}))
                row[i] = joined if oxigraph else Literal(joined, lang=getattr(v, "language", None),
                                                         datatype=getattr(v, "datatype", None))
        out.append(tuple(row))
    return names[:keep], out
