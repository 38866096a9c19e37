"""Fuzzing command lines (hypothesis, derandomised): an answer or one `OncoKGError`, nothing else."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from fuzzing import TEXT, fuzz
from oncokg.cli import app
from oncokg.errors import OncoKGError

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]  # hundreds of generated inputs


TIMEOUTS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["nan", "inf", "-1", "0", "x"]))


COMMANDS = st.one_of(
    st.tuples(
        st.just("query"),
        st.sampled_from(["drug-targets", "catalogue", "evidence", "nope", ""]),
        st.lists(
            st.tuples(st.sampled_from(["drug", "keyword", "subject", "x", ""]), TEXT).map(
                lambda kv: f"--param={kv[0]}={kv[1]}"
            ),
            max_size=2,
        ),
    ),
    st.tuples(st.just("sparql"), TEXT.map(lambda t: "SELECT * WHERE { ?s ?p " + t + " } LIMIT 1")),
    st.tuples(st.just("stats"), st.sampled_from(["--top", "--json"]), st.integers(-10, 10).map(str)),
    st.tuples(
        st.just(["pathway", "next"]),
        st.sampled_from(["--cancer", "--setting", "--history", "--biomarker", "--finding"]),
        TEXT,
        st.sampled_from(["--setting", "--cancer"]),
        TEXT,
    ),
    st.tuples(
        st.sampled_from(["query", "sparql", ["pathway", "next"]]),
        st.sampled_from(["--timeout", "--format", "--endpoint"]),
        TIMEOUTS.map(str) | st.sampled_from(["http://127.0.0.1:abc/q", "http://[::1/q", "ftp://x/", "json", "xml"]),
    ),
)


@fuzz(80)
@given(COMMANDS)
def test_any_command_line_is_an_answer_or_one_line(built_project, built, command):
    args = [str(a) for part in command for a in (part if isinstance(part, list) else [part])]
    if args[0] in ("query", "sparql") and len(args) > 1 and args[1].startswith("--"):
        args.insert(1, "drug-targets" if args[0] == "query" else "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    result = CliRunner().invoke(app, args + ["--root", str(built_project.root)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert isinstance(result.exception, OncoKGError), (
            f"{args}: {type(result.exception).__name__}: {result.exception}"
        )
        assert "\n" not in str(result.exception)
    assert result.exit_code in (0, 1, 2), (args, result.output)
