"""GraphML and Neo4j: nodes people can read (label, category, CURIE), edges with predicate label, stance, certainty.

The statement model runs on the hand-made fixture; the real export is read back by igraph and
networkx, and the Neo4j CSV headers are checked against the rules of `neo4j-admin database import`
(Neo4j itself cannot be installed here).
"""

import csv
import re

import networkx as nx
import pytest

from helpers import fixture_built
from oncokg.export.propertygraph import property_graph

# On the worker that makes the exports (the "export" group, see tests/conftest.py's `exports`).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("export")]  # every export of the real build

NEO4J_TYPES = {
    "int",
    "long",
    "float",
    "double",
    "boolean",
    "byte",
    "short",
    "char",
    "string",
    "point",
    "date",
    "localtime",
    "time",
    "localdatetime",
    "datetime",
    "duration",
}
NEO4J_FIELD = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)?(?::(?P<kind>[A-Za-z_]+)(?P<array>\[\])?)?$")


@pytest.fixture(scope="module")
def fixture_graph(project):
    return property_graph(fixture_built(project))


def test_edges_carry_the_stance_and_certainty_of_the_statements_behind_them(fixture_graph):
    edges = {(e.source, e.type, e.target, e.statement): e for e in fixture_graph.edges}
    derived = {
        statement: (e.stances, e.certainties)
        for (s, kind, o, statement), e in edges.items()
        if (s, kind, o) == ("oncokg:imatinib", "oncokg_usedToTreat", "oncokg:gist")
    }
    assert derived == {  # one edge per statement, each with that statement's own certainty: never merged
        "node:imatinib-gist-unresectable": (("oncokg:option",), ("oncokg:established",)),
        "node:imatinib-gist-adjuvant": (("oncokg:option",), ("oncokg:hedged",)),
    }
    edges = {(e.source, e.type, e.target): e for e in fixture_graph.edges}
    about = edges[("node:chemo-gist", "oncokg_aboutTreatment", "oncokg:chemotherapy")]
    assert about.stances == ("oncokg:not_recommended",) and about.certainties == ("oncokg:established",)
    no_benefit = edges[("oncokg:chemotherapy", "oncokg_noBenefitShownFor", "oncokg:longer_survival")]
    assert no_benefit.stances == ("oncokg:no_benefit_shown",)


def test_nodes_have_a_label_a_category_and_their_curie(fixture_graph):
    imatinib = fixture_graph.nodes["oncokg:imatinib"]
    assert (imatinib.label, imatinib.category, imatinib.id) == ("imatinib", "biolink:Drug", "oncokg:imatinib")
    statement = fixture_graph.nodes["node:imatinib-gist-unresectable"]
    assert statement.category == "oncokg:Recommendation" and statement.label == "imatinib-gist-unresectable"
    assert all(node.label and node.category for node in fixture_graph.nodes.values())


@pytest.fixture(scope="module")
def real(exports):
    return {fmt: [w.path for w in exports(fmt).files] for fmt in ("graphml", "neo4j")}


def test_igraph_and_networkx_read_labels_and_edge_stances(real):
    import igraph

    (path,) = real["graphml"]
    g = igraph.Graph.Read_GraphML(str(path))
    assert {"label", "category", "curie"} <= set(g.vs.attributes())
    assert {"label", "stance", "certainty", "predicate"} <= set(g.es.attributes())
    assert all(g.vs["label"]) and "imatinib" in g.vs["label"]
    graph = nx.read_graphml(path)
    assert graph.nodes["oncokg:imatinib"]["category"] == "biolink:Drug"
    targets = graph.get_edge_data("oncokg:imatinib", "oncokg:KIT")["oncokg_targets"]
    assert targets["label"] == "targets" and targets["certainty"] == "oncokg:established"


def neo4j_header_problems(header: list[str], kind: str) -> list[str]:
    """What breaks the neo4j-admin import header rules: one ID (nodes) or START_ID/END_ID/TYPE (relationships),
    known value types, unique property names."""
    problems, names = [], []
    for field in header:
        match = NEO4J_FIELD.match(field)
        if not match:
            problems.append(f"{field}: not name:type")
            continue
        name, type_ = match["name"], match["kind"]
        if type_ and type_ not in NEO4J_TYPES | {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}:
            problems.append(f"{field}: unknown type {type_}")
        if name:
            names.append(name)
    special = [f.split(":")[-1] for f in header if f.split(":")[-1] in {"ID", "LABEL", "START_ID", "END_ID", "TYPE"}]
    expected = ["ID", "LABEL"] if kind == "nodes" else ["START_ID", "END_ID", "TYPE"]
    if sorted(special) != sorted(expected):
        problems.append(f"special fields {special}, expected {expected}")
    if len(names) != len(set(names)):
        problems.append("a property name appears twice")
    return problems


def test_the_neo4j_headers_follow_the_import_rules_and_carry_label_category_stance(real):
    nodes_path, rels_path = real["neo4j"]
    with nodes_path.open(encoding="utf-8", newline="") as f:
        node_header = next(csv.reader(f))
    with rels_path.open(encoding="utf-8", newline="") as f:
        rel_header = next(csv.reader(f))
    assert neo4j_header_problems(node_header, "nodes") == []
    assert neo4j_header_problems(rel_header, "relationships") == []
    assert {"label", "category", "curie"} <= set(node_header)
    assert {"label", "stance:string[]", "certainty:string[]"} <= set(rel_header)
    assert neo4j_header_problems(["id:ID", "id:ID", "x:decimal"], "nodes") != []


def test_the_real_graphml_keeps_each_statements_stance_on_its_edges(real):
    graph = nx.read_graphml(real["graphml"][0])
    stances = {
        data.get("stance")
        for s, o, data in graph.edges(data=True)
        if (s, o) == ("node:ag-chemo-rarely-used-today", "oncokg:chemotherapy")
    }
    assert stances == {"oncokg:rarely_used"}
    derived = [data for s, o, data in graph.edges(data=True) if (s, o) == ("oncokg:radiation_therapy", "oncokg:gist")]
    assert derived and {d.get("stance") for d in derived} == {"oncokg:option"}, (
        "usedToTreat only from the bone-pain option"
    )
