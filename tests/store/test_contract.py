"""One behavioural contract for every engine (embedded store, oxigraph server, Virtuoso), beyond the
catalogue: ad-hoc SPARQL, value types, errors, time limits and the pathway projection.

The `kg` fixture (conftest.py) is parametrised over the three engines; each test compares with the
embedded store or states what every engine must do.
"""

import datetime

import pytest
from rdflib import URIRef

from helpers import IMATINIB, SOURCE_IDS
from oncokg.errors import OncoKGError
from oncokg.pathway import TreatmentPathways
from oncokg.pathway.render import answer_to_dict
from oncokg.query.client import OncoKG
from oncokg.store.results import Result

# One worker runs this module: the servers (the `kg` fixture's oxigraph and Virtuoso) start once, not once per worker.
pytestmark = pytest.mark.xdist_group("engines")


def test_ad_hoc_select_with_the_declared_prefixes(kg, kg_embedded):
    text = "SELECT ?label WHERE { oncokg:imatinib oncokg:targets ?t . ?t rdfs:label ?label } ORDER BY ?label"
    answer = kg.sparql(text)
    assert isinstance(answer, Result)
    assert [r["label"] for r in answer.records()] == [r["label"] for r in kg_embedded.sparql(text).records()]
    assert [r["label"] for r in answer.records()] == ["KIT", "PDGFRA"]


def test_ask_is_a_boolean(kg):
    assert kg.sparql("ASK { oncokg:imatinib oncokg:targets oncokg:KIT }") is True
    assert kg.sparql("ASK { oncokg:imatinib oncokg:targets oncokg:HER2 }") is False


def test_construct_is_rdf_the_same_on_every_engine(kg, kg_embedded):
    import rdflib

    text = "CONSTRUCT { oncokg:imatinib oncokg:targets ?t } WHERE { oncokg:imatinib oncokg:targets ?t }"
    mine, theirs = rdflib.Graph(), rdflib.Graph()
    mine.parse(data=kg_embedded.sparql(text), format="turtle")
    theirs.parse(data=kg.sparql(text), format="turtle")
    assert set(theirs) == set(mine) and len(mine) == 2


def test_values_are_typed_alike(kg):
    text = """SELECT ?source ?date ?n ?title WHERE {
      { SELECT (COUNT(*) AS ?n) WHERE { ?d a oncokg:SourceDocument } }
      ?source a oncokg:SourceDocument ; oncokg:reviewDate ?date ; dcterms:title ?title
    } ORDER BY ?source"""
    result = kg.sparql(text)
    records = result.records()
    assert records and all(r["n"] == len(SOURCE_IDS) and type(r["n"]) is int for r in records)
    first = result.rows[0]
    assert first["source"].kind == "iri" and first["title"].kind == "literal"
    assert first["date"].datatype == "http://www.w3.org/2001/XMLSchema#date"
    assert all(type(r["date"]) is datetime.date and type(r["source"]) is URIRef for r in records), "rdflib's values"
    assert [str(r["date"]) for r in records] == [r["date"] for r in result.json_records()], "JSON keeps ISO 8601"
    assert all(len(r["date"]) == 10 and r["date"][4] == "-" for r in result.json_records())


def test_a_language_tag_survives(kg):
    rows = kg.sparql("SELECT ?label WHERE { oncokg:Drug rdfs:label ?label }").rows
    assert [(r["label"].value, r["label"].language) for r in rows] == [("drug", "en")]


def test_catalogue_rows_keep_their_label_columns(kg, kg_embedded):
    mine = kg_embedded.query("drug-targets", drug="Gleevec")
    theirs = kg.query("drug-targets", drug="Gleevec")
    assert theirs.variables == mine.variables and "targetLabel" in theirs.variables
    assert {r["drug"].value for r in theirs.rows} == {IMATINIB}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("SELECT * WHERE { ?s ?p }", "SPARQL"),
        ("SELECT * WHERE { ?s undeclared:p ?o }", "undeclared"),
        ("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }", "update"),
        ("", "empty"),
    ],
)
def test_bad_sparql_is_one_line_on_every_engine(kg, text, fragment):
    with pytest.raises(OncoKGError) as caught:
        kg.sparql(text)
    message = str(caught.value)
    assert "\n" not in message and fragment.casefold() in message.casefold(), message


def test_an_unknown_name_is_refused_before_any_engine_sees_it(kg):
    with pytest.raises(OncoKGError, match="(?i)unknown drug 'Gleevek'.*gleevec"):
        kg.query("drug-targets", drug="Gleevek")


def test_a_query_over_its_time_limit_is_stopped_on_every_engine(kg, built_project):
    """The backend says how to open it again (`selector`), so the test needs no knowledge of its class."""
    slow = OncoKG.open(kg.backend.selector, built_project.root, timeout=0.01)
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?x . ?b rdfs:label ?y }"
    with pytest.raises(OncoKGError, match=r"0\.01 s"):
        slow.sparql(heavy)


def test_the_pathway_projection_is_the_same_on_every_engine(kg, kg_embedded):
    mine = TreatmentPathways(kg_embedded.backend, kg_embedded.resolver)
    theirs = TreatmentPathways(kg.backend, kg.resolver)
    for iri, step in mine.graph.steps.items():
        assert theirs.graph.steps[iri] == step, iri
    assert theirs.graph.transitions == mine.graph.transitions
    patient = {
        "cancer": "GIST",
        "setting": "unresectable",
        "history": [{"treatment": "Gleevec", "outcome": "progression"}],
    }
    assert answer_to_dict(theirs.answer(patient), theirs.graph) == answer_to_dict(mine.answer(patient), mine.graph)


def test_the_graph_statistics_are_the_same_on_every_engine(kg, kg_embedded):
    from oncokg.pipeline.stats import graph_stats

    theirs, mine = graph_stats(kg.backend), graph_stats(kg_embedded.backend)
    assert theirs == mine and mine["quads"] > 0 and set(mine["facts_per_source"]) == set(SOURCE_IDS)
