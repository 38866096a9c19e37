"""Content negotiation for the SPARQL endpoint and the API: the media type to answer in, from `Accept`."""

from collections.abc import Mapping
from typing import TypeVar

import mimeparse
import pyoxigraph

from oncokg.errors import OncoKGError

RESULTS_TYPES = {
    "application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
    "application/json": pyoxigraph.QueryResultsFormat.JSON,
    "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
    "application/xml": pyoxigraph.QueryResultsFormat.XML,
    "text/csv": pyoxigraph.QueryResultsFormat.CSV,
    "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV,
}
# SPARQL's CSV and TSV results formats are defined for SELECT only: an ASK is answered in JSON or XML
BOOLEAN_TYPES = {
    media: fmt
    for media, fmt in RESULTS_TYPES.items()
    if fmt not in (pyoxigraph.QueryResultsFormat.CSV, pyoxigraph.QueryResultsFormat.TSV)
}
GRAPH_TYPES = {
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
    "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
    "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
    "text/n3": pyoxigraph.RdfFormat.N3,
    "application/json": pyoxigraph.RdfFormat.JSON_LD,  # JSON-LD is JSON: for clients that ask only for JSON
    "text/plain": pyoxigraph.RdfFormat.N_TRIPLES,  # N-Triples' media type before application/n-triples existed
}


F = TypeVar("F")


class NotAcceptable(OncoKGError):
    """No media type the client accepts can carry this kind of result (HTTP 406)."""


def choose(accept: str | None, offered: Mapping[str, F]) -> tuple[str, F]:
    """The (media type, pyoxigraph format) to answer in, by RFC 9110 §12.5.1 as python-mimeparse
    reads it (the most specific range sets a type's quality; q=0 refuses it); on a tie, and when
    anything goes, the first offered type."""
    default = next(iter(offered))
    if not accept or not accept.strip():
        return default, offered[default]
    try:
        media = mimeparse.best_match(list(offered)[::-1], accept)
    except mimeparse.MimeTypeParseException:
        raise OncoKGError(f"Accept {accept[:200]!r}: not a list of media ranges such as text/csv") from None
    if not media:
        raise NotAcceptable(
            f"none of the accepted types ({accept[:200]}) fits this result; offered: {', '.join(offered)}"
        )
    return media, offered[media]
