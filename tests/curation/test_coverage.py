"""Coverage: every medical sentence yields facts or is marked, and nothing comes from non-medical text."""

from oncokg.curation.coverage import coverage, segment, summary
from oncokg.pipeline.assemble import load_inputs


def test_segment_splits_lines_and_sentences():
    text = "Heading\n\nFirst sentence. Second one? Third!\n- a list item"
    units = [text[a:b] for a, b in segment(text)]
    assert units == ["Heading", "First sentence.", "Second one?", "Third!", "- a list item"]


def test_no_sentence_of_any_source_is_left_uncovered(project):
    inputs = load_inputs(project)
    units = coverage(inputs.sources, inputs.facts)
    uncovered = [(u.source, u.text[:60]) for u in units if u.status == "uncovered"]
    assert uncovered == []
    counts = summary(units)
    assert set(counts) == set(inputs.sources)
    assert all(c["covered"] > 0 for c in counts.values())


def test_no_fact_quotes_non_medical_content(project):
    inputs = load_inputs(project)
    for span in inputs.facts.non_medical:
        for fact in inputs.facts.by_source(span.source):
            for quote in fact.quotes:
                overlap = quote.start < span.quote.end and span.quote.start < quote.end
                assert not overlap, f"{fact.id} quotes non-medical text ({span.reason})"


def test_reader_comments_and_trivia_are_marked_non_medical(project):
    inputs = load_inputs(project)
    units = [u for u in coverage(inputs.sources, inputs.facts) if u.source == "refractory-what-is"]
    by_text = {u.text: u for u in units}
    for fragment in ("Lung, breast, prostate", "roundworm's brain", "Vietnam Moratorium", "Post your comments"):
        unit = next(u for t, u in by_text.items() if fragment in t)
        assert unit.status == "non-medical" and not unit.facts, fragment
