"""The OBO view: the ontology's classes and its entities as OBO terms, written by pronto (OBO 1.4).

OBO tools (pronto, OAK's pronto adapter, fastobo, obographs) are class-centric: in the OWL release
the entities are named individuals, which they do not see. Here each entity is a term under its
most specific OncoKG classes (`is_a`), with the release's annotations: name, definition with its
source as the definition's xref, exact and related synonyms, and database cross-references. The
facts between entities stay in the RDF and OWL exports.
"""

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from oncokg.export.built import Built
from oncokg.export.owl import release_graph
from oncokg.export.types import Output
from oncokg.vocab.obo import DEFINITION, OBOINOWL
from oncokg.vocab.rdf import BASE

SCOPES = {OBOINOWL.hasExactSynonym: "EXACT", OBOINOWL.hasRelatedSynonym: "RELATED"}


def _terms(graph: Graph) -> tuple[list[URIRef], list[URIRef]]:
    """The project's classes and its entities (named individuals), in IRI order."""

    def own(kind: URIRef) -> list[URIRef]:
        found = {s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(BASE)}
        return sorted(found, key=str)

    return own(OWL.Class), own(OWL.NamedIndividual)


def _parents(graph: Graph, term: Node, classes: set[URIRef]) -> set[Node]:
    """The term's direct OncoKG superclasses (a class) or most specific OncoKG classes (an entity)."""
    if (term, RDF.type, OWL.Class) in graph:
        return {c for c in graph.objects(term, RDFS.subClassOf) if c in classes}
    types: set[Node] = {c for c in graph.objects(term, RDF.type) if c in classes}
    implied = {a for t in types for a in graph.transitive_objects(t, RDFS.subClassOf) if a != t}
    return types - implied


def obo_document(built: Built) -> str:
    """The OBO text of the release's classes and entities."""
    import pronto
    from pronto import Definition, Xref

    graph = release_graph(built)
    classes, entities = _terms(graph)
    ontology = pronto.Ontology()
    ontology.metadata.ontology = "oncokg"
    ontology.metadata.idspaces["oncokg"] = (BASE, None)
    terms: dict[Node, pronto.Term] = {iri: ontology.create_term(built.curie(iri)) for iri in [*classes, *entities]}
    for iri, term in terms.items():
        term.name = str(graph.value(iri, RDFS.label) or "")
        definition = graph.value(iri, DEFINITION)
        if definition is not None:
            sources = {
                str(x)
                for axiom in graph.subjects(RDF.type, OWL.Axiom)
                if (axiom, OWL.annotatedSource, iri) in graph and (axiom, OWL.annotatedProperty, DEFINITION) in graph
                for x in graph.objects(axiom, OBOINOWL.hasDbXref)
            }
            term.definition = Definition(str(definition), xrefs={Xref(s) for s in sources})
        for prop, scope in SCOPES.items():
            for name in sorted(str(n) for n in graph.objects(iri, prop)):
                term.add_synonym(name, scope=scope)
        term.xrefs = frozenset(Xref(str(x)) for x in graph.objects(iri, OBOINOWL.hasDbXref))
        for parent in sorted(_parents(graph, iri, set(classes)), key=str):
            term.superclasses(distance=1).add(terms[parent])
    return ontology.dumps("obo")


def obo_outputs(built: Built, stem: str) -> list[Output]:
    def write(path: Path) -> str:
        text = obo_document(built)
        path.write_text(text, encoding="utf-8")
        return f"{text.count('[Term]')} terms"

    return [Output(f"{stem}.obo", write)]
