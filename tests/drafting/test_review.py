"""The curator's review: accept moves a draft as edited into the facts file, reject drops it, the build
takes the accepted fact and refuses what is still a draft."""

import pytest
import yaml

from oncokg.drafting import review
from oncokg.drafting.draft import draft_document
from oncokg.errors import OncoKGError
from oncokg.pipeline.assemble import load_inputs
from oncokg.project import INDEX_FILE

pytestmark = pytest.mark.slow  # whole builds with accepted drafts


@pytest.fixture
def drafted(built, built_project, scratch):
    """The acs-gist page drafted into a scratch copy of the project."""
    source = built_project.sources_dir / "004_957c3619c4ee7960.txt"
    index = built_project.build_dir / INDEX_FILE
    draft_document(source, "acs-gist", scratch.facts_dir, index)
    return scratch


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_accept_moves_the_edited_draft_without_its_draft_keys(drafted):
    path = review.draft_file(drafted.facts_dir, "acs-gist")
    document = read(path)
    first = document["facts"][0]
    first["certainty"] = "hedged"  # the curator's edit
    review.write(path, document, force=True)
    target = review.accept(drafted.facts_dir, "acs-gist", first["id"])
    (accepted,) = read(target)["facts"]
    assert accepted == {k: v for k, v in first.items() if k not in review.DRAFT_KEYS}
    assert first["id"] not in [f["id"] for f in read(path)["facts"]]


def test_accept_moves_a_non_medical_span_into_the_facts_files_spans(drafted):
    path = review.draft_file(drafted.facts_dir, "acs-gist")
    span = read(path)["non_medical"][0]
    target = review.accept(drafted.facts_dir, "acs-gist", span["id"])
    assert read(target)["non_medical"] == [{k: v for k, v in span.items() if k not in review.DRAFT_KEYS}]


def test_reject_drops_the_draft_and_an_unknown_id_is_refused(drafted):
    path = review.draft_file(drafted.facts_dir, "acs-gist")
    first = read(path)["facts"][0]["id"]
    review.reject(drafted.facts_dir, "acs-gist", first)
    assert first not in [f["id"] for f in read(path)["facts"]]
    with pytest.raises(OncoKGError, match=f"no draft '{first}'"):
        review.reject(drafted.facts_dir, "acs-gist", first)


def test_the_build_refuses_a_draft_naming_its_file_and_id(drafted):
    path = review.draft_file(drafted.facts_dir, "acs-gist")
    first = read(path)["facts"][0]["id"]
    with pytest.raises(OncoKGError, match=rf"acs-gist\.draft\.yaml: fact '{first}' is a draft"):
        load_inputs(drafted)


def test_once_judged_the_accepted_fact_is_built_and_the_draft_file_is_empty(drafted):
    path = review.draft_file(drafted.facts_dir, "acs-gist")
    document = read(path)
    ids = [f["id"] for f in document["facts"]]
    chosen = next(f["id"] for f in document["facts"] if f.get("node", {}).get("stance") == "option")
    for fact_id in ids:
        (review.accept if fact_id == chosen else review.reject)(drafted.facts_dir, "acs-gist", fact_id)
    for span in document["non_medical"]:  # the page's boilerplate, drafted as spans
        review.reject(drafted.facts_dir, "acs-gist", span["id"])
    review.reject(drafted.facts_dir, "acs-gist", review.SOURCE_ENTRY)  # acs-gist is registered already
    if "proposed_entities" in read(path):
        with pytest.raises(OncoKGError, match="proposed entities are waiting"):
            load_inputs(drafted)
        document = read(path)
        del document["proposed_entities"]  # the curator has dealt with them
        review.write(path, document, force=True)
    facts = load_inputs(drafted).facts
    assert chosen in {f.id for f in facts.facts}
