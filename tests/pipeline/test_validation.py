"""SHACL shapes and QC violation queries: a fixture with each fault is caught (the build refuses a graph that fails them)."""

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from oncokg.pipeline.validation import qc_queries, run_qc, run_shacl

FIXTURES = Path(__file__).parents[1] / "fixtures"
QC_FIXTURES = sorted((FIXTURES / "qc").glob("*.trig"))


def test_every_qc_query_has_a_fixture(project):
    assert {p.stem for p in QC_FIXTURES} == set(qc_queries(project.qc_dir))


@pytest.mark.parametrize("fixture", QC_FIXTURES, ids=lambda p: p.stem)
def test_each_qc_query_catches_its_fixture(project, fixture):
    expected = set(fixture.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ").split())
    store = pyoxigraph.Store()
    store.load(path=str(fixture), format=pyoxigraph.RdfFormat.TRIG)
    query = {fixture.stem: qc_queries(project.qc_dir)[fixture.stem]}
    violations = run_qc(store, query)
    assert {v.entity for v in violations} == expected


def test_a_broken_shacl_fixture_is_caught(project):
    data = Graph().parse(FIXTURES / "shacl-broken.ttl")
    violations = run_shacl(data, project.shapes_file)
    focus = {v.entity.rsplit("/", 1)[-1] for v in violations}
    assert {"no-quote", "step-without-order", "undated-source", "bad-target"} <= focus


def test_shapes_that_use_an_advanced_feature_have_it_evaluated(tmp_path):
    """A SPARQL-based target is a SHACL Advanced Feature, which pyshacl evaluates only when asked."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:Labelled a sh:NodeShape ;
            sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE { ?this <http://example.org/p> ?o }" ] ;
            sh:property [ sh:path ex:label ; sh:minCount 1 ] .""",
        encoding="utf-8",
    )
    data = Graph().parse(data="<http://example.org/x> <http://example.org/p> 1 .", format="turtle")
    assert [v.entity for v in run_shacl(data, shapes)] == ["http://example.org/x"]
