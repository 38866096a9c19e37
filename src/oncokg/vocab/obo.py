"""The OBO annotations of the ontology: the one rule that turns the edit file's SKOS into what OBO tools read.

OBO tools (OAK, pronto, ROBOT) look for ``IAO:0000115`` definitions and ``oboInOwl`` synonyms, not
``skos:definition``/``skos:altLabel``. The OWL release (export/owl.py) and the build's OBO graph, which
the endpoint serves, both take them from here, so a tool finds the same definitions and synonyms in the
file and over SPARQL: alternative labels become exact synonyms, but related where the name is another
entity's label (no label is another entity's exact synonym: ROBOT's duplicate_label_synonym), and brand
names related synonyms.
"""

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from oncokg.vocab import SPARQL_PREFIXES
from oncokg.vocab.rdf import ONCOKG

OBO = Namespace(SPARQL_PREFIXES["obo"])
OBOINOWL = Namespace(SPARQL_PREFIXES["oboInOwl"])
DEFINITION = OBO.IAO_0000115
OBO_PROPERTIES = {  # declared with the label and definition their own ontologies (IAO, oboInOwl) give them
    DEFINITION: ("definition", "The official definition, explaining the meaning of a class or property."),
    OBOINOWL.hasExactSynonym: ("has_exact_synonym", "An alternative label that means exactly what the label means."),
    OBOINOWL.hasRelatedSynonym: ("has_related_synonym", "An alternative label related to the label in meaning."),
    OBOINOWL.hasBroadSynonym: ("has_broad_synonym", "An alternative label broader in meaning than the label."),
    OBOINOWL.hasNarrowSynonym: ("has_narrow_synonym", "An alternative label narrower in meaning than the label."),
    OBOINOWL.hasDbXref: ("database_cross_reference", "An identifier of the same entity, or of a source, elsewhere."),
}
SYNONYMS = (OBOINOWL.hasExactSynonym, OBOINOWL.hasRelatedSynonym)


def obo_annotations(graph: Graph) -> Graph:
    """The annotation properties declared, and an ``IAO:0000115`` for each ``skos:definition`` and an
    ``oboInOwl`` synonym for each alternative label and brand name of the graph."""
    obo = Graph()
    for prop, (label, meaning) in OBO_PROPERTIES.items():
        obo.add((prop, RDF.type, OWL.AnnotationProperty))
        obo.add((prop, RDFS.label, Literal(label)))
        obo.add((prop, DEFINITION, Literal(meaning)))
    for entity, definition in graph.subject_objects(SKOS.definition):
        obo.add((entity, DEFINITION, definition))
    labels = {str(label).casefold() for label in graph.objects(None, RDFS.label)}
    brand_names = set(graph.subject_objects(ONCOKG.brandName))
    for entity, name in brand_names:
        obo.add((entity, OBOINOWL.hasRelatedSynonym, name))
    for entity, name in graph.subject_objects(SKOS.altLabel):
        if (entity, name) in brand_names:
            continue
        own = {str(label).casefold() for label in graph.objects(entity, RDFS.label)}
        clash = str(name).casefold() in labels - own
        obo.add((entity, OBOINOWL.hasRelatedSynonym if clash else OBOINOWL.hasExactSynonym, name))
    return obo
