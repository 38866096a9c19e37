"""Parameters bound as RDF terms in a VALUES block: standard SPARQL on every engine, with user
text never reaching the query. (pyoxigraph's `substitutions` would also bind terms, but binds only
projected variables and leaves FILTERs seeing them unbound, so the same query would answer
differently on the embedded store.)"""

import functools
import re

from oncokg.errors import OncoKGError
from oncokg.store.results import Value
from oncokg.vocab import XSD

HTTP_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


Term = Value  # the one term type: what an answer's cells hold is what a parameter binds


def term_n3(term: Term) -> str:
    """A parameter term in SPARQL syntax; IRIs are checked, literals escaped."""
    if isinstance(term, Value) and term.kind == "iri":
        if not HTTP_IRI.match(term.value):
            raise OncoKGError(f"refusing to bind {term.value!r}: not a plain http(s) IRI")
        return f"<{term.value}>"
    if isinstance(term, Value) and term.kind == "literal":
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
    the same).

    >>> print(bind_values("SELECT ?x WHERE { { ?x ?p 1 } UNION { ?x ?p 2 } }", {"x": Value("literal", "a")}))
    SELECT ?x WHERE { VALUES (?x) { ("a") } { VALUES (?x) { ("a") } ?x ?p 1 } UNION { VALUES (?x) { ("a") } ?x ?p 2 } }
    """
    if not bindings:
        return query
    return _bound(query, tuple(sorted(bindings.items())))


@functools.lru_cache(maxsize=1_024)
def _bound(query: str, bindings: tuple[tuple[str, Term], ...]) -> str:
    """`bind_values` once per text and values: a catalogue query's parameters repeat, and the one
    text object it returns is hashed and read once by the guard and the engine, not per call."""
    for name, _ in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise OncoKGError(f"invalid parameter name {name!r}")
    values = (
        " VALUES ("
        + " ".join(f"?{name}" for name, _ in bindings)
        + ") { ("
        + " ".join(term_n3(term) for _, term in bindings)
        + ") }"
    )
    for position in _value_positions(query):
        query = query[:position] + values + query[position:]
    return query


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_literal(term: Term) -> str:
    """A literal as one short SPARQL string: every character that could end it or the line escaped.

    >>> print(sparql_literal(Value("literal", 'HER2"\\n# x')))
    "HER2\\"\\n# x"
    >>> print(sparql_literal(Value("literal", "3", XSD + "integer")))
    "3"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    text = '"' + "".join(_ECHAR.get(c, c) for c in term.value) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype is not None and term.datatype != XSD + "string":
        return f"{text}^^<{term.datatype}>"
    return text
