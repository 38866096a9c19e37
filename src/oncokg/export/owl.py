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
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from oncokg.export.built import Built
from oncokg.export.types import Output
from oncokg.vocab.rdf import INFERRED_GRAPH, MAPPINGS_GRAPH, ONCOKG, ONTOLOGY_GRAPH

OWL_GRAPHS = (ONTOLOGY_GRAPH, INFERRED_GRAPH, MAPPINGS_GRAPH)
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
DEFINITION = OBO.IAO_0000115
OBO_PROPERTIES = {  # declared with the label and definition their own ontologies (IAO, oboInOwl) give them
    DEFINITION: ("definition", "The official definition, explaining the meaning of a class or property."),
    OBOINOWL.hasExactSynonym: ("has_exact_synonym", "An alternative label that means exactly what the label means."),
    OBOINOWL.hasRelatedSynonym: ("has_related_synonym", "An alternative label related to the label in meaning."),
    OBOINOWL.hasBroadSynonym: ("has_broad_synonym", "An alternative label broader in meaning than the label."),
    OBOINOWL.hasNarrowSynonym: ("has_narrow_synonym", "An alternative label narrower in meaning than the label."),
    OBOINOWL.hasDbXref: ("database_cross_reference", "An identifier of the same entity, or of a source, elsewhere."),
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
        s, p, o = (graph.value(axiom, q) for q in (OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget))
        if s is None or p is None or o is None or (s, p, o) not in graph:
            graph.remove((axiom, None, None))


def _add_obo_annotations(built: Built, graph: Graph, declared: set) -> None:
    for prop, (label, meaning) in OBO_PROPERTIES.items():
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
        graph.add((prop, RDFS.label, Literal(label)))
        graph.add((prop, DEFINITION, Literal(meaning)))
    edited_sources = _definition_sources(graph)
    for entity, definition in list(graph.subject_objects(SKOS.definition)):
        graph.add((entity, DEFINITION, definition))
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
    _add_synonyms(graph)
    for entity, match in list(graph.subject_objects(SKOS.exactMatch)):
        if entity in declared:
            graph.add((entity, OBOINOWL.hasDbXref, Literal(built.curie(match))))


def _add_synonyms(graph: Graph) -> None:
    """Alternative labels as exact synonyms and brand names as related ones; an alternative label
    that is another entity's label is a related synonym (ROBOT's duplicate_label_synonym)."""
    labels = {str(label).casefold() for label in graph.objects(None, RDFS.label)}
    brand_names = set(graph.subject_objects(ONCOKG.brandName))
    for entity, name in list(graph.subject_objects(ONCOKG.brandName)):
        graph.add((entity, OBOINOWL.hasRelatedSynonym, name))
    for entity, name in list(graph.subject_objects(SKOS.altLabel)):
        if (entity, name) in brand_names:
            continue
        own = {str(label).casefold() for label in graph.objects(entity, RDFS.label)}
        clash = str(name).casefold() in labels - own
        graph.add((entity, OBOINOWL.hasRelatedSynonym if clash else OBOINOWL.hasExactSynonym, name))


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
