"""The checks every query text passes before it reaches an engine (embedded, remote or served).

Four things an engine should never see: a text over the size limit, groups or parentheses nested
deeper than the limit (oxigraph's parser recurses, and overflows its stack between depths 2,000
and 5,000: one 20 KB query kills the process), more operators and group joins than the term limit
(oxigraph builds left-deep trees of chains, and recurses on them: measured on a thread's 8 MB
stack, a chain of 8,000 ``+`` or UNIONs, 16,000 ``||`` or 4,000 MINUS or BIND crashes it, and so
do 4,000 triple patterns or 10,000 objects of one predicate (``?s <p> 0, 1, ...``, 59 KB); and
planning grows with the cube of an OPTIONAL chain), and a ``SERVICE`` clause to a host the user did not
allow (a read-only store must not be made to send requests). `check_query_text` is the one place
these are decided; the backends call it on the final text, after parameters are bound.

A small scanner reads the text the way the SPARQL grammar does: strings, IRIs and comments are
skipped, so ``"service"`` in a literal is not a clause. Keywords cannot be written with escapes in
SPARQL; the text is also scanned with ``\\u`` escapes decoded, for engines that decode them early.
"""

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple
from urllib.parse import urlsplit

from oncokg.errors import OncoKGError
from oncokg.limits import limit, too_big

_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\r\n]*)
    |(?P<string>\"\"\"(?:\\.|[^\\])*?(?:\"\"\"|\Z)|'''(?:\\.|[^\\])*?(?:'''|\Z)
      |"(?:\\.|[^"\\\r\n])*"?|'(?:\\.|[^'\\\r\n])*'?)
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
    |(?P<open>[{(\[])
    |(?P<close>[})\]])
    |(?P<other>[^\s\#"'<A-Za-z_{}()\[\]]+|.)""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\\\|\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class QueryLimits(NamedTuple):
    """The guard's three limits as the environment gave them at one moment. A backend reads them
    when it is opened: reading the environment three times cost more than checking a text already
    seen (10 us of a 0.24 ms catalogue query)."""

    max_bytes: int
    max_depth: int
    max_terms: int

    @classmethod
    def read(cls) -> "QueryLimits":
        return cls(limit("max_query_bytes"), limit("max_query_depth"), limit("max_query_terms"))


def check_query_text(text: str, allow_federation: Iterable[str] = (), limits: QueryLimits | None = None) -> None:
    """Refuse, with one line, a query that is empty, too large, too deeply nested, or federated
    to a host outside `allow_federation` (host names, or HOST:PORT), under `limits` (else the
    environment's now). A text that passed is remembered (with the hosts and the limits), so a
    query run again is not scanned again."""
    limits = QueryLimits.read() if limits is None else limits
    if isinstance(text, str):
        _check_once(text, tuple(allow_federation), limits)
        return
    _check(text, allow_federation, limits)


@functools.lru_cache(maxsize=512)
def _check_once(text: str, allow_federation: tuple[str, ...], limits: QueryLimits) -> None:
    _check(text, allow_federation, limits)


def _check(text: str, allow_federation: Iterable[str], limits: QueryLimits) -> None:
    if not isinstance(text, str) or not text.strip():
        raise OncoKGError("empty query: give a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise OncoKGError(
            f"the query has an unpaired surrogate at character {exc.start}: not valid Unicode text"
        ) from None
    if size > limits.max_bytes:
        raise too_big("the query text", size, "max_query_bytes", limits.max_bytes)
    allowed = {entry.strip().lower() for entry in allow_federation}
    texts = [text]
    if "\\u" in text or "\\U" in text:
        texts.append(_ESCAPE.sub(_decode, text))
    for variant in texts:
        for iri in _services(variant, limits):
            _check_service(iri, allowed)


def _decode(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    if code is None or int(code, 16) > 0x10FFFF:
        return match.group(0)
    return chr(int(code, 16))


def _services(text: str, limits: QueryLimits) -> Iterator[str | None]:
    """The endpoint of each SERVICE clause (None when it is not an explicit IRI); checks depth and terms."""
    max_depth, opened, pending = limits.max_depth, list[str](), False
    terms = _Terms(limits.max_terms)
    for token in _TOKEN.finditer(text):
        kind = token.lastgroup
        if kind in ("space", "comment"):
            continue
        if kind == "other":
            in_pattern = not opened or opened[-1] != "("  # `,` and `;` also separate arguments
            terms.add(sum(map(token.group().count, _OPERATORS + (_PATTERNS if in_pattern else ""))))
        if kind == "word":
            start, end = token.span()
            keyword = (start == 0 or text[start - 1] not in "?$:") and not text.startswith(":", end)
            upper = token.group().upper() if keyword else ""
            terms.add(upper in _JOINS)
            if pending and upper != "SILENT":
                yield None
            pending = (pending and upper == "SILENT") or upper == "SERVICE"
            continue
        if pending:
            yield token.group()[1:-1] if kind == "iri" else None
            pending = False
        if kind == "open":
            opened.append(token.group())
            if len(opened) > max_depth:
                raise OncoKGError(
                    f"the query nests groups, brackets or parentheses deeper than {max_depth} "
                    f"(set ONCOKG_MAX_QUERY_DEPTH to raise it)"
                )
        elif kind == "close" and opened:
            opened.pop()
    if pending:
        yield None


_OPERATORS = "+-*/|&!=<>^"
_PATTERNS = ".,;"  # between triple patterns, objects and predicates: each a join in oxigraph's plan
_JOINS = frozenset({"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "VALUES"})


class _Terms:
    """Counts the operators and group joins of a query against ``max_query_terms``."""

    def __init__(self, cap: int):
        self.cap, self.count = cap, 0

    def add(self, count: int) -> None:
        self.count += count
        if self.count > self.cap:
            raise OncoKGError(
                f"the query has more than {self.cap:,} operators, triple patterns, UNIONs, OPTIONALs, MINUSes, "
                "FILTERs or BINDs (set ONCOKG_MAX_QUERY_TERMS to raise it)"
            )


def _check_service(iri: str | None, allowed: set[str]) -> None:
    how = "allow its host with --allow-federation HOST"
    if iri is None:
        raise OncoKGError(
            f"SERVICE refused: federated queries are off; name the endpoint as <http://HOST/...> and {how}"
        )
    try:
        parts = urlsplit(iri)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        raise OncoKGError(f"SERVICE <{iri[:100]}> refused: not a valid URL") from None
    if parts.scheme in ("http", "https") and host and (host in allowed or f"{host}:{port}" in allowed):
        return
    raise OncoKGError(f"SERVICE <{iri[:100]}> refused: federated queries are off for {host or 'this URL'}; {how}")


def strip_comments(text: str) -> str:
    """The query without its comments, read as the grammar reads them (a ``#`` in a string or an
    IRI stays); line breaks stay, so positions in error messages keep their line numbers."""
    return "".join(token.group() for token in _TOKEN.finditer(text) if token.lastgroup != "comment")
