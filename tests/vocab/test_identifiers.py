"""One converter decides every external IRI: vendored from Bioregistry, agreed by sssom-py and Biolink, joinable.

The vendored prefix table is recomputed from the installed Bioregistry and compared row by row;
sssom-py's own converter expands every prefix it knows the same way; Biolink spellings are checked
against the biolink-model package's prefix map; and the exported graph joins with slices of
NCIt, MONDO, ChEBI and MeSH RDF as those vocabularies publish them.
"""

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS, SKOS

from oncokg.curation.mappings import ASSERT_THRESHOLD, load_mapping_sets
from oncokg.vocab.identifiers import TABLE, biolink_prefix_map, from_bioregistry, load_identifiers, read_table

# On the worker that makes the exports (the "export" group, see tests/conftest.py's `exports`).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("export")]  # reads the exports

VOCABULARIES = Path(__file__).parents[1] / "fixtures" / "vocabularies"
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)


def test_the_vendored_table_is_what_bioregistry_and_biolink_say(project):
    biolink = biolink_prefix_map()
    for prefix in read_table(project.mappings_dir / TABLE).values():
        assert prefix == from_bioregistry(prefix.prefix, biolink), prefix.prefix
        if prefix.biolink:
            assert prefix.biolink in biolink


@pytest.mark.filterwarnings("ignore:::sssom")
def test_sssom_py_expands_every_prefix_it_knows_to_the_same_iri(project):
    """sssom-py's converter is its built-in prefixes chained before its extended prefix map
    (`sssom.context.get_converter`); the map's records for our prefixes give the same expansion
    without building all 2,000 records (about 30 s). For a vocabulary without RDF, sssom-py expands
    to the provider's web page, where ours is Bioregistry's IRI (see the next test)."""
    from curies import Converter, Record, chain
    from sssom.context import EXTENDED_PREFIX_MAP, _get_built_in_prefix_map

    ours = load_identifiers(project.mappings_dir)
    wanted = {p.prefix for p in ours.prefixes.values()}
    records = [
        Record(**r)
        for r in json.loads(Path(EXTENDED_PREFIX_MAP).read_text(encoding="utf-8"))
        if wanted & {r["prefix"], *r.get("prefix_synonyms", [])}
    ]
    theirs = chain([_get_built_in_prefix_map(), Converter(records)])
    rdf = [p for p in ours.prefixes.values() if p.rule in ("obo", "rdf") and p.prefix != "obo"]
    assert len(rdf) >= 15
    for p in rdf:
        assert theirs.expand(f"{p.prefix}:1") == ours.converter.expand(f"{p.prefix}:1"), p.prefix


def test_every_mapping_iri_is_an_rdf_iri_or_bioregistrys_never_a_web_page(project, exported):
    """Bioregistry on every IRI: each skos:*Match object is the OBO PURL, the vocabulary's RDF IRI
    (Bioregistry's RDF URI format, under the vocabulary's own BioPortal acronym) or Bioregistry's IRI."""
    import bioregistry

    ours = load_identifiers(project.mappings_dir)
    objects = {o for p in MATCHES for o in exported.objects(None, p)}
    assert len(objects) > 150
    for iri in objects:
        prefix, _, local = ours.compress(iri).partition(":")
        rule = ours.prefixes[prefix].rule
        resource = bioregistry.get_resource(bioregistry.normalize_prefix(prefix))
        expected = {
            "obo": f"http://purl.obolibrary.org/obo/{resource.get_obofoundry_prefix()}_{local}",
            "rdf": (resource.get_rdf_uri_prefix() or "") + local,
            "resolver": bioregistry.get_bioregistry_iri(prefix, local),
        }[rule]
        assert str(iri) == expected, (iri, rule)
        assert "search" not in str(iri) and "#!" not in str(iri) and "MDRFRE" not in str(iri)


def test_obo_vocabularies_use_purls_and_mesh_its_rdf_iris(project):
    ours = load_identifiers(project.mappings_dir)
    assert ours.converter.expand("NCIT:C62035") == "http://purl.obolibrary.org/obo/NCIT_C62035"
    assert ours.converter.expand("mesh:D011878") == "http://id.nlm.nih.gov/mesh/D011878"
    assert ours.biolink_curie("mesh:D011878") == "MESH:D011878"
    assert ours.biolink_curie("uniprot:P10721") == "UniProtKB:P10721"
    assert ours.biolink_curie("ORPHA:44890") == "ORPHA:44890", "no Biolink spelling: kept"
    assert ours.converter.expand("HGNC:3430") == "https://bioregistry.io/hgnc:3430"
    assert ours.converter.expand("meddra:10051066") == "https://bioregistry.io/meddra:10051066"


@pytest.fixture(scope="module")
def exported(exports) -> Graph:
    """The Turtle export of the real build, read back."""
    return Graph().parse(exports("turtle").files[0].path, format="turtle")


@pytest.mark.parametrize("vocabulary", sorted(p.stem for p in VOCABULARIES.glob("*.ttl")))
def test_the_exported_mappings_join_with_each_vocabularys_own_rdf(vocabulary, exported):
    terms = Graph().parse(VOCABULARIES / f"{vocabulary}.ttl", format="turtle")
    labelled = set(terms.subjects(RDFS.label))
    assert len(labelled) >= 3
    for term in labelled:
        matched = {(s, p) for p in MATCHES for s in exported.subjects(p, term)}
        assert matched, f"no asserted mapping reaches {term} ({terms.value(term, RDFS.label)})"


def test_every_confident_row_becomes_a_triple_with_the_converters_iri(project, exported):
    ours = load_identifiers(project.mappings_dir)
    rows = [m for s in load_mapping_sets(project.mappings_dir) for m in s.mappings if m.confidence >= ASSERT_THRESHOLD]
    for m in rows:
        triple = (ours.expand(m.subject_id, "s"), SKOS[m.predicate_id[5:]], ours.expand(m.object_id, "o"))
        assert triple in exported, m
    assert not any("meshb.nlm.nih.gov" in str(o) for o in exported.objects()), "MeSH web pages are not its IRIs"
