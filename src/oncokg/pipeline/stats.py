"""Counts per class and per property, for `oncokg stats` and the build manifest."""

import pyoxigraph

_TOTALS = """
SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }
"""
_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class . FILTER(STRSTARTS(STR(?class), "https://w3id.org/oncokg/")) }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""
_PROPERTIES = """
SELECT ?property (COUNT(*) AS ?n) WHERE { ?s ?property ?o . FILTER(STRSTARTS(STR(?property), "https://w3id.org/oncokg/")) }
GROUP BY ?property ORDER BY DESC(?n) ?property
"""
_SOURCES = """
PREFIX oncokg: <https://w3id.org/oncokg/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?source (COUNT(DISTINCT ?fact) AS ?n) WHERE { ?e prov:wasDerivedFrom ?source ; oncokg:curationId ?fact }
GROUP BY ?source ORDER BY DESC(?n) ?source
"""


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def graph_stats(store: pyoxigraph.Store) -> dict:
    """Totals, instances per oncokg: class, uses per oncokg: property, curated facts per source."""
    totals = next(iter(store.query(_TOTALS)))

    def query(text: str):
        return store.query(text, use_default_graph_as_union=True)

    return {
        "quads": int(totals["quads"].value),
        "named_graphs": int(totals["graphs"].value),
        "classes": {_local(r["class"].value): int(r["n"].value) for r in query(_CLASSES)},
        "properties": {_local(r["property"].value): int(r["n"].value) for r in query(_PROPERTIES)},
        "facts_per_source": {_local(r["source"].value): int(r["n"].value) for r in query(_SOURCES)},
    }
