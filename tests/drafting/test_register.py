"""Registering a drafted text: its entry appended to sources.yaml as the curator left it, its text copied
unchanged; then the accepted facts build against it."""

import pytest
import yaml

from oncokg.curation.sources import SOURCES_FILE, load_sources
from oncokg.drafting import review
from oncokg.drafting.draft import draft_document
from oncokg.drafting.register import accept_source
from oncokg.errors import OncoKGError
from oncokg.pipeline.assemble import load_inputs
from oncokg.project import INDEX_FILE


@pytest.fixture
def drafted(built, built_project, scratch, document, tmp_path):
    """The made-up page, with a review date, drafted into a scratch copy of the project."""
    text = tmp_path / "made-up-page.txt"
    text.write_text(document + "\nReviewed: 3 March 2024\n", encoding="utf-8")
    draft_document(text, "made-up", scratch.facts_dir, built_project.build_dir / INDEX_FILE)
    return scratch, text


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_accepting_the_source_registers_the_entry_and_the_text_and_the_facts_then_build(drafted):
    project, text = drafted
    path = review.draft_file(project.facts_dir, "made-up")
    before = (project.sources_dir / SOURCES_FILE).read_text(encoding="utf-8")
    document = read(path)
    document["source_entry"]["entry"]["subject"] = (
        "A made-up page about GIST that has come back."  # the curator's words
    )
    review.write(path, document, force=True)
    accept_source(project.facts_dir, project.sources_dir, "made-up")
    after = (project.sources_dir / SOURCES_FILE).read_text(encoding="utf-8")
    assert after.startswith(before)  # the hand-written entries and comments untouched
    source = load_sources(project.sources_dir)["made-up"]
    assert source.text == text.read_text(encoding="utf-8")
    assert (source.title, str(source.review_date)) == ("Treating GIST that has come back", "2024-03-03")
    assert source.subject == "A made-up page about GIST that has come back."
    assert source.scope is not None and source.scope.values["forDisease"] == ("gist",)
    document = read(path)
    assert "source_entry" not in document
    chosen = document["facts"][0]["id"]
    for key in ("facts", "non_medical"):
        for entry in document.get(key) or []:
            (review.accept if entry["id"] == chosen else review.reject)(project.facts_dir, "made-up", entry["id"])
    document = read(path)
    document.pop("proposed_entities", None)  # the curator has dealt with them
    review.write(path, document, force=True)
    assert chosen in {f.id for f in load_inputs(project).facts.facts}


def test_a_text_changed_since_drafting_or_an_entry_already_taken_is_refused(drafted):
    project, text = drafted
    meta = project.sources_dir / SOURCES_FILE
    before = meta.read_text(encoding="utf-8")
    text.write_text("Something else.\n", encoding="utf-8")
    with pytest.raises(OncoKGError, match="has changed since it was drafted"):
        accept_source(project.facts_dir, project.sources_dir, "made-up")
    assert meta.read_text(encoding="utf-8") == before
    assert not (project.sources_dir / text.name).exists()


def test_the_build_refuses_a_drafted_source_entry_and_drafted_non_medical_spans(drafted):
    project, _ = drafted
    path = review.draft_file(project.facts_dir, "made-up")
    document = read(path)
    document["facts"] = []
    review.write(path, document, force=True)
    with pytest.raises(OncoKGError, match=r"made-up\.draft\.yaml: non-medical span 'made-up-non-medical-1' is a draft"):
        load_inputs(project)
    document["non_medical"] = []
    review.write(path, document, force=True)
    with pytest.raises(OncoKGError, match=r"made-up\.draft\.yaml: the text's source entry is a draft"):
        load_inputs(project)
