"""The review page in a real browser (Debian's Chromium through Playwright) against the real service
started with --curate on a scratch project: each draft beside its marked sentence, then reject, edit
and accept, and register the text, each seen in the files `oncokg curate` writes; axe-core on the page.
Without --curate the page and its API do not exist."""

import json

import httpx
import pytest
import yaml

from oncokg.curation.sources import SOURCES_FILE, load_sources
from oncokg.drafting import review
from oncokg.drafting.draft import draft_document
from oncokg.project import INDEX_FILE
from web_browser import chromium_context, require_chromium
from web_service import web_service

pytestmark = pytest.mark.xdist_group("browser")


# A made-up page (written for this test): three sentences to judge, a boilerplate line.
PAGE = """Treating GIST that has come back

Imatinib is usually the first treatment for advanced GISTs. Radiation is rarely used for GISTs.
Common side effects of sunitinib include fatigue.
Reviewed: 3 March 2024
"""


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def curated(scratch_built, tmp_path):
    """A made-up page drafted into a scratch project, served with --curate, and a browser on it."""
    require_chromium()
    text = tmp_path / "made-up.txt"
    text.write_text(PAGE, encoding="utf-8")
    draft_document(text, "made-up", scratch_built.facts_dir, scratch_built.build_dir / INDEX_FILE)
    outside: list[str] = []
    with (
        web_service(scratch_built.root, tmp_path, timeout=10, extra=["--curate"]) as (base, _),
        chromium_context(tmp_path / "profile", outside) as context,
    ):
        yield base, context, scratch_built, text
    assert outside == []


def test_the_curator_judges_each_draft_beside_its_marked_sentence(curated):
    base, context, project, text = curated
    path = review.draft_file(project.facts_dir, "made-up")
    facts = read(path)["facts"]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/curate/made-up")
    page.wait_for_selector(".draft mark")
    pending = len(facts) + len(read(path).get("non_medical") or [])
    assert page.locator("section.draft").count() == pending + 1  # and the source entry
    for fact in facts:
        card = page.locator(f"#draft-{fact['id']}")
        assert card.locator("mark").inner_text() == fact["quote"]
    assert "not medical advice" in page.inner_text("header").casefold()

    first, second = facts[0]["id"], facts[1]["id"]
    page.locator(f"#draft-{first} button", has_text="Reject").click()
    page.wait_for_selector(f"#draft-{first}", state="detached")
    assert first not in [f["id"] for f in read(path)["facts"]]

    card = page.locator(f"#draft-{second}")
    card.locator("button", has_text="Edit").click()
    edited = {**{k: facts[1][k] for k in ("certainty", "node", "triples") if k in facts[1]}, "certainty": "unclear"}
    card.locator("textarea").fill(json.dumps(edited))
    card.locator("button", has_text="Accept").click()
    page.wait_for_selector(f"#draft-{second}", state="detached")
    (accepted,) = read(review.accepted_file(project.facts_dir, "made-up"))["facts"]
    assert (accepted["id"], accepted["certainty"], accepted["quote"]) == (second, "unclear", facts[1]["quote"])

    page.locator("#draft-source button", has_text="Accept").click()
    page.wait_for_selector("#draft-source", state="detached")
    assert load_sources(project.sources_dir)["made-up"].text == text.read_text(encoding="utf-8")
    assert "accepted source into " + SOURCES_FILE in page.inner_text("#curate-status")
    assert errors == []


def test_the_page_has_no_serious_accessibility_violation_and_bad_requests_are_json_errors(curated):
    from axe_playwright_python.sync_playwright import Axe

    base, context, project, _ = curated
    page = context.new_page()
    page.goto(f"{base}/curate/made-up")
    page.wait_for_selector(".draft mark")
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    before = review.draft_file(project.facts_dir, "made-up").read_bytes()
    with httpx.Client(base_url=base, timeout=30) as http:
        form = http.post("/api/curate/made-up/made-up-draft-1", data={"action": "reject"})
        assert form.status_code == 415
        unknown = http.post("/api/curate/made-up/nothing", json={"action": "reject"})
        assert unknown.status_code == 400 and "no draft 'nothing'" in unknown.json()["error"]
        assert http.post("/api/curate/made-up/made-up-draft-1", json={"action": "keep"}).status_code == 400
        assert http.get("/api/curate/Bad%20Id").status_code == 400
        assert http.get("/api/curate/never-drafted").status_code == 404
    assert review.draft_file(project.facts_dir, "made-up").read_bytes() == before


def test_without_curate_the_service_has_no_review_page(built, built_project, tmp_path):
    with web_service(built_project.root, tmp_path) as (base, _), httpx.Client(base_url=base, timeout=30) as http:
        assert http.get("/curate/acs-gist").status_code == 404
        assert http.post("/api/curate/acs-gist/x", json={"action": "reject"}).status_code in (404, 405)
