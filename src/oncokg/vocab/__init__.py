"""The project's prefixes as plain strings and the one rule that shortens IRIs, defined once (light to
import: the query path needs no rdflib).

`vocab.rdf` builds the rdflib namespaces of the build and exports from these; `vocab.identifiers`
adds the external vocabularies' prefixes (a `curies` converter, same longest-namespace rule) for
mappings and exports; `vocab.terms` names the ontology's individuals the code depends on;
`vocab.sparql` reads the project's own SPARQL texts, with PREFIX lines generated from these.
"""

from functools import cache

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

XSD = PREFIXES["xsd"]
RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
QUERY = BASE + "query/"  # the catalogue's own terms (query:iriColumn), declared for the project's own SPARQL
SCHEMA = "https://schema.org/"  # schema:keywords, as sparql-examples describes its queries

# Declared for ad-hoc SPARQL (`oncokg sparql`, listed by `oncokg prefixes`): the project's and the common ones.
SPARQL_PREFIXES = {
    **PREFIXES,
    "obo": "http://purl.obolibrary.org/obo/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "biolink": "https://w3id.org/biolink/vocab/",
}


KNOWN_IRIS = 100_000  # IRIs a Compressor remembers; the graph has about 2,000, a 10M store's answers more
_UNKNOWN = object()


class Compressor:
    """IRIs to CURIEs, longest namespace first (the rule of the `curies` package, which the build
    uses; here without its import cost, since every query builds a resolver and every pathway answer
    shortens its IRIs)."""

    def __init__(self, prefix_map: dict[str, str]):
        first: dict[str, str] = {}
        for prefix, namespace in prefix_map.items():
            first.setdefault(namespace, prefix)
        self.namespaces = sorted(first.items(), key=lambda item: -len(item[0]))
        self._known: dict[str, str | None] = {}

    def compress(self, iri: str) -> str | None:
        """The CURIE of an IRI, or None when no namespace fits; each IRI's remembered (an answer's
        label columns shorten the same mapped IRIs call after call, and the scan tries ~60 namespaces).

        >>> Compressor({"mesh": "http://id.nlm.nih.gov/mesh/"}).compress("http://id.nlm.nih.gov/mesh/D000068877")
        'mesh:D000068877'
        """
        known = self._known.get(iri, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        found = next(
            (
                f"{prefix}:{iri[len(ns) :]}"
                for ns, prefix in self.namespaces
                if iri.startswith(ns) and len(iri) > len(ns)
            ),
            None,
        )
        if len(self._known) >= KNOWN_IRIS:
            self._known.clear()
        self._known[iri] = found
        return found


_PROJECT = Compressor(PREFIXES)


def own_iri(text: str) -> str | None:
    """The IRI an `oncokg:LOCAL` CURIE names (the prefix in any case), else None: `curie`'s inverse
    for the graph's own terms, the one place that reads that prefix.

    >>> own_iri("oncokg:imatinib"), own_iri("ONCOKG:imatinib") == own_iri("oncokg:imatinib"), own_iri("imatinib")
    ('https://w3id.org/oncokg/imatinib', True, None)
    """
    prefix, sep, local = text.strip().partition(":")
    return BASE + local if sep and local and prefix.casefold() == "oncokg" else None


@cache
def curie(iri: str) -> str:
    """The short form of an IRI under the project's prefixes (`node:gs-ur-imatinib`, `oncokg:imatinib`,
    `source:acs-gist`), else the IRI itself."""
    return _PROJECT.compress(iri) or iri
