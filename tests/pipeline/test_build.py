"""`oncokg build`: outputs, counts, and atomic replacement (a failed build leaves the old one)."""

import json

import pyoxigraph
import pytest

from helpers import SOURCE_IDS, expected
from oncokg.errors import OncoKGError
from oncokg.pipeline.build import build, recover
from oncokg.pipeline.stats import graph_stats
from oncokg.project import BUILD_MARKER, MANIFEST, ONTOLOGY_OUT, STORE_DIR, TRIG
from oncokg.store.embedded import EmbeddedBackend
from oncokg.store.local import open_store

pytestmark = pytest.mark.slow  # whole builds of scratch copies


def test_build_writes_trig_reasoned_ontology_store_and_manifest(built):
    for name in (TRIG, ONTOLOGY_OUT, MANIFEST):
        assert (built.out / name).is_file()
    assert (built.out / STORE_DIR).is_dir()
    manifest = json.loads((built.out / MANIFEST).read_text())
    assert manifest["stats"]["quads"] > 10000


def test_the_trig_has_one_named_graph_per_source_and_reparses(built, project):
    store = pyoxigraph.Store()
    store.load(path=str(built.out / TRIG), format=pyoxigraph.RdfFormat.TRIG)
    graphs = {g.value for g in store.named_graphs()}
    for source in SOURCE_IDS:
        assert f"https://w3id.org/oncokg/graph/source/{source}" in graphs
    assert len(store) == built.manifest["stats"]["quads"]


def test_stats_count_classes_properties_and_facts_per_source(store):
    stats = graph_stats(EmbeddedBackend(store))
    assert stats["classes"]["Drug"] >= expected("drugs_at_least")
    assert stats["classes"]["Evidence"] > 300
    assert stats["properties"]["hasAdverseEffect"] > 20
    assert set(stats["facts_per_source"]) == set(SOURCE_IDS)


def _break_a_quote(project):
    path = project.facts_dir / "acs-gist-targeted.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("It targets both the KIT and PDGFRA proteins", "It targets KIT only", 1), encoding="utf-8"
    )


def test_a_failed_build_leaves_the_previous_build_intact(scratch_built, built):
    scratch, out = scratch_built, scratch_built.build_dir
    before = (out / MANIFEST).read_text()
    _break_a_quote(scratch)
    with pytest.raises(OncoKGError, match="is not at"):
        build(scratch, out)
    assert (out / MANIFEST).read_text() == before
    assert not out.with_name("build.new").exists()
    assert graph_stats(EmbeddedBackend(open_store(out)))["quads"] == built.manifest["stats"]["quads"]


def test_an_interrupted_swap_is_repaired(tmp_path):
    out = tmp_path / "build"
    old, new = tmp_path / "build.old", tmp_path / "build.new"
    old.mkdir()
    (old / MANIFEST).write_text("{}")
    new.mkdir()
    (new / BUILD_MARKER).write_text("")
    (new / TRIG).write_text("half-written")
    recover(out)
    assert (out / MANIFEST).is_file() and not old.exists() and not new.exists()


def test_an_ontology_syntax_error_names_file_and_line(scratch):
    path = scratch.ontology_dir / "oncokg.ttl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[40] = 'oncokg:Broken a owl:Class ; rdfs:label "unterminated .'
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(OncoKGError, match=r"oncokg\.ttl: Turtle syntax error: .*line 4[01]"):
        build(scratch, scratch.root / "build")
