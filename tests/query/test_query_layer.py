"""The query layer from Python and the CLI: ad-hoc SPARQL, DataFrames, push, injection attempts."""

import threading
import time

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engines import free_port, oxigraph_server
from helpers import assert_one_line_error, oncokg
from oncokg.errors import OncoKGError
from oncokg.query.client import OncoKG
from oncokg.store.binding import bind_values
from oncokg.store.embedded import FRESH_AFTER_ROWS
from oncokg.store.remote import RemoteBackend
from oncokg.store.results import Value


def test_results_become_dataframes_with_label_columns(kg_embedded):
    frame = kg_embedded.query("drug-targets", drug="Gleevec").to_dataframe()
    assert list(frame.columns[:4]) == ["drug", "drugLabel", "target", "targetLabel"]
    assert set(frame["targetLabel"]) == {"KIT", "PDGFRA"}


def test_ad_hoc_sparql_sees_the_union_of_all_graphs(kg_embedded):
    result = kg_embedded.sparql(
        "PREFIX oncokg: <https://w3id.org/oncokg/> SELECT ?d WHERE { ?d a oncokg:KITInhibitor }"
    )
    assert {row["dLabel"].value for row in result.rows} == {"imatinib", "sunitinib", "regorafenib"}


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("SELECT * WHERE {\n  ?s ?p }", "invalid SPARQL at line 2, column"),
        ("INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }", "updates are not accepted"),
        ("DROP ALL", "updates are not accepted"),
    ],
)
def test_bad_ad_hoc_sparql_is_refused_clearly(kg_embedded, text, fragment):
    with pytest.raises(OncoKGError, match=fragment):
        kg_embedded.sparql(text)


def test_cli_sparql_from_a_file_and_errors(root, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/oncokg/SourceDocument> }")
    result = oncokg("sparql", "--file", str(query), "--format", "csv", root=root)
    assert result.returncode == 0 and result.stdout.split() == ["n", "5"]
    assert_one_line_error(oncokg("sparql", "SELECT * WHERE { ?s ?p }", root=root), "line 1, column")
    assert_one_line_error(oncokg("sparql", root=root), "give a query or --file")


def test_an_unreachable_endpoint_is_one_line(built_project):
    port = free_port()
    result = oncokg("query", "sources", "--endpoint", f"http://127.0.0.1:{port}/sparql", root=built_project.root)
    assert_one_line_error(result, "cannot query the endpoint", "refused")


def test_a_query_over_its_timeout_is_stopped(kg_embedded):
    slow = OncoKG(type(kg_embedded.backend)(kg_embedded.backend.store, timeout=0.001))
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    with pytest.raises(OncoKGError, match="timeout of 0.001 s"):
        slow.backend.select(heavy)


def test_after_a_large_answer_the_worker_goes_on_in_one_fresh_thread(kg_embedded):
    def workers() -> list[int]:
        return [t.ident for t in threading.enumerate() if t.name == "oncokg-query" and t.is_alive()]

    before = set(workers())
    backend = type(kg_embedded.backend)(kg_embedded.backend.store)
    small = "SELECT ?s WHERE { ?s a <https://w3id.org/oncokg/Drug> } LIMIT 3"
    assert len(backend.select(small).rows) == 3
    first = set(workers()) - before
    large = backend.select(f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {FRESH_AFTER_ROWS + 1}")
    assert len(large.rows) == FRESH_AFTER_ROWS + 1
    assert len(backend.select(small).rows) == 3
    time.sleep(0.1)  # the old thread returns right after handing over
    now = set(workers()) - before
    assert len(first) == len(now) == 1 and first != now


@pytest.mark.slow  # an oxigraph server
def test_push_via_the_cli_keeps_named_graphs(built_project, built, tmp_path):
    with oxigraph_server(tmp_path) as (query_url, gsp_url):
        result = oncokg("push", "--endpoint", gsp_url, root=built_project.root)
        assert result.returncode == 0, result.stderr
        assert "named graphs" in result.stdout
        graphs = RemoteBackend(query_url).select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert {r["g"].value for r in graphs.rows} >= {
            "https://w3id.org/oncokg/graph/source/acs-gist",
            "https://w3id.org/oncokg/graph/inferred",
        }
        again = oncokg("push", "--endpoint", gsp_url, root=built_project.root)
        assert again.stdout == result.stdout


def test_push_to_nowhere_is_one_line(root):
    result = oncokg("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", root=root)
    assert_one_line_error(result, "cannot reach")


INJECTIONS = ['x" } DROP ALL #', "} ; DELETE WHERE { ?s ?p ?o }", "<http://evil/>", "imatinib' }", '"""', "\\", "#"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_attempts_are_names_that_do_not_resolve(kg_embedded, text):
    with pytest.raises(OncoKGError, match="unknown drug|ambiguous"):
        kg_embedded.query("drug-targets", drug=text)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_is_a_name_or_an_error_never_query_text(kg_embedded, text):
    try:
        result = kg_embedded.query("drug-targets", drug=text)
    except OncoKGError as exc:
        assert "drug" in str(exc)
    else:
        assert all(row["drug"].value.startswith("https://w3id.org/oncokg/") for row in result.rows)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_string_parameters_are_escaped_literals(text):
    query = bind_values("SELECT ?x WHERE { }", {"x": Value("literal", text)})
    rows = list(pyoxigraph.Store().query(query))
    assert len(rows) == 1 and rows[0]["x"].value == text


def test_only_plain_iris_are_bound():
    with pytest.raises(OncoKGError, match="not a plain http"):
        bind_values("SELECT ?x WHERE { }", {"x": Value("iri", "http://a/> } DROP ALL { <http://b")})


def test_a_parameter_that_is_no_term_is_refused_in_one_line():
    """Parameters are `Value`s, the one term type; an engine's own term or a bare string is refused."""
    with pytest.raises(OncoKGError, match="cannot bind 'Gleevec': parameters are IRIs or literals"):
        bind_values("SELECT ?x WHERE { }", {"x": "Gleevec"})  # type: ignore[dict-item]
    with pytest.raises(OncoKGError, match="cannot bind .*bnode"):
        bind_values("SELECT ?x WHERE { }", {"x": Value("bnode", "b0")})
