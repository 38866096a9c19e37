"""From fact file to triple to SPARQL answer, for every document."""

import pyoxigraph
import pytest

from oncokg.curation.fact_rdf import FactGraphs
from oncokg.pipeline.assemble import load_inputs
from oncokg.vocab.rdf import BASE, SOURCE, source_graph

_FACT_QUERY = f"""
PREFIX oncokg: <{BASE}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
ASK {{
  GRAPH ?graph {{
    ?s ?p ?o .
    ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
       prov:wasDerivedFrom ?source ; oncokg:quote ?quote ; oncokg:curationId ?id .
  }}
}}"""


def test_every_object_triple_fact_is_answered_with_its_source_and_quote(project, store):
    """Each curated object-property triple is in its source's named graph, with its evidence."""
    inputs = load_inputs(project)
    graphs = FactGraphs(inputs.vocab, inputs.facts, inputs.sources)
    checked, missing = 0, []
    for fact in inputs.facts.facts:
        for s, p, o in fact.triples:
            if p not in inputs.vocab.object_properties:
                continue
            bindings = {
                "graph": pyoxigraph.NamedNode(str(source_graph(fact.source))),
                "source": pyoxigraph.NamedNode(str(SOURCE[fact.source])),
                "s": pyoxigraph.NamedNode(str(graphs.term(s))),
                "p": pyoxigraph.NamedNode(BASE + p),
                "o": pyoxigraph.NamedNode(str(graphs.term(o))),
                "quote": pyoxigraph.Literal(fact.quotes[0].text),
                "id": pyoxigraph.Literal(fact.id),
            }
            checked += 1
            if not store.query(_FACT_QUERY, substitutions={pyoxigraph.Variable(k): v for k, v in bindings.items()}):
                missing.append(fact.id)
    assert checked > 200
    assert missing == []


def _ask(store, body: str) -> bool:
    prefixes = f"""PREFIX oncokg: <{BASE}>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    PREFIX source: <{BASE}source/>
    """
    return bool(store.query(prefixes + "ASK { " + body + " }"))


@pytest.mark.parametrize(
    "document, body",
    [
        (
            "stomach-recurrent",
            "?s oncokg:aboutTreatment oncokg:trastuzumab ; oncokg:hasCondition oncokg:HER2_positive ; "
            "oncokg:inDiseaseState oncokg:metastatic ; oncokg:hasEvidence/prov:wasDerivedFrom source:stomach-recurrent .",
        ),
        (
            "stomach-recurrent",
            "?s oncokg:aboutTreatment oncokg:nutritional_support ; oncokg:hasOutcome oncokg:long_term_survival ; "
            "oncokg:outcomeStatus oncokg:no_benefit_shown ; oncokg:certainty oncokg:unclear ; "
            "oncokg:forDisease oncokg:gastric_cancer ; oncokg:hasEvidence/prov:wasDerivedFrom source:stomach-recurrent .",
        ),
        (
            "refractory-overview",
            "?e rdf:subject oncokg:lung_cancer ; rdf:predicate oncokg:canBecome ; "
            "rdf:object oncokg:refractory ; prov:wasDerivedFrom source:refractory-overview .",
        ),
        (
            "stomach-targeted-immuno",
            "?e rdf:subject oncokg:HER2_positive ; rdf:predicate oncokg:statusFoundIn ; "
            "rdf:object oncokg:gastric_cancer ; oncokg:lowerPercent 10.0 ; oncokg:upperPercent 15.0 .",
        ),
        (
            "stomach-targeted-immuno",
            "?e rdf:subject oncokg:trastuzumab ; rdf:predicate oncokg:hasSchedule ; "
            "rdf:object oncokg:every_3_weeks ; oncokg:sourceDate ?date .",
        ),
        (
            "refractory-what-is",
            "?step oncokg:stepOf ?p ; oncokg:recommends oncokg:compassionate_use . "
            "?p oncokg:forDisease oncokg:cancer_in_general ; oncokg:inDiseaseState oncokg:refractory .",
        ),
        (
            "acs-gist",
            "?s oncokg:aboutTreatment oncokg:regorafenib ; oncokg:hasOutcome oncokg:longer_survival ; "
            "oncokg:outcomeStatus oncokg:benefit_unproven ; oncokg:certainty oncokg:unclear .",
        ),
        (
            "acs-gist",
            "?e rdf:subject oncokg:imatinib ; rdf:predicate oncokg:hasAdverseEffect ; "
            "rdf:object oncokg:fluid_in_lungs ; oncokg:frequency oncokg:rare .",
        ),
        (
            "acs-gist",
            "?e rdf:subject oncokg:embolization ; rdf:predicate oncokg:cautionIn ; rdf:object ?liver . "
            "VALUES ?liver { oncokg:cirrhosis oncokg:liver_damage oncokg:hepatitis }",
        ),
    ],
)
def test_facts_drawn_from_each_document_answer_in_sparql(store, document, body):
    assert _ask(store, body), document


def test_prostate_cancer_is_no_entity_because_it_appears_only_in_a_reader_comment(store):
    assert not _ask(store, "{ oncokg:prostate_cancer ?p ?o } UNION { ?s ?p oncokg:prostate_cancer }")


def test_every_fact_carries_its_sources_review_date_where_the_source_has_one(store):
    assert not _ask(
        store,
        "?e a oncokg:Evidence ; prov:wasDerivedFrom ?s . ?s oncokg:reviewDate ?d . "
        "FILTER NOT EXISTS { ?e oncokg:sourceDate ?d }",
    )
