"""The graph as a labelled property graph, the model GraphML and Neo4j share.

Nodes are the IRIs typed with an OncoKG class (entities, n-ary nodes, evidence, source documents);
their labels are those classes' local names (asserted and inferred). A triple between two nodes is
an edge, one per distinct triple, carrying the named graphs it occurs in. Every other triple of a
node becomes a property: literals by value, IRIs (such as mapped identifiers) as CURIEs. Property
and edge-type names are ``prefix_localname`` (``rdfs_label``, ``oncokg_targets``).
"""

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..errors import OncoKGError
from ..namespaces import BASE
from .source import Built

DELIMITER = "|"
KINDS = {
    XSD.integer: "long", XSD.int: "long", XSD.long: "long", XSD.nonNegativeInteger: "long",
    XSD.decimal: "double", XSD.double: "double", XSD.float: "double",
    XSD.boolean: "boolean", XSD.date: "date", XSD.duration: "duration",
}


@dataclass
class Node:
    """A node: its CURIE, IRI, labels (class local names) and properties (lexical values)."""

    id: str
    iri: str
    labels: set[str] = field(default_factory=set)
    properties: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Edge:
    """A typed edge between two node ids, with the named graphs that state it."""

    source: str
    target: str
    type: str
    predicate: str
    graphs: tuple[str, ...]


@dataclass
class PropertyGraph:
    """Nodes by id, edges, and for each property the kind of its values and whether it has several."""

    nodes: dict[str, Node]
    edges: list[Edge]
    kinds: dict[str, str]
    multivalued: set[str]


def name(built: Built, iri) -> str:
    """``prefix_local`` for an IRI a prefix covers, else its last path segment."""
    curie = built.curie(iri)
    if curie != str(iri):
        return curie.replace(":", "_", 1)
    return str(iri).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def property_graph(built: Built) -> PropertyGraph:
    """Nodes, edges and properties of the whole dataset (all named graphs)."""
    quads = [q for q in built.dataset.quads((None, None, None, None)) if isinstance(q[3], URIRef)]
    nodes: dict[URIRef, Node] = {}
    for s, p, o, _ in quads:
        if p == RDF.type and isinstance(s, URIRef) and built.in_oncokg_namespace(o):
            node = nodes.setdefault(s, Node(built.curie(s), str(s)))
            node.labels.add(str(o)[len(BASE):])
    edge_graphs: dict[tuple, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    for s, p, o, g in quads:
        if s not in nodes or p == RDF.type:
            continue
        key = name(built, p)
        if o in nodes:
            edge_graphs.setdefault((s, p, o), set()).add(built.curie(g))
            continue
        if isinstance(o, Literal):
            value, kind = str(o), KINDS.get(o.datatype, "string")
        elif isinstance(o, URIRef):
            value, kind = built.curie(o), "string"
        else:
            continue
        nodes[s].properties.setdefault(key, set()).add(value)
        kinds.setdefault(key, set()).add(kind)
    edges = [
        Edge(nodes[s].id, nodes[o].id, name(built, p), built.curie(p), tuple(sorted(graphs)))
        for (s, p, o), graphs in sorted(edge_graphs.items())
    ]
    multivalued = {k for node in nodes.values() for k, values in node.properties.items() if len(values) > 1}
    return PropertyGraph(
        nodes={n.id: n for n in sorted(nodes.values(), key=lambda n: n.id)},
        edges=edges,
        kinds={k: v.pop() if len(v) == 1 else "string" for k, v in sorted(kinds.items())},
        multivalued=multivalued,
    )


def join(values, what: str) -> str:
    """Several values as one cell, separated by DELIMITER; a value containing it is an error."""
    values = sorted(values)
    for value in values:
        if DELIMITER in value:
            raise OncoKGError(f"{what}: the value {value[:60]!r} contains {DELIMITER!r}, the list separator")
    return DELIMITER.join(values)
