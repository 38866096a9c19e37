"""The OWL release: the ontology with its inferences and mappings in RDF/XML, with the annotations OBO tools read.

Releases are generated, never hand-edited (as in the ODK): the edit file's SKOS annotations become
``IAO:0000115`` definitions, cited the OBO way (``oboInOwl:hasDbXref`` on the definition's axiom,
naming the source document the edit file gives for the entity or the definition: where the text
comes from, not every sentence that mentions the entity), ``oboInOwl`` synonyms (exact, but related
where the name is another entity's label, so that no label is another entity's exact synonym) and,
from the confident exact mappings, ``oboInOwl:hasDbXref`` CURIEs. Only what OWL tools can use is kept:
inferred triples about the ontology's own entities (not about evidence or n-ary nodes, which would
be unlabelled individuals here) and mapping axioms whose annotated triple is in the file.

owlready2 writes the RDF/XML, in the layout of the OWL API (``<owl:Ontology>`` first, typed
``<owl:Class>`` elements): rdflib's writer puts ``owl:versionIRI`` before ``rdf:type owl:Ontology``,
which py-horned-owl then drops, and pronto finds no ontology element in it.
"""

import io
from pathlib import Path

import owlready2
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from oncokg.export.built import Built
from oncokg.export.types import Output
from oncokg.vocab.obo import DEFINITION, OBO, OBOINOWL, obo_annotations
from oncokg.vocab.rdf import INFERRED_GRAPH, MAPPINGS_GRAPH, ONTOLOGY_GRAPH

OWL_GRAPHS = (ONTOLOGY_GRAPH, INFERRED_GRAPH, MAPPINGS_GRAPH)


def release_graph(built: Built) -> Graph:
    """The ontology, its inferences about its own entities and its mappings, with OBO annotations added."""
    ontology = built.dataset.graph(ONTOLOGY_GRAPH)
    declared = set(ontology.subjects(RDF.type, None))
    graph = built.union((ONTOLOGY_GRAPH, MAPPINGS_GRAPH))
    for s, p, o in built.dataset.graph(INFERRED_GRAPH):
        if s in declared and (not isinstance(o, URIRef) or p == RDF.type or o in declared):
            graph.add((s, p, o))
    graph.bind("obo", str(OBO))
    graph.bind("oboInOwl", str(OBOINOWL))
    _drop_axioms_without_their_triple(graph)
    _add_obo_annotations(built, graph, declared)
    return graph


def _drop_axioms_without_their_triple(graph: Graph) -> None:
    for axiom in list(graph.subjects(RDF.type, OWL.Axiom)):
        s, p, o = (graph.value(axiom, q) for q in (OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget))
        if s is None or p is None or o is None or (s, p, o) not in graph:
            graph.remove((axiom, None, None))


def _add_obo_annotations(built: Built, graph: Graph, declared: set) -> None:
    """The OBO annotations (vocab.obo), each definition's sources on its axiom, and the confident exact
    mappings as ``oboInOwl:hasDbXref`` CURIEs."""
    edited_sources = _definition_sources(graph)
    graph += obo_annotations(graph)
    for entity, definition in list(graph.subject_objects(SKOS.definition)):
        sources = edited_sources.get((entity, definition), set()) | set(graph.objects(entity, DCTERMS.source))
        if sources:
            axiom = BNode()
            for triple in (
                (RDF.type, OWL.Axiom),
                (OWL.annotatedSource, entity),
                (OWL.annotatedProperty, DEFINITION),
                (OWL.annotatedTarget, definition),
            ):
                graph.add((axiom, *triple))
            for source in sources:
                graph.add((axiom, OBOINOWL.hasDbXref, Literal(str(source))))
    for entity, match in list(graph.subject_objects(SKOS.exactMatch)):
        if entity in declared:
            graph.add((entity, OBOINOWL.hasDbXref, Literal(built.curie(match))))


def _definition_sources(graph: Graph) -> dict[tuple, set]:
    """dcterms:source of the edit file's annotated skos:definition axioms."""
    sources: dict[tuple, set] = {}
    for axiom in graph.subjects(OWL.annotatedProperty, SKOS.definition):
        key = (graph.value(axiom, OWL.annotatedSource), graph.value(axiom, OWL.annotatedTarget))
        sources.setdefault(key, set()).update(graph.objects(axiom, DCTERMS.source))
    return sources


def write_rdfxml(graph: Graph, path: Path) -> None:
    """The graph as RDF/XML in the OWL API's layout, through an isolated owlready2 world."""
    iri = next(graph.subjects(RDF.type, OWL.Ontology))
    world = owlready2.World()
    ontology = world.get_ontology(str(iri))
    ontology.load(fileobj=io.BytesIO(graph.serialize(format="nt", encoding="utf-8")), format="ntriples")
    ontology.save(str(path), format="rdfxml")
    world.close()


def owl_outputs(built: Built, stem: str) -> list[Output]:
    def write(path: Path) -> str:
        graph = release_graph(built)
        write_rdfxml(graph, path)
        classes = sum(1 for c in graph.subjects(RDF.type, OWL.Class) if built.in_oncokg_namespace(c))
        individuals = len(set(graph.subjects(RDF.type, OWL.NamedIndividual)))
        return f"{len(graph)} triples, {classes} classes, {individuals} named individuals"

    return [Output(f"{stem}.owl", write)]
