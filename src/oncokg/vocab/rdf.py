"""IRIs and prefixes used across the package, defined once."""

from rdflib import Namespace, URIRef

from oncokg.vocab import BASE, PREFIXES, SPARQL_PREFIXES  # noqa: F401 - re-exported, defined once there
from oncokg.vocab import QUERY as QUERY_NS

ONCOKG = Namespace(BASE)
EVIDENCE = Namespace(PREFIXES["evidence"])
NODE = Namespace(PREFIXES["node"])
DERIVATION = Namespace(PREFIXES["derivation"])
SOURCE = Namespace(PREFIXES["source"])
GRAPH = Namespace(PREFIXES["graph"])
QUERY = Namespace(QUERY_NS)
SSSOM = Namespace(PREFIXES["sssom"])
SEMAPV = Namespace(PREFIXES["semapv"])
SH = Namespace(PREFIXES["sh"])
OA = Namespace(PREFIXES["oa"])
PLAIN_TEXT = URIRef("http://www.iana.org/assignments/media-types/text/plain")  # a dcterms:format, as IANA names it

ONTOLOGY_GRAPH = GRAPH["ontology"]
INFERRED_GRAPH = GRAPH["inferred"]
MAPPINGS_GRAPH = GRAPH["mappings"]
SOURCES_GRAPH = GRAPH["sources"]
QUERIES_GRAPH = GRAPH["queries"]
OBO_GRAPH = GRAPH["obo"]  # the ontology's definitions and synonyms as OBO tools read them (vocab.obo)


SOURCE_GRAPHS = str(GRAPH["source/"])  # every source's named graph starts so


def source_graph(source_id: str):
    """The named graph that holds the facts curated from one source document."""
    return GRAPH["source/" + source_id]


def source_text(source_id: str):
    """The IRI of a source document's text as the build read it (UTF-8 plain text, which the evidence
    offsets count in): the Web Annotations' cached copy of their source, which `oncokg serve` serves at
    its path (`/oncokg/source/<id>.txt`)."""
    return SOURCE[source_id + ".txt"]


def source_state(source_id: str):
    """The Web Annotation ``oa:TimeState`` every annotation on a source document shares: where the
    representation its selectors count in is kept (``oa:cachedSource``, `source_text`)."""
    return SOURCE[source_id + "/state"]


def annotations_graph(source_id: str):
    """The named graph that holds the Web Annotations of one source document's evidence."""
    return GRAPH["annotations/" + source_id]


def bind_prefixes(graph) -> None:
    """Bind the project prefixes on an rdflib graph or dataset, for readable output."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
