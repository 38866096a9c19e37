"""The OWL release: the ontology with its inferences and mappings in RDF/XML, with the annotations OBO tools read.

Releases are generated, never hand-edited (as in the ODK): the edit file's SKOS annotations become
``IAO:0000115`` definitions (with ``dcterms:source`` on the axiom where the edit file gives one, or
the evidence of the sentence in which a source defines the entity), ``oboInOwl`` synonyms and, from
the confident exact mappings, ``oboInOwl:hasDbXref`` CURIEs. Only what OWL tools can use is kept:
inferred triples about the ontology's own entities (not about evidence or n-ary nodes, which would
be unlabelled individuals here) and mapping axioms whose annotated triple is in the file.

owlready2 writes the RDF/XML, in the layout of the OWL API (``<owl:Ontology>`` first, typed
``<owl:Class>`` elements): rdflib's writer puts ``owl:versionIRI`` before ``rdf:type owl:Ontology``,
which py-horned-owl then drops, and pronto finds no ontology element in it.
"""

import io
from pathlib import Path

import owlready2
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from oncokg.export.built import Built
from oncokg.export.types import Output
from oncokg.vocab.rdf import INFERRED_GRAPH, MAPPINGS_GRAPH, ONCOKG, ONTOLOGY_GRAPH

OWL_GRAPHS = (ONTOLOGY_GRAPH, INFERRED_GRAPH, MAPPINGS_GRAPH)
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
DEFINITION = OBO.IAO_0000115
SYNONYMS = {SKOS.altLabel: OBOINOWL.hasExactSynonym, ONCOKG.brandName: OBOINOWL.hasRelatedSynonym}
OBO_PROPERTIES = {
    DEFINITION: "definition",
    OBOINOWL.hasExactSynonym: "has_exact_synonym",
    OBOINOWL.hasRelatedSynonym: "has_related_synonym",
    OBOINOWL.hasBroadSynonym: "has_broad_synonym",
    OBOINOWL.hasNarrowSynonym: "has_narrow_synonym",
    OBOINOWL.hasDbXref: "database_cross_reference",
}


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
        triple = tuple(graph.value(axiom, p) for p in (OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget))
        if triple not in graph:
            graph.remove((axiom, None, None))


def _add_obo_annotations(built: Built, graph: Graph, declared: set) -> None:
    for prop, label in OBO_PROPERTIES.items():
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
        graph.add((prop, RDFS.label, Literal(label)))
    sentences = _defining_sentences(built)
    edited_sources = _definition_sources(graph)
    for entity, definition in list(graph.subject_objects(SKOS.definition)):
        graph.add((entity, DEFINITION, definition))
        sources = edited_sources.get((entity, definition), set()) | sentences.get(entity, set())
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
                graph.add((axiom, DCTERMS.source, source))
    brand_names = set(graph.subject_objects(ONCOKG.brandName))
    for skos_property, obo_property in SYNONYMS.items():
        for entity, name in list(graph.subject_objects(skos_property)):
            if obo_property == SYNONYMS[SKOS.altLabel] and (entity, name) in brand_names:
                continue
            graph.add((entity, obo_property, name))
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


def _defining_sentences(built: Built) -> dict[URIRef, set]:
    """Entity -> the evidence (sentence) of each source statement that defines it (oncokg:description)."""
    sentences: dict[URIRef, set] = {}
    for evidence, _, _, _ in built.dataset.quads((None, RDF.predicate, ONCOKG.description, None)):
        for _, _, entity, _ in built.dataset.quads((evidence, RDF.subject, None, None)):
            sentences.setdefault(entity, set()).add(evidence)
    return sentences


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
