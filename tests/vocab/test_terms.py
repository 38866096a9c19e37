"""The IRIs the pathway rules depend on are the ontology's own: a rename there fails here."""

from rdflib import URIRef
from rdflib.namespace import RDF

from oncokg.curation.ontology import load_ontology
from oncokg.vocab.terms import TERMS


def test_every_rule_term_is_declared_in_the_ontology(project):
    ontology = load_ontology(project.ontology_dir)
    assert len(TERMS) >= 15
    missing = [name for name, iri in TERMS.items() if (URIRef(iri), RDF.type, None) not in ontology]
    assert not missing, f"not declared in ontology/oncokg.ttl: {missing}"
