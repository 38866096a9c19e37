"""Query text is checked before any engine sees it; a hostile endpoint's answer cannot hang, flood or
redirect the client."""

import json
import subprocess
import sys
import time

import pytest

from helpers import assert_one_line_error, oncokg, oncokg_process
from hostile import ENTITY_BOMB_RDFXML, Peer, hostile_server
from oncokg.errors import OncoKGError
from oncokg.query.client import OncoKG
from oncokg.store.binding import bind_values
from oncokg.store.guard import check_query_text, strip_comments
from oncokg.store.remote import RemoteBackend
from oncokg.store.results import Value

ONE_ROW = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


@pytest.mark.parametrize("opening, closing", [("{ ", "} "), ("( ", ") ")])
def test_deep_nesting_is_refused_before_the_engine(kg_embedded, opening, closing):
    inner = "?s ?p ?o" if opening == "{ " else "true"
    body = opening * 5000 + inner + closing * 5000
    query = f"SELECT * WHERE {body}" if opening == "{ " else f"SELECT * WHERE {{ ?s ?p ?o FILTER {body} }}"
    with pytest.raises(OncoKGError, match="deeper than 256"):
        kg_embedded.sparql(query)


def test_nesting_within_the_limit_runs(kg_embedded):
    query = "SELECT ?s WHERE " + "{ " * 200 + "?s ?p ?o " + "} " * 200 + "LIMIT 1"
    assert len(kg_embedded.sparql(query).rows) == 1


def test_the_size_limit_can_be_raised_and_is_read_when_the_store_is_opened(kg_embedded, built_project, monkeypatch):
    from oncokg.query.client import OncoKG

    query = ONE_ROW + " #" + "x" * 2000
    monkeypatch.setenv("ONCOKG_MAX_QUERY_BYTES", "1000")
    with pytest.raises(OncoKGError, match=r"over the limit of 1,000 \(set ONCOKG_MAX_QUERY_BYTES"):
        OncoKG.open(root=built_project.root).sparql(query)
    assert len(kg_embedded.sparql(query).rows) == 1  # opened before: its limit is the default
    monkeypatch.setenv("ONCOKG_MAX_QUERY_BYTES", "10000")
    assert len(OncoKG.open(root=built_project.root).sparql(query).rows) == 1


@pytest.mark.parametrize(
    "clause",
    [
        "SERVICE <http://127.0.0.1:9/sparql>",
        "service silent <http://127.0.0.1:9/sparql>",
        "SERVICE ?endpoint",
        "SERVICE ex:endpoint",
        "\\u0053ERVICE <http://127.0.0.1:9/sparql>",
    ],
)
def test_service_is_refused_by_default(clause):
    with pytest.raises(OncoKGError, match="SERVICE .*refused"):
        check_query_text(f"PREFIX ex: <http://e/> SELECT * WHERE {{ {clause} {{ ?s ?p ?o }} }}")


def test_the_word_service_in_strings_iris_names_and_comments_is_not_a_clause():
    check_query_text(
        'SELECT ?service WHERE { ?s <http://e/SERVICE> "SERVICE <http://x/>" ; ex:service ?o } # SERVICE <http://x/>'
    )


def test_an_allowed_host_federates_to_a_real_endpoint(kg_embedded, oxigraph_endpoint, built_project):
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{oxigraph_endpoint}> {{ ?s ?p ?o }} }}"
    with pytest.raises(OncoKGError, match="refused"):
        kg_embedded.sparql(query)
    allowed = OncoKG.open(root=built_project.root, allow_federation=["127.0.0.1"])
    assert int(allowed.sparql(query).rows[0]["n"].value) > 10_000


def test_the_remote_client_refuses_service_before_sending(oxigraph_endpoint):
    with hostile_server(Peer(b"{}")) as peer, pytest.raises(OncoKGError, match="refused"):
        RemoteBackend(peer.url).select(f"SELECT * WHERE {{ SERVICE <{oxigraph_endpoint}> {{ ?s ?p ?o }} }}")
    assert peer.paths == []


def test_comments_are_stripped_as_the_grammar_reads_them():
    query = bind_values(
        "# title: x\nSELECT ?k WHERE {\n  ?s ?p ?k # a comment\n}", {"k": Value("literal", "a\n# b\u2028c")}
    )
    stripped = strip_comments(query)
    assert "title" not in stripped and "a comment" not in stripped
    assert '"a\\n# b\u2028c"' in stripped


NESTED = b'{"head": {"vars": ["s"]}, "results": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
CONTEXT = json.dumps({"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "http://e/s"}).encode()


@pytest.mark.parametrize(
    "body, content_type, message",
    [
        (ENTITY_BOMB_RDFXML.encode(), "application/rdf+xml", "did not answer with SPARQL JSON results"),
        (CONTEXT, "application/ld+json", "did not answer"),
        (NESTED, "application/sparql-results+json", "did not answer with SPARQL JSON results"),
        (
            b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"value": "\xff"}}]}}',
            "application/sparql-results+json",
            "did not answer with SPARQL JSON results",
        ),
        (
            b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": {"a": 1}}}]}}',
            "application/sparql-results+json",
            "did not answer a SELECT",
        ),
        (b'{"head": {}}', "application/sparql-results+json", "did not answer a SELECT"),
    ],
)
def test_a_hostile_answer_is_one_clean_error(body, content_type, message):
    with hostile_server(Peer(body, content_type)) as peer:
        started = time.monotonic()
        with pytest.raises(OncoKGError, match=message) as caught:
            RemoteBackend(peer.url + "/query", timeout=5).select(ONE_ROW)
        assert time.monotonic() - started < 5
    assert "\n" not in str(caught.value)
    assert len(peer.paths) == 1, "the client fetched something else"


def test_an_answer_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setenv("ONCOKG_MAX_RESPONSE_BYTES", "100000")
    body = json.dumps(
        {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "literal", "value": "x" * 1000}}] * 200}}
    ).encode()
    with hostile_server(Peer(body)) as peer, pytest.raises(OncoKGError, match="over the limit of 100,000"):
        RemoteBackend(peer.url).select(ONE_ROW)


def test_a_slow_drip_answer_stops_at_the_timeout():
    with hostile_server(Peer(b'{"head": {"vars": []}, "results": {"bindings": []}}' + b" " * 1000, drip=0.05)) as peer:
        started = time.monotonic()
        with pytest.raises(OncoKGError, match="did not finish answering within 1 s"):
            RemoteBackend(peer.url, timeout=1).select(ONE_ROW)
        assert time.monotonic() - started < 3


@pytest.mark.parametrize("url", ["http://127.0.0.1:abc/q", "http://[::1/gsp", "ftp://127.0.0.1/q", "http:///q"])
def test_a_bad_endpoint_url_is_one_clean_error(url):
    with pytest.raises(OncoKGError, match="endpoint"):
        RemoteBackend(url)


CHAINS = {  # review 2, finding 5: each crashed `oncokg sparql` and `OncoKG.sparql()` with SIGSEGV
    "plus": "SELECT (" + "+".join(["1"] * 8000) + " AS ?x) WHERE {}",
    "or": "ASK { FILTER(" + " || ".join(["false"] * 10000) + ") }",
    "union": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10000) + " }",
    "optional": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * 10000 + "}",
    "minus": "SELECT * WHERE { ?s ?p ?o " + "MINUS { ?s ?p ?o } " * 4000 + "}",
    # found after the review, by the same measure: the joins of a basic graph pattern crash it too
    "patterns": "SELECT * WHERE { " + " ".join(f"<urn:s> <urn:p> {i} ." for i in range(4000)) + " }",
    "objects": "SELECT * WHERE { ?s <urn:p> " + ", ".join(str(i) for i in range(10000)) + " }",
}


@pytest.mark.parametrize("name", sorted(CHAINS))
def test_long_chains_are_refused_before_the_engine(built_project, built, tmp_path, name):
    query = tmp_path / "chain.rq"
    query.write_text(CHAINS[name])
    result = oncokg_process("sparql", "--file", str(query), root=built_project.root)
    assert_one_line_error(result, "ONCOKG_MAX_QUERY_TERMS")


def test_the_python_client_refuses_a_long_chain_without_crashing(built_project, built):
    script = (
        "from oncokg.query.client import OncoKG\n"
        f"OncoKG.open(root={str(built_project.root)!r}).sparql({CHAINS['plus']!r})"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1 and "OncoKGError: the query has more than 1,000 operators" in result.stderr


def test_a_chain_within_the_limit_runs(kg_embedded):
    rows = kg_embedded.sparql("SELECT (" + "+".join(["1"] * 900) + " AS ?x) WHERE {}").rows
    assert rows[0]["x"].value == "900"


def test_long_argument_lists_are_not_chains(kg_embedded):
    """Commas between a function's arguments are no joins (oxigraph reads 100,000 of them flat)."""
    rows = kg_embedded.sparql("SELECT (5000 IN (" + ", ".join(map(str, range(1, 5001))) + ") AS ?x) WHERE {}").rows
    assert rows[0]["x"].value == "true"


def test_the_cli_stops_at_its_timeout_while_checking_a_query(built_project, built, tmp_path):
    """Review 2, finding 12: the syntax check planned the query on the main thread, outside any
    timeout (3,000 OPTIONAL groups with --timeout 10 were still running at 60 s)."""
    query = tmp_path / "optional.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o " + " ".join(f"OPTIONAL {{ ?s ?p ?o{i} }}" for i in range(900)) + " }")
    started = time.monotonic()
    result = oncokg_process("sparql", "--file", str(query), "--timeout", "2", root=built_project.root)
    assert_one_line_error(result, "timeout of 2 s")
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("text", ["PREFIX a: <urn:a>", "BASE <urn:b>"])
def test_a_prologue_alone_is_not_called_an_update(built_project, built, text):
    """Review 2, finding 19: rdflib reads a prologue alone as an empty update."""
    line = assert_one_line_error(oncokg("sparql", text, root=built_project.root))
    assert "update" not in line and "invalid SPARQL" in line


def test_special_files_are_read_no_further_than_the_limit(built_project, built, tmp_path):
    """Review 2, finding 14: /dev/zero and pipes have size 0 on disk and were read whole."""
    env = {"ONCOKG_MAX_FILE_BYTES": "100000"}
    for args in (("pathway", "next", "--patient", "/dev/zero"), ("sparql", "--file", "/dev/zero")):
        assert_one_line_error(oncokg_process(*args, root=built_project.root, env=env), "ONCOKG_MAX_FILE_BYTES")
