"""The OWL export: the ontology with its inferences and mappings, in RDF/XML, for ontology editors (Protégé).

It holds what build/oncokg-reasoned.ttl holds (the ontology, the materialized inferences and the
mapping axioms), in the syntax every OWL tool reads.
"""

from pathlib import Path

from rdflib.namespace import OWL, RDF

from ..namespaces import INFERRED_GRAPH, MAPPINGS_GRAPH, ONTOLOGY_GRAPH
from .source import Built
from .types import Output

OWL_GRAPHS = (ONTOLOGY_GRAPH, INFERRED_GRAPH, MAPPINGS_GRAPH)


def owl_outputs(built: Built, stem: str) -> list[Output]:
    def write(path: Path) -> str:
        graph = built.union(OWL_GRAPHS)
        graph.serialize(path, format="xml", encoding="utf-8")
        classes = sum(1 for c in graph.subjects(RDF.type, OWL.Class) if built.in_oncokg_namespace(c))
        individuals = len(set(graph.subjects(RDF.type, OWL.NamedIndividual)))
        return f"{len(graph)} triples, {classes} classes, {individuals} named individuals"

    return [Output(f"{stem}.owl", write)]
