"""Where `bind_values` puts its VALUES blocks: at the start of the top-level WHERE group and of each
branch of a UNION in it, never inside a string, an IRI, a comment or a sub-SELECT; and the bound
query answers on a real engine as the parameter says."""

import pyoxigraph
import pytest

from oncokg.store.binding import bind_values
from oncokg.store.results import Value

V = ' VALUES (?x) { ("a") }'
BOUND = {"x": Value("literal", "a")}

# (query with ^ where a VALUES block belongs, why)
CASES = [
    ("SELECT ?x WHERE {^ ?s ?p ?x }", "no UNION: the top-level group only"),
    ("SELECT ?x WHERE {^ {^ ?s <http://e/p> ?x } UNION {^ ?x <http://e/q> ?o } }", "a UNION at depth 2"),
    (
        "SELECT ?x WHERE {^ {^ ?s <http://e/p> ?x } UNION {^ ?x <http://e/q> ?o } UNION {^ ?x ?p 1 } }",
        "three branches",
    ),
    (
        "SELECT ?x WHERE {^ {^ { ?s <http://e/p> ?x } UNION { ?s <http://e/r> ?x } } UNION {^ ?x <http://e/q> ?o } }",
        "a nested UNION: its inner branches see the outer branch's block",
    ),
    (
        "SELECT ?x WHERE {^ { SELECT ?x WHERE { ?x ?p ?o } } UNION {^ ?x <http://e/q> ?o } }",
        "a sub-SELECT branch keeps its own projection",
    ),
    ('SELECT ?x WHERE {^ ?s ?p ?x FILTER(?x != "{ } UNION {") }', "braces inside a string"),
    ("SELECT ?x WHERE {^ ?s ?p ?x FILTER(?x != '''{ \"x\" }''') }", "braces inside a long string"),
    ("SELECT ?x WHERE {^ {^ ?s <http://e/p#c> ?x } UNION {^ ?x ?p ?o } }", "a # inside an IRI is no comment"),
    ("SELECT ?x WHERE {^ ?s ?p ?x # } UNION {\n}", "braces inside a comment"),
    ("# where: WHERE { in the header\n# UNION { }\nSELECT ?x WHERE {^ ?s ?p ?x }", "WHERE { in the header comment"),
    ("SELECT ?x WHERE {^ OPTIONAL { ?s ?p ?x } { ?a ?b ?c } }", "a group that is no UNION branch"),
]


@pytest.mark.parametrize("marked, why", CASES, ids=[why for _, why in CASES])
def test_values_go_at_the_top_and_into_each_union_branch(marked, why):
    assert bind_values(marked.replace("^", ""), BOUND) == marked.replace("^", V)


@pytest.mark.parametrize("marked, why", CASES, ids=[why for _, why in CASES])
def test_every_bound_query_parses(marked, why):
    pyoxigraph.Store().query(bind_values(marked.replace("^", ""), BOUND))


def test_a_bound_union_answers_only_for_the_value():
    store = pyoxigraph.Store()
    e = "http://e/"
    for s, p, o in (("s1", "p", "a"), ("s2", "p", "b"), ("a", "q", "o1"), ("b", "q", "o2")):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(e + s), pyoxigraph.NamedNode(e + p), _term(o)))
    query = "SELECT ?x ?y WHERE { { ?y <http://e/p> ?x } UNION { ?x <http://e/q> ?y } }"
    bound = bind_values(query, {"x": Value("literal", "a")})
    assert sorted(str(row["y"]) for row in store.query(bound)) == ["<http://e/s1>"]
    both = bind_values(query, {"x": Value("iri", e + "a")})
    assert sorted(str(row["y"]) for row in store.query(both)) == ["<http://e/o1>"]


def _term(local: str):
    """Objects named 'a' or 'b' are literals of the p triples; the others IRIs."""
    return pyoxigraph.Literal(local) if local in ("a", "b") else pyoxigraph.NamedNode("http://e/" + local)
