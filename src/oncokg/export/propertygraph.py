"""The graph as a labelled property graph, the model GraphML and Neo4j share.

Nodes are the IRIs typed with an OncoKG class (entities, n-ary nodes, evidence, source documents);
their labels are those classes' local names (asserted and inferred). Each node also has a display
``label`` (its rdfs:label, else its CURIE), a ``category`` (the Biolink category of an entity,
else its most specific OncoKG class) and its ``curie``, so Gephi, Cytoscape and Neo4j Browser show
names. A triple between two nodes is an edge carrying the named graphs it occurs in, its predicate's
label, and the stance and certainty of what states it: the statement it comes from (an n-ary node's
own, or the statement a derived triple names with oncokg:derivedFrom) and its evidence. A triple
derived from several statements (imatinib usedToTreat GIST, from each sentence that gives it) is one
edge per statement, each naming its statement and carrying that statement's stance and certainty
only: statements are never merged into one edge. Every other triple of a node becomes a property: literals by value, IRIs (such as
mapped identifiers) as CURIEs. Property and edge-type names are ``prefix_localname``
(``rdfs_label``, ``oncokg_targets``).
"""

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node as Term

from oncokg.errors import OncoKGError
from oncokg.export.built import Built
from oncokg.export.kgx import TABLE, KgxGraph, read_table
from oncokg.vocab.rdf import BASE, ONCOKG

DATATYPE_KINDS = {
    XSD.integer: "long",
    XSD.int: "long",
    XSD.long: "long",
    XSD.nonNegativeInteger: "long",
    XSD.decimal: "double",
    XSD.double: "double",
    XSD.float: "double",
    XSD.boolean: "boolean",
    XSD.date: "date",
    XSD.duration: "duration",
}


@dataclass
class Node:
    """A node: its CURIE, IRI, labels (class local names), display label, category and properties (lexical
    values)."""

    id: str
    iri: str
    labels: set[str] = field(default_factory=set)
    properties: dict[str, set[str]] = field(default_factory=dict)
    label: str = ""
    category: str = ""


@dataclass(frozen=True)
class Edge:
    """A typed edge between two node ids, with the named graphs that state it, its predicate's label, and the
    stances and certainties (CURIEs) of the statements and evidence behind it."""

    source: str
    target: str
    type: str
    predicate: str
    graphs: tuple[str, ...]
    label: str = ""
    stances: tuple[str, ...] = ()
    certainties: tuple[str, ...] = ()
    statement: str = ""


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
    nodes: dict[Term, Node] = {}
    for s, p, o, _ in quads:
        if p == RDF.type and isinstance(s, URIRef) and built.in_oncokg_namespace(o):
            node = nodes.setdefault(s, Node(built.curie(s), str(s)))
            node.labels.add(str(o)[len(BASE) :])
    edge_graphs: dict[tuple, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    for s, p, o, g in quads:
        if s not in nodes or p == RDF.type:
            continue
        key = name(built, p)
        if o in nodes:
            edge_graphs.setdefault((s, p, o), set()).add(built.curie(str(g)))
            continue
        if isinstance(o, Literal):
            value, kind = str(o), DATATYPE_KINDS.get(o.datatype, "string") if o.datatype else "string"
        elif isinstance(o, URIRef):
            value, kind = built.curie(o), "string"
        else:
            continue
        nodes[s].properties.setdefault(key, set()).add(value)
        kinds.setdefault(key, set()).add(kind)
    context = EdgeContext(built)
    for iri, node in nodes.items():
        node.label = context.label(iri) or node.id
        node.category = context.category(iri)
    edges = [
        Edge(
            nodes[s].id,
            nodes[o].id,
            name(built, p),
            built.curie(p),
            tuple(sorted(graphs)),
            context.label(p),
            *context.stances_and_certainties(s, p, o, statement),
            statement=built.curie(statement) if statement is not None else "",
        )
        for (s, p, o), graphs in sorted(edge_graphs.items())
        for statement in context.statements(s, p, o)
    ]
    multivalued = {k for node in nodes.values() for k, values in node.properties.items() if len(values) > 1}
    return PropertyGraph(
        nodes={n.id: n for n in sorted(nodes.values(), key=lambda n: n.id)},
        edges=edges,
        kinds={k: v.pop() if len(v) == 1 else "string" for k, v in sorted(kinds.items())},
        multivalued=multivalued,
    )


class EdgeContext:
    """Labels, categories, and the statements and evidence behind triples, looked up in the merged graph."""

    def __init__(self, built: Built):
        self.built = built
        self.kgx = KgxGraph(built, read_table(built.mappings_dir / TABLE))
        self.graph = self.kgx.graph
        self.reifications: dict[tuple, list] = {}
        for r in set(self.graph.subjects(RDF.subject, None)):
            key = tuple(self.graph.value(r, q) for q in (RDF.subject, RDF.predicate, RDF.object))
            self.reifications.setdefault(key, []).append(r)

    def label(self, iri) -> str:
        return str(self.graph.value(iri, RDFS.label) or "")

    def category(self, iri) -> str:
        """The Biolink category of an entity; else the most specific OncoKG class of the node."""
        if iri in self.built.individuals:
            try:
                return self.kgx.categories(iri)[0]
            except OncoKGError:
                pass
        types = [t for t in self.graph.objects(iri, RDF.type) if self.built.in_oncokg_namespace(t)]
        specific = sorted((t for t in types if not any(t != u and t in self.kgx.ancestors(u) for u in types)), key=str)
        return self.built.curie(specific[0]) if specific else ""

    def statements(self, s, p, o) -> list:
        """The statements a triple is derived from, one edge each; [None] for a triple that is not derived."""
        derived = {d for r in self.reifications.get((s, p, o), []) for d in self.graph.objects(r, ONCOKG.derivedFrom)}
        return sorted(derived, key=str) or [None]

    def stances_and_certainties(self, s, p, o, statement=None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Stances of the statement behind a triple (its subject, if a statement, or the one statement this edge
        is derived from) and the certainties of that statement and of the triple's own evidence."""
        behind = {s} if statement is None else {statement}
        evidence = [r for r in self.reifications.get((s, p, o), []) if (r, RDF.type, ONCOKG.Evidence) in self.graph]
        sources = behind | set(evidence)
        stances = {
            self.built.curie(v)
            for n in behind
            for q in (ONCOKG.stance, ONCOKG.outcomeStatus)
            for v in self.graph.objects(n, q)
        }
        certainties = {self.built.curie(v) for n in sources for v in self.graph.objects(n, ONCOKG.certainty)}
        return tuple(sorted(stances)), tuple(sorted(certainties))
