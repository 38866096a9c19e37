"""The pathway explorer, the entity pages and the readable result tables in a real browser (Debian's
Chromium through Playwright) against the real service: several patients, names followed to their
pages, downloads, the code lines run, a narrow window, and axe-core on every page.

Each page's screenshot is kept in the test's folder; set ONCOKG_SCREENSHOTS=DIR to copy them there."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from oncokg.quotes import prose
from web_browser import chromium_context, require_chromium
from web_service import web_service

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]  # Chromium

NARROW = {"width": 800, "height": 900}
PHONE = {"width": 390, "height": 844}


class Site:
    """The running service, a browser context on it and an HTTP client to compare with."""

    def __init__(self, base: str, context, outside: list[str], shots: Path):
        self.base, self.context, self.outside, self.shots = base, context, outside, shots
        self.http = httpx.Client(base_url=base, timeout=60)

    def open(self, path: str, viewport: dict | None = None):
        page = self.context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        if viewport:
            page.set_viewport_size(viewport)
        page.goto(self.base + path)
        return page

    def shoot(self, page, name: str) -> None:
        shot = self.shots / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        keep = os.environ.get("ONCOKG_SCREENSHOTS")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, Path(keep) / shot.name)


@pytest.fixture(scope="module")
def site(built, built_project, tmp_path_factory):
    require_chromium()
    workdir = tmp_path_factory.mktemp("pages-browser")
    outside: list[str] = []
    with (
        web_service(built_project.root, workdir, timeout=10) as (base, _),
        chromium_context(workdir / "profile", outside) as context,
    ):
        running = Site(base, context, outside, workdir)
        yield running
        running.http.close()


def api_pathway(site: Site, params: list[tuple[str, str]]) -> dict:
    response = site.http.get("/api/pathway", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def shown_options(page) -> list[str]:
    return page.locator("#options li.option h4").all_inner_texts()


def assert_answer_matches_the_api(site: Site, page, params: list[tuple[str, str]]) -> dict:
    """The page's options, ruled-out list, drawing and text are the API's for the same address."""
    answer = api_pathway(site, params)
    page.wait_for_selector("#options")
    options = shown_options(page)
    assert len(options) == len(answer["options"]) and answer["options"]
    for shown, option in zip(options, answer["options"], strict=True):
        assert shown.startswith(f"{option['rank']}. {option['treatment']['label']}")
        assert option["certainty"] in shown
    for excluded in answer["excluded"]:
        assert excluded["reason"] in page.inner_text("#excluded")
    drawing = site.http.get("/api/pathway/drawing", params=params).json()
    page.wait_for_function("typeof graph !== 'undefined' && graph !== null")
    assert page.evaluate("graph.nodes().length") == sum("source" not in e["data"] for e in drawing["elements"])
    caption = page.inner_text("#drawing-caption")
    assert "dashed box" in caption and all(s["id"] in caption for s in drawing["sources"]) and drawing["sources"]
    assert "not medical advice" in caption.casefold()
    text = site.http.get("/api/pathway", params=params, headers={"Accept": "text/plain"}).text
    assert page.inner_text("#answer-text").strip() == text.strip()
    assert "not medical advice" in page.inner_text("#answer").casefold()
    return answer


def test_a_person_fills_the_patient_form_and_shares_the_answer(site):
    page = site.open("/pathway")
    page.fill("#cancer", "GIST")
    page.fill("#setting", "unresectable")
    page.click("#add-history")
    page.fill("#history .entry input[data-key=treatment]", "Gleevec")
    page.fill("#history .entry input[data-key=outcome]", "progression")
    page.click("#add-finding")
    page.fill("#findings .entry input", "liver metastases")
    page.click("#answer-button")
    expected = [
        ("cancer", "GIST"),
        ("setting", "unresectable"),
        ("finding", "liver metastases"),
        ("history", "Gleevec:progression"),
    ]
    page.wait_for_selector("#options")
    assert sorted(parse_qsl(urlsplit(page.url).query)) == sorted(expected)
    answer = assert_answer_matches_the_api(site, page, expected)
    assert "read 'Gleevec' as imatinib" in page.inner_text("#answer .readings")
    marked = [e["quote"] for o in answer["options"] for e in o["evidence"] if "](#)" in e["quote"]]
    assert marked, "a GIST answer quotes the sources' link markup"  # shown as prose
    shown = page.inner_text("#answer")
    assert "](#)" not in shown, shown[max(0, shown.find("](#)") - 200) : shown.find("](#)") + 20]
    assert all(" ".join(prose(q).split()) in " ".join(shown.split()) for q in marked)
    assert any(e["label"] == "imatinib" for e in answer["excluded"])
    site.shoot(page, "pathway-gist")
    shared = site.open(urlsplit(page.url).path + "?" + urlsplit(page.url).query)
    assert_answer_matches_the_api(site, shared, expected)
    assert shared.input_value("#history .entry input[data-key=treatment]") == "Gleevec"
    assert page.errors == [] and shared.errors == [] and site.outside == []


@pytest.mark.parametrize(
    "params",
    [
        [("cancer", "stomach cancer"), ("setting", "refractory"), ("biomarker", "HER2=positive")],
        [
            ("cancer", "GIST"),
            ("setting", "unresectable"),
            ("history", "imatinib:progression"),
            ("history", "sunitinib:progression"),
        ],
        [("cancer", "GIST"), ("setting", "resectable")],
    ],
)
def test_shared_pathway_addresses_show_the_apis_answer(site, params):
    page = site.open(f"/pathway?{httpx.QueryParams(params)}")
    assert_answer_matches_the_api(site, page, params)
    assert page.errors == []


def test_a_pathway_the_sources_do_not_give_shows_the_apis_error(site):
    params = [("cancer", "breast cancer"), ("setting", "recurrent")]
    error = site.http.get("/api/pathway", params=params).json()["error"]
    page = site.open("/pathway?cancer=breast+cancer&setting=recurrent")
    page.wait_for_selector("#pathway-status.error")
    assert page.inner_text("#pathway-status") == error and "--" not in error
    assert page.is_hidden("#drawing-section")


def test_names_lead_to_entity_pages(site):
    page = site.open("/#run=drug-targets&drug=Gleevec")
    page.wait_for_selector("#results-table a.entity")
    page.click("#results-table a.entity:text-is('imatinib') >> nth=0")
    page.wait_for_url("**/entity/imatinib")
    page.wait_for_selector("#statements-table")
    assert page.inner_text("#entity-label") == "imatinib"
    assert (
        page.get_attribute("#mappings a:text-is('NCIT:C62035')", "href") == "http://purl.obolibrary.org/obo/NCIT_C62035"
    )
    assert "It targets both the KIT and PDGFRA proteins" in page.inner_text("#statements-table")
    assert "Gleevec" in page.inner_text("#entity")
    site.shoot(page, "entity-imatinib")
    page.click("#entity a.entity:text-is('KIT inhibitor')")
    page.wait_for_url("**/entity/KITInhibitor")
    page.wait_for_function("document.querySelector('#entity-label').textContent === 'KIT inhibitor'")
    iri = site.open("/oncokg/imatinib")
    iri.wait_for_selector("#statements-table")
    assert iri.inner_text("#entity-label") == "imatinib"
    query = site.open("/entity/imatinib")
    query.wait_for_selector("#queries a")
    query.click("#queries a:text-is('Molecular targets of a drug')")
    query.wait_for_selector("#results-table tbody tr")
    assert sorted(query.locator("#results-table tbody tr:not(.quote-row) td:nth-child(2)").all_inner_texts()) == [
        "KIT",
        "PDGFRA",
    ]
    assert site.outside == []


def test_results_download_and_run_from_code(site, built_project, tmp_path):
    page = site.open("/#run=adverse-effects&treatment=Stivarga")
    page.wait_for_selector("#results-table tbody tr")
    api = "/api/queries/adverse-effects?treatment=Stivarga"
    with page.expect_download() as csv_download:
        page.click("#download-csv")
    assert Path(csv_download.value.path()).read_bytes() == site.http.get(api, headers={"Accept": "text/csv"}).content
    assert csv_download.value.suggested_filename == "adverse-effects.csv"
    with page.expect_download() as json_download:
        page.click("#download-json")
    rows = json.loads(Path(json_download.value.path()).read_text())["rows"]
    assert rows == site.http.get(api).json()["rows"] and len(rows) == 7
    page.click(".code summary")
    code = page.inner_text("#code-lines").splitlines()
    curl = next(line for line in code if line.startswith("curl "))
    url = curl.split("'")[-2]
    assert (
        site.http.get(url, headers={"Accept": "text/csv"}).text
        == site.http.get(api, headers={"Accept": "text/csv"}).text
    )
    python = "\n".join(line for line in code if not line.startswith(("#", "curl ")))
    script = tmp_path / "snippet.py"
    script.write_text(python + "\nprint(len(rows), sorted(r['effectLabel'] for r in rows)[0])\n")
    ran = subprocess.run(
        [sys.executable, str(script)], cwd=built_project.root, capture_output=True, text=True, timeout=300
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split()[0] == "7"


def test_a_repeated_quote_is_shown_once_and_the_table_fits_800_px(site):
    page = site.open("/#run=adverse-effects&treatment=Stivarga", NARROW)
    page.wait_for_selector("#results-table tbody tr")
    rows = site.http.get("/api/queries/adverse-effects", params={"treatment": "Stivarga"}).json()["rows"]
    assert len({r["quote"] for r in rows}) == 1 and len(rows) == 7
    assert page.locator("#results-table tbody tr:not(.quote-row)").count() == 7
    assert page.locator("#results-table blockquote").count() == 1
    heads = page.locator("#results-table th").all_inner_texts()
    assert not {"start", "end", "direction", "quote"} & set(heads)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    box = page.locator("#results-table blockquote").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    assert "7 rows" in page.inner_text("#query-status")
    site.shoot(page, "adverse-effects-800")
    wide = site.open("/#run=treatments-for&cancer=GIST&state=unresectable", NARROW)
    wide.wait_for_selector("#results-table tbody tr")
    assert wide.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    first = wide.locator("#results-table blockquote >> nth=0").bounding_box()
    assert first["x"] + first["width"] <= NARROW["width"], "a quote in a wide table stays in view"
    quotes = " ".join(wide.locator("#results-table blockquote").all_inner_texts())
    assert "](#)" not in quotes and "**" not in quotes, "the sources' markup is shown as prose"
    site.shoot(wide, "treatments-for-800")
    phone = site.open("/pathway?cancer=GIST&setting=unresectable", PHONE)
    phone.wait_for_selector("#options")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    site.shoot(phone, "pathway-phone")


def test_an_empty_run_says_what_to_enter_in_the_pages_words(site):
    page = site.open("/#run=adverse-effects")
    page.wait_for_selector("#param-treatment")
    page.click("#run")
    page.wait_for_selector("#query-status.error")
    assert page.inner_text("#query-status") == "Enter a treatment (for example sunitinib)"
    assert page.get_attribute("#param-treatment", "placeholder") == "e.g. sunitinib"


def test_open_in_the_editor_keeps_the_label_columns(site):
    page = site.open("/#run=drug-targets&drug=Gleevec")
    page.wait_for_selector("#results-table tbody tr")
    page.click("#open-editor")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.wait_for_function("document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue().includes('?drugLabel')")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .dataTable tbody tr")
    heads = page.locator(".yasr .dataTable thead th").all_inner_texts()
    assert "drugLabel" in heads and "targetLabel" in heads
    assert "imatinib" in page.inner_text(".yasr .dataTable tbody")
    page.click(".yasr .dataTable tbody a[href='https://w3id.org/oncokg/imatinib'] >> nth=0")
    page.wait_for_url("**/entity/imatinib")
    page.wait_for_selector("#statements-table")
    assert site.outside == []


@pytest.mark.parametrize(
    "name, path",
    [
        ("catalogue", "/#run=evidence&subject=imatinib"),
        ("pathway", "/pathway?cancer=GIST&setting=unresectable&history=imatinib:progression"),
        ("entity", "/entity/imatinib"),
        ("about", "/#about"),
        ("source", "/entity/source/acs-gist"),
    ],
)
def test_every_page_has_no_serious_accessibility_violation_at_800_px(site, name, path):
    from axe_playwright_python.sync_playwright import Axe

    page = site.open(path, NARROW)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "!document.body.innerText.includes('Loading…') && !document.body.innerText.includes('Running…')"
    )
    results = Axe().run(page).response
    serious = [
        (v["id"], v["impact"], v["nodes"][0]["target"])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    assert page.errors == []
    site.shoot(page, f"{name}-800")


@pytest.mark.parametrize(
    "method, path, expected",
    [
        ("get", "/api/queries/drug-targets", "PDGFRA"),
        ("get", "/api/queries/adverse-effects", "sunitinib"),
        ("get", "/api/pathway", "higher-dose imatinib"),
        ("post", "/api/pathway", "higher-dose imatinib"),
        ("get", "/entity/{local}", "imatinib"),
    ],
)
def test_the_api_docs_try_it_out_runs_the_route(site, method, path, expected):
    page = site.open("/docs")
    page.locator(f".opblock-{method} .opblock-summary-path[data-path='{path}']").click()
    block = page.locator(f".opblock-{method}.is-open")
    block.locator("button.try-out__btn").click()
    block.locator("button.execute").click()
    status = block.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert expected in block.locator(".live-responses-table tbody .response-col_description").first.inner_text()
    assert site.outside == []
