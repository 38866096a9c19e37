"""The curation benchmark's own rules: the share of sentences to touch, a fixture document scored beside
the sources, the recorded rows."""

import importlib.util

import pytest

from helpers import ROOT
from oncokg.drafting.sentences import Sentence
from oncokg.project import Project


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("curation_benchmark", ROOT / "benchmarks" / "curation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def statement(span, stance="option", certainty="established", treatment="imatinib"):
    return {
        "kind": "treatment",
        "treatments": {treatment},
        "diseases": {"gist"},
        "stance": stance,
        "certainty": certainty,
        "spans": [span],
    }


def test_a_sentence_is_touched_for_a_statement_to_add_a_draft_to_reject_or_a_certainty_to_edit(bench):
    sentences = [Sentence(0, 10, "a", False), Sentence(11, 20, "b", False), Sentence(21, 30, "c", False)]
    sentences.append(Sentence(31, 40, "d", False))
    gold = [statement((0, 10)), statement((11, 20), certainty="hedged"), statement((21, 30))]
    drafted = [statement((0, 10)), statement((11, 20)), statement((31, 40), treatment="sunitinib")]
    matched = [(d, g) for d in drafted for g in gold if bench._matches(d, g)]
    # a agrees; b's certainty is edited; c is missed; d is a draft to reject
    assert bench.touched(sentences, drafted, gold, matched) == 3


def test_a_fixture_document_is_scored_with_its_own_facts_and_never_as_a_source(bench):
    fixture_dir = ROOT / "tests" / "curation" / "blind"
    docs = bench.documents(Project.find(ROOT), fixture_dir)
    splits = {source.id: (facts, split) for source, facts, split in docs}
    assert splits["doc6"] == (fixture_dir, "fixture")
    assert {split for facts, split in splits.values() if facts != fixture_dir} == {"development", "held-out"}
    fixtures = {source.id: source for source, _, split in docs if split == "fixture"}
    assert set(fixtures) == {"doc6", "doc7", "doc8", "doc9", "doc10", "doc11", "doc12", "doc13", "doc14"}
    pages = (
        ("doc6", "gist"),
        ("doc7", "gastric_cancer"),
        ("doc8", "gist"),
        ("doc9", "gastric_cancer"),
        ("doc10", "gist"),
        ("doc11", "cancer_in_general"),
        ("doc12", "gist"),
        ("doc13", "gastric_cancer"),
        ("doc14", "gist"),
    )
    for page, cancer in pages:
        gold = bench.curated(fixture_dir, fixtures[page])
        quoted = {fixtures[page].text[b:e] for g in gold for b, e in g["spans"]}
        assert gold and all(text.strip() for text in quoted)
        assert sum(cancer in g["diseases"] for g in gold) > len(gold) / 2, page  # scoped by the page's title


def test_the_recorded_rows_are_the_printed_figures_in_column_order(bench):
    report = {
        "a-source": {
            "split": "held-out",
            "curated": 4,
            "drafts": 5,
            "recall": 0.75,
            "precision": 0.6,
            "stance_agreement": 1.0,
            "certainty_agreement": None,
            "guard_contradictions": 0,
            "opposite_polarity": 1,
            "touched": 1,
            "sentences": 8,
        }
    }
    (row,) = bench.rows_of(report)
    assert dict(zip(bench.COLUMNS, row, strict=True)) == {
        "source": "a-source",
        "split": "held-out",
        "curated": "4",
        "drafts": "5",
        "recall": "0.75",
        "prec": "0.60",
        "stance": "1.00",
        "cert": "-",
        "guard": "0",
        "opp": "1",
        "touch": "0.12",
    }
