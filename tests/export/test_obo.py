"""The OBO view, read back by the OBO tools themselves: pronto (which OAK's pronto adapter uses) finds the
entities as terms under their classes, with definitions citing their sources, synonyms and xrefs;
fastobo parses it as OBO 1.4."""

import fastobo
import pronto
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from helpers import IMATINIB
from oncokg.vocab.rdf import BASE

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("export")]  # every export of the real build


@pytest.fixture(scope="module")
def obo_file(exports):
    (written,) = exports("obo").files
    return written.path


@pytest.fixture(scope="module")
def ontology(obo_file) -> pronto.Ontology:
    return pronto.Ontology(str(obo_file))


def test_pronto_finds_the_entities_as_terms_under_their_classes(ontology):
    imatinib = ontology["oncokg:imatinib"]
    assert imatinib.name == "imatinib"
    parents = {t.id for t in imatinib.superclasses(distance=1, with_self=False)}
    assert parents >= {"oncokg:KITInhibitor", "oncokg:PDGFRAInhibitor"}, "the reasoner's types too"
    assert "oncokg:Drug" in {t.id for t in imatinib.superclasses()}
    assert {x.id for x in imatinib.xrefs} >= {"CHEBI:45783", "NCIT:C62035"}
    assert {s.description for s in imatinib.synonyms if s.scope == "RELATED"} == {"Gleevec"}
    assert [t.id for t in ontology.terms() if t.name == "imatinib"] == ["oncokg:imatinib"]


def test_definitions_cite_their_source_documents(ontology):
    kit = ontology["oncokg:KIT"].definition
    assert kit is not None and {x.id for x in kit.xrefs} == {BASE + "source/acs-gist"}


def test_every_class_and_entity_of_the_release_is_a_term(ontology, exports):
    release = Graph().parse(exports("owl").files[0].path, format="xml")
    own = {
        s
        for kind in (OWL.Class, OWL.NamedIndividual)
        for s in release.subjects(RDF.type, kind)
        if str(s).startswith(BASE)
    }
    assert {t.id for t in ontology.terms()} == {"oncokg:" + str(s)[len(BASE) :] for s in own}
    assert ontology[f"oncokg:{IMATINIB[len(BASE) :]}"].name == "imatinib"


def test_fastobo_reads_it_as_obo_1_4(obo_file):
    document = fastobo.load(str(obo_file))
    assert len(document) > 300
