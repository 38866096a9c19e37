"""Scope carried by the data: a document's or section's disease and state reach the statements made in it.

Recorded once in data/sources/sources.yaml; the build adds each inherited value to the statement node
with a record (oncokg:ScopeInheritance) naming the scope, whose evidence quotes the words that set it.
"""

import pytest
from tests.curation.test_statements import ask, rows

from oncokg.curation.sources import load_sources
from oncokg.errors import OncoKGError
from oncokg.pipeline.assemble import load_inputs


def test_a_statement_without_a_state_inherits_its_documents_state_with_the_scope_named(store):
    # "Other medications and treatments can address symptoms like loss of appetite ..." in "What is Refractory Cancer?"
    assert ask(
        store,
        "node:rw-symptom-treatments-findings oncokg:inDiseaseState oncokg:refractory ; oncokg:inheritsScope ?scope . "
        "?r a oncokg:ScopeInheritance ; rdf:subject node:rw-symptom-treatments-findings ; "
        "rdf:predicate oncokg:inDiseaseState ; rdf:object oncokg:refractory ; oncokg:fromScope ?scope . "
        "?scope oncokg:hasEvidence/oncokg:quote 'What is Refractory Cancer?'",
    )


def test_a_section_gives_its_state_and_the_document_its_disease(store):
    # "Other options to treat cancers that have spread to the liver include ablation and embolization", in the
    # section on tumours that are not removable or have spread: its states, and GIST from the document
    found = rows(
        store,
        """SELECT ?value ?scope WHERE {
      ?r a oncokg:ScopeInheritance ; rdf:subject node:gs-ablation-embolization-liver-mets-use-ablation ;
         rdf:object ?value ; oncokg:fromScope ?scope .
    }""",
    )
    assert {(v.rsplit("/", 1)[-1], s.rsplit("/", 1)[-1]) for v, s in found} == {
        ("unresectable", "scope-acs-gist-unresectable"),
        ("metastatic", "scope-acs-gist-unresectable"),
    }
    assert ask(store, "node:scope-acs-gist-unresectable oncokg:forDisease oncokg:gist ; oncokg:scopeStart 26975")


def test_a_statement_that_names_its_own_state_keeps_it(store):
    # "Chemotherapy can help patients with advanced stomach cancer ...": the document is about recurrent or
    # refractory stomach cancer, but the sentence says advanced
    assert ask(store, "node:sr-chemotherapy-advanced-benefits-use oncokg:inDiseaseState oncokg:advanced")
    assert not ask(store, "node:sr-chemotherapy-advanced-benefits-use oncokg:inDiseaseState oncokg:recurrent")
    assert ask(store, "node:sr-prepare-before-surgery oncokg:inDiseaseState oncokg:recurrent")


def test_a_pathway_step_takes_its_pathways_scope_not_the_sections(store):
    assert not ask(store, "?step a oncokg:TreatmentStep ; oncokg:inheritsScope ?scope")


def test_own_scope_keeps_a_statement_out_of_its_section(scratch):
    path = scratch.facts_dir / "refractory-what-is.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: rw-symptom-treatments-findings\n"
    path.write_text(text.replace(anchor, anchor + '    own_scope: "a test"\n'), encoding="utf-8")
    inputs = load_inputs(scratch)
    from oncokg.curation.facts import inherited

    fact = next(f for f in inputs.facts.facts if f.id == "rw-symptom-treatments-findings")
    assert inherited(fact, inputs.sources[fact.source]) == (None, {})


@pytest.mark.parametrize(
    "edit, message",
    [
        ("title: Recurrent tumors\n", "is not its title"),
        ("inDiseaseState: recurrent\n", "unknown to the ontology"),
    ],
)
def test_a_section_whose_heading_or_state_is_wrong_stops_the_load(scratch, edit, message):
    path = scratch.sources_dir / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    wrong = edit.replace("Recurrent tumors", "Recurring tumours").replace("recurrent\n", "recurrrent\n")
    assert edit in text
    path.write_text(text.replace(edit, wrong, 1), encoding="utf-8")
    with pytest.raises(OncoKGError, match=message):
        load_inputs(scratch)


def test_the_sections_are_read_with_their_ranges(project):
    gist = load_sources(project.sources_dir)["acs-gist"]
    recurrent = gist.scope_at(30000)
    assert recurrent is not None and recurrent.values == {"forDisease": ("gist",), "inDiseaseState": ("recurrent",)}
    assert gist.scope_at(100) == gist.scope


@pytest.mark.slow  # assembles the whole graph
def test_a_scope_of_two_diseases_gives_a_statement_both(scratch):
    """A page about two cancers ("advanced stomach cancer and GIST") scopes its statements to both: the
    node takes each disease, and its derived use names each, not one term made of the pair."""
    from oncokg.pipeline.assemble import assemble
    from oncokg.vocab.rdf import NODE, ONCOKG

    sources = scratch.sources_dir / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    scope = "      forDisease: cancer_in_general\n      inDiseaseState: refractory\n"
    assert scope in text
    sources.write_text(text.replace(scope, scope.replace("cancer_in_general", "[cancer_in_general, gist]")))
    facts = scratch.facts_dir / "refractory-what-is.yaml"
    own = "      aboutTreatment: supportive_care\n      forDisease: cancer_in_general\n"
    assert own in facts.read_text(encoding="utf-8")
    facts.write_text(facts.read_text(encoding="utf-8").replace(own, "      aboutTreatment: supportive_care\n"))
    built = assemble(load_inputs(scratch))
    assert built.report.ok, built.report.violations[:1]
    both = {ONCOKG.cancer_in_general, ONCOKG.gist}
    quads = built.dataset.quads
    assert {o for _, _, o, _ in quads((NODE["rw-symptom-treatments-findings"], ONCOKG.forDisease, None, None))} == both
    assert both <= {o for _, _, o, _ in quads((ONCOKG.supportive_care, None, None, None))}
