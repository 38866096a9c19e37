"""The canned-query catalogue: one SPARQL file per query in queries/, described by a header block.

The header is the file's leading comment lines::

    # title: Molecular targets of a drug
    # description: The proteins a drug targets, with the source quote.
    # parameter: drug | oncokg:Drug | a drug: label, synonym, brand name or CURIE | Gleevec
    # parameter: setting? | oncokg:DiseaseState | optional: a disease state | unresectable
    # keywords: drug, target

A parameter named ``drug`` binds the query variable ``?drug``; a trailing ``?`` marks it optional.
Its type is `string`, `integer`, `entity` (any entity) or the class(es) an entity must be of
(`oncokg:Biomarker oncokg:BiomarkerStatus`): the resolver then reads names of that kind only.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from oncokg.errors import OncoKGError
from oncokg.limits import read_text
from oncokg.vocab import BASE, QUERY, SCHEMA, XSD

if TYPE_CHECKING:
    from rdflib import Graph

PARAMETER_TYPES = ("entity", "string", "integer")
_TYPES = {XSD + "integer": "integer", XSD + "string": "string"}  # a parameter's sh:datatype; an entity has none
IRI_COLUMN = QUERY + "iriColumn"  # a column of a query's answer that holds IRIs (recorded by the build)


@dataclass(frozen=True)
class Parameter:
    """A query parameter: the variable it binds, its type, what it means, an example value."""

    name: str
    type: str
    description: str
    example: str
    optional: bool = False
    classes: tuple[str, ...] = ()  # an entity parameter's declared classes (local names); () = any entity


@dataclass(frozen=True)
class CannedQuery:
    """One catalogue query, read from queries/<name>.rq."""

    name: str
    title: str
    description: str
    text: str
    path: Path | None
    parameters: tuple[Parameter, ...] = ()
    keywords: tuple[str, ...] = field(default_factory=tuple)
    # the columns that hold IRIs (and so get a ?xLabel), found by the build; None before that
    iri_columns: tuple[str, ...] | None = None


def parse_query_file(path: Path) -> CannedQuery:
    """Read a query file and its header; errors name the file and line."""
    return parse_query(path.stem, read_text(path, "query file"), path)


def parse_query(name: str, text: str, path: Path | None = None) -> CannedQuery:
    """A query from its text and header; errors name the file (or query) and line."""
    where = path or f"query {name!r}"
    header: dict[str, str] = {}
    parameters = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        key, value = key.strip(), value.strip()
        if not sep:
            continue
        if key == "parameter":
            parts = [p.strip() for p in value.split("|")]
            classes = _declared_classes(parts[1]) if len(parts) == 4 else ()
            if len(parts) != 4 or (parts[1] not in PARAMETER_TYPES and not classes):
                raise OncoKGError(
                    f"{where}: line {n}: a parameter is 'name | type | description | example', "
                    f"type one of {list(PARAMETER_TYPES)} or classes such as oncokg:Drug"
                )
            kind = "entity" if classes else parts[1]
            parameters.append(
                Parameter(parts[0].rstrip("?"), kind, parts[2], parts[3], parts[0].endswith("?"), classes)
            )
        else:
            header[key] = value
    for key in ("title", "description"):
        if not header.get(key):
            raise OncoKGError(f"{where}: header has no '# {key}:' line")
    keywords = tuple(k.strip() for k in header.get("keywords", "").split(",") if k.strip())
    return CannedQuery(name, header["title"], header["description"], text, path, tuple(parameters), keywords)


def _declared_classes(text: str) -> tuple[str, ...]:
    """The classes a parameter's type declares (`oncokg:Drug oncokg:Treatment`), else ().

    >>> _declared_classes("oncokg:Biomarker oncokg:BiomarkerStatus"), _declared_classes("entity")
    (('Biomarker', 'BiomarkerStatus'), ())
    """
    names = text.split()
    if names and all(n.startswith("oncokg:") and n[len("oncokg:") :].isidentifier() for n in names):
        return tuple(n[len("oncokg:") :] for n in names)
    return ()


def load_catalog(queries_dir: Path) -> dict[str, CannedQuery]:
    """Every queries/*.rq by name."""
    files = sorted(queries_dir.glob("*.rq"))
    if not files:
        raise OncoKGError(f"{queries_dir}: no queries (*.rq)")
    return {q.name: q for q in map(parse_query_file, files)}


def catalog_from_rows(rows: list[dict[str, str]]) -> dict[str, CannedQuery]:
    """The catalogue as the build described it in the graph (rows of `vocab/rq/catalogue.rq`, one
    fact a row), so that a build or a remote endpoint is all the query layer reads and no header is
    parsed again."""
    if not rows:
        raise OncoKGError("the graph holds no query catalogue (graph/queries); rebuild with `oncokg build`")
    queries: dict[str, dict] = {}
    for row in rows:
        found = queries.setdefault(row["name"], {"keywords": set(), "columns": set(), "parameters": {}})
        if "text" in row:
            found.update(title=row["title"], description=row["description"], text=row["text"])
        elif "keyword" in row:
            found["keywords"].add(row["keyword"])
        elif "column" in row:
            found["columns"].add(row["column"])
        elif "parameter" in row:
            parameter = found["parameters"].setdefault(int(row["order"]), {**row, "classes": set()})
            if "class" in row:
                parameter["classes"].add(row["class"].removeprefix(BASE))
    if any("text" not in q for q in queries.values()):
        raise OncoKGError("the graph's query catalogue is incomplete (graph/queries); rebuild with `oncokg build`")
    return {name: _canned(name, q) for name, q in sorted(queries.items())}


def _canned(name: str, found: dict) -> CannedQuery:
    parameters = tuple(
        Parameter(
            p["parameter"],
            _TYPES.get(p.get("datatype", ""), "entity"),
            p["about"],
            p["example"],
            p["optional"] in ("true", "1"),  # Virtuoso answers a boolean as 1 or 0
            tuple(sorted(p["classes"])),
        )
        for _, p in sorted(found["parameters"].items())
    )
    return CannedQuery(
        name,
        found["title"],
        found["description"],
        found["text"],
        None,
        parameters,
        tuple(sorted(found["keywords"])),
        tuple(sorted(found["columns"])),
    )


def get_query(catalog: dict[str, CannedQuery], name: str) -> CannedQuery:
    """A query by name; an unknown name suggests the close ones, else lists them all."""
    if name not in catalog:
        close = difflib.get_close_matches(name, catalog, n=3, cutoff=0.6)
        if close:
            raise OncoKGError(f"unknown query {name!r}; did you mean {', '.join(repr(c) for c in close)}?")
        raise OncoKGError(f"unknown query {name!r}; known: {', '.join(sorted(catalog))}")
    return catalog[name]


def catalog_graph(catalog: dict[str, CannedQuery], prefixes: dict[str, str]) -> "Graph":
    """The catalogue as RDF (SHACL SPARQL executables), so it can itself be queried, with the
    prefixes of the graph and its mappings as SHACL declarations (`sh:declare`). (rdflib is
    imported here, for the build: running queries needs none of it.)"""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

    from oncokg.vocab.rdf import QUERY as QUERIES
    from oncokg.vocab.rdf import SH

    graph = Graph()
    declarations = QUERIES["prefixes"]
    for prefix, namespace in sorted(prefixes.items()):
        declaration = QUERIES[f"prefixes/{prefix}"]
        graph.add((declarations, SH.declare, declaration))
        graph.add((declaration, SH.prefix, Literal(prefix)))
        graph.add((declaration, SH.namespace, Literal(namespace, datatype=URIRef(XSD + "anyURI"))))
    for query in catalog.values():
        node = QUERIES[query.name]
        graph.add((node, RDF.type, SH.SPARQLSelectExecutable))
        graph.add((node, SH.prefixes, declarations))
        graph.add((node, RDFS.label, Literal(query.title)))
        graph.add((node, RDFS.comment, Literal(query.description)))
        graph.add((node, SH.select, Literal(query.text)))
        graph.add((node, DCTERMS.identifier, Literal(query.name)))
        for keyword in query.keywords:
            graph.add((node, URIRef(SCHEMA + "keywords"), Literal(keyword)))
        for order, parameter in enumerate(query.parameters):
            param = QUERIES[f"{query.name}/parameter/{parameter.name}"]
            graph.add((node, SH.parameter, param))
            graph.add((param, RDF.type, SH.Parameter))
            graph.add((param, SH.path, param))
            graph.add((param, SH.order, Literal(order)))
            graph.add((param, SH.name, Literal(parameter.name)))
            graph.add((param, SH.description, Literal(parameter.description)))
            graph.add((param, SH.optional, Literal(parameter.optional)))
            graph.add((param, SKOS.example, Literal(parameter.example)))
            if parameter.type == "entity":
                graph.add((param, SH.nodeKind, SH.IRI))
                for name in parameter.classes:
                    graph.add((param, SH["class"], URIRef(BASE + name)))
            else:
                graph.add((param, SH.datatype, URIRef(XSD + parameter.type)))
    return graph
