"""Content negotiation for the SPARQL endpoint: the media type to answer in, from `Accept`."""

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
GRAPH_TYPES = {
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
    "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
    "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
    "text/n3": pyoxigraph.RdfFormat.N3,
}


class NotAcceptable(OncoKGError):
    """No media type the client accepts can carry this kind of result (HTTP 406)."""


def _ranges(accept: str) -> list[tuple[float, int, str]]:
    """The media ranges of an Accept header, best first (quality, then order of appearance)."""
    ranges = []
    for index, item in enumerate(accept.split(",")):
        media, *options = [part.strip() for part in item.split(";")]
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, index, media.lower()))
    return sorted(ranges)


def choose(accept: str | None, offered: dict) -> tuple[str, object]:
    """The (media type, pyoxigraph format) to answer in; the first offered type when anything goes."""
    default = next(iter(offered))
    if not accept or not accept.strip():
        return default, offered[default]
    for _, _, media in _ranges(accept):
        if media in offered:
            return media, offered[media]
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            match = next((t for t in offered if media == "*/*" or t.startswith(family + "/")), None)
            if match:
                return match, offered[match]
    raise NotAcceptable(f"none of the accepted types ({accept[:200]}) fits this result; offered: {', '.join(offered)}")
