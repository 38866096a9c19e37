"""Ad-hoc SPARQL made ready to run: prefixes declared, the form found, and a checked text remembered."""

import threading

import pytest

from oncokg.errors import OncoKGError
from oncokg.query.adhoc import KNOWN_QUERY_CHARS, prepare


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
    ("text", "form"),
    [
        ("SELECT ?d WHERE { ?d a oncokg:Drug }", "SELECT"),
        ("ASK { <imatinib> ?p ?o }", "ASK"),
        ("CONSTRUCT WHERE { ?s rdfs:label ?l }", "CONSTRUCT"),
        ("# a comment\nDESCRIBE <imatinib>", "DESCRIBE"),
    ],
)
def test_the_form_is_found_and_the_common_prefixes_are_declared(text, form):
    query = prepare(text)
    assert query.form == form
    assert query.text.endswith(text) and "PREFIX oncokg:" in query.text


def test_a_text_that_passed_is_checked_once_and_a_refused_one_every_time():
    assert checks_made("SELECT ?x WHERE { ?x a oncokg:Drug } LIMIT 7", 3) == 1
    bad = "SELECT ?x WHERE { ?x a oncokg:Drug "
    for _ in range(2):
        with pytest.raises(OncoKGError, match="invalid SPARQL|expected"):
            prepare(bad)


def test_a_long_text_is_checked_every_time_and_never_kept():
    long = "SELECT ?x WHERE { ?x a oncokg:Drug } #" + "x" * KNOWN_QUERY_CHARS
    assert checks_made(long, 2) == 2
