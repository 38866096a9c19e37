"""HermiT through owlready2: defined classes are inferred and materialized; failures say why."""

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF, RDFS

from helpers import (
    BIOMARKER_DEPENDENT,
    HER2,
    HER2_DIRECTED,
    IMATINIB,
    KIT,
    KIT_INHIBITOR,
    MOLECULAR_TARGET,
    PDGFRA_INHIBITOR,
    REGORAFENIB,
    SUNITINIB,
    TRASTUZUMAB,
)
from oncokg.errors import OncoKGError
from oncokg.pipeline.assemble import assemble, load_inputs
from oncokg.pipeline.hermit import run_hermit
from oncokg.vocab.rdf import INFERRED_GRAPH

EX = Namespace("https://w3id.org/oncokg/")


def _inferred(store, individual, cls) -> bool:
    query = f"ASK {{ GRAPH <{INFERRED_GRAPH}> {{ <{individual}> a <{cls}> }} }}"
    return bool(store.query(query))


@pytest.mark.parametrize("drug", [IMATINIB, SUNITINIB, REGORAFENIB])
def test_drugs_that_target_kit_are_inferred_kit_and_pdgfra_inhibitors(store, drug):
    assert _inferred(store, drug, KIT_INHIBITOR)
    assert _inferred(store, drug, PDGFRA_INHIBITOR)


def test_trastuzumab_is_inferred_her2_directed_and_biomarker_dependent(store):
    assert _inferred(store, TRASTUZUMAB, HER2_DIRECTED)
    assert _inferred(store, TRASTUZUMAB, BIOMARKER_DEPENDENT)
    assert not _inferred(store, IMATINIB, HER2_DIRECTED)


def test_targeted_proteins_are_inferred_molecular_targets(store):
    assert _inferred(store, KIT, MOLECULAR_TARGET)
    assert _inferred(store, HER2, MOLECULAR_TARGET)


def test_the_manifest_reports_hermit_and_its_time(built):
    reasoner = built.manifest["reasoner"]
    assert reasoner["consistent"] is True
    assert 0 < reasoner["seconds"] < 300
    assert reasoner["inferred_types"] > 0


def _tiny_ontology() -> Graph:
    g = Graph()
    for cls in (EX.A, EX.B):
        g.add((cls, RDF.type, OWL.Class))
    g.add((EX.A, OWL.disjointWith, EX.B))
    g.add((EX.x, RDF.type, OWL.NamedIndividual))
    g.add((EX.x, RDF.type, EX.A))
    return g


def test_an_inconsistent_ontology_is_reported_with_the_clash():
    g = _tiny_ontology()
    g.add((EX.x, RDF.type, EX.B))
    result = run_hermit(g, timeout=120)
    assert not result.consistent
    assert "clash" in result.message and "disjoint" in result.message.lower()
    assert "JDK_JAVA_OPTIONS" not in result.message, "the JVM options for HermiT reach Pellet's explanation"


def test_an_unsatisfiable_class_is_named():
    g = _tiny_ontology()
    g.add((EX.C, RDF.type, OWL.Class))
    g.add((EX.C, RDFS.subClassOf, EX.A))
    g.add((EX.C, RDFS.subClassOf, EX.B))
    result = run_hermit(g, timeout=120)
    assert result.consistent
    assert str(EX.C) in result.unsatisfiable


def test_a_consistent_input_is_consistent():
    result = run_hermit(_tiny_ontology(), timeout=120)
    assert result.consistent and result.unsatisfiable == []


def test_the_time_limit_stops_hermit():
    with pytest.raises(OncoKGError, match="time limit of 0.05 s"):
        run_hermit(_tiny_ontology(), timeout=0.05)


def test_missing_java_is_said_plainly(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(OncoKGError, match="Java not found"):
        run_hermit(_tiny_ontology())


@pytest.mark.slow  # a full HermiT run (the tiny ontology's clash above is not)
def test_an_inconsistent_fact_stops_assembly_with_the_clash(scratch):
    path = scratch.facts_dir / "acs-gist-targeted.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('["imatinib", "targets", "KIT"]', '["imatinib", "targets", "gist"]', 1), encoding="utf-8"
    )
    assembled = assemble(load_inputs(scratch), timeout=120)
    assert not assembled.hermit.consistent
    assert "gist" in assembled.hermit.message
