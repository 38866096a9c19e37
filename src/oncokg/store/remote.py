"""A SPARQL 1.1 endpoint as a backend. Its answer is read with a size and time cap, as SPARQL JSON
(or Turtle for CONSTRUCT): no XML entities to expand, no JSON-LD context to fetch."""

import http.client
import json
import time
import urllib.error
import warnings
from collections.abc import Iterable

import pyoxigraph

from oncokg.errors import OncoKGError
from oncokg.limits import QUERY_TIMEOUT, limit, seconds, too_big
from oncokg.store.binding import HTTP_IRI, Term, bind_values
from oncokg.store.guard import QueryLimits, check_query_text, strip_comments
from oncokg.store.results import Result, sparql_json_result


def check_http_url(url: str, what: str = "endpoint") -> str:
    """An http(s) URL with a host and a numeric port, or a one-line error naming it."""
    from urllib.parse import urlsplit

    if not isinstance(url, str) or not HTTP_IRI.match(url):
        raise OncoKGError(f"{what} {url!r} is not an http(s) URL")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as exc:
        raise OncoKGError(f"{what} {url!r} is not a valid URL: {exc}") from None
    if not parts.hostname:
        raise OncoKGError(f"{what} {url!r} has no host")
    return url


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
        self.query_limits = QueryLimits.read()  # the guard's limits, read when the endpoint is opened
        self.selector = "sparql:" + self.endpoint

    def name_index(self) -> None:
        """An endpoint has no build beside it: the resolver asks it for its names."""
        return None

    def saved_projection(self) -> None:
        """An endpoint has no build beside it: the reasoner runs the projection query."""
        return None

    def _send(self, query: str, return_format: str) -> tuple[str, bytes]:
        """The checked query POSTed; the answer's content type and its body, read under the caps."""
        from SPARQLWrapper import POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        check_query_text(query, self.allow_federation, self.query_limits)
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
            return sparql_json_result(response)
        except (KeyError, TypeError, AttributeError):
            raise OncoKGError(
                f"the endpoint {self.endpoint} did not answer a SELECT with SPARQL JSON results"
            ) from None

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
