"""The read side reads only the build: with the root at a folder that holds a copy of build/ and
nothing else (no ontology/, data/ or queries/), every read command and every route of the service
answers, and answers as it does from the checkout."""

import json
import shutil

import httpx
import pytest

from helpers import oncokg
from oncokg.project import BUILD_DIR
from web_service import web_service

pytestmark = pytest.mark.xdist_group("export")  # the exports below share the export group's worker

COHORT = '{"id": "p1", "cancer": "GIST", "setting": "unresectable", "history": ["imatinib:progression"]}\n'


@pytest.fixture(scope="module")
def build_only(built, tmp_path_factory):
    """A folder holding only a copy of the session's build."""
    root = tmp_path_factory.mktemp("build-only")
    shutil.copytree(built.out, root / BUILD_DIR, symlinks=True)
    assert sorted(p.name for p in root.iterdir()) == [BUILD_DIR]
    return root


def run(*args, root, ok=True):
    result = oncokg(*args, root=root)
    assert (result.returncode == 0) == ok, result.stderr
    return result


@pytest.mark.parametrize(
    "args",
    [
        ("query", "drug-targets", "--param", "drug=Gleevec"),
        ("query", "treatments-for", "--param", "cancer=GIST", "--format", "json"),
        ("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a oncokg:Drug }"),
        ("queries",),
        ("pathway", "next", "--cancer", "GIST", "--setting", "unresectable", "--history", "imatinib:progression"),
        ("pathway", "tree", "--cancer", "GIST", "--setting", "unresectable"),
        ("stats", "--json"),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_every_read_command_answers_from_a_copy_of_the_build_as_from_the_checkout(build_only, built_project, args):
    alone = run(*args, root=build_only)
    assert alone.stdout == run(*args, root=built_project.root).stdout.replace(str(built_project.root), str(build_only))
    assert alone.stdout.strip() and "warning" not in alone.stderr


def test_status_says_a_copy_of_a_build_has_no_inputs_to_compare(build_only):
    lines = run("status", root=build_only).stdout.splitlines()
    assert lines[0] == "inputs: none (a copy of a build)" and lines[-1] == "no inputs here to compare the build with"


def test_a_cohort_is_answered_from_a_copy_of_the_build(build_only, tmp_path):
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text(COHORT)
    answers = [json.loads(line) for line in run("pathway", "cohort", str(cohort), root=build_only).stdout.splitlines()]
    assert [a["id"] for a in answers] == ["p1"] and answers[0]["options"]


@pytest.mark.parametrize("fmt", ["turtle", "sssom", "kgx"])
def test_every_export_reads_the_mappings_the_build_carries(build_only, built_project, tmp_path, fmt):
    out = tmp_path / fmt
    run("export", "--format", fmt, "--out", str(out), root=build_only)
    ours = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert ours and all((out / name).stat().st_size for name in ours)
    if fmt == "sssom":
        assert (out / ours[0]).read_text().startswith("#")


def test_a_mapping_changed_after_the_build_does_not_reach_the_export(scratch_built, tmp_path):
    """The exports read the build's copy: a curator's unbuilt edit waits for `oncokg build`."""
    table = scratch_built.mappings_dir / "oncokg.sssom.tsv"
    table.write_text(table.read_text(encoding="utf-8").replace("skos:exactMatch", "skos:broken", 1), encoding="utf-8")
    run("export", "--format", "sssom", "--out", str(tmp_path / "out"), root=scratch_built.root)
    exported = next((tmp_path / "out").glob("*.sssom.tsv")).read_text(encoding="utf-8")
    assert "skos:broken" not in exported


def test_a_write_command_on_a_copy_of_the_build_says_the_inputs_are_missing(build_only):
    error = run("build", root=build_only, ok=False).stderr.strip()
    assert (
        error
        == f"oncokg: error: {build_only} holds a build but not its inputs (ontology/oncokg.ttl); build from a checkout"
    )
    assert sorted(p.name for p in build_only.iterdir()) == [BUILD_DIR]


def test_a_root_with_neither_inputs_nor_a_build_is_one_line(tmp_path):
    error = run("queries", root=tmp_path, ok=False).stderr.strip()
    assert error.startswith(f"oncokg: error: no OncoKG project at {tmp_path} (expected ontology/oncokg.ttl, or a build")


# Path parameters of the routes the API document does not spell with an example.
PATH_EXAMPLES = {"name": "drug-targets", "local": "imatinib"}
# Routes outside the API document, and the required query parameters of those inside it that have no example.
HIDDEN_ROUTES = ["/", "/docs", "/pathway", "/sparql?query=ASK%7B%7D", "/oncokg/imatinib", "/static/app.js"]
QUERY_EXAMPLES = {
    "/api/entities": {"q": "Gleevec"},
    "/query": {"query": "ASK {}"},
    "/api/queries/{name}": {"drug": "Gleevec"},
    "/api/queries/{name}/sparql": {"drug": "Gleevec"},
}


def _requests(document: dict) -> list[str]:
    """A GET of every operation of the API document, with each required parameter's example."""
    urls = []
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue
        params = dict(QUERY_EXAMPLES.get(path, {}))
        for p in operations["get"].get("parameters", []):
            if p["in"] == "query" and p.get("required") and "example" in p:
                params.setdefault(p["name"], p["example"])
        url = path.format(**PATH_EXAMPLES)
        urls.append(str(httpx.URL(url, params=params)))
    return urls


def test_every_route_of_the_service_answers_from_a_copy_of_the_build(build_only, built_project, tmp_path):
    with (
        web_service(build_only, tmp_path, timeout=20, workers=1) as (base, _),
        httpx.Client(base_url=base, timeout=60) as http,
    ):
        document = http.get("/openapi.json").json()
        urls = _requests(document) + HIDDEN_ROUTES
        assert len(urls) > len(HIDDEN_ROUTES) + 15, "the API document lists the catalogue's routes"
        failed = {url: r.status_code for url in urls if (r := http.get(url)).status_code != 200}
        assert not failed
        listed = {q["name"] for q in http.get("/api/queries").json()}
        posted = http.post("/api/pathway", json={"cancer": "GIST", "setting": "unresectable"})
    assert posted.status_code == 200 and posted.json()["options"]
    assert listed == {p.stem for p in built_project.queries_dir.glob("*.rq")}
