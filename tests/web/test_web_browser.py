"""The service's page in a real browser: Debian's Chromium, driven by Playwright over the DevTools
protocol (no browser is downloaded). Set ONCOKG_DOCS_SCREENSHOT=1 to refresh the docs' screenshot."""

import os
import shutil
from pathlib import Path

import pytest

from web_browser import chromium_context, require_chromium
from web_service import web_service

# One worker runs this module: Chromium and the service behind it start once, not once per worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]  # Chromium

DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "images" / "serving-catalogue.png"


@pytest.fixture(scope="module")
def page_of(built, built_project, tmp_path_factory):
    """A function that opens a path of a running service in a fresh Chromium profile."""
    require_chromium()
    workdir = tmp_path_factory.mktemp("browser")
    outside: list[str] = []
    with (
        web_service(built_project.root, workdir) as (base, _),
        chromium_context(workdir / "profile", outside) as context,
    ):

        def open_page(path: str = "/"):
            page = context.new_page()
            page.goto(base + path)
            return page

        open_page.outside = outside
        yield open_page


def test_a_person_runs_drug_targets_for_gleevec(page_of, tmp_path):
    page = page_of("/")
    page.click("#query-list li[data-name=drug-targets]")
    page.fill("#param-drug", "Gleevec")
    page.click("#run")
    page.wait_for_selector("#results-table tbody tr")
    targets = page.locator("#results-table tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(targets) == ["KIT", "PDGFRA"]
    assert "not medical advice" in page.inner_text("#notice").casefold()
    shot = tmp_path / "catalogue.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("ONCOKG_DOCS_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)
    page.click("#results-table a.evidence >> nth=0")
    page.wait_for_function("document.querySelector('#query-title').textContent.startsWith('Evidence')")
    page.wait_for_selector("#results-table tbody tr")
    assert "It targets both the KIT and PDGFRA proteins" in page.inner_text("#results-table")
    assert page_of.outside == []


def test_an_unknown_name_shows_the_error_and_suggestions(page_of):
    page = page_of("/#run=drug-targets&drug=Gleevc")
    page.wait_for_selector("#query-status.error")
    assert "unknown drug 'Gleevc'" in page.inner_text("#query-status")
    page.wait_for_function("document.querySelector('#hint-drug').textContent.includes('gleevec')")


def test_the_sparql_editor_runs_on_the_local_endpoint_with_the_prefixes(page_of):
    page = page_of("/")
    page.click("nav button[data-panel=editor]")
    page.wait_for_selector(".yasqe .CodeMirror")
    text = page.evaluate("document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()")
    assert "PREFIX oncokg: <https://w3id.org/oncokg/>" in text
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .dataTable tbody tr")
    assert "oncokg:imatinib" in page.inner_text(".yasr .dataTable")
    assert page_of.outside == []


def test_the_about_panel_lists_the_sources_with_their_dates(page_of):
    page = page_of("/")
    page.click("nav button[data-panel=about]")
    page.wait_for_selector("#about-sources tbody tr")
    sources = page.inner_text("#about-sources")
    assert "Treating Gastrointestinal Stromal Tumors" in sources and "2017-05-17" in sources
