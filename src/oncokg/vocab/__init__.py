"""The project's prefixes as plain strings, defined once (light to import: the query path needs no rdflib).

`namespaces` builds the rdflib namespaces of the build and exports from these.
"""

BASE = "https://w3id.org/oncokg/"

PREFIXES = {
    "oncokg": BASE,
    "evidence": BASE + "evidence/",
    "node": BASE + "node/",
    "derivation": BASE + "derivation/",
    "source": BASE + "source/",
    "graph": BASE + "graph/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "sssom": "https://w3id.org/sssom/",
    "semapv": "https://w3id.org/semapv/vocab/",
    "sh": "http://www.w3.org/ns/shacl#",
    "oa": "http://www.w3.org/ns/oa#",
}

# Declared for ad-hoc SPARQL (`oncokg sparql`, listed by `oncokg prefixes`): the project's and the common ones.
SPARQL_PREFIXES = {
    **PREFIXES,
    "obo": "http://purl.obolibrary.org/obo/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "biolink": "https://w3id.org/biolink/vocab/",
}
