"""Output a researcher can trust: literals shown, values typed, stable columns, tables that fit,
SPARQL as people write it, checked parameters and the usual command-line conventions."""

import csv
import io
import json
import socket

import pytest

from helpers import assert_one_line_error, oncokg
from oncokg.quotes import prose

IMATINIB_TRIPLES = "SELECT ?p ?o WHERE { oncokg:imatinib ?p ?o } ORDER BY ?p"


def run_ok(*args, root, env=None):
    result = oncokg(*args, root=root, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_table_shows_literals_in_a_column_that_mixes_iris_and_literals(root):
    out = run_ok("sparql", IMATINIB_TRIPLES, root=root, env={"COLUMNS": "200"})
    assert "Gleevec" in out and "KIT inhibitor" in out


def test_json_values_are_typed(root):
    rows = json.loads(run_ok("query", "sources", "--format", "json", root=root))
    facts = [row["facts"] for row in rows]
    assert all(isinstance(n, int) for n in facts) and sum(facts) > 300
    mappings = json.loads(run_ok("query", "mappings", "--param", "entity=imatinib", "--format", "json", root=root))
    assert all(isinstance(row["confidence"], float) for row in mappings)


def test_dataframes_are_typed(root):
    from oncokg.query.client import OncoKG

    answer = OncoKG.open(root=root).query("sources")
    frame = answer.to_dataframe()
    assert frame["facts"].dtype.kind == "i"
    assert frame["facts"].sum() == sum(int(v) for v in frame["facts"].astype(str))
    assert frame["reviewDate"].dtype.kind == "M", "dates are pandas' datetime64 (review 12b, problem 17)"
    dates = [row["reviewDate"] for row in answer if row["reviewDate"] is not None]
    assert dates and [d.isoformat() for d in dates] == [str(t.date()) for t in frame["reviewDate"].dropna()]
    assert len(answer) == len(frame) == len(list(answer))


def test_sparql_json_keeps_datatypes(root):
    answer = json.loads(run_ok("query", "sources", "--format", "sparql-json", root=root))
    assert "facts" in answer["head"]["vars"]
    cell = answer["results"]["bindings"][0]["facts"]
    assert cell["type"] == "literal" and cell["datatype"].endswith("#integer")


def test_columns_are_the_same_with_and_without_rows(root):
    with_rows = run_ok("query", "drug-targets", "--param", "drug=Gleevec", "--format", "csv", root=root)
    without = run_ok("query", "drug-targets", "--param", "drug=dasatinib", "--format", "csv", root=root)
    assert without.strip() == with_rows.splitlines()[0]
    assert "drugLabel" in without


@pytest.mark.parametrize("width", [60, 80, 100])
def test_tables_fit_the_width_and_cut_nothing(root, width):
    out = run_ok("query", "evidence", "--param", "subject=imatinib", root=root, env={"COLUMNS": str(width)})
    assert max(len(line) for line in out.splitlines()) <= width
    assert out.startswith("(one record per block") and "…" not in out
    rows = json.loads(run_ok("query", "evidence", "--param", "subject=imatinib", "--format", "json", root=root))
    assert f"sourceDate  {rows[0]['sourceDate']}" in out  # dates whole
    flat = " ".join(out.split())
    assert all(" ".join(prose(row["quote"]).split()) in flat for row in rows)


def test_wide_keeps_one_line_per_row(root):
    out = run_ok("query", "evidence", "--param", "subject=imatinib", "--wide", root=root, env={"COLUMNS": "80"})
    rows = json.loads(run_ok("query", "evidence", "--param", "subject=imatinib", "--format", "json", root=root))
    assert len(out.splitlines()) == len(rows) + 3 and max(len(line) for line in out.splitlines()) > 80


def test_quotes_read_as_prose_in_tables_and_verbatim_for_programs(root):
    args = ("query", "adverse-effects", "--param", "treatment=Stivarga")
    verbatim = {row["quote"] for row in json.loads(run_ok(*args, "--format", "json", root=root))}
    assert any("*hand-foot syndrome*" in q for q in verbatim)
    table = run_ok(*args, root=root, env={"COLUMNS": "100"})
    assert "hand-foot" in table and "*" not in table


@pytest.mark.parametrize("width", [80, 100])
def test_queries_lists_name_and_title_and_long_adds_the_rest(root, width):
    from oncokg.query.client import OncoKG

    catalog = OncoKG.open(root=root).catalog
    out = run_ok("queries", root=root, env={"COLUMNS": str(width)})
    lines = out.splitlines()
    assert max(map(len, lines)) <= width
    assert [line.split()[0] for line in lines if not line.startswith((" ", "("))] == list(catalog)
    assert "--param" not in out and "--long" in lines[-1]
    long = run_ok("queries", "--long", root=root, env={"COLUMNS": str(width)})
    assert max(map(len, long.splitlines())) <= width
    assert all(f"--param {p.name}=" in long for q in catalog.values() for p in q.parameters)
    one = run_ok("queries", "drug-targets", root=root, env={"COLUMNS": str(width)})
    assert one.startswith("drug-targets: Molecular targets of a drug\n") and catalog["drug-targets"].text.strip() in one


def test_one_row_is_singular(root):
    assert run_ok("sparql", "SELECT ?d WHERE { oncokg:imatinib rdfs:label ?d }", root=root).endswith("(1 row)\n")


def test_csv_round_trips_typed_values(root):
    rows = list(csv.DictReader(io.StringIO(run_ok("query", "sources", "--format", "csv", root=root))))
    assert all(row["facts"].isdigit() for row in rows)


def test_prefixes_are_listed_and_declared(root):
    listed = run_ok("prefixes", root=None)
    for prefix in ("oncokg:", "rdfs:", "oboInOwl:", "biolink:", "oa:", "dcterms:"):
        assert f"PREFIX {prefix}" in listed
    out = run_ok("sparql", "SELECT ?l WHERE { oncokg:imatinib skos:altLabel ?l }", "--format", "json", root=root)
    assert "Gleevec" in {row["l"] for row in json.loads(out)}


def test_ask_construct_and_describe(root):
    assert run_ok("sparql", "ASK { oncokg:imatinib a oncokg:Drug }", root=root).strip() == "true"
    assert run_ok("sparql", "ASK { oncokg:imatinib a oncokg:Cancer }", root=root).strip() == "false"
    turtle = run_ok("sparql", "CONSTRUCT { ?d oncokg:targets ?t } WHERE { ?d oncokg:targets ?t }", root=root)
    assert "@prefix oncokg:" in turtle and "oncokg:imatinib" in turtle
    lines = run_ok("sparql", "DESCRIBE oncokg:KIT", "--format", "ntriples", root=root).splitlines()
    assert lines and all(line.startswith("<https://w3id.org/oncokg/KIT>") for line in lines)
    assert json.loads(run_ok("sparql", "DESCRIBE oncokg:KIT", "--format", "jsonld", root=root))


@pytest.mark.parametrize(
    "query, fragments",
    [
        ("", ("empty query",)),
        ("# only a comment", ("empty query",)),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", ("updates are not accepted",)),
        ("SELECT ?d WHERE { ?d a foo:Drug }", ("line 1, column", "prefix 'foo:' is not declared")),
        ("SELECT ?d\nWHERE { ?d a <x> ", ("line 2, column", "expected")),
    ],
)
def test_sparql_errors_are_one_readable_line(root, query, fragments):
    result = oncokg("sparql", query, root=root)
    assert_one_line_error(result, *fragments)
    assert "['" not in result.stderr and len(result.stderr) < 300


def test_a_graph_format_needs_a_graph_query(root):
    assert_one_line_error(oncokg("sparql", "ASK {}", "--format", "turtle", root=root), "unknown format 'turtle'")


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("query", "drug-targets", "--param", "drug=KIT"), ("'KIT' names KIT", "not a drug")),
        (
            ("query", "drug-targets", "--param", "drug=Gleevec", "--param", "drug=Sutent"),
            ("--param drug is given twice", "takes one value"),
        ),
        (("query", "drug-target"), ("did you mean", "'drug-targets'")),
        (("check-facts", "no-such-file.yaml"), ("no-such-file.yaml",)),
    ],
)
def test_parameter_and_name_errors(root, args, fragments):
    assert_one_line_error(oncokg(*args, root=root), *fragments)


def test_catalogue_search_shows_query_names(root):
    rows = json.loads(run_ok("query", "catalogue", "--param", "keyword=HER2", "--format", "json", root=root))
    assert "biomarker-therapies" in {row["name"] for row in rows}


def test_mapping_ids_are_curies(root):
    rows = json.loads(run_ok("query", "mappings", "--param", "entity=imatinib", "--format", "json", root=root))
    externals = {row["externalLabel"] for row in rows}
    assert "mesh:D000068877" in externals and "CHEBI:45783" in externals
    assert not any("?" in e or "/" in e for e in externals)


def test_version_and_short_help():
    from oncokg import __version__

    assert run_ok("--version", root=None).splitlines()[0] == f"oncokg {__version__}"  # then the data's (test_citation)
    assert "Exit status" in run_ok("-h", root=None)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("frobnicate",), "oncokg: error: No such command 'frobnicate'. Did you mean 'locate'? (see oncokg -h)"),
        (("query", "drug-targets", "--prm", "x"), "oncokg: error: No such option: --prm (Possible options: --format, --param) (see oncokg query -h)"),
        (("query",), "oncokg: error: Missing argument 'name'. (see oncokg query -h)"),
        (("query", "sources", "--format", "xml"), "oncokg: error: Invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv', 'tsv', 'sparql-json'. (see oncokg query -h)"),
        (("pathway", "next", "--cancer", "GIST", "--format", "xml"), "oncokg: error: Invalid value for '--format': 'xml' is not one of 'text', 'json'. (see oncokg pathway next -h)"),
        (("sparql", "ASK {}", "--format", "owl"), "oncokg: error: Invalid value for '--format': 'owl' is not one of 'table', 'json', 'csv', 'tsv', 'sparql-json', 'turtle', 'ntriples', 'jsonld'. (see oncokg sparql -h)"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line_and_exit_2(args, said):
    result = oncokg(*args, root=None)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [said]


def test_no_command_shows_the_help_as_a_usage_error():
    result = oncokg(root=None)
    assert result.returncode == 2 and "Usage: oncokg" in result.stdout and "Traceback" not in result.stderr


def test_serve_on_a_busy_port_is_one_line(root):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = oncokg("serve", "--bind", f"127.0.0.1:{port}", root=root)
    assert_one_line_error(result, f"cannot listen on 127.0.0.1:{port}")
    assert result.stdout == ""


def test_trademark_signs_are_ignored_in_names(root):
    rows = json.loads(run_ok("query", "drug-targets", "--param", "drug=Herceptin®", "--format", "json", root=root))
    assert {row["drugLabel"] for row in rows} == {"trastuzumab"}


def test_stats_top_keeps_the_largest_sources(root):
    counts = json.loads(run_ok("stats", "--json", root=root))["facts_per_source"]
    assert list(counts.values()) == sorted(counts.values(), reverse=True)


@pytest.mark.slow  # reads every sentence of every source
def test_coverage_uncovered_says_so_when_all_is_covered(root):
    assert run_ok("coverage", "--uncovered", root=root) == "no uncovered sentence in 5 source(s)\n"
    assert (
        run_ok("coverage", "--uncovered", "--source", "acs-gist", root=root) == "no uncovered sentence in 1 source(s)\n"
    )


def test_locate_names_the_nearest_sentence_of_a_quote_not_in_the_text(root):
    result = oncokg("locate", "acs-gist", "It targets KIT", root=root)
    line = assert_one_line_error(result, "quote not found in acs-gist")
    near = json.loads(line.split("nearest sentence, at ")[1].split("]")[0] + "]")
    found = json.loads(run_ok("locate", "acs-gist", line.split(": '", 1)[1].rstrip("'"), root=root))
    assert found == near
    assert "nearest" not in assert_one_line_error(oncokg("locate", "acs-gist", "zebra quantum", root=root))


def test_pathway_text_uses_the_query_layers_certainty_words(root):
    out = run_ok("pathway", "next", "--cancer", "GIST", "--setting", "localized", root=root)
    assert "[established]" in out and "[stated]" not in out
    assert "established = the source states it plainly" in out


def test_pathway_graph_says_where_it_drew(root, tmp_path):
    target = tmp_path / "gist.mmd"
    result = oncokg(
        "pathway", "next", "--cancer", "GIST", "--setting", "unresectable", "--graph", str(target), root=root
    )
    assert result.returncode == 0 and target.read_text().startswith("flowchart")
    assert str(target) in result.stderr


def test_ask_and_construct_on_a_remote_endpoint(oxigraph_endpoint):
    from oncokg.query.client import OncoKG

    kg = OncoKG.open(store="sparql:" + oxigraph_endpoint)
    assert kg.sparql("ASK { oncokg:imatinib oncokg:targets oncokg:KIT }") is True
    assert kg.sparql("ASK { oncokg:imatinib oncokg:targets oncokg:HER2 }") is False
    triples = kg.sparql("CONSTRUCT { ?d oncokg:targets oncokg:KIT } WHERE { ?d oncokg:targets oncokg:KIT }")
    assert (
        b"<https://w3id.org/oncokg/imatinib> <https://w3id.org/oncokg/targets> <https://w3id.org/oncokg/KIT>" in triples
    )
    assert "drug-targets" in kg.catalog


def test_american_spellings_resolve_to_british_labels(root):
    rows = json.loads(run_ok("query", "evidence", "--param", "subject=tumor shrinkage", "--format", "json", root=root))
    assert rows and {row["subjectLabel"] for row in rows} == {"tumour shrinkage"}


def test_an_unknown_format_is_a_user_error_for_a_library_caller_too():
    """A library caller (a notebook) gets the one-line OncoKGError, not an internal ValueError."""
    from oncokg.errors import OncoKGError
    from oncokg.query.formats import render, render_graph
    from oncokg.store.results import Result

    with pytest.raises(OncoKGError, match="unknown format 'xml'; known: table, json"):
        render(Result(["x"], []), "xml")
    with pytest.raises(OncoKGError, match="unknown graph format 'rdfxml'"):
        render_graph(b"", "rdfxml", {})
