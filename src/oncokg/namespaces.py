"""IRIs and prefixes used across the package, defined once."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/oncokg/"
ONCOKG = Namespace(BASE)
EVIDENCE = Namespace(BASE + "evidence/")
NODE = Namespace(BASE + "node/")
SOURCE = Namespace(BASE + "source/")
GRAPH = Namespace(BASE + "graph/")
QUERY = Namespace(BASE + "query/")
SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
SH = Namespace("http://www.w3.org/ns/shacl#")
OA = Namespace("http://www.w3.org/ns/oa#")

ONTOLOGY_GRAPH = GRAPH["ontology"]
INFERRED_GRAPH = GRAPH["inferred"]
MAPPINGS_GRAPH = GRAPH["mappings"]
SOURCES_GRAPH = GRAPH["sources"]
QUERIES_GRAPH = GRAPH["queries"]

PREFIXES = {
    "oncokg": str(ONCOKG),
    "evidence": str(EVIDENCE),
    "node": str(NODE),
    "source": str(SOURCE),
    "graph": str(GRAPH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "sssom": str(SSSOM),
    "semapv": str(SEMAPV),
    "sh": str(SH),
    "oa": str(OA),
}


def source_graph(source_id: str):
    """The named graph that holds the facts curated from one source document."""
    return GRAPH["source/" + source_id]


def annotations_graph(source_id: str):
    """The named graph that holds the Web Annotations of one source document's evidence."""
    return GRAPH["annotations/" + source_id]


def bind_prefixes(graph) -> None:
    """Bind the project prefixes on an rdflib graph or dataset, for readable output."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
