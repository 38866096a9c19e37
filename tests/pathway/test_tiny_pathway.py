"""The projection and the traversal rules on a tiny hand-made pathway (tests/fixtures/pathway/tiny.trig):
each rule checked on a graph small enough to read, with no build."""

import pyoxigraph
import pytest

from helpers import FIXTURES
from oncokg.pathway.patient import HistoryEntry, Patient
from oncokg.pathway.projection import project_graph
from oncokg.pathway.rules import Reasoner
from oncokg.store.embedded import EmbeddedBackend
from oncokg.vocab.rdf import BASE, NODE

CANCER, STATE, PROGRESSION = BASE + "tiny_cancer", BASE + "unresectable", BASE + "progression"


@pytest.fixture(scope="module")
def graph():
    store = pyoxigraph.Store()
    store.load(path=str(FIXTURES / "pathway" / "tiny.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return project_graph(EmbeddedBackend(store))


def treatments(answer) -> list[str]:
    return [o.step.treatment[len(BASE) :] for o in answer.options]


def test_the_projection_reads_steps_transitions_statements_and_evidence(graph):
    assert set(graph.steps) == {NODE + "first", NODE + "second"}
    pathway = graph.pathways[NODE + "pathway"]
    assert pathway.entries == (NODE + "first",) and pathway.sources == ("tiny",)
    [transition] = graph.transitions.values()
    assert (transition.source, transition.target, transition.triggers) == (
        NODE + "first",
        NODE + "second",
        frozenset({PROGRESSION}),
    )
    assert graph.steps[NODE + "second"].evidence[0].quote == "If drug A stops working, drug B may help."
    assert graph.steps[NODE + "second"].certainty == "hedged"
    assert set(graph.usage) == {NODE + "care"} and graph.label(BASE + "drug_a") == "drug A"
    assert graph.broader[BASE + "drug_a"] == frozenset({BASE + "pill_therapy"})


def test_the_entry_step_first_then_the_other_source_s_statement(graph):
    answer = Reasoner(graph).answer(Patient(CANCER, STATE))
    assert treatments(answer) == ["drug_a", "supportive_care"]
    assert [o.rank for o in answer.options] == [1, 2]  # the patient's own pathway before other sources
    assert answer.options[1].step.sources == ("other",)


def test_progression_fires_the_next_step_and_rules_out_what_failed(graph):
    answer = Reasoner(graph).answer(Patient(CANCER, STATE, history=(HistoryEntry(BASE + "drug_a", PROGRESSION),)))
    assert treatments(answer)[0] == "drug_b"
    assert answer.options[0].firings[0].transition.iri == NODE + "on_progression"
    [tried] = [e for e in answer.excluded if e.kind == "already tried"]
    assert tried.treatment == BASE + "drug_a" and "history 1" in tried.reason


def test_a_broader_treatment_in_the_history_is_read_as_the_step_the_patient_is_on(graph):
    on_it = (HistoryEntry(BASE + "drug_a", BASE + "response"), HistoryEntry(BASE + "pill_therapy", PROGRESSION))
    answer = Reasoner(graph).answer(Patient(CANCER, STATE, history=on_it))
    assert treatments(answer)[0] == "drug_b"
    assert any("read as drug A" in note for note in answer.notes)


def test_the_last_step_failing_has_no_next_step_and_says_so(graph):
    history = (HistoryEntry(BASE + "drug_a", PROGRESSION), HistoryEntry(BASE + "drug_b", PROGRESSION))
    answer = Reasoner(graph).answer(Patient(CANCER, STATE, history=history))
    assert "drug_b" not in treatments(answer) and "drug_a" not in treatments(answer)
    assert any("no next step after drug B" in note for note in answer.notes)
