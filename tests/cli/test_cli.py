"""The command line: thin over the library; bad input gets one clear line and a non-zero exit.

Most command tests call the entry point in the test process (helpers.oncokg); the ones here marked
"real process" run `python -m oncokg` as a user does, so the script itself stays covered.
"""

import json
import re

import pytest

from helpers import assert_one_line_error, expected, oncokg, oncokg_process


def test_query_json_rows_carry_labels(root):  # real process
    result = oncokg_process("query", "drug-targets", "--param", "drug=Gleevec", "--format", "json", root=root)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["targetLabel"] for r in rows} == {"KIT", "PDGFRA"}
    assert all(r["drug"] == "https://w3id.org/oncokg/imatinib" for r in rows)


def test_demo_prints_summary_answers_and_disclaimer(root):  # real process
    result = oncokg_process("demo", root=root)
    assert result.returncode == 0, result.stderr
    assert "drugs" in result.stdout and "not medical advice" in result.stdout
    targets = result.stdout.split("$ oncokg query drug-targets --param drug=Gleevec", 1)[1].split("$ oncokg", 1)[0]
    assert "imatinib" in targets and {"KIT", "PDGFRA"} <= set(re.findall(r"\b[A-Z]{3,}\b", targets))


def test_stats_lists_counts(root):
    result = oncokg("stats", "--json", root=root)
    assert json.loads(result.stdout)["classes"]["Drug"] >= expected("drugs_at_least")


def test_stats_of_the_local_build_are_what_its_store_counts_now(root, built, store):
    """The local build's counts come from its manifest; counted again on its store they are the same."""
    from oncokg.pipeline.stats import graph_stats
    from oncokg.store.embedded import EmbeddedBackend

    recorded = json.loads(oncokg("stats", "--json", root=root).stdout)
    assert recorded == graph_stats(EmbeddedBackend(store))
    counted = json.loads(oncokg("stats", "--json", "--store", f"oxigraph:{built.out / 'store'}", root=root).stdout)
    assert counted == recorded


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("query", "no-such-query"), ("unknown query 'no-such-query'", "drug-targets")),
        (("query", "drug-targets"), ("needs --param drug=VALUE",)),
        (("query", "drug-targets", "--param", "drug=imatinib", "--param", "dose=2"), ("has no parameter dose",)),
        (("query", "drug-targets", "--param", "drug=glevec"), ("unknown drug 'glevec'", "Gleevec")),
        (("query", "adverse-effects", "--param", "treatment=spread to the liver"), ("names more than one entity",)),
        (("query", "drug-targets", "--param", 'drug=x" } DROP ALL #'), ("unknown drug",)),
        (("query", "drug-targets", "--param", "drug"), ("expected KEY=VALUE",)),
        (("locate", "acs-gist", "a sentence that is not there"), ("quote not found",)),
        (("locate", "no-source", "x"), ("unknown source 'no-source'",)),
    ],
)
def test_bad_input_gets_one_line(root, args, fragments):
    assert_one_line_error(oncokg(*args, root=root), *fragments)


def test_no_build_says_to_build_first(tmp_path, scratch):
    assert_one_line_error(oncokg_process("stats", root=scratch.root), "run `oncokg build` first")


def test_no_project_is_explained(tmp_path):
    assert_one_line_error(oncokg("stats", root=tmp_path), "no OncoKG project")


@pytest.mark.slow  # a full HermiT run
def test_validate_reports_hermit_shacl_and_each_qc_check(project):
    result = oncokg("validate", root=project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HermiT: consistent (" in result.stdout and "SHACL: conforms" in result.stdout
    assert "QC fact-without-evidence: ok" in result.stdout and result.stdout.strip().endswith("valid")
