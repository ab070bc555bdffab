"""SPARQL over a diplokg graph or corpus store: ad-hoc queries and the named ones in
builder/queries/.

    names, rows = query(target, sparql, params={"leader": "wd:Q1058", "since": "2023"})

``target`` is an rdflib Graph/Dataset or a pyoxigraph.Store (a diplokg store, whose
default graph is the merged view of its article graphs: see builder.store). The prefixes ``dk: wd: id: skos: owl:
prov: rdf: rdfs: xsd:`` are predeclared. SELECT, ASK, CONSTRUCT and DESCRIBE run; updates
are refused, and so are SERVICE and LOAD (and FROM on an rdflib graph, which rdflib
would fetch), before evaluation: no request is ever made (builder.sparql_text).

**Guards**: ``limit`` caps the rows; ``timeout`` and ``max_memory`` run the query in a
worker process killed when it passes either (builder.sparql_guard). ``diplokg query``
and ``diplokg serve`` always use them.

**Parameters** are bound, never pasted into the query text: each value is checked and
made an RDF term first. A query with a line ``#@values`` gets them there as one VALUES
row written by pyoxigraph (the named queries do this, inside their selecting
sub-select: Oxigraph then starts from the values); any other query gets rdflib's
``initBindings`` or Oxigraph's ``substitutions=``. A query takes only the parameters it
declares in its comment lines::

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
(engine-dependent) order of the concatenation never shows; a column named in a
``#@finest NAME`` line keeps only the values that are no other's prefix (``2022-09``
over ``2022``). A line ending ``#? NAME ...`` is kept only when one of the parameters
is given, one ending ``#?! NAME ...`` only when none is (see select_lines).
"""
from __future__ import annotations

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
_DATE_TYPES = {1: "gYear", 2: "gYearMonth", 3: "date"}


class QueryError(ValueError):
    """A query that cannot run: bad parameters, unsupported form, syntax error."""


class QueryRefused(QueryError):
    """A query diplokg will not run: an update, or SERVICE, LOAD or another operation
    that would reach outside the data. Raised before evaluation: no request is made."""


class QueryTimeout(QueryError):
    """The query ran past its timeout and was stopped."""


class QueryMemoryError(QueryError):
    """The query needed more memory than its cap and was stopped."""


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
    from .dates import valid_iso  # the one test of a date as diplokg writes one

    iso = value.strip()
    if not valid_iso(iso):
        raise QueryError(f"parameter {name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return iso, XSD_NS + _DATE_TYPES[iso.count("-") + 1]


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

_ONLY_WITH = re.compile(r"\s#\?(!?)((?:\s+\w+)+)\s*$")


def select_lines(sparql: str, given: set[str]) -> str:
    """The query without the lines marked ``#? NAME ...`` whose parameters are all
    absent, and without those marked ``#?! NAME ...`` when any of them is given: a
    parameter's selective pattern is written only when it has a value, so it can come
    first, and a pattern can come before or after it as suits the parameters given (the
    order Oxigraph starts from). Values are still bound, never pasted."""
    out = []
    for line in sparql.splitlines():
        m = _ONLY_WITH.search(line)
        if m is None:
            out.append(line)
        elif bool(given & set(m.group(2).split())) != bool(m.group(1)):
            out.append(line[:m.start()])
    return "\n".join(out)

def _is_oxigraph(target) -> bool:
    return type(target).__module__.split(".")[0] == "pyoxigraph"


_VALUES_LINE = re.compile(r"^[ \t]*#@values[ \t]*$", re.M)


def _ox_term(kind: str, value: str, datatype: str | None):
    """A bound parameter (see bind_params) as a pyoxigraph term, which checks an IRI."""
    import pyoxigraph as ox

    if kind == "iri":
        return ox.NamedNode(value)
    return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)


def values_clause(bound: dict) -> str:
    """``VALUES (?a ?b) { (term term) }`` for bound parameters (see bind_params): each
    value made an RDF term first (pyoxigraph checks an IRI and escapes a literal) and
    written by pyoxigraph, never the text given."""
    if not bound:
        return ""
    terms = [str(_ox_term(*value)) for value in bound.values()]
    return f"VALUES ({' '.join('?' + n for n in bound)}) {{ ({' '.join(terms)}) }}"


_FROM_LINE = re.compile(r"^[ \t]*#@from[ \t]*$", re.M)


def uses_view(sparql: str) -> bool:
    """Whether a query reads the consolidated view where there is one (a ``#@from`` line)."""
    return _FROM_LINE.search(sparql) is not None


def view_ready(target) -> bool:
    """Whether ``target`` (a pyoxigraph Store, a builder Store or a StoreTarget) holds a
    complete consolidated view (see builder.reconcile)."""
    from .sparql_guard import StoreTarget
    if isinstance(target, StoreTarget):
        import pyoxigraph as ox
        try:
            target = ox.Store.read_only(str(target.path))
        except OSError:
            return False
    target = getattr(target, "ox", target)
    if not _is_oxigraph(target):
        return False
    from .reconcile import is_current
    return is_current(target)


def prepare(sparql: str, params: dict | None, *, rdflib_target: bool, consolidated: bool = False) -> tuple[str, dict]:
    """The query text to run (``#?`` lines of absent parameters left out) and the
    parameters to bind with it. A query with a line ``#@values`` gets its parameters
    there, as a VALUES row (see values_clause): Oxigraph then starts from them, where it
    would otherwise evaluate the pattern unbound and filter by the substitution last
    (150 ms instead of 10 on a 10k-article store), and both engines see the same query.
    A line ``#@from`` (a named query's) becomes ``FROM`` the consolidated view when
    ``consolidated`` (the store holds one; see view_ready), and is left a comment
    otherwise: the query then reads the merged view.
    Raises QueryError for bad parameters and QueryRefused for an update or an operation
    that reaches outside the data (SERVICE, LOAD; FROM on an rdflib graph), before
    anything is evaluated."""
    from .sparql_text import query_form, remote_access

    bound = bind_params(sparql, params)
    text = select_lines(sparql, set(bound))
    if consolidated and not rdflib_target:
        from .store.iris import CONSOLIDATED
        text = _FROM_LINE.sub(f"FROM <{CONSOLIDATED}>", text, count=1)
    if _VALUES_LINE.search(text):
        text = _VALUES_LINE.sub(lambda _: values_clause(bound), text, count=1)
        bound = {}
    reason = remote_access(text, rdflib_target=rdflib_target)
    if reason:
        raise QueryRefused(reason)
    if query_form(text) == "UPDATE":
        raise QueryRefused("updates are refused: diplokg queries are read-only")
    return text, bound


def query(target, sparql: str, params: dict | None = None, *, limit: int | None = None,
          timeout: float | None = None, max_memory: int | None = None,
          view: str = "consolidated") -> tuple[list[str], Rows]:
    """Run a query on an rdflib Graph/Dataset or a pyoxigraph.Store (the merged default
    graph); returns (variable names, rows).

    Rows hold rdflib terms for an rdflib target and str (IRIs, literals' lexical forms)
    for a store, None where unbound: ``str()`` of a value prints the same on both. An
    ASK query gives ``(["ask"], [(bool,)])``; a CONSTRUCT or DESCRIBE query
    ``(["subject", "predicate", "object"], triples)`` with rdflib terms from both
    engines. ``params`` maps declared parameter names to values (see the module
    docstring).

    Guards, all off by default here (``diplokg query`` and ``diplokg serve`` turn them
    on): ``limit`` caps the rows (the result's ``truncated`` is then True if there were
    more); ``timeout`` (seconds) and ``max_memory`` (MB) run the query in a child
    process that is killed when it runs past either (QueryTimeout, QueryMemoryError):
    see builder.sparql_guard. ``view``: "consolidated" (the default) has a named query
    read a store's consolidated view where it has one, "merged" the union of the article
    graphs (see prepare).

    Raises QueryError for bad parameters or SPARQL, QueryRefused for SERVICE, LOAD, an
    update, or FROM on an rdflib graph (nothing is evaluated, no request is made);
    without a timeout or memory cap, engine errors (SyntaxError and the like) as raised.
    """
    if timeout is not None or max_memory is not None:
        from .sparql_guard import Limits, run_guarded
        return run_guarded(target, sparql, params, Limits(timeout=timeout, rows=limit, memory=max_memory),
                           view=view)
    from .sparql_guard import TargetSpec
    if isinstance(target, TargetSpec):
        target = target.open()
    text, bound = prepare(sparql, params, rdflib_target=not _is_oxigraph(target),
                          consolidated=view == "consolidated" and uses_view(sparql) and view_ready(target))
    result = execute(target, text, bound)
    return result.names, result.collect(limit)


class Rows(list):
    """A query's rows; ``truncated`` is True when a row cap left some out, ``form`` is
    SELECT, ASK, CONSTRUCT or DESCRIBE."""

    truncated: bool = False
    form: str = "SELECT"


GRAPH_COLUMNS = ["subject", "predicate", "object"]


class Result:
    """A query being evaluated: its form, column names, and its rows as an iterator
    (lazy where the engine is: Oxigraph streams solutions; ORDER BY, GROUP BY and
    aggregates are computed before the first)."""

    def __init__(self, form: str, names: list[str], rows):
        self.form, self.names, self.rows = form, names, rows

    def collect(self, limit: int | None = None) -> Rows:
        out = Rows()
        out.form = self.form
        for row in self.rows:
            if limit is not None and len(out) >= limit:
                out.truncated = True
                break
            out.append(row)
        return out


def execute(target, text: str, bound: dict, *, typed: bool = False) -> Result:
    """Evaluate a prepared query (see :func:`prepare`). ``typed``: a store's SELECT rows
    as rdflib terms (with their datatypes and languages) rather than plain str."""
    if _is_oxigraph(target):
        result = _query_oxigraph(target, text, bound, typed=typed)
        plain = not typed
    else:
        result = _query_rdflib(target, text, bound)
        plain = False
    if result.form == "SELECT":
        result.names, tidy = _tidier(text, result.names, bound, plain=plain)
        if tidy is not None:
            result.rows = map(tidy, result.rows)
    return result


def _query_rdflib(graph, sparql: str, bound: dict) -> Result:
    from rdflib import Literal, URIRef

    bindings = {name: URIRef(v) if kind == "iri" else Literal(v, datatype=dt)
                for name, (kind, v, dt) in bound.items()}
    result = graph.query(sparql, initNs=ALL_PREFIXES, initBindings=bindings)
    if result.type == "ASK":
        return Result("ASK", ["ask"], iter([(bool(result.askAnswer),)]))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return Result(result.type, list(GRAPH_COLUMNS), iter(result.graph))
    if result.type != "SELECT":
        raise QueryError(f"{result.type} queries are not supported here")
    return Result("SELECT", [str(v) for v in result.vars], (tuple(row) for row in result))


def _query_oxigraph(store, sparql: str, bound: dict, *, typed: bool = False) -> Result:
    import pyoxigraph as ox

    subs = {ox.Variable(name): _ox_term(*value) for name, value in bound.items()}
    try:
        result = store.query(sparql, prefixes=ALL_PREFIXES, substitutions=subs or None)
    except ValueError as e:
        m = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", str(e))
        if m:
            raise QueryError(f"parameter {m.group(1)}: the query must project ?{m.group(1)} "
                             "(after its other columns) to take it") from None
        raise
    if isinstance(result, ox.QueryBoolean):
        return Result("ASK", ["ask"], iter([(bool(result),)]))
    from .store.terms import from_ox
    if isinstance(result, ox.QueryTriples):
        from .sparql_text import query_form
        form = query_form(sparql) or "CONSTRUCT"
        return Result(form, list(GRAPH_COLUMNS),
                      ((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result))
    names = [v.value for v in result.variables]
    convert = (lambda t: None if t is None else from_ox(t)) if typed else _plain
    return Result("SELECT", names, (tuple(convert(s[i]) for i in range(len(names))) for s in result))


def _plain(term):
    """A store term as str: an IRI, or a literal's lexical form."""
    if term is None:
        return None
    value = getattr(term, "value", None)
    if not isinstance(value, str):
        return str(term)
    return value


_FINEST = re.compile(r"^[ \t]*#@finest[ \t]+(\w+)[ \t]*$", re.M)


def _finest(values: set[str]) -> set[str]:
    """The values that are no other's prefix: '2022' and '2022-09' leave '2022-09'."""
    return {v for v in values if not any(w != v and w.startswith(v) for w in values)}


def _tidier(sparql: str, names: list[str], bound: dict, *, plain: bool):
    """The columns to keep (the trailing parameter columns dropped) and a function that
    tidies one row (sorting the parts of GROUP_CONCAT values), None when nothing to do."""
    declared = declared_params(sparql)
    keep = len(names)
    while keep > 0 and names[keep - 1] in declared:
        keep -= 1
    seps = {m.group(3): m.group(1) if m.group(1) is not None else m.group(2) for m in _CONCAT.finditer(sparql)}
    concat = [(i, seps[n]) for i, n in enumerate(names[:keep]) if n in seps and seps[n]]
    finest_names = set(_FINEST.findall(sparql))
    finest = {i for i, n in enumerate(names[:keep]) if n in finest_names}
    if keep == len(names) and not concat:
        return names, None
    if not plain:
        from rdflib import Literal

    def tidy(row):
        row = list(row[:keep])
        for i, sep in concat:
            v = row[i]
            if v is not None and sep in str(v):
                parts = {part for part in str(v).split(sep) if part}
                if i in finest:
                    parts = _finest(parts)
                joined = sep.join(sorted(parts))
                row[i] = joined if plain else Literal(joined, lang=getattr(v, "language", None),
                                                      datatype=getattr(v, "datatype", None))
        return tuple(row)

    return names[:keep], tidy
