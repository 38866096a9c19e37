"""Store backends behind one small interface, chosen by a selector string.

    oxigraph:PATH     the embedded pyoxigraph store written by `oncokg build` (the default)
    sparql:URL        any SPARQL 1.1 endpoint, through SPARQLWrapper

Both run the same query text, checked first by `query_guard.check_query_text` (size, nesting,
SERVICE). An endpoint's answer is read with a size and time cap, as SPARQL JSON (or Turtle for
CONSTRUCT): no XML entities to expand, no JSON-LD context to fetch. Parameters are RDF terms (IRIs the resolver found in the graph, or
literals), serialized as N3 terms into a VALUES block at the start of the query's top-level group:
standard SPARQL semantics on every engine, with user text never reaching the query. (pyoxigraph's
`substitutions` would also bind terms, but binds only projected variables and leaves FILTERs
seeing them unbound, so the same query would answer differently on the embedded store.)
"""

import functools
import http.client
import json
import re
import threading
import time
import urllib.error
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph

from oncokg.errors import OncoKGError
from oncokg.limits import QUERY_TIMEOUT, limit, seconds, too_big
from oncokg.project import STORE_DIR
from oncokg.store.guard import check_query_text, strip_comments
from oncokg.store.local import open_store

_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


XSD_NS = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Value:
    """One result cell: an IRI, a literal (with datatype or language) or a blank node."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None


def bound(row: dict[str, "Value | None"], name: str) -> "Value":
    """The cell of a variable the query always binds (a plain triple pattern, a COUNT): the one check
    that turns a missing value into a clear error instead of an AttributeError on None."""
    value = row.get(name)
    if value is None:
        raise OncoKGError(f"the answer has no value for ?{name}, which the query always binds")
    return value


def _no_job() -> object:
    raise RuntimeError("the worker was started without a job")


@dataclass
class Result:
    """Rows of a SELECT: the variables in order and one dict of cells per row."""

    variables: list[str]
    rows: list[dict[str, Value | None]]

    def records(self) -> list[dict]:
        """The rows as dicts of typed values (`oncokg.store.values.typed_value`): numbers as numbers."""
        from oncokg.store.values import typed_value

        return [{v: typed_value(row.get(v)) for v in self.variables} for row in self.rows]

    def to_dataframe(self):
        """The rows as a pandas DataFrame of typed values, with the same columns when there are no rows."""
        try:
            import pandas
        except ImportError:
            raise OncoKGError("pandas is needed for DataFrames: pip install 'oncokg[notebooks]'") from None
        return pandas.DataFrame.from_records(self.records(), columns=self.variables)


Term = pyoxigraph.NamedNode | pyoxigraph.Literal


def term_n3(term) -> str:
    """A parameter term (pyoxigraph or rdflib) in SPARQL syntax; IRIs are checked, literals escaped."""
    if isinstance(term, pyoxigraph.NamedNode) or type(term).__name__ == "URIRef":
        iri = term.value if isinstance(term, pyoxigraph.NamedNode) else str(term)
        if not _IRI.match(iri):
            raise OncoKGError(f"refusing to bind {iri!r}: not a plain http(s) IRI")
        return f"<{iri}>"
    if isinstance(term, pyoxigraph.Literal) or type(term).__name__ == "Literal":
        return sparql_literal(term)
    raise OncoKGError(f"cannot bind {term!r}: parameters are IRIs or literals")


def _groups(query: str, start: int) -> tuple[list[int], list[int]]:
    """Where the groups at depth 1 and 2 of the query open, from the `{` at `start`.

    A small scanner that skips strings, IRIs and comments; it returns the position just after
    the top-level `{` and just after each depth-2 `{` that is a branch of a UNION.
    """
    depth, i, n = 0, start, len(query)
    opened: list[tuple[int, int]] = []
    branches: list[int] = []
    previous_word = ""
    while i < n:
        c = query[i]
        if c in "\"'":
            quote = query[i : i + 3] if query[i : i + 3] in ('"""', "'''") else c
            i = query.find(quote, i + len(quote))
            while i != -1 and query[i - 1] == "\\":
                i = query.find(quote, i + 1)
            if i == -1:
                break
            i += len(quote)
            continue
        if c == "<" and i + 1 < n and not query[i + 1].isspace():
            close = re.match(r"<[^\s<>]*>", query[i:])
            if close:
                i += close.end()
                continue
        if c == "#":
            i = query.find("\n", i)
            if i == -1:
                break
            continue
        if c == "{":
            depth += 1
            opened.append((depth, i + 1))
            if depth == 2 and previous_word.upper() == "UNION":
                branches.append(i + 1)
            previous_word = "{"
        elif c == "}":
            if depth == 2:
                following = re.match(r"\s*(\w+)", query[i + 1 :])
                if following and following.group(1).upper() == "UNION":
                    branches.append(next(pos for d, pos in reversed(opened) if d == 2))
            depth -= 1
            previous_word = "}"
            if depth == 0:
                break
        elif c.isalpha():
            word = re.match(r"\w+", query[i:]).group()  # type: ignore[union-attr]  # query[i] is a letter
            previous_word = word
            i += len(word)
            continue
        i += 1
    top = [pos for d, pos in opened if d == 1][:1]
    return top, sorted({b for b in branches if not re.match(r"\s*SELECT\b", query[b:], re.IGNORECASE)})


@functools.lru_cache(maxsize=256)
def _value_positions(query: str) -> tuple[int, ...]:
    """Where `bind_values` puts its VALUES blocks, last first; scanned once per query text (the
    catalogue's texts come back with every call)."""
    body_start = 0
    for line in query.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            break
        body_start += len(line)
    match = _WHERE.search(query, body_start)
    if match is None:
        raise OncoKGError("a parameterised query needs a 'WHERE {' clause")
    top, branches = _groups(query, match.end() - 1)
    return tuple(sorted(top + branches, reverse=True))


def bind_values(query: str, bindings: dict[str, Term]) -> str:
    """The query with a VALUES block for the bindings at the start of its top-level WHERE group,
    and of each branch of a UNION in it (so that engines join the values early; the answer is
    the same)."""
    if not bindings:
        return query
    positions = _value_positions(query)
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise OncoKGError(f"invalid parameter name {name!r}")
    values = (
        " VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(term_n3(bindings[n]) for n in names) + ") }"
    )
    for position in positions:
        query = query[:position] + values + query[position:]
    return query


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def sparql_literal(term) -> str:
    """A literal (pyoxigraph or rdflib) as one short SPARQL string: every character that could end
    it or the line escaped.

    >>> print(sparql_literal(pyoxigraph.Literal('HER2"\\n# x')))
    "HER2\\"\\n# x"
    """
    value = term.value if isinstance(term, pyoxigraph.Literal) else str(term)
    text = '"' + "".join(_ECHAR.get(c, c) for c in value) + '"'
    if term.language:
        return f"{text}@{term.language}"
    datatype = getattr(term.datatype, "value", term.datatype)
    if datatype is not None and str(datatype) != _XSD_STRING:
        return f"{text}^^<{datatype}>"
    return text


def check_http_url(url: str, what: str = "endpoint") -> str:
    """An http(s) URL with a host and a numeric port, or a one-line error naming it."""
    from urllib.parse import urlsplit

    if not isinstance(url, str) or not _IRI.match(url):
        raise OncoKGError(f"{what} {url!r} is not an http(s) URL")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as exc:
        raise OncoKGError(f"{what} {url!r} is not a valid URL: {exc}") from None
    if not parts.hostname:
        raise OncoKGError(f"{what} {url!r} has no host")
    return url


class Backend(Protocol):
    """What the query layer and the reasoner need of a store."""

    def select(self, query: str, bindings: dict[str, Term] | None = None) -> Result: ...

    def ask(self, query: str) -> bool: ...

    def construct(self, query: str) -> bytes: ...


def _value(term) -> Value | None:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, pyoxigraph.Literal):
        return Value("literal", term.value, term.datatype.value, term.language)
    return Value("bnode", term.value)


class _Worker:
    """One daemon thread that runs queries in turn (a daemon, so a query abandoned at its
    timeout never keeps the process alive).

    Plain locks hand a job over and its outcome back: a queue and an event cost about four times
    as much per query (73 against 19 us on this machine), which is most of what a sub-millisecond
    query pays for its timeout. `turn` lets one caller in at a time; a caller that gives up on a
    stuck job keeps it, so later callers wait for their own timeout, as they would behind the job.
    """

    def __init__(self) -> None:
        self.turn = threading.Lock()
        self.start = threading.Lock()
        self.finish = threading.Lock()
        self.start.acquire()
        self.finish.acquire()
        self.job: Callable[[], object] = _no_job
        self.outcome: tuple = ()
        threading.Thread(target=self._loop, name="oncokg-query", daemon=True).start()

    def _loop(self) -> None:
        while True:
            self.start.acquire()
            try:
                self.outcome = (True, self.job())
            except BaseException as exc:
                self.outcome = (False, exc)
            self.finish.release()

    def run(self, job, timeout: float):
        """The job's result, or None if it did not finish in time (the thread is then given up)."""
        deadline = time.monotonic() + timeout
        if not self.turn.acquire(timeout=timeout):
            return None
        self.job = job
        self.start.release()
        if not self.finish.acquire(timeout=max(0.0, deadline - time.monotonic())):
            return None
        done, value = self.outcome
        self.job, self.outcome = _no_job, ()
        self.turn.release()
        if not done:
            raise value
        return value


class EmbeddedBackend:
    """The built pyoxigraph store, queried in-process; the default graph is the union of all graphs.

    Queries run on one reused worker thread so that a timeout can give up on a query; a worker
    stuck past its timeout is abandoned and a fresh one serves the next query. A store opened
    read-only (`open`, `open_backend`) never changes, so `memo` keeps answers that the query
    layer asks for again and again (the kind checks of `query.check_kinds`); otherwise it is None.
    """

    def __init__(
        self,
        store: pyoxigraph.Store,
        timeout: float = QUERY_TIMEOUT,
        build_dir: Path | None = None,
        allow_federation: Iterable[str] = (),
        read_only: bool = False,
    ):
        self.store = store
        self.timeout = seconds(timeout, "the query timeout")
        self.build_dir = build_dir
        self.allow_federation = tuple(allow_federation)
        self.memo: dict | None = {} if read_only else None
        self._worker = _Worker()

    @classmethod
    def open(
        cls, build_dir: Path, timeout: float = QUERY_TIMEOUT, allow_federation: Iterable[str] = ()
    ) -> "EmbeddedBackend":
        return cls(open_store(build_dir), timeout, build_dir, allow_federation, read_only=True)

    def execute(self, text: str):
        """The one query path of the embedded store, for every query form (the web service's
        SPARQL endpoint uses it directly): the text is checked first (size, nesting, SERVICE),
        then pyoxigraph's lazy result, solutions, boolean or triples."""
        check_query_text(text, self.allow_federation)
        try:
            return self.store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise OncoKGError(f"invalid SPARQL: {str(exc).splitlines()[0]}") from None
        except (OSError, RuntimeError) as exc:
            raise OncoKGError(f"query failed: {' '.join(str(exc).split())[:300]}") from None

    def _run(self, text: str) -> Result:
        solutions = self.execute(text)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise OncoKGError("expected a SELECT query")
        variables = [v.value for v in solutions.variables]
        seen: dict = {}

        def cell(term):
            """Each distinct term converted once per answer (IRIs and certainties repeat down a column)."""
            value = seen.get(term)
            if value is None and term is not None:
                value = seen[term] = _value(term)
            return value

        return Result(variables, [dict(zip(variables, map(cell, solution), strict=True)) for solution in solutions])

    def _in_time(self, job):
        result = self._worker.run(job, self.timeout)
        if result is None:
            self._worker = _Worker()
            raise OncoKGError(f"query did not finish within its timeout of {self.timeout:g} s")
        return result

    def select(self, query: str, bindings: dict[str, Term] | None = None) -> Result:
        text = bind_values(query, bindings or {})
        return self._in_time(lambda: self._run(text))

    def ask(self, query: str) -> bool:
        """The answer of an ASK query."""
        return self._in_time(lambda: bool(self.execute(query)))

    def construct(self, query: str) -> bytes:
        """The triples of a CONSTRUCT or DESCRIBE query, as N-Triples."""
        return self._in_time(lambda: self.execute(query).serialize(format=pyoxigraph.RdfFormat.N_TRIPLES) or b"")


class RemoteBackend:
    """A SPARQL 1.1 endpoint (oxigraph server, Virtuoso, GraphDB...), queried through SPARQLWrapper.

    The answer is read here, not by SPARQLWrapper's `convert()` (which would parse RDF/XML with
    entities or fetch a JSON-LD context): SPARQL JSON (Turtle for CONSTRUCT) only, at most
    `max_response_bytes`, and within the timeout (each read waits at most the timeout, so an answer
    takes at most twice it).
    """

    def __init__(self, endpoint: str, timeout: float = QUERY_TIMEOUT, allow_federation: Iterable[str] = ()):
        self.endpoint = check_http_url(endpoint)
        self.timeout = seconds(timeout, "the query timeout")
        self.allow_federation = tuple(allow_federation)

    def _send(self, query: str, return_format: str) -> tuple[str, bytes]:
        """The checked query POSTed; the answer's content type and its body, read under the caps."""
        from SPARQLWrapper import POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        check_query_text(query, self.allow_federation)
        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            client.setQuery(strip_comments(query))
        client.setReturnFormat(return_format)
        client.setTimeout(max(1, round(self.timeout)))
        deadline = time.monotonic() + self.timeout
        try:
            response = client.query().response
            with response:
                return response.headers.get_content_type(), self._read(response, deadline)
        except SPARQLWrapperException as exc:
            detail = " ".join(str(exc).split())[:300]
            raise OncoKGError(f"the endpoint {self.endpoint} rejected the query: {detail}") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise OncoKGError(f"cannot query the endpoint {self.endpoint}: {reason}") from None

    def _json(self, query: str):
        kind, body = self._send(query, "json")
        if "json" not in kind:
            raise OncoKGError(f"the endpoint {self.endpoint} did not answer with SPARQL JSON results (it sent {kind})")
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            raise OncoKGError(f"the endpoint {self.endpoint} did not answer with SPARQL JSON results") from None

    def _read(self, response, deadline: float) -> bytes:
        """The body, refused past the size limit or the deadline."""
        cap, chunks, size = limit("max_response_bytes"), [], 0
        while chunk := response.read1(1 << 16):
            size += len(chunk)
            if size > cap:
                raise too_big(f"the answer of {self.endpoint}", size, "max_response_bytes")
            if time.monotonic() > deadline:
                raise OncoKGError(f"the endpoint {self.endpoint} did not finish answering within {self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def select(self, query: str, bindings: dict[str, Term] | None = None) -> Result:
        response = self._json(bind_values(query, bindings or {}))
        try:
            variables = response["head"]["vars"]
            rows = [{v: _json_value(b.get(v)) for v in variables} for b in response["results"]["bindings"]]
        except (KeyError, TypeError, AttributeError):
            raise OncoKGError(
                f"the endpoint {self.endpoint} did not answer a SELECT with SPARQL JSON results"
            ) from None
        return Result(variables, rows)

    def ask(self, query: str) -> bool:
        """The answer of an ASK query."""
        response = self._json(query)
        if not isinstance(response, dict) or not isinstance(response.get("boolean"), bool):
            raise OncoKGError(f"the endpoint {self.endpoint} did not answer an ASK with a boolean")
        return response["boolean"]

    def construct(self, query: str) -> bytes:
        """The triples of a CONSTRUCT or DESCRIBE query, as N-Triples."""
        _, body = self._send(query, "turtle")
        try:
            triples = list(pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.TURTLE))
        except SyntaxError:
            raise OncoKGError(f"the endpoint {self.endpoint} did not answer with Turtle") from None
        return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""


def _json_value(cell: dict | None) -> Value | None:
    if cell is None:
        return None
    if not all(isinstance(cell.get(key, ""), str) for key in ("value", "datatype", "xml:lang")):
        raise TypeError("a cell's value, datatype and language are strings")
    kind = {"uri": "iri", "literal": "literal", "typed-literal": "literal", "bnode": "bnode"}[cell["type"]]
    datatype = cell.get("datatype")
    if kind == "literal" and datatype is None and cell.get("xml:lang") is None:
        datatype = "http://www.w3.org/2001/XMLSchema#string"
    value = cell["value"]
    if datatype in _DURATIONS and value.isdigit():
        value = _months_as_duration(int(value))
    return Value(kind, value, datatype, cell.get("xml:lang"))


_DURATIONS = {XSD_NS + "duration", XSD_NS + "yearMonthDuration"}


def _months_as_duration(months: int) -> str:
    """Virtuoso answers an xsd:duration of years and months as its number of months ("12" for "P1Y");
    written back in ISO 8601, so every engine gives the same lexical form."""
    years, rest = divmod(months, 12)
    return "P" + (f"{years}Y" if years else "") + (f"{rest}M" if rest or not years else "")


def open_backend(
    selector: str | None, build_dir: Path | None, timeout: float = QUERY_TIMEOUT, allow_federation: Iterable[str] = ()
) -> Backend:
    """A backend from a selector: None or 'oxigraph' (the built store), 'oxigraph:PATH', 'sparql:URL'.

    SERVICE clauses are refused unless their host is in `allow_federation`."""
    seconds(timeout, "the query timeout")
    if selector in (None, "", "oxigraph"):
        if build_dir is None:
            raise OncoKGError("the built store needs a project: pass --root or open a checkout")
        return EmbeddedBackend.open(build_dir, timeout, allow_federation)
    kind, _, target = selector.partition(":")
    if kind == "oxigraph" and target:
        path = Path(target)
        build_dir = path.parent if path.name == STORE_DIR else path
        return EmbeddedBackend(open_store(build_dir), timeout, build_dir, allow_federation, read_only=True)
    if kind == "sparql" and target:
        return RemoteBackend(target, timeout, allow_federation)
    raise OncoKGError(f"unknown store {selector!r}; use oxigraph, oxigraph:PATH or sparql:URL")
