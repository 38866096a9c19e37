"""Ad-hoc SPARQL made ready to run: prefixes declared, the form found, and a checked text remembered."""

import re
import threading

import pytest

from oncokg.errors import OncoKGError
from oncokg.query.adhoc import KNOWN_QUERY_CHARS, declarations, prepare
from oncokg.vocab import SPARQL_PREFIXES


def checks_made(text: str, times: int) -> int:
    """Prepare the text `times` times and count the syntax checks that ran (each on its own thread)."""
    started = 0
    original = threading.Thread.start

    def counting(thread: threading.Thread) -> None:
        nonlocal started
        started += thread.name == "oncokg-prepare"
        original(thread)

    threading.Thread.start = counting  # type: ignore[method-assign]
    try:
        for _ in range(times):
            prepare(text)
    finally:
        threading.Thread.start = original  # type: ignore[method-assign]
    return started


@pytest.mark.parametrize(
    ("text", "form", "declared"),
    [
        ("SELECT ?d WHERE { ?d a oncokg:Drug }", "SELECT", {"oncokg"}),
        ("ASK { <imatinib> ?p ?o }", "ASK", set()),
        ("CONSTRUCT WHERE { ?s rdfs:label ?l }", "CONSTRUCT", {"rdfs"}),
        ("# a comment\nDESCRIBE <imatinib>", "DESCRIBE", set()),
        ("PREFIX rdfs: <http://example.org/> SELECT ?l { ?s rdfs:label ?l ; skos:altLabel ?a }", "SELECT", {"skos"}),
    ],
)
def test_the_form_is_found_and_the_common_prefixes_the_text_uses_are_declared(text, form, declared):
    query = prepare(text)
    assert query.form == form
    head, _, rest = query.text.partition("\n")
    assert rest == text
    assert set(re.findall(r"PREFIX (\w+):", head)) == declared


def test_a_text_with_escapes_gets_every_common_prefix():
    assert set(re.findall(r"PREFIX (\w+):", declarations("SELECT * { ?s \\u0072df:type ?o }"))) == set(SPARQL_PREFIXES)


def test_a_text_that_passed_is_checked_once_and_a_refused_one_every_time():
    assert checks_made("SELECT ?x WHERE { ?x a oncokg:Drug } LIMIT 7", 3) == 1
    bad = "SELECT ?x WHERE { ?x a oncokg:Drug "
    for _ in range(2):
        with pytest.raises(OncoKGError, match="invalid SPARQL|expected"):
            prepare(bad)


def test_a_long_text_is_checked_every_time_and_never_kept():
    long = "SELECT ?x WHERE { ?x a oncokg:Drug } #" + "x" * KNOWN_QUERY_CHARS
    assert checks_made(long, 2) == 2
