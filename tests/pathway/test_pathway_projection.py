"""The projection: one SPARQL query, the same graph on the embedded store and on a SPARQL endpoint."""

import json

import networkx as nx
import pytest

from helpers import expected
from oncokg.errors import OncoKGError
from oncokg.pathway import TreatmentPathways
from oncokg.pathway.draw import to_mermaid
from oncokg.pathway.projection import project_graph
from oncokg.pathway.render import answer_to_dict
from oncokg.project import PATHWAYS_FILE
from oncokg.store.embedded import EmbeddedBackend
from oncokg.vocab.rdf import BASE, NODE

PATIENTS = [
    {
        "cancer": "GIST",
        "setting": "unresectable",
        "findings": ["liver metastases", "cirrhosis"],
        "history": ["imatinib:progression", "higher-dose imatinib:intolerance", "sunitinib:intolerance"],
    },
    {"cancer": "stomach cancer", "setting": "recurrent", "biomarkers": {"HER2": "positive"}, "findings": ["bleeding"]},
    {"cancer": "GIST", "setting": "localized", "history": ["surgery:complete resection"], "findings": ["high risk"]},
    {"cancer": "cancer", "setting": "refractory", "findings": ["treatment options exhausted"]},
]


class CountingBackend:
    """A real backend that counts the queries it is asked."""

    def __init__(self, backend, saved=None):
        self.backend = backend
        self.queries = 0
        self.saved = saved

    def saved_projection(self):
        return self.saved

    def select(self, query, bindings=None):
        self.queries += 1
        return self.backend.select(query, bindings)


def test_the_build_saves_the_projection_so_that_reasoning_runs_no_query(built):
    """A process that reasons over the built store reads the projection's answer the build saved
    (SPARQL JSON results) instead of querying: the same graph, no query."""
    backend = EmbeddedBackend.open(built.out)
    counting = CountingBackend(backend, saved=backend.saved_projection())
    saved = project_graph(counting)
    assert counting.queries == 0
    assert json.loads((built.out / PATHWAYS_FILE).read_text(encoding="utf-8"))["head"]["vars"][:3] == ["s", "p", "o"]
    assert saved == project_graph(CountingBackend(backend))


@pytest.mark.parametrize("text", ["", "{]"])
def test_a_saved_projection_that_is_not_json_is_a_one_line_error(built, tmp_path, text):
    (tmp_path / PATHWAYS_FILE).write_text(text, encoding="utf-8")
    damaged = EmbeddedBackend(EmbeddedBackend.open(built.out).store, build_dir=tmp_path, read_only=True)
    with pytest.raises(OncoKGError, match=rf"^{tmp_path}/pathways.srj: not the projection's SPARQL JSON results; run"):
        project_graph(damaged)


@pytest.mark.parametrize("saved", [{}, {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": 1}]}}])
def test_a_saved_projection_of_another_shape_is_a_one_line_error(saved):
    with pytest.raises(OncoKGError, match=r"^the build's pathways.srj: not the projection's SPARQL JSON results; run"):
        project_graph(CountingBackend(None, saved=saved))


def test_the_projection_is_one_query(built):
    backend = CountingBackend(EmbeddedBackend.open(built.out))
    graph = project_graph(backend)
    assert backend.queries == 1
    assert isinstance(graph.graph, nx.DiGraph)
    counts = {}
    for kind in ("TreatmentStep", "Transition", "TreatmentPathway"):
        rows = backend.select(f"SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{ ?n a <{BASE}{kind}> }}").rows
        counts[kind] = int(rows[0]["c"].value)
    assert graph.graph.number_of_nodes() == len(graph.steps) == counts["TreatmentStep"] == expected("pathway.steps")
    edges = sum(len(d["transitions"]) for _, _, d in graph.graph.edges(data=True))
    assert edges == len(graph.transitions) == counts["Transition"] == expected("pathway.transitions")
    assert len(graph.pathways) == counts["TreatmentPathway"] == expected("pathway.pathways")


def test_every_step_transition_and_pathway_carries_evidence(tp):
    g = tp.graph
    nodes = [*g.steps.values(), *g.transitions.values(), *g.pathways.values()]
    assert nodes and all(n.evidence for n in nodes)
    assert all(e.quote and e.source in g.sources and e.end > e.start for n in nodes for e in n.evidence)


def test_entry_steps_are_the_preferred_first_and_those_nothing_leads_to(tp):
    g = tp.graph
    entries = {i[len(str(NODE)) :] for i in g.pathways[str(NODE) + "gs-unresectable"].entries}
    assert entries == {
        "gs-ur-imatinib",
        "gs-ur-ablation-liver",
        "gs-ur-embolization-liver",
        "gs-ur-metastasectomy-bleeding",
        "gs-ur-metastasectomy-slow-growing",
        "gs-ur-clinical-trial",
    }
    local = {i[len(str(NODE)) :] for i in g.pathways[str(NODE) + "gs-localized-resectable"].entries}
    assert local == {
        "gs-lr-surveillance",
        "gs-lr-surgery",
        "gs-lr-imatinib-first-large",
        "gs-lr-imatinib-first-growing-into-organs",
    }


def test_treatment_statements_and_hierarchies_are_projected(tp):
    g = tp.graph
    assert {s.object[len(BASE) :] for s in g.cautions[BASE + "embolization"]} == {
        "cirrhosis",
        "hepatitis",
        "liver_damage",
    }
    assert BASE + "embolization" not in g.contraindications, "a hedged 'may not be a good option' is a caution"
    assert [s.object for s in g.required_statuses[BASE + "trastuzumab"]] == [BASE + "HER2_positive"]
    assert g.broader[BASE + "liver_metastatic"] == {BASE + "metastatic", BASE + "advanced"}
    assert BASE + "unresectable" not in g.broader[BASE + "metastatic"], "no global 'metastatic is unresectable'"
    unresectable = g.pathways[str(NODE) + "gs-unresectable"]
    assert unresectable.covers == {BASE + "metastatic", BASE + "advanced", BASE + "refractory"}
    assert g.covered_by[(BASE + "gist", BASE + "metastatic")] == (unresectable.iri,)
    assert g.status_of[BASE + "HER2_negative"] == BASE + "HER2"


def test_treatment_statements_are_projected_with_their_stance(tp):
    g = tp.graph
    immuno = [u for u in g.usage_for[BASE + "gastric_cancer"] if u.treatment == BASE + "immunotherapy"]
    assert {u.stance[len(BASE) :] for u in immuno} == {"rarely_used", "trial_only"}
    assert all(u.sources == ("stomach-targeted-immuno",) and u.evidence for u in immuno)
    bone = next(u for u in g.usage_for[BASE + "gist"] if BASE + "bone_pain" in u.conditions)
    assert bone.treatment == BASE + "radiation_therapy" and bone.purposes == (BASE + "symptom_relief",)


def test_a_sparql_endpoint_gives_the_same_answers(tp, oxigraph_endpoint, built_project):
    remote = TreatmentPathways.open(store="sparql:" + oxigraph_endpoint, root=built_project.root)
    assert isinstance(remote.reasoner.graph, type(tp.graph)) and remote.names.names == tp.names.names
    assert remote.graph.steps == tp.graph.steps
    assert remote.graph.transitions == tp.graph.transitions
    for patient in PATIENTS:
        mine = answer_to_dict(tp.answer(patient), tp.graph)
        theirs = answer_to_dict(remote.answer(patient), remote.graph)
        assert json.dumps(mine, sort_keys=True) == json.dumps(theirs, sort_keys=True)
    pathway = tp.pathway("GIST", "unresectable")[0]
    assert to_mermaid(pathway, tp.graph) == to_mermaid(pathway, remote.graph)
