"""A SPARQL 1.1 Protocol request read as the recommendation defines it (§2.1): the query from the
URL, a form or a direct body; the RDF dataset from `default-graph-uri`/`named-graph-uri`; the base
IRI for relative IRIs from the endpoint's URL; updates refused (403) before any parsing."""

from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import Request
from starlette.exceptions import HTTPException

from oncokg.errors import OncoKGError
from oncokg.store.dataset import ProtocolDataset, protocol_dataset

READ_ONLY = "the service is read-only: SPARQL Update and Graph Store writes are refused (rebuild with `oncokg build`)"
_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"


@dataclass(frozen=True)
class ProtocolQuery:
    """One query operation: the text, the dataset the request names (maybe none) and the base IRI."""

    text: str
    dataset: ProtocolDataset
    base_iri: str


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise OncoKGError("request body: not UTF-8 text") from None


async def _fields(request: Request) -> list[tuple[str, str]]:
    """The request's parameters: the URL's, and for a POST the form's or the direct query body."""
    fields = request.query_params.multi_items()
    if request.method != "POST":
        return fields
    media, *options = [part.strip() for part in request.headers.get("content-type", "").split(";")]
    media = media.lower()
    if media == "application/sparql-update":
        raise HTTPException(403, READ_ONLY)
    if media not in (_QUERY, _FORM):
        raise HTTPException(415, f"Content-Type {media or 'missing'}: send {_QUERY} or {_FORM}")
    for option in options:
        key, _, value = option.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise HTTPException(415, f"Content-Type charset {value.strip()}: send the query as UTF-8")
    text = _utf8(await request.body())
    if media == _QUERY:
        return fields + [("query", text)]
    return fields + parse_qsl(text, keep_blank_values=True)


async def protocol_query(request: Request) -> ProtocolQuery | None:
    """The query operation of the request; None for a GET with no parameters at all (the service
    description, Service Description §2). Errors name the parameter at fault."""
    fields = await _fields(request)
    if request.method == "GET" and not fields:
        return None
    names = [key for key, _ in fields]
    if "update" in names:
        raise HTTPException(403, READ_ONLY)
    queries = [value for key, value in fields if key == "query"]
    if len(queries) != 1:
        raise OncoKGError(
            "query: give exactly one SPARQL query (GET ?query=, a form field or an application/sparql-query body)"
        )
    return ProtocolQuery(queries[0], protocol_dataset(fields), endpoint_url(request))


def endpoint_url(request: Request) -> str:
    """The endpoint's own URL (without the query string): the base IRI and the service's `sd:endpoint`."""
    return str(request.url.replace(query="", fragment=""))
