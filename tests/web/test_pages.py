"""The routes behind the pathway explorer and the entity pages, over HTTP on the real service: the
pathway by query parameters, an entity in every format, the sources cited beside answers, the
editor's labelled query text, and an OpenAPI description whose examples run."""

import json

import pytest
import rdflib

from helpers import SOURCE_IDS, oncokg
from oncokg.disclaimer import DISCLAIMER
from oncokg.vocab import SPARQL_PREFIXES

pytestmark = pytest.mark.xdist_group("web-pages")

GIST = [("cancer", "GIST"), ("setting", "unresectable"), ("history", "Gleevec:progression")]
IMATINIB = "https://w3id.org/oncokg/imatinib"


def error_of(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and "\n" not in body["error"]
    return body["error"]


# ---- the pathway by query parameters ------------------------------------------------------------


def test_get_pathway_answers_as_post_and_the_cli(http, built_project):
    got = http.get("/api/pathway", params=GIST)
    body = {
        "cancer": "GIST",
        "setting": "unresectable",
        "history": [{"treatment": "Gleevec", "outcome": "progression"}],
    }
    posted = http.post("/api/pathway", json=body)
    assert got.status_code == 200 and posted.status_code == 200
    assert got.json()["options"] == posted.json()["options"] and got.json()["options"]
    cli = oncokg(
        "pathway",
        "next",
        "--cancer",
        "GIST",
        "--setting",
        "unresectable",
        "--history",
        "Gleevec:progression",
        root=built_project.root,
    )
    text = http.get("/api/pathway", params=GIST, headers={"Accept": "text/plain"})
    assert text.headers["content-type"].startswith("text/plain")
    assert text.text == cli.stdout


def test_get_pathway_takes_repeated_parameters_in_order(http):
    params = [
        ("cancer", "GIST"),
        ("setting", "unresectable"),
        ("history", "imatinib:progression"),
        ("history", "sunitinib:progression"),
        ("finding", "liver metastases"),
        ("biomarker", "KIT=overexpression"),
    ]
    answer = http.get("/api/pathway", params=params).json()
    history = [(h["treatment"]["label"], h["outcome"]["label"]) for h in answer["patient"]["history"]]
    assert history == [("imatinib", "progression"), ("sunitinib", "progression")]
    assert [f["label"] for f in answer["patient"]["findings"]] == ["liver metastases"]
    assert "KIT" in answer["patient"]["biomarkers"]


@pytest.mark.parametrize(
    "params, fragments",
    [
        ([], ["missing query parameter cancer", "?cancer=GIST"]),
        ([("cancer", "GIST")], ["missing query parameter setting"]),
        ([("cancer", "GIST"), ("setting", "unresectable"), ("colour", "blue")], ["unknown query parameter colour"]),
        ([("cancer", "GIST"), ("cancer", "GIST"), ("setting", "unresectable")], ["cancer is given more than once"]),
        ([("cancer", "GIST"), ("setting", "unresectable"), ("history", "imatinib")], ["history='imatinib'"]),
        ([("cancer", "GIST"), ("setting", "unresectable"), ("biomarker", "KIT")], ["biomarker='KIT'"]),
        ([("cancer", "nonsense"), ("setting", "unresectable")], ["nonsense"]),
    ],
)
def test_bad_pathway_addresses_are_one_line_errors_in_web_words(http, params, fragments):
    message = error_of(http.get("/api/pathway", params=params), 400)
    assert "--" not in message
    for fragment in fragments:
        assert fragment in message


def test_the_drawing_carries_its_legend_sources_and_notice(http):
    drawing = http.get("/api/pathway/drawing", params=GIST).json()
    nodes = [e for e in drawing["elements"] if "source" not in e["data"]]
    edges = [e for e in drawing["elements"] if "source" in e["data"]]
    ids = {n["data"]["id"] for n in nodes}
    assert "start" in ids and len(nodes) > 3 and all({e["data"]["source"], e["data"]["target"]} <= ids for e in edges)
    assert any("imatinib" in n["data"]["label"] for n in nodes)
    assert {s["id"] for s in drawing["sources"]} == {"acs-gist"}
    assert drawing["sources"][0]["dates"] == ["2017-05-17"]
    assert {item["style"] for item in drawing["legend"]} >= {"dashed box", "dotted arrow", "number"}
    assert drawing["disclaimer"] == DISCLAIMER


# ---- entities ---------------------------------------------------------------------------------


def test_an_entity_page_has_what_a_term_page_shows(http):
    entity = http.get("/entity/imatinib", headers={"Accept": "application/json"}).json()
    assert entity["iri"] == IMATINIB and entity["label"] == "imatinib"
    assert "Gleevec" in entity["synonyms"]
    assert entity["definitions"] and "KIT" in entity["definitions"][0]["text"]
    assert "drug" in {c["label"] for c in entity["classes"]["asserted"]}
    assert "KIT inhibitor" in {c["label"] for c in entity["classes"]["inferred"]}
    mapped = {m["id"]: m for m in entity["mappings"]}
    assert mapped["NCIT:C62035"]["iri"] == "http://purl.obolibrary.org/obo/NCIT_C62035"
    assert mapped["NCIT:C62035"]["relation"] == "exactMatch"
    rows = entity["statements"]["rows"]
    assert rows and all(r["quote"] for r in rows)
    assert any("It targets both the KIT and PDGFRA proteins" in r["quote"] for r in rows)
    assert {"drug-targets", "adverse-effects"} <= {q["query"] for q in entity["queries"]}
    assert "sources" not in {q["query"] for q in entity["queries"]}


def test_every_statement_of_the_evidence_query_is_on_the_page(http):
    page = http.get("/entity/imatinib", headers={"Accept": "application/json"}).json()["statements"]
    catalogue = http.get("/api/queries/evidence", params={"subject": "imatinib"}).json()
    assert page["rows"] == catalogue["rows"] and page["variables"] == catalogue["variables"]


def test_an_iri_resolves_at_its_own_path_with_content_negotiation(http):
    html = http.get("/oncokg/imatinib", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html") and "entity.js" in html.text
    assert "Accept" in html.headers["vary"]
    anything = http.get("/oncokg/imatinib", headers={"Accept": "*/*"})
    assert anything.headers["content-type"].startswith("application/json") and anything.json()["iri"] == IMATINIB
    expected = rdflib.Graph()
    expected.parse(
        data=http.post(
            "/query",
            data={"query": f"CONSTRUCT {{ <{IMATINIB}> ?p ?o }} WHERE {{ <{IMATINIB}> ?p ?o }}"},
            headers={"Accept": "application/n-triples"},
        ).text,
        format="nt",
    )
    assert len(expected) > 30
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")):
        for path in ("/oncokg/imatinib", "/entity/imatinib"):
            response = http.get(path, headers={"Accept": accept})
            assert response.headers["content-type"].startswith(accept), (path, accept)
            graph = rdflib.Graph().parse(data=response.text, format=fmt)
            about = {t for t in graph if t[0] == rdflib.URIRef(IMATINIB)}
            assert about == set(expected), (path, accept)
            assert any(t[2] == rdflib.URIRef(IMATINIB) for t in graph), "statements naming it as object"
    turtle = http.get("/entity/imatinib", params={"format": "ttl"}).text
    assert "@prefix oncokg: <https://w3id.org/oncokg/>" in turtle and "oncokg:imatinib" in turtle


def test_entities_under_the_namespace_paths_and_unknown_ones(http):
    source = http.get("/entity/source/acs-gist", headers={"Accept": "application/json"}).json()
    assert source["label"] == "Treating Gastrointestinal Stromal Tumors"
    assert "source document" in {c["label"] for c in source["classes"]["asserted"]}
    assert "no-such-thing" in error_of(http.get("/entity/no-such-thing", headers={"Accept": "application/json"}), 404)
    assert "format 'xml'" in error_of(http.get("/entity/imatinib", params={"format": "xml"}), 400)


# ---- sources, prefixes and the editor ---------------------------------------------------------


def test_sources_are_cited_with_id_title_publisher_and_dates(http):
    cards = http.get("/api/sources").json()
    assert tuple(sorted(c["id"] for c in cards)) == tuple(sorted(SOURCE_IDS))
    gist = next(c for c in cards if c["id"] == "acs-gist")
    assert gist["title"] == "Treating Gastrointestinal Stromal Tumors"
    assert gist["publisher"] == "American Cancer Society" and gist["reviewed"] == "2017-05-17"
    catalogue = http.get("/api/queries/sources").json()["rows"]
    assert {c["overdue"] for c in cards} == {r["reviewOverdue"] for r in catalogue}
    for card in cards:
        assert "url" not in card or card["url"].startswith(("http://", "https://"))


def test_the_editor_declares_every_prefix_the_cli_does(http):
    assert http.get("/api/about").json()["prefixes"] == SPARQL_PREFIXES
    assert {"obo", "oboInOwl", "biolink"} <= set(SPARQL_PREFIXES)


def test_open_in_editor_keeps_the_label_columns_for_every_query(http):
    for query in http.get("/api/queries").json():
        params = {p["name"]: p["example"] for p in query["parameters"] if not p["optional"]}
        catalogue = http.get(f"/api/queries/{query['name']}", params=params).json()
        text = http.get(f"/api/queries/{query['name']}/sparql", params=params).json()["sparql"]
        editor = http.post("/query", data={"query": text}).json()
        assert editor["head"]["vars"] == catalogue["variables"], query["name"]
        assert len(editor["results"]["bindings"]) == len(catalogue["rows"]), query["name"]
        label = next((v for v in catalogue["variables"] if v.endswith("Label")), None)
        if label and catalogue["rows"]:
            got = sorted(b[label]["value"] for b in editor["results"]["bindings"] if label in b)
            assert got == sorted(str(r[label]) for r in catalogue["rows"] if r[label] is not None), query["name"]


# ---- the API docs run each route ----------------------------------------------------------------


def test_every_catalogue_query_and_the_pathway_run_from_their_openapi_examples(http):
    spec = http.get("/openapi.json").json()
    catalogue = {q["name"] for q in http.get("/api/queries").json()}
    routes = {p.rsplit("/", 1)[-1] for p in spec["paths"] if p.startswith("/api/queries/") and "{" not in p}
    assert routes == catalogue
    for name in sorted(catalogue):
        operation = spec["paths"][f"/api/queries/{name}"]["get"]
        params = {p["name"]: p["example"] for p in operation.get("parameters", []) if p["in"] == "query"}
        response = http.get(f"/api/queries/{name}", params=params)
        assert response.status_code == 200, (name, response.text)
    get = spec["paths"]["/api/pathway"]["get"]
    declared = {p["name"]: p for p in get["parameters"]}
    assert set(declared) == {"cancer", "setting", "biomarker", "finding", "history", "planned"}
    params = [
        (n, v)
        for n, p in declared.items()
        if "example" in p
        for v in (p["example"] if isinstance(p["example"], list) else [p["example"]])
    ]
    assert http.get("/api/pathway", params=params).status_code == 200
    body = spec["paths"]["/api/pathway"]["post"]["requestBody"]["content"]["application/json"]
    assert {"cancer", "setting", "history"} <= set(body["schema"]["properties"])
    answer = http.post("/api/pathway", json=body["example"])
    assert answer.status_code == 200 and json.loads(answer.text)["options"]
