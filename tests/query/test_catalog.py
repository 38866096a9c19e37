"""The query catalogue: every query is described, parses in two engines and answers on the real graph."""

import re

import pyoxigraph
import pytest
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from oncokg.errors import OncoKGError
from oncokg.query.catalog import load_catalog, parse_query, parse_query_file
from oncokg.vocab import BASE
from oncokg.vocab.sparql import DECLARED, names, prefix_header, source, sparql


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


def test_an_entity_parameter_declares_its_class_unless_it_takes_any_entity(catalog, project):
    """The resolver reads a parameter's value as the kind its header declares (`drug | oncokg:Drug`);
    one left as plain `entity` must say it takes any entity, so that no kind is left unchecked."""
    from oncokg.curation.ontology import Vocabulary, load_ontology

    classes = Vocabulary.from_graph(load_ontology(project.ontology_dir)).classes
    for query in catalog.values():
        for parameter in query.parameters:
            if parameter.type != "entity":
                continue
            if parameter.classes:
                assert set(parameter.classes) <= classes, (query.name, parameter.classes)
            else:
                assert "entity" in parameter.description, (query.name, parameter.name)


def _optional_sides(node: object) -> list[CompValue]:
    """The right side of every OPTIONAL (LeftJoin) in a query's algebra."""
    if isinstance(node, CompValue):
        own = [node.p2] if node.name == "LeftJoin" else []
        return own + [side for value in node.values() for side in _optional_sides(value)]
    if isinstance(node, (list, tuple)):
        return [side for value in node for side in _optional_sides(value)]
    return []


def _looked_up_per_row(pattern: CompValue) -> bool:
    """One triple or path, or OPTIONALs, UNIONs, FILTERs and BINDs of them: the shapes oxigraph
    evaluates once per left row (its optimizer's `is_fit_for_for_loop_join`). A group of two patterns
    is evaluated over the whole graph and hash-joined, so the query slows as the graph grows."""
    if pattern.name == "BGP":
        return len(pattern.triples) == 1
    if pattern.name in ("LeftJoin", "Union"):
        return _looked_up_per_row(pattern.p1) and _looked_up_per_row(pattern.p2)
    if pattern.name in ("Filter", "Extend"):
        return _looked_up_per_row(pattern.p)
    return False


WHOLE_GRAPH_OPTIONAL = {
    # the duties of every care-team role, a few rows per replica: raw 0.81 -> 1.07 ms from the real
    # graph to 1M. Written per row, its GROUP_CONCAT order changed from one build to the next.
    "care-team",
}


def test_a_selective_query_looks_up_its_optionals_per_row(catalog):
    """At 1M quads, treatments-for took 25x its time on the real graph with `OPTIONAL { ?s :p ?x . ?x
    rdfs:label ?l }`, and the same time with `OPTIONAL { ?s :p ?x OPTIONAL { ?x rdfs:label ?l } }`."""
    assert set(catalog) >= WHOLE_GRAPH_OPTIONAL
    for query in catalog.values():
        if not any(p.type == "entity" for p in query.parameters) or query.name in WHOLE_GRAPH_OPTIONAL:
            continue
        for side in _optional_sides(prepareQuery(query.text).algebra):
            assert _looked_up_per_row(side), (query.name, side.name)


def test_a_header_without_title_is_rejected(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# description: no title\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(OncoKGError, match="bad.rq: header has no '# title:' line"):
        parse_query_file(path)


def test_the_projects_own_queries_are_described_parse_and_look_up_their_optionals_per_row():
    """The resolver's index, the catalogue readers and the statistics: documented like the catalogue,
    parsed by both engines once their generated PREFIX lines are put before them, and held to the
    catalogue's shape rule (stricter: every OPTIONAL of theirs, though none takes an entity)."""
    assert {"catalogue", "catalogue-prefixes", "index-names", "stats-totals"} <= set(names())
    for name in names():
        query = parse_query(name, source(name))
        assert query.title and query.description, name
        pyoxigraph.Store().query(sparql(name))
        for side in _optional_sides(prepareQuery(sparql(name)).algebra):
            assert _looked_up_per_row(side), (name, side.name)


def test_no_own_query_declares_a_prefix_or_spells_a_namespace_of_the_project():
    """Their PREFIX lines are generated from vocab.PREFIXES, the one home of the namespaces."""
    for name in names():
        assert not re.search(r"^\s*PREFIX\s", source(name), re.IGNORECASE | re.MULTILINE), name
        assert all(namespace not in source(name) for namespace in DECLARED.values()), name
        assert sparql(name).startswith("PREFIX "), name


def test_the_pathway_projection_declares_only_generated_prefixes():
    """The projection reads the whole graph once (its evidence OPTIONAL is a join, rightly): the
    shape rule, which is for selective queries, does not apply; its prefixes do."""
    from oncokg.query.projection import PROJECTION

    head, _, body = PROJECTION.partition("SELECT")
    assert head.strip() == prefix_header(body).strip() and BASE not in body
    prepareQuery(PROJECTION)
