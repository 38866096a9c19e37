"""Property-based fuzzing (hypothesis): no input a user or a file can give ends in anything but an
answer or one `OncoKGError`; string parameters reach every engine intact.

About 2,400 generated cases in all, derandomized so that CI runs the same ones each time:
- 200 string parameters echoed back by each engine (embedded store, oxigraph server, Virtuoso);
- 800 fact files (random YAML values, and mutations of a valid fact);
- 300 patient documents and 600 cohort lines (random JSON, deep nesting, huge integers, NaN);
- 80 command lines (random options and values for query, sparql, stats and pathway).
"""

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal
from typer.testing import CliRunner

from oncokg.cli import app
from oncokg.curation.facts import load_fact_file
from oncokg.curation.sources import load_sources
from oncokg.errors import OncoKGError

pytestmark = pytest.mark.slow  # hundreds of generated inputs, on every engine


def fuzz(examples: int) -> settings:
    """Fixed examples (CI runs the same ones), no deadline on a shared machine, no example database."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Characters that have broken query text before: quotes, escapes, line terminators (U+2028, U+0085,
# VT, FF, FS-RS), comment and group characters, and SPARQL's own \u escapes.
TRICKY = st.sampled_from(
    [
        '"',
        "'",
        "\\",
        "\n",
        "\r",
        "\u2028",
        "\u2029",
        "\u0085",
        "\x0b",
        "\x0c",
        "\x1c",
        "#",
        "{",
        "}",
        "<",
        ">",
        "?",
        "$",
        "\\u0022",
        "\\U00000022",
        '"""',
        "'''",
        " ",
        "\t",
    ]
)
TEXT = st.lists(
    st.one_of(TRICKY, st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8)),
    max_size=12,
).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)


@pytest.mark.xdist_group("engines")  # on the worker that runs the servers for the engine tests
@pytest.mark.parametrize("engine", ["embedded", "oxigraph-server", "virtuoso"])
def test_string_parameters_reach_every_engine_intact(engine, request, built_project, built):
    from oncokg.query.client import OncoKG

    if engine == "embedded":
        backend = OncoKG.open(root=built_project.root).backend
    else:
        fixture = "oxigraph_endpoint" if engine == "oxigraph-server" else "virtuoso_endpoint"
        backend = OncoKG.open(store="sparql:" + request.getfixturevalue(fixture), root=built_project.root).backend

    @fuzz(200)
    @given(TEXT)
    def echo(text):
        result = backend.select("SELECT ?v ?n WHERE { BIND(STRLEN(?v) AS ?n) }", {"v": Literal(text)})
        assert [row["v"].value for row in result.rows] == [text]
        if engine != "virtuoso":  # Virtuoso counts UTF-8 bytes, not characters
            assert int(result.rows[0]["n"].value) == len(text)

    echo()


def _only_oncokg_errors(call):
    try:
        call()
    except OncoKGError as exc:
        assert "\n" not in str(exc), f"a two-line error: {exc!r}"


@pytest.fixture(scope="module")
def sources(project):
    return load_sources(project.sources_dir)


@pytest.fixture(scope="module")
def fact_file(tmp_path_factory):
    """The one file each example of a test writes its fact file to (a folder per example costs more than
    the check itself)."""
    return tmp_path_factory.mktemp("facts") / "f.yaml"


@fuzz(400)
@given(JSON_VALUES)
def test_any_yaml_value_as_a_fact_file_is_an_answer_or_one_line(fact_file, sources, value):
    fact_file.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    _only_oncokg_errors(lambda: load_fact_file(fact_file, sources))


FACT = {"id": "a-fact", "quote": "x", "at": [0, 1], "certainty": "hedged", "triples": [["imatinib", "targets", "KIT"]]}


@fuzz(400)
@given(
    st.sampled_from(sorted(FACT) + ["node", "qualifiers", "extra"]),
    JSON_VALUES,
    st.sampled_from(["facts", "non_medical", "source"]),
)
def test_a_mutated_fact_is_an_answer_or_one_line(fact_file, sources, key, value, section):
    fact = {**FACT, key: value}
    document = {"source": next(iter(sources)), "facts": [fact]}
    if section != "facts":
        document[section] = value
    fact_file.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    _only_oncokg_errors(lambda: load_fact_file(fact_file, sources))


@pytest.fixture(scope="module")
def pathways(built_project, built):
    from oncokg.pathway import TreatmentPathways

    return TreatmentPathways.open(root=built_project.root)


PATIENT_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "cancer": st.one_of(st.sampled_from(["GIST", "gist", "oncokg:gist", "stomach cancer"]), JSON_VALUES),
        "setting": st.one_of(st.sampled_from(["unresectable", "recurrent", "localized"]), JSON_VALUES),
        "biomarkers": st.one_of(
            st.dictionaries(st.sampled_from(["HER2", "KIT", "x"]), JSON_VALUES, max_size=2), JSON_VALUES
        ),
        "findings": st.one_of(
            st.lists(st.sampled_from(["cirrhosis", "liver metastases"]) | TEXT, max_size=3), JSON_VALUES
        ),
        "history": st.one_of(
            st.lists(st.sampled_from(["imatinib:progression", "Gleevec:intolerance"]) | JSON_VALUES, max_size=3),
            JSON_VALUES,
        ),
        "id": JSON_VALUES,
    },
)


@fuzz(300)
@given(PATIENT_FIELDS)
def test_any_patient_is_an_answer_or_one_line(pathways, data):
    _only_oncokg_errors(lambda: pathways.answer(data))


DEEP = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
HUGE = st.integers(4000, 6000).map(lambda n: "9" * n)
LINES = st.one_of(
    PATIENT_FIELDS.map(lambda d: json.dumps(d, allow_nan=True)),
    st.tuples(DEEP | HUGE | st.sampled_from(["NaN", "Infinity", "-Infinity"])).map(
        lambda t: '{"cancer": "GIST", "setting": "unresectable", "id": ' + t[0] + "}"
    ),
    TEXT,
)


@fuzz(600)
@given(LINES)
def test_a_cohort_line_never_stops_the_run_and_its_answer_is_json(pathways, line):
    from oncokg.pathway.cohort import Cohort

    answer = json.loads(
        Cohort(pathways.reasoner, pathways.names).answer_line(7, line),
        parse_constant=lambda c: pytest.fail(f"{c} in the output"),
    )
    assert answer["line"] == 7 and ("error" in answer) != ("options" in answer)


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
        st.just("pathway"),
        st.sampled_from(["--cancer", "--setting", "--history", "--biomarker", "--finding"]),
        TEXT,
        st.sampled_from(["--setting", "--cancer"]),
        TEXT,
    ),
    st.tuples(
        st.sampled_from(["query", "sparql", "pathway"]),
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
