"""The service as HTTP and SPARQL clients written by others read it: `/openapi.json` checked by
openapi-spec-validator and the answers by schemathesis's conformance checks; content negotiation by
RFC 9110 (q=0 refuses a type, 406, 405 with Allow); the query's dataset, the prefixes and relative IRIs
at `/query` as in the CLI."""

import subprocess
import sys
from pathlib import Path

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.xdist_group("web")

SOURCES = "https://w3id.org/oncokg/graph/sources"
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,"
    "response_schema_conformance,unsupported_method,allow_header_conformance"
)


def count(http, query: str, **params: str) -> int:
    response = http.get("/query", params={"query": query, **params}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return int(response.text.split()[1])


def test_the_openapi_document_is_valid(http):
    validate(http.get("/openapi.json").json())


@pytest.mark.slow  # schemathesis's three phases
def test_the_answers_conform_to_the_openapi_document_under_schemathesis(base, tmp_path):
    schemathesis = Path(sys.executable).with_name("st")
    command = [str(schemathesis), "run", f"{base}/openapi.json", "--checks", CHECKS, "-n", "10", "--seed", "1"]
    result = subprocess.run(
        [*command, "--phases", "examples,coverage,fuzzing"], capture_output=True, text=True, cwd=tmp_path, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failure" not in result.stdout


def test_from_at_the_endpoint_reads_the_graphs_it_names(http):
    in_sources = count(http, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SOURCES}> {{ ?s ?p ?o }} }}")
    assert count(http, f"SELECT (COUNT(*) AS ?n) FROM <{SOURCES}> WHERE {{ ?s ?p ?o }}") == in_sources > 0
    assert count(http, "SELECT (COUNT(*) AS ?n) FROM <http://example.org/none> WHERE { ?s ?p ?o }") == 0
    whole = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert count(http, whole, **{"default-graph-uri": SOURCES}) == in_sources
    assert count(http, whole, **{"default-graph-uri": ""}) > in_sources  # an empty value is no dataset


def test_the_endpoint_declares_the_clis_prefixes_and_resolves_relative_iris_against_itself(http, base):
    kit = http.get("/query", params={"query": "SELECT DISTINCT ?d WHERE { ?d a oncokg:KITInhibitor }"})
    assert kit.status_code == 200 and len(kit.json()["results"]["bindings"]) == 3
    triples = http.get(
        "/query", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}, headers={"Accept": "application/n-triples"}
    )
    assert triples.text.startswith(f"<{base}/s> <{base}/p> ")


@pytest.mark.parametrize(
    "query, accept, expected",
    [
        ("CONSTRUCT WHERE { oncokg:imatinib a ?t }", "text/turtle;q=0, */*", "application/n-triples"),
        (
            "ASK {}",
            "application/sparql-results+json;q=0, application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("SELECT * {}", "text/*;q=0.5, text/csv", "text/csv"),
    ],
)
def test_a_type_given_q0_is_never_served_and_the_most_specific_range_wins(http, query, accept, expected):
    response = http.get("/query", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == expected


def test_a_graph_asked_for_only_as_json_is_json_ld(http):
    """SPARQLWrapper in JSON mode asks a CONSTRUCT or DESCRIBE for these types only."""
    import rdflib
    from SPARQLWrapper.Wrapper import _SPARQL_JSON

    response = http.get(
        "/query",
        params={"query": "DESCRIBE <https://w3id.org/oncokg/imatinib>"},
        headers={"Accept": ",".join(_SPARQL_JSON)},
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    described = rdflib.Graph().parse(data=response.text, format="json-ld")
    assert (rdflib.URIRef("https://w3id.org/oncokg/imatinib"), rdflib.RDFS.label, None) in described


def test_unacceptable_types_get_406_on_the_api_as_on_the_endpoint(http):
    api = http.get("/api/queries/drug-targets", params={"drug": "Gleevec"}, headers={"Accept": "image/png"})
    endpoint = http.get("/query", params={"query": "ASK {}"}, headers={"Accept": "text/turtle;q=0"})
    for response in (api, endpoint):
        assert response.status_code == 406 and "offered" in response.json()["error"]


def test_a_method_not_allowed_says_which_are(http):
    health = http.delete("/healthz")
    assert health.status_code == 405 and health.headers["allow"].replace(" ", "").split(",") >= ["GET"]
    query = http.put("/query", content=b"ASK {}")
    assert query.status_code == 405 and {"GET", "POST"} <= set(query.headers["allow"].replace(" ", "").split(","))


@pytest.mark.parametrize("path", sorted((Path(__file__).parents[2] / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_sparqlwrapper_reads_each_catalogue_file_as_the_form_it_is_and_gets_its_answer(base, http, path):
    """SPARQLWrapper guesses a query's form from its text, and its guess picks the HTTP method and the
    answer it expects. It strips only every other leading comment line and matches keywords inside words
    ("unclear" as CLEAR, "address" as ADD, "described" as DESCRIBE), so a file's header must not mislead
    it: the form it reads is the one rdflib's parser finds, and the service answers the file, its header
    kept and its parameters bound to their examples (`/api/queries/NAME/sparql`), as sent."""
    import warnings

    from rdflib.plugins.sparql import prepareQuery
    from SPARQLWrapper import JSON, SPARQLWrapper

    from oncokg.query.catalog import parse_query_file

    text = path.read_text(encoding="utf-8")
    form = prepareQuery(text).algebra.name.removesuffix("Query").upper()
    client = SPARQLWrapper(base + "/query")
    client.setQuery(text)
    assert client.queryType == form, f"SPARQLWrapper reads {path.name} as {client.queryType}, not {form}"
    examples = {p.name: p.example for p in parse_query_file(path).parameters if not p.optional}
    bound = http.get(f"/api/queries/{path.stem}/sparql", params=examples).json()["sparql"]
    assert bound.splitlines()[:3] == text.splitlines()[:3], "the bound text keeps the file's header"
    client.setQuery(bound)
    assert client.queryType == form
    client.setReturnFormat(JSON)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # SPARQLWrapper warns when the answer is not what the form it read expects
        answer = client.query().convert()
    assert set(answer["head"]["vars"]) == {str(v) for v in prepareQuery(bound).algebra["PV"]}
    assert isinstance(answer["results"]["bindings"], list)


def test_oak_reads_the_definitions_and_synonyms_at_the_endpoint(base, http):
    """The Ontology Access Kit's SPARQL adapter asks for IAO:0000115 and oboInOwl synonyms, as OBO tools do:
    the served graph carries them (the build's graph/obo), the same as the edit file's SKOS."""
    from oaklib import get_adapter

    imatinib = "https://w3id.org/oncokg/imatinib"
    asked = f"SELECT ?d WHERE {{ <{imatinib}> skos:definition ?d }}"
    response = http.get("/query", params={"query": asked}, headers={"Accept": "application/sparql-results+json"})
    (ours,) = [row["d"]["value"] for row in response.json()["results"]["bindings"]]
    oak = get_adapter(f"sparql:{base}/query")
    assert oak.definition(imatinib) == ours
    synonyms = oak.entity_alias_map(imatinib)
    assert "Gleevec" in synonyms.get("oio:hasRelatedSynonym", []), "a brand name is a related synonym"


def test_an_ask_is_never_csv_and_n_triples_is_also_served_as_text_plain(http):
    """SPARQL's CSV/TSV results formats are defined for SELECT only: an ASK asked only in them is a 406, and
    one that also accepts JSON gets JSON; `text/plain` is N-Triples' older media type, served for a graph."""
    ask = {"query": "ASK { ?s ?p ?o }"}
    for only in ("text/csv", "text/tab-separated-values"):
        assert http.get("/query", params=ask, headers={"Accept": only}).status_code == 406
    answer = http.get("/query", params=ask, headers={"Accept": "text/csv, application/sparql-results+json;q=0.5"})
    assert answer.headers["content-type"].startswith("application/sparql-results+json") and answer.json()["boolean"]
    graph = {"query": "CONSTRUCT WHERE { <https://w3id.org/oncokg/imatinib> ?p ?o }"}
    plain = http.get("/query", params=graph, headers={"Accept": "text/plain"})
    assert plain.status_code == 200 and plain.headers["content-type"].startswith("text/plain")
    import rdflib

    assert len(rdflib.Graph().parse(data=plain.text, format="nt")) > 10
