"""The RDF dataset of a query (SPARQL 1.1 Query §13): `FROM` and `FROM NAMED` honoured through the Python
API and the CLI, the protocol's dataset parameters, the default graph as the merge of the named graphs
(each triple once), and relative IRIs resolved."""

import pyoxigraph
import pytest

from helpers import oncokg
from oncokg.errors import OncoKGError
from oncokg.query.client import OncoKG
from oncokg.store.dataset import ProtocolDataset, merge_into_default_graph, protocol_dataset
from oncokg.store.embedded import EmbeddedBackend

SOURCES = "https://w3id.org/oncokg/graph/sources"
ONTOLOGY = "https://w3id.org/oncokg/graph/ontology"
COUNT_FROM = "SELECT (COUNT(*) AS ?n) {from_} WHERE {{ ?s ?p ?o }}"


@pytest.fixture(scope="module")
def kg(built_project, built) -> OncoKG:
    return OncoKG.open(root=built_project.root)


def count(kg: OncoKG, text: str) -> int:
    return int(kg.sparql(text).rows[0]["n"].value)


def in_graph(kg: OncoKG, graph: str) -> int:
    return count(kg, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")


def test_from_makes_the_named_graph_the_default_graph(kg):
    sources = in_graph(kg, SOURCES)
    assert 0 < sources < count(kg, COUNT_FROM.format(from_=""))
    assert count(kg, COUNT_FROM.format(from_=f"FROM <{SOURCES}>")) == sources
    assert count(kg, COUNT_FROM.format(from_="FROM <http://example.org/nothing>")) == 0


def test_from_two_graphs_reads_both(kg):
    both = count(kg, COUNT_FROM.format(from_=f"FROM <{SOURCES}> FROM <{ONTOLOGY}>"))
    assert both == in_graph(kg, SOURCES) + in_graph(kg, ONTOLOGY)


def test_from_named_limits_the_named_graphs_and_empties_the_default_graph(kg):
    text = f"SELECT DISTINCT ?g FROM NAMED <{SOURCES}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert [row["g"].value for row in kg.sparql(text).rows] == [SOURCES]
    assert count(kg, COUNT_FROM.format(from_=f"FROM NAMED <{SOURCES}>")) == 0


def test_the_default_graph_holds_each_triple_of_the_named_graphs_once(kg):
    distinct = count(kg, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    quads = count(kg, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert quads > distinct  # some triples are stated in two graphs...
    assert count(kg, COUNT_FROM.format(from_="")) == distinct  # ...and counted once in the default graph
    targets = "SELECT (COUNT(?t) AS ?n) WHERE { oncokg:trastuzumab oncokg:targets ?t }"
    assert count(kg, targets) == 1


def test_the_cli_honours_from(built_project, kg):
    result = oncokg("sparql", COUNT_FROM.format(from_=f"FROM <{SOURCES}>"), "--format", "csv", root=built_project.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["n", str(in_graph(kg, SOURCES))]


def test_relative_iris_read_in_the_graphs_namespace_unless_the_query_sets_a_base(kg):
    assert kg.sparql("ASK { <imatinib> a oncokg:Drug }") is True
    assert kg.sparql("BASE <http://example.org/> ASK { <imatinib> a oncokg:Drug }") is False


def test_the_protocols_dataset_replaces_the_querys(kg):
    backend = kg.backend
    assert isinstance(backend, EmbeddedBackend)
    text = COUNT_FROM.format(from_="FROM <http://example.org/nothing>")
    answer = backend.execute(text, ProtocolDataset(default_graphs=(SOURCES,)))
    assert int(next(iter(answer))["n"].value) == in_graph(kg, SOURCES)


def test_dataset_parameters_are_read_with_empty_values_as_absent_and_bad_iris_named():
    fields = [("default-graph-uri", ""), ("named-graph-uri", SOURCES), ("query", "ASK {}")]
    assert protocol_dataset(fields) == ProtocolDataset((), (SOURCES,))
    assert not protocol_dataset([("default-graph-uri", " ")]).given
    with pytest.raises(OncoKGError, match="named-graph-uri 'graph' is not an absolute IRI"):
        protocol_dataset([("named-graph-uri", "graph")])


def test_a_store_built_before_the_merged_default_graph_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "store"
    store = pyoxigraph.Store(str(path))
    node = pyoxigraph.NamedNode("http://example.org/a")
    store.add(pyoxigraph.Quad(node, node, node, pyoxigraph.NamedNode("http://example.org/g")))
    store.flush()
    del store
    with pytest.raises(OncoKGError, match="run `oncokg build` again"):
        EmbeddedBackend(pyoxigraph.Store.read_only(str(path)), read_only=True)
    writable = pyoxigraph.Store()
    writable.add(pyoxigraph.Quad(node, node, node, pyoxigraph.NamedNode("http://example.org/g")))
    assert merge_into_default_graph(writable) == 1
