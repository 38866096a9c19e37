"""Catalogue queries run again: parameters read and bound once per resolver, label cells made once."""

import pytest

from oncokg.errors import OncoKGError
from oncokg.query import run
from oncokg.query.catalog import get_query
from oncokg.query.run import build_resolver, run_canned


@pytest.fixture
def fresh(kg_embedded):
    """A resolver of the session's build that has read and bound nothing yet."""
    return build_resolver(kg_embedded.backend)


@pytest.fixture
def binds(monkeypatch) -> list[dict]:
    """Each time `run_canned` reads and binds parameters (the real reading, observed)."""
    seen: list[dict] = []
    original = run.bind_parameters

    def counting(query, params, resolver):
        seen.append(dict(params))
        return original(query, params, resolver)

    monkeypatch.setattr(run, "bind_parameters", counting)
    return seen


def test_a_catalogue_query_asked_again_reads_and_binds_nothing(kg_embedded, fresh, binds):
    query = get_query(kg_embedded.catalog, "drug-targets")
    first = run_canned(kg_embedded.backend, query, {"drug": "Gleevec"}, fresh)
    second = run_canned(kg_embedded.backend, query, {"drug": "Gleevec"}, fresh)
    assert first.rows == second.rows and {row["targetLabel"].value for row in first.rows} == {"KIT", "PDGFRA"}
    assert binds == [{"drug": "Gleevec"}]
    other = run_canned(kg_embedded.backend, query, {"drug": "Herceptin"}, fresh)
    assert binds == [{"drug": "Gleevec"}, {"drug": "Herceptin"}] and other.rows != first.rows


def test_the_same_parameters_of_another_query_or_resolver_are_bound_for_it(kg_embedded, fresh, binds):
    targets, classes = get_query(kg_embedded.catalog, "drug-targets"), get_query(kg_embedded.catalog, "drug-classes")
    run_canned(kg_embedded.backend, targets, {"drug": "Gleevec"}, fresh)
    run_canned(kg_embedded.backend, classes, {"drug": "Gleevec"}, fresh)
    run_canned(kg_embedded.backend, targets, {"drug": "Gleevec"}, build_resolver(kg_embedded.backend))
    assert len(binds) == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"drug": "Gleevecz"}, "parameter drug: unknown drug"),
        ({"drug": ["Gleevec"]}, "expected a drug name as text"),
        ({"drugs": "Gleevec"}, "has no parameter drugs"),
    ],
)
def test_a_refused_parameter_is_refused_every_time_and_never_kept(kg_embedded, fresh, params, message):
    query = get_query(kg_embedded.catalog, "drug-targets")
    for _ in range(2):
        with pytest.raises(OncoKGError, match=message):
            run_canned(kg_embedded.backend, query, params, fresh)
    assert fresh.bound_texts == {}


def test_label_cells_are_made_once_and_shared_by_answers(kg_embedded, fresh):
    query = get_query(kg_embedded.catalog, "drug-targets")
    first = run_canned(kg_embedded.backend, query, {"drug": "Gleevec"}, fresh)
    second = run_canned(kg_embedded.backend, query, {"drug": "Gleevec"}, fresh)
    for a, b in zip(first.rows, second.rows, strict=True):
        assert a["targetLabel"] is b["targetLabel"]
        assert a["targetLabel"].value == fresh.label(a["target"].value)
