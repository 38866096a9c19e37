"""The W3C SPARQL 1.1 Protocol and Service Description manifests (tests/fixtures/w3c), run over HTTP on any
endpoint, as their comments say to run them: each request of a test sent in turn to the endpoint (its
`/sparql/` path replaced by the endpoint's), its status class, result format and boolean checked."""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, Namespace
from rdflib.collection import Collection

W3C = Path(__file__).parent / "fixtures" / "w3c"
PROTOCOL = W3C / "protocol" / "manifest.ttl"
SERVICE_DESCRIPTION = W3C / "service-description" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

_FORMATS = {
    "tabular": {
        "application/sparql-results+xml",
        "application/sparql-results+json",
        "text/csv",
        "text/tab-separated-values",
    },
    "boolean": {"application/sparql-results+xml", "application/sparql-results+json"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json", "text/n3"},
}


@dataclass
class Answer:
    status: int
    media: str
    body: bytes


@dataclass
class Outcome:
    """One test's result: passed, whether it expects an update to succeed, and each request's answer."""

    name: str
    passed: bool
    update: bool
    answers: list[Answer]


def _entries(graph: rdflib.Graph) -> list:
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return list(Collection(graph, graph.value(manifest, MF.entries)))


def graph_data(manifest: Path = PROTOCOL) -> dict[str, Path]:
    """The named graphs the dataset tests expect in the store: graph IRI → N-Triples file."""
    graph = rdflib.Graph().parse(manifest, format="turtle")
    return {
        str(graph.value(data, RDFS.label)): manifest.parent / str(graph.value(data, UT.graph)).rsplit("/", 1)[-1]
        for data in graph.objects(None, UT.graphData)
    }


def _send(graph: rdflib.Graph, request, endpoint: str) -> tuple[Answer, bool]:
    """One request of a test sent to the endpoint; the answer, and whether it is an update."""
    path = str(graph.value(request, HT.absolutePath))
    headers = {
        str(graph.value(h, HT.fieldName)): str(graph.value(h, HT.fieldValue))
        for h in Collection(graph, graph.value(request, HT.headers) or RDF.nil)
    }
    body = graph.value(request, HT.body)
    data = None if body is None else str(graph.value(body, CNT.chars)).encode("utf-8")
    media = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    update = "sparql-update" in media or (data is not None and data.startswith(b"update="))
    sent = urllib.request.Request(
        endpoint + path[len("/sparql/") :], data=data, method=str(graph.value(request, HT.methodName)), headers=headers
    )
    if data is not None and not media:
        sent.add_unredirected_header("Content-Type", "")  # the test sends no media type
    try:
        with urllib.request.urlopen(sent, timeout=30) as response:
            answer = Answer(response.status, response.headers.get("content-type", ""), response.read())
    except urllib.error.HTTPError as error:
        answer = Answer(error.code, error.headers.get("content-type", ""), error.read())
    return Answer(answer.status, answer.media.split(";")[0].strip(), answer.body), update


def _classes(graph: rdflib.Graph, request) -> set[str]:
    return {str(s).rsplit("#", 1)[-1] for s in graph.objects(graph.value(request, HT.resp), MF.expectedStatus)}


def _expected(graph: rdflib.Graph, request, answer: Answer) -> bool:
    expect = graph.value(request, HT.resp)
    classes = _classes(graph, request)
    if f"StatusCode{str(answer.status)[0]}xx" not in classes:
        return False
    if answer.status >= 300:
        return True
    fmt, boolean = graph.value(expect, MF.expectedFormat), graph.value(expect, MF.expectedBoolean)
    if fmt is not None and answer.media not in _FORMATS[str(fmt)]:
        return False
    if boolean is None:
        return True
    if "json" in answer.media:
        return json.loads(answer.body).get("boolean") == boolean.toPython()
    return (b"<boolean>true</boolean>" in answer.body) == boolean.toPython()


def run_protocol(endpoint: str, manifest: Path = PROTOCOL) -> list[Outcome]:
    """Every test of the Protocol manifest, in its order, against the endpoint."""
    graph = rdflib.Graph().parse(manifest, format="turtle")
    outcomes = []
    for test in _entries(graph):
        passed, writes, answers = True, False, []
        for request in Collection(graph, graph.value(graph.value(test, MF.action), HT.requests)):
            answer, update = _send(graph, request, endpoint)
            passed &= _expected(graph, request, answer)
            writes |= update and "StatusCode2xx" in _classes(graph, request)
            answers.append(answer)
        outcomes.append(Outcome(str(test).rsplit("#", 1)[-1], passed, writes, answers))
    return outcomes


def run_service_description(endpoint: str) -> dict[str, bool]:
    """The three Service Description tests: a GET of the endpoint URL negotiates RDF, which names the
    endpoint (`sd:endpoint`) on an `sd:Service` with a supported language."""
    request = urllib.request.Request(
        endpoint, headers={"Accept": "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            media, body = response.headers.get("content-type", "").split(";")[0].strip(), response.read()
        description = rdflib.Graph().parse(data=body, format=media, publicID=endpoint)
    except (urllib.error.URLError, ValueError, SyntaxError, rdflib.plugin.PluginException):
        return {"returns-rdf": False, "has-endpoint-triple": False, "conforms-to-schema": False}
    services = set(description.subjects(SD.endpoint, rdflib.URIRef(endpoint)))
    return {
        "returns-rdf": len(description) > 0,
        "has-endpoint-triple": bool(services),
        "conforms-to-schema": any(
            (s, RDF.type, SD.Service) in description and description.value(s, SD.supportedLanguage) is not None
            for s in services
        ),
    }


def sd_manifest_tests(manifest: Path = SERVICE_DESCRIPTION) -> set[str]:
    graph = rdflib.Graph().parse(manifest, format="turtle")
    return {str(test).rsplit("#", 1)[-1] for test in _entries(graph)}
