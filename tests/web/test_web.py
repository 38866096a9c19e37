"""The web service over HTTP, as a client would use it: the catalogue, the pathway endpoint, name
resolution, the SPARQL protocol through SPARQLWrapper, refused writes, bad input and timeouts."""

import csv
import io
import json
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from helpers import SOURCE_IDS, assert_one_line_error, copy_project, oncokg
from oncokg.quotes import prose
from web_service import threads_of, web_service

# One worker runs this module: its services start once, not once per worker.
pytestmark = pytest.mark.xdist_group("web")

FIXTURES = Path(__file__).parents[1] / "fixtures" / "pathway"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def service(built, built_project, tmp_path_factory):
    with web_service(built_project.root, tmp_path_factory.mktemp("web"), timeout=2, workers=2) as running:
        yield running


@pytest.fixture(scope="module")
def base(service):
    return service[0]


@pytest.fixture
def http(base):
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client


def assert_json_error(response, status, *fragments):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and "\n" not in body["error"] and "Traceback" not in response.text
    for fragment in fragments:
        assert fragment in body["error"], body["error"]


def test_the_catalogue_lists_every_query_of_the_build_with_its_parameters(http, built_project):
    """The listing is the build's (asked of a worker), as the answers are: a query file added to
    queries/ but not built is neither listed nor answered."""
    from oncokg.query.client import OncoKG

    listed = {q["name"]: q for q in http.get("/api/queries").json()}
    assert set(listed) == set(OncoKG.open(root=built_project.root).catalog)
    assert [p["name"] for p in listed["drug-targets"]["parameters"]] == ["drug"]
    assert listed["drug-targets"]["title"] == "Molecular targets of a drug"


def test_a_catalogue_query_answers_rows_with_labels(http):
    answer = http.get("/api/queries/drug-targets", params={"drug": "Gleevec"}).json()
    assert answer["query"] == "drug-targets" and "targetLabel" in answer["variables"]
    assert sorted(row["targetLabel"] for row in answer["rows"]) == ["KIT", "PDGFRA"]
    assert all(row["target"].startswith("https://w3id.org/oncokg/") for row in answer["rows"])


def test_the_catalogue_answers_csv_when_asked(http):
    response = http.get("/api/queries/drug-targets", params={"drug": "imatinib"}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0].split(",")[:4] == ["drug", "drugLabel", "target", "targetLabel"] and len(lines) == 3
    records = list(csv.reader(io.StringIO(response.text, newline="")))
    assert response.text.count("\r\n") == len(records) == 3, "RFC 4180's CRLF ends every record, as /query's CSV"
    assert response.text.replace("\r\n", "").count("\n") == sum(cell.count("\n") for r in records for cell in r)


def test_the_api_and_the_cli_give_the_same_rows(http, built_project):
    cli = oncokg("query", "adverse-effects", "--param", "treatment=Sutent", "--format", "json", root=built_project.root)
    api = http.get("/api/queries/adverse-effects", params={"treatment": "Sutent"}).json()
    assert api["rows"] == json.loads(cli.stdout)


@pytest.mark.parametrize(
    "path, params, status, fragments",
    [
        ("/api/queries/no-such-query", {}, 404, ["unknown query 'no-such-query'", "drug-targets"]),
        ("/api/queries/drug-targets", {"drg": "imatinib"}, 400, ["no parameter drg", "its parameters: drug"]),
        ("/api/queries/drug-targets", {"drug": "Gleevc"}, 400, ["unknown drug 'Gleevc'", "Gleevec"]),
        ("/api/queries/drug-targets", {}, 400, ["missing query parameter drug", "e.g. ?drug=Gleevec"]),
        ("/api/queries/adverse-effects", {}, 400, ["missing query parameter treatment", "?treatment=sunitinib"]),
        ("/api/entities", {"q": " "}, 400, ["q:"]),
        ("/api/entities", {}, 400, ["q"]),
    ],
)
def test_bad_catalogue_requests_are_one_line_json_errors(http, path, params, status, fragments):
    assert_json_error(http.get(path, params=params), status, *fragments)


def test_names_resolve_with_suggestions(http):
    found = http.get("/api/entities", params={"q": "Gleevec"}).json()
    assert found["match"]["id"] == "oncokg:imatinib" and found["error"] is None
    partial = http.get("/api/entities", params={"q": "glee"}).json()
    assert partial["match"] is None and "unknown" in partial["error"]
    assert {"name": "gleevec", "id": "oncokg:imatinib", "label": "imatinib"} in partial["suggestions"]


def test_names_are_read_as_the_kind_asked_and_say_how(http):
    found = http.get("/api/entities", params={"q": "Glivec", "kind": "Drug"}).json()
    assert found["match"]["id"] == "oncokg:imatinib" and "DrugBank" in found["match"]["how"]
    wrong = http.get("/api/entities", params={"q": "Keytruda", "kind": "oncokg:Cancer"}).json()
    assert wrong["match"] is None and "a treatment, not a cancer" in wrong["error"]
    hints = http.get("/api/entities", params={"q": "gastric cancr", "kind": "Cancer"}).json()["suggestions"]
    assert hints[0]["id"] == "oncokg:gastric_cancer"
    for hint in hints:  # every suggestion is itself a cancer
        assert http.get("/api/entities", params={"q": hint["id"], "kind": "Cancer"}).json()["match"]
    answer = http.get("/api/queries/drug-targets", params={"drug": "Glivec"}).json()
    assert [r["read_as"] for r in answer["readings"]] == ["imatinib"] and answer["rows"]


def test_the_pathway_endpoint_says_how_each_name_was_read(http):
    body = {"cancer": "gastric GIST", "setting": "unresectable", "findings": ["liver mets"]}
    readings = http.post("/api/pathway", json=body).json()["readings"]
    assert {r["field"]: r["read_as"] for r in readings} == {
        "cancer": "gastrointestinal stromal tumour",
        "findings[1]": "liver metastases",
    }


def test_a_bound_query_text_runs_on_the_sparql_endpoint(http):
    text = http.get("/api/queries/drug-targets/sparql", params={"drug": "Gleevec"}).json()["sparql"]
    assert "VALUES (?drug) { (<https://w3id.org/oncokg/imatinib>) }" in text
    rows = http.post("/query", data={"query": text}).json()["results"]["bindings"]
    assert sorted(r["target"]["value"].rsplit("/", 1)[-1] for r in rows) == ["KIT", "PDGFRA"]


def test_the_pathway_endpoint_answers_as_the_cli_does(http, built_project):
    patient = FIXTURES / "gist-liver-cirrhosis.json"
    cli = oncokg("pathway", "next", "--patient", str(patient), "--format", "json", root=built_project.root)
    assert cli.returncode == 0, cli.stderr
    response = http.post("/api/pathway", content=patient.read_bytes(), headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and response.json() == json.loads(cli.stdout)
    assert response.json()["options"]


@pytest.mark.parametrize(
    "body, fragments",
    [
        (b'{"cancer": "GIST", ', ["request body: invalid JSON at line 1"]),
        (b'{"cancer": "GIST", "setting": "unresectable", "colour": "blue"}', ["colour"]),
        (b'{"cancer": "nonsense", "setting": "unresectable"}', ["nonsense"]),
        (b"\xff\xfe", ["not UTF-8"]),
        (b"[" * 5000 + b"]" * 5000, ["nests too deeply"]),
    ],
)
def test_bad_patient_states_are_one_line_json_errors(http, body, fragments):
    response = http.post("/api/pathway", content=body, headers={"Content-Type": "application/json"})
    assert_json_error(response, 400, *fragments)


def sparql(base: str, query: str, fmt) -> SPARQLWrapper:
    client = SPARQLWrapper(base + "/query")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.query()


def test_sparqlwrapper_selects_in_json_xml_and_csv(base):
    query = "SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/oncokg/KITInhibitor> }"
    rows = sparql(base, query, JSON).convert()["results"]["bindings"]
    assert {r["d"]["value"].rsplit("/", 1)[-1] for r in rows} == {"imatinib", "sunitinib", "regorafenib"}
    xml = sparql(base, query, XML).convert()
    assert len(xml.getElementsByTagName("result")) == 3
    assert sparql(base, query, CSV).convert().decode().split()[0] == "d"


def test_sparqlwrapper_asks_constructs_and_describes(base):
    assert sparql(base, "ASK { <https://w3id.org/oncokg/imatinib> ?p ?o }", JSON).convert()["boolean"] is True
    construct = (
        "CONSTRUCT { ?d <https://w3id.org/oncokg/targets> ?t } WHERE { ?d <https://w3id.org/oncokg/targets> ?t }"
    )
    graph = rdflib.Graph().parse(data=sparql(base, construct, TURTLE).convert(), format="turtle")
    assert (
        rdflib.URIRef("https://w3id.org/oncokg/imatinib"),
        rdflib.URIRef("https://w3id.org/oncokg/targets"),
        rdflib.URIRef("https://w3id.org/oncokg/KIT"),
    ) in graph
    described = sparql(base, "DESCRIBE <https://w3id.org/oncokg/imatinib>", TURTLE).convert()
    assert len(rdflib.Graph().parse(data=described, format="turtle")) > 10


@pytest.mark.parametrize(
    "accept, media",
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_content_negotiation(http, accept, media):
    response = http.get(
        "/query",
        params={"query": "SELECT ?s WHERE { ?s a <https://w3id.org/oncokg/Protein> }"},
        headers={"Accept": accept},
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)


def test_unacceptable_media_types_are_refused(http):
    assert_json_error(http.get("/query", params={"query": "ASK {}"}, headers={"Accept": "image/png"}), 406, "image/png")


QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_head_is_answered_as_get_without_the_body(http):
    """Review 2, finding 19: `HEAD /query` got 405; RFC 9110 §9.3.2 asks for GET's answer without its content."""
    ask = {"query": "ASK { ?s ?p ?o }"}
    for path, params in (("/query", ask), ("/api/about", {}), ("/", {})):
        get, head = http.get(path, params=params), http.head(path, params=params)
        assert get.status_code == head.status_code == 200 and get.content and head.content == b""
        for header in ("content-type", "content-length"):
            assert head.headers[header] == get.headers[header], (path, header)
    assert 'oncokg_http_requests_total{method="HEAD",route="/query",status="200"}' in http.get("/metrics").text


def test_writes_are_refused_and_change_nothing(http):
    before = http.get("/query", params={"query": QUADS}).json()["results"]["bindings"][0]["n"]["value"]
    drop = "DROP ALL"
    attempts = [
        http.post("/update", content=drop, headers={"Content-Type": "application/sparql-update"}),
        http.post("/update", data={"update": drop}),
        http.get("/update", params={"update": drop}),
        http.post("/query", content=drop, headers={"Content-Type": "application/sparql-update"}),
        http.post("/query", data={"update": drop}),
        http.get("/query", params={"query": "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }"}),
        http.post("/sparql", data={"query": "CLEAR ALL"}),
        http.put(
            "/store",
            params={"default": ""},
            content=b"<http://a/b> <http://a/c> <http://a/d> .",
            headers={"Content-Type": "application/n-triples"},
        ),
        http.post(
            "/store",
            params={"graph": "http://a/g"},
            content=b"<http://a/b> <http://a/c> <http://a/d> .",
            headers={"Content-Type": "application/n-triples"},
        ),
        http.delete("/store", params={"default": ""}),
    ]
    for response in attempts:
        assert_json_error(response, 403, "read-only")
    assert_json_error(http.put("/query", content=b"x"), 405)  # /query is no graph store: GET and POST only
    assert http.get("/query", params={"query": QUADS}).json()["results"]["bindings"][0]["n"]["value"] == before


@pytest.mark.parametrize(
    "request_args, status, fragments",
    [
        (
            {"method": "GET", "url": "/query", "params": {"query": "SELECT * WHERE {\n ?s ?p }"}},
            400,
            ["invalid SPARQL", "2:"],
        ),
        ({"method": "GET", "url": "/query", "params": {"default-graph-uri": "http://a"}}, 400, ["exactly one"]),
        (
            {"method": "GET", "url": "/query", "params": {"query": "ASK {}", "default-graph-uri": "no-scheme"}},
            400,
            ["default-graph-uri", "no-scheme"],
        ),
        (
            {"method": "POST", "url": "/query", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
            415,
            ["text/plain"],
        ),
        (
            {
                "method": "POST",
                "url": "/query",
                "content": b"A" * 1_200_000,
                "headers": {"Content-Type": "application/sparql-query"},
            },
            413,
            ["limit"],
        ),
        ({"method": "GET", "url": "/no/such/page"}, 404, []),
        ({"method": "GET", "url": "/query", "params": {"query": "PREFIX a: <urn:a>"}}, 400, ["invalid SPARQL"]),
        ({"method": "GET", "url": "/query", "params": {"query": "# nothing"}}, 400, ["invalid SPARQL"]),
    ],
)
def test_bad_sparql_requests_are_one_line_json_errors(http, request_args, status, fragments):
    assert_json_error(http.request(**request_args), status, *fragments)


def test_a_runaway_query_is_stopped_at_its_timeout_while_others_are_answered(http, base):
    answered, stop = [], threading.Event()

    def other_client():
        with httpx.Client(base_url=base, timeout=10) as client:
            while not stop.is_set():
                answered.append(client.get("/api/queries/drug-targets", params={"drug": "Gleevec"}).status_code)

    helper = threading.Thread(target=other_client)
    helper.start()
    started = time.monotonic()
    try:
        response = http.post("/query", data={"query": RUNAWAY})
    finally:
        stop.set()
        helper.join()
    took = time.monotonic() - started
    assert_json_error(response, 503, "timeout of 2 s")
    assert took < 2 + 1.5, took
    assert answered and set(answered) == {200}
    assert metric(http, "oncokg_query_timeouts_total") >= 1
    wait_for_workers(http, 2)


def metric(http, name: str) -> float:
    """One unlabelled sample of /metrics."""
    line = next(line for line in http.get("/metrics").text.splitlines() if line.startswith(name + " "))
    return float(line.split()[1])


def wait_for_workers(http, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while http.get("/healthz").json()["workers"] != count:
        assert time.monotonic() < deadline, "a stopped worker was not replaced"
        time.sleep(0.2)


def test_a_query_that_crashes_the_engine_is_answered_and_the_worker_replaced(http):
    deep = "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000
    response = http.post("/query", content=deep, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code in (400, 500)
    assert_json_error(response, response.status_code)
    wait_for_workers(http, 2)
    assert http.get("/query", params={"query": "ASK {}"}).json()["boolean"] is True


def test_a_client_that_gives_up_leaves_the_pool_whole(http, base):
    with pytest.raises(httpx.TimeoutException):
        httpx.post(base + "/query", data={"query": RUNAWAY}, timeout=0.5)
    deadline = time.monotonic() + 30
    while metric(http, "oncokg_queries_in_flight") != 0:
        assert time.monotonic() < deadline, "the abandoned query was never settled"
        time.sleep(0.2)
    wait_for_workers(http, 2)
    answers = [http.get("/query", params={"query": "ASK {}"}).status_code for _ in range(4)]
    assert answers == [200] * 4


def test_threads_stay_bounded_under_load(service, http):
    _, process = service
    http.get("/api/queries/sources")
    before = threads_of(process)
    for i in range(300):
        assert http.get("/query", params={"query": f"ASK {{ ?s ?p {i} }}"}).status_code == 200
    assert threads_of(process) <= before + 2


def test_health_metrics_openapi_and_docs(http):
    assert http.get("/healthz").json()["status"] == "ok"
    http.get("/api/queries/sources")
    metrics = http.get("/metrics").text
    assert 'oncokg_http_requests_total{method="GET",route="/api/queries/sources",status="200"}' in metrics
    for name in ("oncokg_queries_in_flight", "oncokg_query_timeouts_total", "oncokg_http_request_seconds_bucket"):
        assert name in metrics
    paths = http.get("/openapi.json").json()["paths"]
    assert {"/api/queries", "/api/queries/{name}", "/api/pathway", "/api/entities", "/query"} <= set(paths)
    docs = http.get("/docs").text
    assert "/static/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert http.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_the_page_is_served_with_its_own_yasgui(http):
    page = http.get("/").text
    linked = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert "/static/yasgui/yasgui.min.js" in linked and "/static/yasgui/yasgui.min.css" in linked
    assert all(url.startswith(("/", "data:")) for url in linked), linked
    assert http.get("/static/yasgui/yasgui.min.js").status_code == 200
    assert http.get("/static/app.js").status_code == 200


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--bind", "127.0.0.1:99999"], "expected HOST:PORT"),
        (["--bind", "nowhere"], "expected HOST:PORT"),
        (["--timeout", "nan"], "--timeout"),
        (["--timeout", "0"], "--timeout"),
        (["--workers", "0"], "--workers"),
    ],
)
def test_bad_serve_options_are_one_line(built_project, built, args, fragment):
    assert_one_line_error(oncokg("serve", *args, root=built_project.root), fragment)


def test_a_busy_port_is_one_line(built_project, built):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = oncokg("serve", "--bind", f"127.0.0.1:{port}", root=built_project.root)
    assert_one_line_error(result, f"cannot listen on 127.0.0.1:{port}")


def test_the_service_answers_without_waiting_on_nagle():
    """An accepted connection has TCP_NODELAY: asyncio sets it only on a socket made as TCP, and
    without it each answer on a kept-alive connection waited for the client's delayed ACK (40 ms)."""
    import asyncio

    from oncokg.web.server import listen

    async def accepted_nodelay() -> int:
        found: asyncio.Future = asyncio.get_running_loop().create_future()

        def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            found.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(connected, sock=listen("127.0.0.1", 0))
        async with server:
            port = server.sockets[0].getsockname()[1]
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(found, 10)
            writer.close()
        return value

    assert asyncio.run(accepted_nodelay()) != 0


def test_a_rebuilt_store_is_served_without_a_restart(built, built_project, tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(built_project.build_dir, project.build_dir)
    with web_service(project.root, tmp_path, workers=1) as (base, _), httpx.Client(base_url=base, timeout=30) as http:
        assert http.get("/api/queries/sources").status_code == 200
        assert http.get("/query", params={"query": COUNT}).status_code == 200  # an answer kept
        replaced = metric(http, "oncokg_workers_replaced_total")
        shutil.copytree(project.build_dir, tmp_path / "build.new")
        project.build_dir.rename(tmp_path / "build.old")
        (tmp_path / "build.new").rename(project.build_dir)
        shutil.rmtree(tmp_path / "build.old")
        assert len(http.get("/api/queries/sources").json()["rows"]) == len(SOURCE_IDS)
        assert metric(http, "oncokg_workers_replaced_total") == replaced + 1
        hits = metric(http, "oncokg_answer_cache_hits_total")
        for _ in range(2):  # the answer kept from the old build is not given; the new one is kept
            assert http.get("/query", params={"query": COUNT}).status_code == 200
        assert metric(http, "oncokg_answer_cache_hits_total") == hits + 1


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"


def test_an_answer_asked_again_is_given_from_the_kept_ones(http):
    """Asked again, the same text with the same Accept is answered without a worker; another media
    type or a query with RAND() runs again; one that reads the clock is kept no longer than a second."""
    query = COUNT + " # kept"
    hits = metric(http, "oncokg_answer_cache_hits_total")
    first, again = (http.post("/query", data={"query": query}) for _ in range(2))
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert metric(http, "oncokg_answer_cache_hits_total") == hits + 1
    csv = http.post("/query", data={"query": query}, headers={"Accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert {http.post("/query", data={"query": "SELECT (RAND() AS ?r) WHERE {}"}).status_code for _ in range(2)} == {
        200
    }
    assert metric(http, "oncokg_answer_cache_hits_total") == hits + 1
    clock = []
    for _ in range(2):
        clock.append(http.post("/query", data={"query": "SELECT (now() AS ?t) WHERE {}"}))
        time.sleep(1.2)  # past the second a clock answer is kept
    assert clock[0].content != clock[1].content
    assert metric(http, "oncokg_answer_cache_hits_total") == hits + 1


def test_about_names_the_data_release_and_when_it_was_built(http, built_project):
    """What a researcher cites: the release the build stamped, and the build's date, as the manifest says."""
    about = http.get("/api/about").json()
    manifest = json.loads((built_project.build_dir / "manifest.json").read_text(encoding="utf-8"))
    assert about["data_version"] == manifest["data_version"] and about["built_at"] == manifest["built_at"]
    assert about["data_version"].count(".") == 2


def test_a_quote_with_the_sources_markup_comes_with_its_prose(http):
    """The rows keep each quote verbatim; `prose` gives the page the same text without link markup."""
    answer = http.get("/api/queries/treatments-for", params={"cancer": "GIST"}).json()
    marked = {r["quote"] for r in answer["rows"] if prose(r["quote"]) != r["quote"]}
    assert any("](#)" in q for q in marked) and set(answer["prose"]) == marked
    assert all("](#)" not in answer["prose"][q] and answer["prose"][q] == prose(q) for q in marked)


def test_a_catalogue_parameter_given_twice_is_refused_as_the_cli_refuses_it(http):
    """One rule and one message for the CLI's `--param` and the API's query parameters."""
    response = http.get("/api/queries/drug-targets", params=[("drug", "Gleevec"), ("drug", "Sutent")])
    assert_json_error(response, 400, "query parameter drug is given twice ('Gleevec' and 'Sutent')", "takes one value")


def test_each_annotations_cached_source_is_served_where_its_iri_says_and_the_selectors_count_in_it(http):
    """An annotation client can fetch the text that oa:start/oa:end count in (review 12b, problem 19)."""
    query = """SELECT ?cached ?exact ?start ?end WHERE { GRAPH ?g {
      ?target oa:hasState [ a oa:TimeState ; oa:cachedSource ?cached ] ;
              oa:hasSelector [ oa:exact ?exact ] , [ oa:start ?start ; oa:end ?end ] } }"""
    answer = http.get("/query", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    rows = [{k: v["value"] for k, v in b.items()} for b in answer.json()["results"]["bindings"]]
    texts = {}
    for cached in sorted({row["cached"] for row in rows}):
        assert cached.startswith("https://w3id.org/oncokg/source/") and cached.endswith(".txt")
        response = http.get(httpx.URL(cached).path)  # the IRI's path, as entity IRIs are served
        assert response.status_code == 200 and response.headers["content-type"] == "text/plain; charset=utf-8"
        texts[cached] = response.content.decode("utf-8")
    assert len(texts) == len(SOURCE_IDS) and len(rows) > 600
    assert all(texts[r["cached"]][int(r["start"]) : int(r["end"])] == r["exact"] for r in rows)
    missing = http.get("/oncokg/source/no-such-source.txt")
    assert missing.status_code == 404 and "no source text 'no-such-source'" in missing.json()["error"]
