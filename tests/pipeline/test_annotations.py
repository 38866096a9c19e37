"""Evidence as W3C Web Annotations: each quote anchors on its source text by quote and by position alike."""

import pytest
from rdflib import Graph

from oncokg.curation.provenance import normalize
from oncokg.curation.sources import load_sources
from oncokg.pipeline.annotations import CONTEXT, add_annotation
from oncokg.vocab.rdf import OA, ONCOKG

SELECTORS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX oncokg: <https://w3id.org/oncokg/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?evidence ?file ?quote ?exact ?prefix ?suffix ?start ?end WHERE {
  ?evidence a oncokg:Evidence , oa:Annotation ; oncokg:quote ?quote ;
            oa:hasTarget [ a oa:SpecificResource ; oa:hasSource ?document ;
                           oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix ] ,
                                          [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] ] .
  ?document dcterms:source ?file .
}"""


@pytest.fixture(scope="module")
def texts(project) -> dict[str, str]:
    return {s.file: s.text for s in load_sources(project.sources_dir).values()}


def anchor_by_quote(text: str, prefix: str, exact: str, suffix: str) -> int:
    """Where a quote-anchoring tool (Hypothesis, Recogito) places the selector: the unique match of the
    quote with its context."""
    whole = prefix + exact + suffix
    at = text.find(whole)
    assert at != -1 and text.find(whole, at + 1) == -1, "the quote with its context is unique"
    return at + len(prefix)


def test_every_evidence_is_an_annotation_that_anchors_where_its_offsets_say(store, texts):
    rows = list(store.query(SELECTORS))
    evidence = {r[0] for r in store.query("SELECT ?e WHERE { ?e a <https://w3id.org/oncokg/Evidence> }")}
    assert len(rows) == len(evidence) > 300, "one annotation, with both selectors, per evidence"
    for row in rows:
        file, quote, exact, prefix, suffix = (row[v].value for v in ("file", "quote", "exact", "prefix", "suffix"))
        start, end = int(row["start"].value), int(row["end"].value)
        text = texts[file]
        assert text[start:end] == exact and normalize(exact) == normalize(quote), row["evidence"]
        assert anchor_by_quote(text, prefix, exact, suffix) == start, row["evidence"]
        assert len(prefix) >= min(CONTEXT, start) and len(suffix) >= min(CONTEXT, len(text) - end)


def test_a_repeated_passage_gets_the_context_that_makes_it_unique():
    text = (
        "A. " + "x" * 40 + " Imatinib works. " + "y" * 40 + " B. " + "x" * 40 + " Imatinib works. " + "y" * 40 + " C."
    )
    start = text.rindex("Imatinib")
    graph = Graph()
    add_annotation(graph, ONCOKG["evidence/x-1"], ONCOKG["source/x"], text, start, start + 8)
    (quote,) = graph.subjects(OA.exact, None)
    prefix, suffix = str(graph.value(quote, OA.prefix)), str(graph.value(quote, OA.suffix))
    assert len(prefix) > CONTEXT and anchor_by_quote(text, prefix, "Imatinib", suffix) == start


def test_selectors_at_the_edges_of_a_text_have_short_context():
    graph = Graph()
    evidence = ONCOKG["evidence/x-1"]
    add_annotation(graph, evidence, ONCOKG["source/x"], "Imatinib works.", 0, 8)
    (quote,) = graph.subjects(OA.exact, None)
    assert str(graph.value(quote, OA.prefix)) == "" and str(graph.value(quote, OA.suffix)) == " works."
    assert str(graph.value(quote, OA.exact)) == "Imatinib"
