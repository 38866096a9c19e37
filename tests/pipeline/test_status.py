"""The build knows its inputs: the manifest hashes them, and `oncokg status` (and `stats`) say when
the build is older than they are."""

import json

from helpers import assert_one_line_error, oncokg
from oncokg.project import MANIFEST


def test_manifest_records_versions_and_input_hashes(built, built_project):
    manifest = json.loads((built.out / MANIFEST).read_text())
    assert {"python", "pyoxigraph", "rdflib"} <= set(manifest["versions"])
    assert "ontology/oncokg.ttl" in manifest["inputs"] and "queries/drug-targets.rq" in manifest["inputs"]
    assert all(len(digest) == 64 for digest in manifest["inputs"].values())


def test_status_says_current_then_stale(scratch_built):
    scratch = scratch_built
    current = oncokg("status", root=scratch.root)
    assert current.returncode == 0 and "current" in current.stdout, current.stderr
    fact_file = sorted(scratch.facts_dir.glob("*.yaml"))[0]
    fact_file.write_text(fact_file.read_text() + "\n")
    stale = oncokg("status", root=scratch.root)
    assert stale.returncode == 1
    assert f"data/facts/{fact_file.name}" in stale.stderr and "run `oncokg build`" in stale.stderr
    stats = oncokg("stats", "--json", root=scratch.root)
    assert stats.returncode == 0 and json.loads(stats.stdout)["quads"] > 0
    assert stats.stderr.startswith("oncokg: warning: the build")


def test_status_without_a_build(scratch):
    result = oncokg("status", root=scratch.root)
    assert result.returncode == 1 and "run `oncokg build` first" in result.stderr


def test_a_damaged_manifest_is_one_line_not_a_traceback(scratch):
    scratch.build_dir.mkdir(exist_ok=True)
    (scratch.build_dir / MANIFEST).write_text('{"inputs": ')
    result = oncokg("status", root=scratch.root)
    assert_one_line_error(result, str(scratch.build_dir / MANIFEST), "not a build manifest", "run `oncokg build`")
