"""The embedded store runs a query on its worker thread, so that a timeout can give up on it, or on
the caller's thread once the same text has been seen to finish far within the timeout."""

import threading
import time

import pytest

from oncokg.errors import OncoKGError
from oncokg.store.embedded import FRESH_AFTER_ROWS, EmbeddedBackend

DRUGS = "SELECT ?s WHERE { ?s a <https://w3id.org/oncokg/Drug> } LIMIT 3"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def threads_of(backend: EmbeddedBackend) -> list[str]:
    """Record the thread each answer is made on (the real answer, observed)."""
    seen: list[str] = []
    run = backend._run

    def recording(text: str):
        seen.append(threading.current_thread().name)
        return run(text)

    backend._run = recording  # type: ignore[method-assign]
    return seen


@pytest.fixture
def read_only(kg_embedded) -> EmbeddedBackend:
    return EmbeddedBackend(kg_embedded.backend.store, read_only=True)


def test_a_text_seen_to_be_quick_runs_on_the_callers_thread_the_next_time(read_only):
    seen = threads_of(read_only)
    first, second = read_only.select(DRUGS), read_only.select(DRUGS)
    assert first.rows == second.rows and len(first.rows) == 3
    assert seen == ["oncokg-query", threading.current_thread().name]


def test_another_text_or_binding_goes_to_the_worker_first(read_only):
    seen = threads_of(read_only)
    read_only.select(DRUGS)
    read_only.select(DRUGS.replace("LIMIT 3", "LIMIT 2"))
    assert seen == ["oncokg-query", "oncokg-query"]


def test_a_lowered_timeout_sends_a_known_text_back_to_the_worker(read_only):
    seen = threads_of(read_only)
    read_only.select(DRUGS)
    read_only.timeout = 1e-9  # no measured time fits in a fiftieth of it
    with pytest.raises(OncoKGError, match="timeout"):
        read_only.select(DRUGS)
    for _ in range(1_000):  # the given-up job still runs, on the abandoned thread, after the caller has left
        if len(seen) == 2:
            break
        time.sleep(0.01)
    assert seen == ["oncokg-query", "oncokg-query"]


def test_a_large_answer_stays_on_the_worker(read_only):
    seen = threads_of(read_only)
    large = f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {FRESH_AFTER_ROWS + 1}"
    read_only.select(large)
    read_only.select(large)
    assert seen == ["oncokg-query", "oncokg-query"]


def test_a_store_that_can_change_never_trusts_a_past_time(kg_embedded):
    writable = EmbeddedBackend(kg_embedded.backend.store)
    seen = threads_of(writable)
    writable.select(DRUGS)
    writable.select(DRUGS)
    assert seen == ["oncokg-query", "oncokg-query"]


def test_a_heavy_text_on_a_read_only_store_is_still_stopped_at_its_timeout(kg_embedded):
    backend = EmbeddedBackend(kg_embedded.backend.store, timeout=0.001, read_only=True)
    for _ in range(2):
        with pytest.raises(OncoKGError, match="timeout of 0.001 s"):
            backend.select(HEAVY)


def test_ask_and_construct_are_known_apart_from_select(read_only):
    text = "ASK { ?s a <https://w3id.org/oncokg/Drug> }"
    assert read_only.ask(text) is True and read_only.ask(text) is True
    triples = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2"
    assert read_only.construct(triples) == read_only.construct(triples)


def test_answers_share_each_term_converted_once_and_keep_unbound_cells(read_only):
    text = (
        "SELECT ?s ?missing WHERE { ?s a <https://w3id.org/oncokg/Drug> "
        "OPTIONAL { ?s <https://w3id.org/oncokg/noSuchProperty> ?missing } } ORDER BY ?s LIMIT 3"
    )
    first, second = read_only.select(text), read_only.select(text)
    assert [row["s"] for row in first.rows] == [row["s"] for row in second.rows]
    assert all(a["s"] is b["s"] for a, b in zip(first.rows, second.rows, strict=True))
    assert all(row["missing"] is None for row in first.rows + second.rows)
    assert first.variables == second.variables == ["s", "missing"] and first.variables is not second.variables


def test_the_base_iri_and_prefixes_reach_the_engine_only_when_given(read_only):
    text = "SELECT ?x WHERE { BIND(<imatinib> AS ?x) }"
    based = list(read_only.execute(text, base_iri="https://w3id.org/oncokg/"))
    assert based[0]["x"].value == "https://w3id.org/oncokg/imatinib"
    with pytest.raises(OncoKGError, match="invalid SPARQL"):
        read_only.execute("SELECT ?x WHERE { BIND(o:imatinib AS ?x) }")
    prefixed = list(
        read_only.execute("SELECT ?x WHERE { BIND(o:imatinib AS ?x) }", prefixes={"o": "https://w3id.org/oncokg/"})
    )
    assert prefixed[0]["x"].value == "https://w3id.org/oncokg/imatinib"
