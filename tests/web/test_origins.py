"""Whom the real service answers (review 2, finding 17): a request naming another host (DNS
rebinding) is refused, a browser's cross-site POST is refused, and CORS is sent only for the
origins `--cors` lists."""

import httpx
import pytest

from web_service import web_service

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("web")]  # two services of their own

PATIENT = '{"cancer": "GIST", "setting": "unresectable"}'
ALLOWED = "http://notebook.example:8888"


@pytest.fixture(scope="module")
def base(built, built_project, tmp_path_factory):
    extra = ["--allow-host", "kg.example", "--cors", ALLOWED]
    with web_service(built_project.root, tmp_path_factory.mktemp("origins"), workers=1, extra=extra) as (url, _):
        yield url


@pytest.fixture(scope="module")
def plain(built, built_project, tmp_path_factory):
    """The service as started by default: no --allow-host, no --cors."""
    with web_service(built_project.root, tmp_path_factory.mktemp("plain"), workers=1) as (url, _):
        yield url


def pathway(base: str, **headers: str) -> httpx.Response:
    return httpx.post(base + "/api/pathway", content=PATIENT, headers={"Content-Type": "application/json", **headers})


def test_a_request_naming_another_host_is_refused(plain):
    """The review's DNS-rebinding case: Host attacker.example reached the loopback service."""
    port = plain.rsplit(":", 1)[1]
    refused = httpx.get(plain + "/api/about", headers={"Host": f"attacker.example:{port}"})
    assert refused.status_code == 421 and "--allow-host" in refused.json()["error"]
    for name in ("127.0.0.1", "localhost"):
        assert httpx.get(plain + "/api/about", headers={"Host": f"{name}:{port}"}).status_code == 200


def test_an_allowed_host_is_answered(base):
    assert httpx.get(base + "/api/about", headers={"Host": "kg.example"}).status_code == 200
    assert httpx.get(base + "/api/about", headers={"Host": "other.example"}).status_code == 421


def test_a_cross_site_post_is_refused(plain):
    """The review's case: a text/plain POST from http://evil.example got 200."""
    refused = httpx.post(
        plain + "/api/pathway",
        content=PATIENT,
        headers={"Origin": "http://evil.example", "Content-Type": "text/plain"},
    )
    assert refused.status_code == 403 and "--cors" in refused.json()["error"]
    form = httpx.post(plain + "/query", data={"query": "ASK {}"}, headers={"Origin": "http://evil.example"})
    assert form.status_code == 403
    assert pathway(plain, Origin=plain).status_code == 200  # the service's own page
    assert pathway(plain).status_code == 200  # not a browser


def test_the_pathway_endpoint_reads_only_json(plain):
    refused = httpx.post(plain + "/api/pathway", content=PATIENT, headers={"Content-Type": "text/plain"})
    assert refused.status_code == 415 and "application/json" in refused.json()["error"]


def test_no_cors_headers_unless_asked(plain):
    answer = httpx.get(plain + "/api/about", headers={"Origin": ALLOWED})
    assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers


def test_cors_for_the_listed_origin_only(base):
    answer = pathway(base, Origin=ALLOWED)
    assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == ALLOWED
    preflight = httpx.options(
        base + "/api/pathway",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == ALLOWED
    other = pathway(base, Origin="http://evil.example")
    assert other.status_code == 403 and "access-control-allow-origin" not in other.headers
