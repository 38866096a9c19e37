"""KGX/Biolink edges that mean something: statement stances as predicates and negation, kgx round trips.

The statement model runs on a hand-made fixture graph (tests/fixtures/statements.trig) in the
vocabulary the curated data moves to; the real build is checked for its share of related_to and
by kgx's own Transformer, which must keep every edge.
"""

import csv

import pytest

from helpers import FIXTURES, fixture_built
from kgx_offline import round_trip, validate
from oncokg.errors import OncoKGError
from oncokg.export.kgx import KgxGraph, read_table
from oncokg.vocab.rdf import ONCOKG

pytestmark = pytest.mark.slow  # every export of the real build

BENEFIT = {"biolink:treats", "biolink:ameliorates_condition", "biolink:contributes_to"}
PREFIXES = {  # the OncoKG prefixes kgx does not know
    "oncokg": "https://w3id.org/oncokg/",
    "node": "https://w3id.org/oncokg/node/",
    "source": "https://w3id.org/oncokg/source/",
}
TREATMENT_STANCES = {
    f"oncokg:{s}"
    for s in (
        "option",
        "rarely_used",
        "not_recommended",
        "not_helpful",
        "not_effective",
        "trial_only",
        "historical",
        "under_study",
    )
}


@pytest.fixture(scope="module")
def statement_edges(project) -> list[dict]:
    return KgxGraph(fixture_built(project), read_table(project.mappings_dir / "biolink.tsv")).edge_rows()


def edges_between(edges, subject, obj):
    return {(e["predicate"], e["negated"]): e for e in edges if e["subject"] == subject and e["object"] == obj}


def test_each_statement_is_one_edge_with_its_own_context_never_merged(statement_edges):
    imatinib = {
        e["statement"]: e for e in statement_edges if (e["subject"], e["object"]) == ("oncokg:imatinib", "oncokg:gist")
    }
    assert set(imatinib) == {"node:imatinib-gist-unresectable", "node:imatinib-gist-adjuvant"}, (
        "two option statements and the triple derived from both: two edges"
    )
    unresectable, adjuvant = imatinib["node:imatinib-gist-unresectable"], imatinib["node:imatinib-gist-adjuvant"]
    assert (unresectable["disease_state"], unresectable["setting"]) == ("oncokg:unresectable", "")
    assert (adjuvant["disease_state"], adjuvant["setting"]) == ("", "oncokg:adjuvant")
    assert (unresectable["has_confidence_level"], adjuvant["has_confidence_level"]) == (
        "oncokg:established",
        "oncokg:hedged",
    )
    assert adjuvant["supporting_text"] == "Imatinib may be given after surgery."
    assert unresectable["id"] != adjuvant["id"] and adjuvant["publications"] == "https://w3id.org/oncokg/source/demo"


def test_each_stance_becomes_the_predicate_its_row_gives(statement_edges):
    imatinib = edges_between(statement_edges, "oncokg:imatinib", "oncokg:gist")
    assert set(imatinib) == {("biolink:applied_to_treat", False)}
    assert set(edges_between(statement_edges, "oncokg:chemotherapy", "oncokg:gist")) == {
        ("biolink:applied_to_treat", True)
    }, "not recommended: not performed to treat it"
    sunitinib = edges_between(statement_edges, "oncokg:sunitinib", "oncokg:gist")
    assert set(sunitinib) == {("biolink:applied_to_treat", False), ("biolink:in_clinical_trials_for", False)}
    assert not BENEFIT & {p for p, _ in sunitinib}, "rarely used (a use) or trial only is never a benefit"


def test_outcomes_never_state_an_unproven_or_absent_benefit_as_positive(statement_edges):
    assert set(edges_between(statement_edges, "oncokg:imatinib", "oncokg:longer_survival")) == {
        ("biolink:contributes_to", False)
    }
    assert set(edges_between(statement_edges, "oncokg:chemotherapy", "oncokg:longer_survival")) == {
        ("biolink:causes", True)
    }
    (unproven,) = edges_between(statement_edges, "oncokg:sunitinib", "oncokg:tumour_shrinkage")
    assert unproven == ("biolink:related_to", False)


def test_a_derived_triple_is_its_statements_edge_not_a_second_one(statement_edges):
    statements = [(e["statement"], e["object"]) for e in statement_edges]
    assert len(statements) == len(set(statements)) == 8
    assert all(e["statement"] and not e["original_predicate"] for e in statement_edges), (
        "every edge here is a statement's"
    )


def test_an_unknown_stance_is_an_error_not_related_to(project):
    text = (
        (FIXTURES / "statements.trig")
        .read_text(encoding="utf-8")
        .replace("oncokg:stance oncokg:not_recommended", "oncokg:stance oncokg:maybe")
    )
    graph = KgxGraph(fixture_built(project, text), read_table(project.mappings_dir / "biolink.tsv"))
    with pytest.raises(OncoKGError, match="node:chemo-gist: oncokg:stance oncokg:maybe has no Biolink predicate"):
        graph.edge_rows()


def test_every_stance_and_outcome_status_has_a_row(project):
    table = read_table(project.mappings_dir / "biolink.tsv")
    stances = {s.split(":")[1] for s in TREATMENT_STANCES} | {
        "patient_choice",
        "benefit_shown",
        "benefit_unproven",
        "no_benefit_shown",
    }
    assert {ONCOKG[s] for s in stances} == set(table.statuses)
    negated = {str(s).rsplit("/", 1)[-1] for s, (_, neg) in table.statuses.items() if neg}
    assert negated == {"not_recommended", "not_helpful", "not_effective", "no_benefit_shown"}


def test_kgx_round_trips_the_fixture_without_merging(project, tmp_path, statement_edges):
    from oncokg.export.kgx import write_kgx

    graph = KgxGraph(fixture_built(project), read_table(project.mappings_dir / "biolink.tsv"))
    nodes, edges = tmp_path / "fixture_nodes.tsv", tmp_path / "fixture_edges.tsv"
    write_kgx(tmp_path / "fixture", graph.node_rows(), statement_edges)
    n_nodes, n_edges, records = round_trip(nodes, edges, tmp_path / "rt")
    assert n_edges == len(statement_edges) and n_nodes == len(graph.node_rows())
    kept = {r["id"]: r for r in records}
    assert {(kept[e["id"]]["statement"], kept[e["id"]]["has_confidence_level"]) for e in statement_edges} == {
        (e["statement"], e["has_confidence_level"]) for e in statement_edges
    }, "two statements with the same subject, predicate and object stay two edges, each with its own values"
    negated = {(r["subject"], r["predicate"]) for r in records if r.get("negated") is True}
    assert ("oncokg:chemotherapy", "biolink:applied_to_treat") in negated


@pytest.mark.xdist_group("export")  # on the worker that makes the exports (tests/conftest.py's `exports`)
def test_the_real_build_keeps_every_edge_through_kgx_and_under_a_fifth_are_related_to(exports, tmp_path):
    result = exports("kgx")
    nodes, edges = (w.path for w in result.files)
    with edges.open(encoding="utf-8") as f:
        lines = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    related = sum(line["predicate"] == "biolink:related_to" for line in lines)
    assert related / len(lines) < 0.2, f"{related} of {len(lines)} edges are related_to"
    n_nodes, n_edges, records = round_trip(nodes, edges, tmp_path / "rt")
    assert n_edges == len(lines) and n_nodes == len(nodes.read_text().splitlines()) - 1
    originals = {p for line in lines for p in line["original_predicate"].split("|") if p}
    kept = {
        p
        for r in records
        for p in (
            r.get("original_predicate")
            if isinstance(r.get("original_predicate"), list)
            else str(r.get("original_predicate", "")).split("|")
        )
        if p
    }
    assert originals == kept
    assert validate(nodes, edges, PREFIXES) == {}, "kgx validate reports no error"


@pytest.mark.xdist_group("export")
def test_the_real_build_has_one_edge_per_statement_and_no_condition_as_object(exports, built_project):
    nodes, edges = (w.path for w in exports("kgx").files)
    with nodes.open(encoding="utf-8") as f:
        categories = {
            r["id"]: set(r["category"].split("|")) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        }
    with edges.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    statement_rows = [r for r in rows if r["statement"]]
    keys = [(r["statement"], r["object"]) for r in statement_rows]
    assert len(keys) == len(set(keys)), "one edge per statement and object"
    treating = {r["object"] for r in statement_rows if r["stance"] in TREATMENT_STANCES}
    wrong = {o for o in treating if not categories[o] & {"biolink:Disease"}}
    assert not wrong, f"objects of treatment edges that are not diseases: {sorted(wrong)}"
    for r in rows:
        for column in ("has_confidence_level", "original_predicate", "stance", "frequency_qualifier"):
            assert "|" not in r[column], (column, r["subject"], r["object"])


POSITIVE = {(p, "") for p in (*BENEFIT, "biolink:applied_to_treat")}  # kgx leaves negated empty when false


def statement_context(store) -> dict[str, dict[str, set[str]]]:
    """Each statement's stance or status, conditions and states (its own, or its pathway's), as CURIEs."""
    query = """PREFIX oncokg: <https://w3id.org/oncokg/>
    SELECT ?s ?what ?v WHERE {
      { ?s oncokg:stance|oncokg:outcomeStatus ?v . BIND("stance" AS ?what) }
      UNION { ?s oncokg:hasCondition ?v . BIND("condition" AS ?what) }
      UNION { ?s oncokg:inDiseaseState|oncokg:stepOf/oncokg:inDiseaseState ?v . BIND("disease_state" AS ?what) }
    }"""
    found: dict[str, dict[str, set[str]]] = {}
    for s, what, v in store.query(query):
        curie = lambda iri: iri.value.replace("https://w3id.org/oncokg/node/", "node:").replace(  # noqa: E731
            "https://w3id.org/oncokg/", "oncokg:"
        )
        found.setdefault(curie(s), {}).setdefault(what.value, set()).add(curie(v))
    return found


@pytest.mark.xdist_group("export")
def test_no_export_edge_says_more_than_its_statement(exports, store):
    """Read each KGX statement edge without its quote: a positive predicate only for an option, a shown
    benefit, or a rare use (applied_to_treat with how rarely), and every condition and state of the statement
    on the edge."""
    _, edges = (w.path for w in exports("kgx").files)
    with edges.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r["statement"]]
    context = statement_context(store)
    wrong = []
    for r in rows:
        own = context[r["statement"]]
        rare_use = own["stance"] == {"oncokg:rarely_used"} and r["frequency_qualifier"]
        if (r["predicate"], r["negated"]) in POSITIVE and not (
            own["stance"] <= {"oncokg:option", "oncokg:benefit_shown"}
            or (rare_use and r["predicate"] == "biolink:applied_to_treat")
        ):
            wrong.append(f"{r['statement']}: {r['predicate']} for {own['stance']}")
        for column in ("condition", "disease_state"):
            if own.get(column, set()) - set(filter(None, r[column].split("|"))):
                wrong.append(f"{r['statement']}: {column} {own[column]} dropped")
    assert len(rows) > 100 and not wrong, wrong[:10]
    # a state inherited from the document ("What is Refractory Cancer?") is on the edge, with its scope
    (symptoms,) = [r for r in rows if r["statement"] == "node:rw-symptom-treatments-findings"]
    assert (symptoms["disease_state"], symptoms["scope"]) == ("oncokg:refractory", "node:scope-refractory-what-is")
