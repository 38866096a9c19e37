"""SSSOM mappings: generated into the graph; unverified rows never asserted as certain."""

import shutil

import pytest
from rdflib.namespace import SKOS

from oncokg.curation.mappings import ASSERT_THRESHOLD, load_mapping_sets, mapping_graph, read_sssom
from oncokg.curation.ontology import Vocabulary, load_ontology
from oncokg.errors import OncoKGError
from oncokg.vocab.identifiers import TABLE


@pytest.fixture(scope="module")
def vocab(project):
    return Vocabulary.from_graph(load_ontology(project.ontology_dir))


def test_confident_rows_are_asserted_and_likely_rows_only_annotated(project, vocab):
    sets = load_mapping_sets(project.mappings_dir)
    graph = mapping_graph(sets, vocab.entities)
    rows = [m for s in sets for m in s.mappings]
    assert any(m.confidence < ASSERT_THRESHOLD for m in rows) and any(m.confidence >= ASSERT_THRESHOLD for m in rows)
    converter = sets[0].identifiers.converter
    for m in rows:
        triple = (converter.expand(m.subject_id), converter.expand(m.object_id))
        asserted = any(
            str(s) == triple[0] and str(o) == triple[1] for s, o in graph.subject_objects(SKOS[m.predicate_id[5:]])
        )
        assert asserted == (m.confidence >= ASSERT_THRESHOLD), m


def test_imatinib_maps_to_its_parent_chebi_not_the_salt(project, vocab):
    graph = mapping_graph(load_mapping_sets(project.mappings_dir), vocab.entities)
    exact = {str(o) for o in graph.objects(predicate=SKOS.exactMatch) if "CHEBI" in str(o)}
    assert "http://purl.obolibrary.org/obo/CHEBI_45783" in exact
    assert "http://purl.obolibrary.org/obo/CHEBI_31690" not in exact


def _write(tmp_path, row):
    from helpers import ROOT

    shutil.copyfile(ROOT / "data" / "mappings" / TABLE, tmp_path / TABLE)
    path = tmp_path / "x.sssom.tsv"
    path.write_text(
        "#curie_map:\n#  CHEBI: http://purl.obolibrary.org/obo/CHEBI_\n"
        "subject_id\tpredicate_id\tobject_id\tmapping_justification\tconfidence\n" + row + "\n",
        encoding="utf-8",
    )
    return path


def test_an_unknown_prefix_is_rejected(tmp_path, vocab):
    path = _write(tmp_path, "oncokg:imatinib\tskos:exactMatch\tNOPE:1\tsemapv:ManualMappingCuration\t0.95")
    with pytest.raises(OncoKGError, match="row 2: 'NOPE:1' has a prefix that the project's prefix map"):
        mapping_graph([read_sssom(path)], vocab.entities)


def test_a_curie_map_that_disagrees_with_the_converter_names_the_prefix(tmp_path):
    path = _write(tmp_path, "oncokg:imatinib\tskos:exactMatch\tCHEBI:45783\tsemapv:ManualMappingCuration\t0.95")
    path.write_text(path.read_text().replace("http://purl.obolibrary.org/obo/CHEBI_", "https://www.ebi.ac.uk/chebi/"))
    with pytest.raises(OncoKGError, match="curie_map: CHEBI is https://www.ebi.ac.uk/chebi/, but prefixes.tsv says"):
        read_sssom(path).check()


def test_a_subject_that_is_not_an_entity_is_rejected(tmp_path, vocab):
    path = _write(tmp_path, "oncokg:aspirin\tskos:exactMatch\tCHEBI:15365\tsemapv:ManualMappingCuration\t0.95")
    with pytest.raises(OncoKGError, match="oncokg:aspirin' is not an entity"):
        mapping_graph([read_sssom(path)], vocab.entities)


def test_the_build_rejects_an_identifier_that_breaks_its_prefix_pattern(scratch):
    from oncokg.pipeline.assemble import assemble, load_inputs

    path = scratch.mappings_dir / "oncokg.sssom.tsv"
    text = path.read_text(encoding="utf-8")
    assert "CHEBI:45783" in text
    path.write_text(text.replace("CHEBI:45783", "CHEBI:imatinib", 1), encoding="utf-8")
    with pytest.raises(OncoKGError, match="'CHEBI:imatinib' is not a valid CHEBI identifier"):
        assemble(load_inputs(scratch))


def test_the_sets_metadata_names_only_files_of_the_repository(project):
    """A reader of the release can open every file the metadata names (ontology/oncokg.ttl), and none
    outside it (the reference list the rows were curated from is not distributed)."""
    import re

    path = re.compile(r"(?<![\w/:.])(?:[\w.-]+/)+[\w-]+\.\w+")
    for mapping_set in load_mapping_sets(project.mappings_dir):
        text = " ".join(str(v) for k, v in mapping_set.metadata.items() if k != "curie_map")
        named = [p for p in path.findall(text) if not p.startswith(("http", "w3id.org"))]
        assert named, "the description names the ontology file it maps"
        assert all((project.root / p).is_file() for p in named), named
