"""The query catalogue: every query is described, parses in two engines and answers on the real graph."""

import pyoxigraph
import pytest
from rdflib.plugins.sparql import prepareQuery

from oncokg.errors import OncoKGError
from oncokg.query.catalog import load_catalog, parse_query_file


@pytest.fixture(scope="module")
def catalog(project):
    return load_catalog(project.queries_dir)


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


def test_a_header_without_title_is_rejected(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# description: no title\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(OncoKGError, match="bad.rq: header has no '# title:' line"):
        parse_query_file(path)
