"""The command line: thin over the library; bad input gets one clear line and a non-zero exit."""

import json
import os
import subprocess
import sys

import pytest


def oncokg(*args, root=None, env=None):
    command = [sys.executable, "-m", "oncokg", *args] + (["--root", str(root)] if root else [])
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})


def assert_one_line_error(result, *fragments):
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("oncokg: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture(scope="module")
def root(built, built_project):
    return built_project.root


def test_query_json_rows_carry_labels(root):
    result = oncokg("query", "drug-targets", "--param", "drug=Gleevec", "--format", "json", root=root)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["targetLabel"] for r in rows} == {"KIT", "PDGFRA"}
    assert all(r["drug"] == "https://w3id.org/oncokg/imatinib" for r in rows)


def test_demo_prints_summary_answers_and_disclaimer(root):
    result = oncokg("demo", root=root)
    assert result.returncode == 0, result.stderr
    assert "drugs" in result.stdout and "KIT" in result.stdout and "not medical advice" in result.stdout


def test_stats_lists_counts(root):
    result = oncokg("stats", "--json", root=root)
    assert json.loads(result.stdout)["classes"]["Drug"] >= 10


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("query", "no-such-query"), ("unknown query 'no-such-query'", "drug-targets")),
        (("query", "drug-targets"), ("needs --param drug=VALUE",)),
        (("query", "drug-targets", "--param", "drug=imatinib", "--param", "dose=2"), ("has no parameter dose",)),
        (("query", "drug-targets", "--param", "drug=glevec"), ("unknown drug 'glevec'", "gleevec")),
        (("query", "adverse-effects", "--param", "treatment=spread to the liver"), ("ambiguous",)),
        (("query", "drug-targets", "--param", 'drug=x" } DROP ALL #'), ("unknown drug",)),
        (("query", "drug-targets", "--param", "drug"), ("expected KEY=VALUE",)),
        (("query", "sources", "--format", "xml"), ("unknown format 'xml'",)),
        (("locate", "acs-gist", "a sentence that is not there"), ("quote not found",)),
        (("locate", "no-source", "x"), ("unknown source 'no-source'",)),
    ],
)
def test_bad_input_gets_one_line(root, args, fragments):
    assert_one_line_error(oncokg(*args, root=root), *fragments)


def test_no_build_says_to_build_first(tmp_path, scratch):
    assert_one_line_error(oncokg("stats", root=scratch.root), "run `oncokg build` first")


def test_no_project_is_explained(tmp_path):
    assert_one_line_error(oncokg("stats", root=tmp_path), "no OncoKG project")


def test_validate_reports_hermit_shacl_and_each_qc_check(project):
    result = oncokg("validate", root=project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HermiT: consistent (" in result.stdout and "SHACL: conforms" in result.stdout
    assert "QC fact-without-evidence: ok" in result.stdout and result.stdout.strip().endswith("valid")
