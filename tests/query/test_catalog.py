"""The query catalogue: every query is described, parses in two engines and answers on the real graph."""

import pyoxigraph
import pytest
from rdflib.plugins.sparql import prepareQuery

from oncokg.errors import OncoKGError
from oncokg.query.catalog import load_catalog, parse_query_file
from oncokg.query.run import build_resolver, run_canned
from oncokg.store.backends import EmbeddedBackend


@pytest.fixture(scope="module")
def catalog(project):
    return load_catalog(project.queries_dir)


@pytest.fixture(scope="module")
def runner(store):
    backend = EmbeddedBackend(store)
    resolver = build_resolver(backend)
    return lambda query, **params: run_canned(backend, query, params, resolver)


def test_every_query_is_described_and_parses_in_pyoxigraph_and_rdflib(catalog):
    for query in catalog.values():
        assert query.title and query.description
        pyoxigraph.Store().query(query.text)
        prepareQuery(query.text)


def test_every_parameter_is_projected_so_it_can_be_bound(catalog):
    for query in catalog.values():
        head = query.text.split("WHERE", 1)[0]
        for parameter in query.parameters:
            assert f"?{parameter.name}" in head, (query.name, parameter.name)


def test_drug_targets_by_brand_name_and_by_chebi_curie(catalog, runner):
    for name in ("Gleevec", "chebi:45783", "oncokg:imatinib"):
        rows = runner(catalog["drug-targets"], drug=name).rows
        assert {r["targetLabel"].value for r in rows} == {"KIT", "PDGFRA"}


def test_adverse_effects_carry_frequency(catalog, runner):
    rows = runner(catalog["adverse-effects"], treatment="Stivarga").rows
    effects = {r["effectLabel"].value: r for r in rows}
    assert "hand-foot syndrome" in effects
    assert effects["hand-foot syndrome"]["frequencyLabel"].value == "common"


def test_sources_report_the_overdue_review(catalog, runner):
    rows = {r["source"].value.rsplit("/", 1)[-1]: r for r in runner(catalog["sources"]).rows}
    assert len(rows) == 5
    assert rows["stomach-targeted-immuno"]["reviewOverdue"].value == "yes"
    assert rows["acs-gist"]["publisher"].value == "American Cancer Society"


def test_stale_facts_are_those_of_the_overdue_source(catalog, runner):
    rows = runner(catalog["stale-facts"]).rows
    assert rows and {r["source"].value.rsplit("/", 1)[-1] for r in rows} == {"stomach-targeted-immuno"}


def test_a_header_without_title_is_rejected(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# description: no title\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(OncoKGError, match="bad.rq: header has no '# title:' line"):
        parse_query_file(path)
