"""Every benchmark runs at its smallest size, so that none rots unnoticed (one did: it still read
`OncoKG.project` after the package moved). What they measure is their own business; these only check
that each runs to its end on the session's build and prints its figures."""

import os
import subprocess
import sys

import pytest

from helpers import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bench")]

QUERY_LAYER_SMALLEST = ["--sizes", "real", "--repeat", "1", "--budget", "0.5", "--rdflib-repeat", "1"]
QUERY_LAYER_SMALLEST += ["--rdflib-max", "0", "--virtuoso-max", "0", "--baseline-max", "0"]
# (script, its smallest-size arguments, a line it prints only after measuring)
BENCHMARKS = [
    ("startup.py", ["--runs", "1"], "oncokg query drug-targets"),
    ("curation.py", [], "all (pooled)"),
    ("pathway_cohort.py", ["--records", "300", "--repeat", "1", "--naive-seconds", "0.5"], "ratio to naive"),
    ("query_layer.py", [*QUERY_LAYER_SMALLEST, "--cli-runs", "1"], "cold `oncokg query` within 4x"),
    ("web_service.py", ["--clients", "1", "--queries", "3", "--skip-baseline"], "runaway at --timeout"),
    ("reliability.py", ["--kills", "1", "--clients", "1", "--queries", "3"], "| errors or wrong row counts |"),
    ("service_limits.py", ["--seconds", "1", "--scenarios", "load16,idle"], "Run: python"),
]


@pytest.mark.parametrize("script, args, printed", BENCHMARKS, ids=[b[0] for b in BENCHMARKS])
def test_the_benchmark_runs_at_its_smallest_size(built, built_project, tmp_path, script, args, printed):
    result = _run(script, args, built_project, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert printed in result.stdout, result.stdout[-2000:]


def test_the_query_layer_benchmark_leaves_out_the_cold_starts_when_asked_for_no_runs(built, built_project, tmp_path):
    result = _run("query_layer.py", [*QUERY_LAYER_SMALLEST, "--cli-runs", "0"], built_project, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| real: oncokg within 1.2x of raw pyoxigraph per query |" in result.stdout, result.stdout[-2000:]
    assert "cold" not in result.stdout


def _run(script: str, args: list[str], built_project, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        cwd=built_project.root,
        env={**os.environ, "ONCOKG_ROOT": str(built_project.root), "TMPDIR": str(tmp_path)},
        timeout=900,
    )


def test_the_synthetic_graph_is_written_at_its_smallest_size(built, tmp_path):
    out = tmp_path / "synthetic.nq"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--triples", "1000", "--out", str(out)]
        + ["--source", str(built.out / "oncokg.trig")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.stat().st_size > 0 and result.stdout.startswith("wrote ")
