"""One client's runaway SPARQL queries hold no more than its share of the query workers (issue 29,
item 2): another client's queries, and the catalogue, are still answered at once. Clients are told
apart by address; loopback has a whole /8 of them, so a second client is 127.0.0.2."""

import threading
import time

import httpx
import pytest

from web_service import web_service

pytestmark = pytest.mark.xdist_group("web")

TIMEOUT = 4  # seconds; a request waits at most half of it for a worker (or its share)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"


@pytest.fixture(scope="module")
def service(built, built_project, tmp_path_factory):
    # 3 workers: ad-hoc SPARQL may hold 2 of them, and one client 1 of those
    with web_service(built_project.root, tmp_path_factory.mktemp("share"), timeout=TIMEOUT, workers=3) as running:
        yield running[0]


def client_at(base: str, address: str) -> httpx.Client:
    return httpx.Client(base_url=base, timeout=30, transport=httpx.HTTPTransport(local_address=address))


def test_one_clients_runaways_leave_other_clients_served(service):
    answers: list[httpx.Response] = []

    def runaway(n: int) -> None:  # two texts: one asked twice would wait for the first's answer
        with client_at(service, "127.0.0.1") as own:
            answers.append(own.post("/query", data={"query": f"{RUNAWAY} # {n}"}))

    runaways = [threading.Thread(target=runaway, args=(n,)) for n in range(2)]
    for thread in runaways:
        thread.start()
    time.sleep(0.5)
    with client_at(service, "127.0.0.2") as other:
        started = time.monotonic()
        theirs = other.post("/query", data={"query": QUICK})
        took = time.monotonic() - started
        catalogue = other.get("/api/queries/drug-targets", params={"drug": "Gleevec"})
    for thread in runaways:
        thread.join()
    assert theirs.status_code == 200 and took < 1.5, (theirs.status_code, took, theirs.text)
    assert catalogue.status_code == 200
    statuses = sorted(response.status_code for response in answers)
    assert statuses == [429, 503], [response.text for response in answers]
    refused = next(response for response in answers if response.status_code == 429)
    assert refused.headers["retry-after"] == "1"
    assert "already runs 1 SPARQL query at once" in refused.json()["error"]


def test_a_clients_share_is_given_back_when_its_queries_end(service):
    with client_at(service, "127.0.0.1") as own:
        deadline = time.monotonic() + 60
        while own.get("/healthz").json()["workers"] != 3:
            assert time.monotonic() < deadline, "the killed worker was never replaced"
            time.sleep(0.1)
        statuses = [own.post("/query", data={"query": QUICK}).status_code for _ in range(5)]
    assert statuses == [200] * 5
