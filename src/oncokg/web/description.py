"""The SPARQL 1.1 Service Description of the endpoint (answered to a GET without a query).

What a client needs to know before it queries: the endpoint, the language, every result and graph
format the endpoint negotiates, and the dataset: its default graph is the merge of the named
graphs (`sd:UnionDefaultGraph`, each triple once), and each named graph with its size (VoID).
"""

import pyoxigraph

from oncokg.store.embedded import EmbeddedBackend
from oncokg.vocab import RDF, XSD

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = pyoxigraph.NamedNode(RDF + "type")
XSD_INTEGER = pyoxigraph.NamedNode(XSD + "integer")

# each media type the endpoint answers in, as the W3C's format IRI (application/json and application/xml
# are aliases of the SPARQL results types and have no IRI of their own)
FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON-LD",
    "text/n3": "N3",
}

_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_DEFAULT_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _sd(local: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(SD + local)


def _count(value: pyoxigraph.Literal) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(value.value, datatype=XSD_INTEGER)


def description(backend: EmbeddedBackend, endpoint: str) -> list[pyoxigraph.Triple]:
    """The description's triples, with the store's graphs and their sizes."""
    service, dataset, default = pyoxigraph.BlankNode(), pyoxigraph.BlankNode(), pyoxigraph.BlankNode()
    triples = [
        pyoxigraph.Triple(service, RDF_TYPE, _sd("Service")),
        pyoxigraph.Triple(service, _sd("endpoint"), pyoxigraph.NamedNode(endpoint)),
        pyoxigraph.Triple(service, _sd("supportedLanguage"), _sd("SPARQL10Query")),
        pyoxigraph.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        pyoxigraph.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        pyoxigraph.Triple(service, _sd("defaultDataset"), dataset),
        pyoxigraph.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        pyoxigraph.Triple(dataset, _sd("defaultGraph"), default),
        pyoxigraph.Triple(default, RDF_TYPE, _sd("Graph")),
    ]
    triples += [
        pyoxigraph.Triple(service, _sd("resultFormat"), pyoxigraph.NamedNode(FORMATS + name))
        for name in FORMAT_IRIS.values()
    ]
    (total,) = next(iter(backend.execute(_DEFAULT_SIZE)))
    triples.append(pyoxigraph.Triple(default, pyoxigraph.NamedNode(VOID + "triples"), _count(total)))
    for name, size in backend.execute(_SIZES):
        named, graph = pyoxigraph.BlankNode(), pyoxigraph.BlankNode()
        triples += [
            pyoxigraph.Triple(dataset, _sd("namedGraph"), named),
            pyoxigraph.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            pyoxigraph.Triple(named, _sd("name"), name),
            pyoxigraph.Triple(named, _sd("graph"), graph),
            pyoxigraph.Triple(graph, RDF_TYPE, _sd("Graph")),
            pyoxigraph.Triple(graph, pyoxigraph.NamedNode(VOID + "triples"), _count(size)),
        ]
    return triples
