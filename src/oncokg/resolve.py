"""Turning what a user types into graph IRIs: labels, synonyms, brand names, CURIEs, mapped CURIEs.

Matching is case-insensitive. A name that fits two entities is an error listing them; an unknown
name is an error with the closest known names. Resolution returns IRIs only: user text never
reaches query text.
"""

import difflib
from dataclasses import dataclass

import curies

from .errors import OncoKGError
from .namespaces import BASE

_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oncokg: <https://w3id.org/oncokg/>
SELECT ?s ?name ?preferred WHERE {
  ?s a oncokg:Entity .
  { ?s rdfs:label ?name BIND(true AS ?preferred) }
  UNION { ?s skos:altLabel ?name BIND(false AS ?preferred) }
  UNION { ?s oncokg:brandName ?name BIND(false AS ?preferred) }
}
"""
_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s ?label WHERE {
  { ?s rdfs:label ?label } UNION { ?s dcterms:title ?label }
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/oncokg/"))
}
"""
_MAPPINGS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX oncokg: <https://w3id.org/oncokg/>
SELECT DISTINCT ?s ?o WHERE {
  VALUES ?p { skos:exactMatch skos:closeMatch }
  ?s a oncokg:Entity .
  { ?s ?p ?o } UNION { ?axiom owl:annotatedSource ?s ; owl:annotatedProperty ?p ; owl:annotatedTarget ?o }
}
"""


@dataclass
class Resolver:
    """Name and label indexes of a graph, built once from any store backend."""

    names: dict[str, set[str]]
    labels: dict[str, str]
    converter: curies.Converter

    @classmethod
    def from_rows(cls, name_rows, label_rows, mapping_rows, prefix_map: dict[str, str]) -> "Resolver":
        """Build from the rows of the three index queries (each row a dict of strings)."""
        names: dict[str, set[str]] = {}
        for row in name_rows:
            names.setdefault(row["name"].casefold(), set()).add(row["s"])
        labels = {row["s"]: row["label"] for row in label_rows}
        unique: dict[str, str] = {}
        for prefix, uri in prefix_map.items():
            if uri not in unique.values():
                unique[prefix] = uri
        converter = curies.Converter.from_prefix_map(unique)
        for row in mapping_rows:
            curie = converter.compress(row["o"])
            if curie:
                names.setdefault(curie.casefold(), set()).add(row["s"])
        return cls(names, labels, converter)

    def label(self, iri: str) -> str:
        """The preferred label of an IRI, or its local name."""
        return self.labels.get(iri) or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def resolve(self, text: str, what: str = "name") -> str:
        """The one entity IRI that a label, synonym, brand name or CURIE names."""
        key = text.strip().casefold()
        if key.startswith("oncokg:"):
            iri = BASE + text.strip()[len("oncokg:"):]
            if iri in self.labels:
                return iri
        hits = self.names.get(key, set())
        if len(hits) == 1:
            return next(iter(hits))
        if len(hits) > 1:
            options = ", ".join(sorted(f"{self.label(h)} (oncokg:{h[len(BASE):]})" for h in hits))
            raise OncoKGError(f"{what} {text!r} is ambiguous: it names {options}; use a CURIE")
        close = difflib.get_close_matches(key, self.names, n=5, cutoff=0.6) if len(key) <= _LONGEST_NAME else []
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        shown = repr(text) if len(text) <= _LONGEST_NAME else f"{text[:60]!r}... ({len(text):,} characters)"
        raise OncoKGError(f"unknown {what} {shown}{hint}")


_LONGEST_NAME = 200  # longer text is no name: not compared with every name, not echoed whole

INDEX_QUERIES = {"names": _NAMES, "labels": _LABELS, "mappings": _MAPPINGS}
