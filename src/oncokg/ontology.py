"""Reading the ontology edit file and the vocabulary it declares (classes, properties, entities)."""

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .errors import OncoKGError
from .namespaces import BASE, ONCOKG

ONTOLOGY_FILE = "oncokg.ttl"


def parse_turtle(path: Path) -> Graph:
    """Parse a Turtle file once; on a syntax error, pyoxigraph re-reads it to name the line and column."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise OncoKGError(f"{path}: file not found") from None
    graph = Graph()
    try:
        graph.parse(data=data, format="turtle", publicID=BASE)
    except Exception:  # noqa: BLE001 - rdflib's errors lack positions; pyoxigraph names line and column
        try:
            for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE, base_iri=BASE):
                pass
        except SyntaxError as exc:
            raise OncoKGError(f"{path}: Turtle syntax error: {str(exc).splitlines()[0]}") from None
        raise OncoKGError(f"{path}: not valid Turtle") from None
    return graph


@dataclass(frozen=True)
class Vocabulary:
    """What the ontology declares, by local name in the oncokg: namespace."""

    classes: frozenset[str]
    object_properties: frozenset[str]
    datatype_properties: dict[str, URIRef]
    entities: frozenset[str]
    members: dict[str, frozenset[str]]
    derives: dict[str, str]

    def allowed(self, cls: str) -> list[str]:
        """The named individuals asserted to be of a class, sorted: the values a curator may use."""
        return sorted(self.members.get(cls, ()))

    @classmethod
    def from_graph(cls, graph: Graph) -> "Vocabulary":
        def local(kind: URIRef) -> set[str]:
            return {
                str(s)[len(BASE):]
                for s in graph.subjects(RDF.type, kind)
                if isinstance(s, URIRef) and str(s).startswith(BASE)
            }

        datatype = {
            name: graph.value(ONCOKG[name], ONCOKG.literalDatatype)
            or graph.value(ONCOKG[name], RDFS.range)
            or XSD.string
            for name in local(OWL.DatatypeProperty)
        }
        entities = local(OWL.NamedIndividual)
        members: dict[str, set[str]] = {}
        for name in entities:
            for kind in graph.objects(ONCOKG[name], RDF.type):
                if str(kind).startswith(BASE):
                    members.setdefault(str(kind)[len(BASE):], set()).add(name)
        derives = {
            str(s)[len(BASE):]: str(o)[len(BASE):]
            for s, o in graph.subject_objects(ONCOKG.derivesPredicate)
            if str(s).startswith(BASE) and str(o).startswith(BASE)
        }
        return cls(
            classes=frozenset(local(OWL.Class)),
            object_properties=frozenset(local(OWL.ObjectProperty)),
            datatype_properties=datatype,
            entities=frozenset(entities),
            members={k: frozenset(v) for k, v in members.items()},
            derives=derives,
        )


def load_ontology(ontology_dir: Path) -> Graph:
    """The hand-edited ontology as an rdflib graph."""
    return parse_turtle(ontology_dir / ONTOLOGY_FILE)
