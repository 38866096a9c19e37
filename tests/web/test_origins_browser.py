"""CORS as a browser enforces it (Debian's Chromium, driven by Playwright): a page of another site
reads the service's answers, and sends it JSON, only when `--cors` names that site; the
headers alone are checked in tests/web/test_origins.py."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from web_browser import chromium_context, require_chromium
from web_service import web_service

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]  # Chromium and a service

FETCH = """async ([url, body]) => {
  const options = body ? {method: "POST", headers: {"Content-Type": "application/json"}, body} : {};
  try {
    const response = await fetch(url, options);
    return [response.status, await response.text()];
  } catch (error) {
    return ["blocked", String(error)];
  }
}"""
PATIENT = '{"cancer": "GIST", "setting": "unresectable"}'


class _Page(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        body = b"<!doctype html><title>another site</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def another_site():
    """A site on its own loopback port: another origin than the service's."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(built, built_project, tmp_path_factory):
    """(a page of the site --cors names, a page of a site it does not name, the service's URL)."""
    require_chromium()
    workdir = tmp_path_factory.mktemp("cors-browser")
    outside: list[str] = []
    with (
        another_site() as allowed,
        another_site() as other,
        web_service(built_project.root, workdir, workers=1, extra=["--cors", allowed]) as (base, _),
        chromium_context(workdir / "profile", outside) as context,
    ):
        pages = []
        for site in (allowed, other):
            page = context.new_page()
            page.goto(site + "/")
            pages.append(page)
        yield pages[0], pages[1], base
    assert not outside


def test_the_site_cors_names_reads_answers_and_sends_json(browser):
    allowed, _, base = browser
    status, text = allowed.evaluate(FETCH, [base + "/api/queries/drug-targets?drug=Gleevec", None])
    assert status == 200 and '"rows"' in text
    status, text = allowed.evaluate(FETCH, [base + "/api/pathway", PATIENT])  # a preflight first
    assert status == 200 and "GIST" in text


def test_another_site_can_neither_read_nor_send(browser):
    _, other, base = browser
    for path, body in (("/api/queries/drug-targets?drug=Gleevec", None), ("/api/pathway", PATIENT)):
        status, text = other.evaluate(FETCH, [base + path, body])
        assert status == "blocked" and "Failed to fetch" in text, (path, status, text[:200])
