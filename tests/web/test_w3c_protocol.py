"""The W3C SPARQL 1.1 Protocol and Service Description test manifests (tests/fixtures/w3c, from
w3c/rdf-tests) against `oncokg serve`, side by side with a stock oxigraph server on the same data.

The manifest's dataset tests need its three small graphs in the store: they are added, as named
graphs, to a copy of the real build (and to the oxigraph server's store)."""

import gc
import shutil
import subprocess

import pyoxigraph
import pytest
import rdflib

from engines import free_port, oxigraph_binary, running
from helpers import copy_project
from oncokg.project import Project
from oncokg.store.dataset import merge_into_default_graph
from w3c_manifests import SD, graph_data, run_protocol, run_service_description, sd_manifest_tests
from web_service import web_service

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("web")]  # a service of the W3C manifests' data

VOID_TRIPLES = rdflib.URIRef("http://rdfs.org/ns/void#triples")


@pytest.fixture(scope="module")
def w3c_project(built, tmp_path_factory) -> Project:
    """A copy of the real build with the manifest's graphs added (and merged into the default graph)."""
    project = copy_project(tmp_path_factory.mktemp("w3c"))
    shutil.copytree(built.out, project.build_dir, symlinks=True)
    store = pyoxigraph.Store(str(project.build_dir / "store"))
    for name, path in graph_data().items():
        store.load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(name))
    merge_into_default_graph(store)
    store.flush()
    del store
    gc.collect()
    return project


@pytest.fixture(scope="module")
def endpoint(w3c_project, tmp_path_factory):
    with web_service(w3c_project.root, tmp_path_factory.mktemp("w3c-web"), timeout=10, workers=1) as (base, _):
        yield base + "/query"


@pytest.fixture(scope="module")
def stock_endpoint(tmp_path_factory):
    """A stock, read-only oxigraph server holding the manifest's graphs."""
    workdir = tmp_path_factory.mktemp("w3c-oxigraph")
    for name, path in graph_data().items():
        load = [oxigraph_binary(), "load", "--location", str(workdir / "db"), "--file", str(path), "--graph", name]
        subprocess.run(load, check=True, capture_output=True)
    base = f"http://127.0.0.1:{free_port()}"
    command = [oxigraph_binary(), "serve-read-only", "--location", str(workdir / "db"), "--bind", base[7:]]
    with running(command, base + "/query?query=ASK%7B%7D", workdir):
        yield base + "/query"


@pytest.fixture(scope="module")
def outcomes(endpoint):
    return run_protocol(endpoint)


def test_every_query_test_of_the_protocol_manifest_passes(outcomes):
    queries = [o for o in outcomes if not o.update]
    assert len(queries) == 27
    assert [o.name for o in queries if not o.passed] == []


def test_each_update_test_gets_the_read_only_refusal_the_protocol_allows(outcomes):
    updates = [o for o in outcomes if o.update]
    assert len(updates) == 7
    for outcome in updates:
        first = outcome.answers[0]
        assert (first.status, first.media) == (403, "application/json"), outcome.name
        assert b"read-only" in first.body


def test_the_service_passes_every_test_the_stock_oxigraph_server_passes(outcomes, stock_endpoint):
    stock = run_protocol(stock_endpoint)
    ours = {o.name for o in outcomes if o.passed}
    theirs = {o.name for o in stock if o.passed}
    print(f"\nW3C Protocol manifest: oncokg serve {len(ours)}/{len(outcomes)}, oxigraph {len(theirs)}/{len(stock)}")
    assert theirs - ours == set()


def test_the_service_description_tests_pass_here_and_on_the_stock_server(endpoint, stock_endpoint):
    for url in (endpoint, stock_endpoint):
        results = run_service_description(url)
        assert set(results) == sd_manifest_tests()
        assert all(results.values()), (url, results)


def test_the_description_states_the_merged_default_graph_and_each_named_graph(endpoint):
    description = rdflib.Graph().parse(endpoint, format="turtle")
    service = description.value(predicate=SD.endpoint, object=rdflib.URIRef(endpoint), any=False)
    assert (service, SD.feature, SD.UnionDefaultGraph) in description
    default = description.value(description.value(service, SD.defaultDataset), SD.defaultGraph)
    stated = int(description.value(default, VOID_TRIPLES))
    named = {str(description.value(n, SD.name)) for n in description.objects(None, SD.namedGraph)}
    assert set(graph_data()) <= named and "https://w3id.org/oncokg/graph/ontology" in named
    import httpx

    counted = httpx.get(
        endpoint,
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"},
        headers={"Accept": "text/csv"},
    )
    assert stated == int(counted.text.split()[1])
