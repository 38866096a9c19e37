"""One entity of the graph, as a term page shows it (OLS, Wikidata, NCI EVS): its label, definition,
synonyms, classes, mappings, every statement naming it with its quote and source, and the catalogue
queries that take it; or its triples as Turtle, JSON-LD or N-Triples for a program.

The graph's IRIs (`https://w3id.org/oncokg/imatinib`) are served at their own path on the local
service (`/oncokg/imatinib`) and at `/entity/imatinib`; both answer here, in a query worker."""

import json
from typing import Any

import pyoxigraph

from oncokg.errors import OncoKGError
from oncokg.query.client import OncoKG
from oncokg.query.formats import render
from oncokg.query.run import with_labels
from oncokg.store.binding import bind_values
from oncokg.store.embedded import EmbeddedBackend
from oncokg.store.results import Value
from oncokg.vocab import BASE, PREFIXES, SPARQL_PREFIXES, curie

# The media types an entity is offered in: a browser asks for HTML first and gets the page; a program
# that takes anything (`*/*`, curl's and the API docs' default) gets the page's data as JSON.
ENTITY_TYPES = {
    "application/json": "json",
    "text/html": "html",
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
}
RDF_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
}

_P = PREFIXES
_ABOUT = "SELECT ?p ?o ?g WHERE { GRAPH ?g { ?e ?p ?o } }"
_TRIPLES = "CONSTRUCT { ?e ?p ?o . ?s ?q ?e } WHERE { { ?e ?p ?o } UNION { ?s ?q ?e } }"
_MAPPINGS = {
    _P["skos"] + name: name for name in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
}
_LABEL = _P["rdfs"] + "label"
_DEFINITION = _P["skos"] + "definition"
_SYNONYM = _P["skos"] + "altLabel"
_TYPE = _P["rdf"] + "type"
_INFERRED = _P["graph"] + "inferred"


def entity_iri(local: str) -> str:
    """The graph IRI of a local name (`imatinib`, `source/acs-gist`); a CURIE or a full IRI of the
    graph's namespace is taken too, so that a page can link to any name a table shows."""
    local = local.strip()
    if local.startswith(BASE):
        return local
    prefix, sep, rest = local.partition(":")
    if sep and prefix in PREFIXES and PREFIXES[prefix].startswith(BASE):
        return PREFIXES[prefix] + rest
    message = f"entity name {local!r}: expected a local name of the graph such as imatinib"
    if not local or any(c in local for c in '<>"{}|\\^` '):
        raise OncoKGError(message)
    try:
        return pyoxigraph.NamedNode(BASE + local).value
    except ValueError:
        raise OncoKGError(message) from None


def _rows(kg: OncoKG, query: str, iri: str) -> list[dict[str, Any]]:
    result = kg.backend.select(query, {"e": Value("iri", iri)})
    return [{k: (v.value if v is not None else None) for k, v in row.items()} for row in result.rows]


def _named(kg: OncoKG, iri: str) -> dict[str, str]:
    return {"iri": iri, "id": curie(iri), "label": kg.resolver.label(iri)}


def describe(kg: OncoKG, local: str) -> dict[str, Any]:
    """The entity page's data; an IRI the graph says nothing about is a 404 (`LookupError`)."""
    iri = entity_iri(local)
    rows = _rows(kg, _ABOUT, iri)
    if not rows and not kg.backend.ask(bind_values("ASK WHERE { ?s ?p ?e }", {"e": Value("iri", iri)})):
        raise LookupError(f"the graph has nothing about {curie(iri)}")
    asserted: set[str] = set()
    inferred: set[str] = set()
    mappings: list[dict[str, str]] = []
    other: list[dict[str, Any]] = []
    labels: list[str] = []
    definitions: list[dict[str, str]] = []
    synonyms: list[str] = []
    for row in rows:
        p, o, g = row["p"], row["o"], row["g"]
        if p == _TYPE:
            (inferred if g == _INFERRED else asserted).add(o)
        elif p == _LABEL:
            labels.append(o)
        elif p == _DEFINITION:
            definitions.append({"text": o, "graph": curie(g)})
        elif p == _SYNONYM:
            synonyms.append(o)
        elif p in _MAPPINGS:
            mappings.append({"relation": _MAPPINGS[p], "id": kg.resolver.converter.compress(o) or o, "iri": o})
        else:
            other.append({"predicate": _named(kg, p), "value": _value(kg, o), "graph": curie(g)})
    inferred -= asserted
    return {
        **_named(kg, iri),
        "labels": sorted(set(labels)),
        "definitions": definitions,
        "synonyms": sorted(set(synonyms)),
        "classes": {"asserted": _sorted_named(kg, asserted), "inferred": _sorted_named(kg, inferred)},
        "mappings": sorted(mappings, key=lambda m: (m["relation"], m["id"])),
        "properties": sorted(other, key=lambda x: (x["predicate"]["label"], str(x["value"]))),
        "statements": _statements(kg, iri),
        "queries": _queries(kg, iri, asserted | inferred),
    }


def _value(kg: OncoKG, o: str) -> dict[str, str] | str:
    return _named(kg, o) if o.startswith(("http://", "https://")) else o


def _sorted_named(kg: OncoKG, iris: set[str]) -> list[dict[str, str]]:
    return sorted((_named(kg, i) for i in iris), key=lambda x: x["label"].lower())


def _statements(kg: OncoKG, iri: str) -> dict[str, Any]:
    """Every statement naming the entity, with stance, quote and source: the `evidence` query's rows,
    bound to the IRI itself (a source or a class has no name for the resolver to read)."""
    query = kg.catalog.get("evidence")
    if query is None:
        return {"variables": [], "rows": []}
    found = kg.backend.select(query.text, {"subject": Value("iri", iri)})
    result = with_labels(found, kg.resolver, query.text, query.iri_columns)
    return {"variables": result.variables, "rows": json.loads(render(result, "json"))}


def _queries(kg: OncoKG, iri: str, classes: set[str]) -> list[dict[str, str]]:
    """The catalogue queries with an entity parameter this entity fits (by its declared classes)."""
    kinds = {c[len(BASE) :] for c in classes if c.startswith(BASE)}
    found = []
    for query in kg.catalog.values():
        for parameter in query.parameters:
            if parameter.type == "entity" and (not parameter.classes or kinds & set(parameter.classes)):
                found.append({"query": query.name, "title": query.title, "parameter": parameter.name})
                break
    return found


def triples(kg: OncoKG, local: str, fmt: str) -> bytes:
    """The entity's triples (as subject and as object) in Turtle, JSON-LD or N-Triples."""
    iri = entity_iri(local)
    backend = kg.backend
    if not isinstance(backend, EmbeddedBackend):
        raise OncoKGError("the web service serves the built embedded store only")
    found = list(backend.execute(bind_values(_TRIPLES, {"e": Value("iri", iri)})))
    if not found:
        raise LookupError(f"the graph has nothing about {curie(iri)}")
    prefixes = SPARQL_PREFIXES if fmt == "turtle" else None
    return pyoxigraph.serialize(found, format=RDF_FORMATS[fmt], prefixes=prefixes) or b""
