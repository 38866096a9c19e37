"""Evidence as W3C Web Annotations: each quote anchors on its source text by quote and by position alike."""

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from oncokg.curation.provenance import normalize
from oncokg.curation.sources import load_sources
from oncokg.export.built import load_built
from oncokg.pipeline.annotations import CONTEXT, add_annotation
from oncokg.vocab.rdf import OA, ONCOKG, SOURCE, annotations_graph, source_text

SELECTORS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX oncokg: <https://w3id.org/oncokg/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dcmitype: <http://purl.org/dc/dcmitype/>
SELECT ?evidence ?file ?quote ?exact ?prefix ?suffix ?start ?end WHERE {
  ?evidence a oncokg:Evidence , oa:Annotation ; oncokg:quote ?quote ;
            oa:hasTarget [ a oa:SpecificResource ; oa:hasSource ?document ;
                           oa:hasState [ a oa:TimeState ; oa:cachedSource ?text ] ;
                           oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix ] ,
                                          [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] ] .
  ?document a oncokg:SourceDocument ; dcterms:hasFormat ?text .
  ?text a dcmitype:Text ; dcterms:isFormatOf ?document ; dcterms:identifier ?file .
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
    """...in the text its state names (`oa:cachedSource`), which is the file the build read (review 12b, problem 19)."""
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


ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
W3C_CONTEXT = Path(__file__).parents[1] / "fixtures" / "w3c" / "annotation" / "anno.jsonld"


def test_the_annotations_are_the_web_annotation_models_json_by_the_w3c_context(built, built_project):
    """Compacted by a JSON-LD processor (PyLD) with the W3C's own context (anno.jsonld), the annotations
    read as the model's JSON: only the context's terms, `source` and `cached` IRIs (the context types them
    `@id`), the model's classes; and expanding that JSON gives back the same triples (review 12b, problem 19)."""
    from pyld import jsonld

    context = json.loads(W3C_CONTEXT.read_text(encoding="utf-8"))
    terms = set(context["@context"]) | {"@context", "@graph", "id", "type"}

    def loader(url, options=None):  # the context from the copy, never from the network
        assert url == ANNO_CONTEXT, url
        return {"contextUrl": None, "documentUrl": url, "document": context}

    options = {"documentLoader": loader}
    # the release's dataset (what the exports read): pyoxigraph 0.5 stores xsd:nonNegativeInteger as
    # xsd:integer, so the endpoint's start and end do not take the context's type
    named = load_built(built_project).dataset.graph(annotations_graph("acs-gist"))
    mine = Graph()
    for triple in named:
        mine.add(triple)
    mine = mine.skolemize()  # blank nodes as IRIs, so that the round trip compares as sets of triples
    expanded = json.loads(mine.serialize(format="json-ld"))  # rdflib writes expanded JSON-LD
    compacted = jsonld.compact(expanded, ANNO_CONTEXT, options)
    nodes = compacted["@graph"]

    def keys(node):
        if isinstance(node, dict):
            yield from node
            for value in node.values():
                yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    assert set(keys(nodes)) <= terms, set(keys(nodes)) - terms
    by_type: dict[str, list[dict]] = {}
    for node in nodes:
        by_type.setdefault(node["type"], []).append(node)
    annotations = by_type["Annotation"]
    assert len(annotations) == len(set(mine.subjects(RDF.type, OA.Annotation))) > 100
    assert all(a["motivation"] == "highlighting" for a in annotations)
    assert {t["source"] for t in by_type["SpecificResource"]} == {str(SOURCE["acs-gist"])}
    assert [s["cached"] for s in by_type["TimeState"]] == [str(source_text("acs-gist"))]
    # the context's `start`/`end` are xsd:nonNegativeInteger, so they compact to their bare lexical form
    assert all(int(s["end"]) > int(s["start"]) >= 0 for s in by_type["TextPositionSelector"])
    back = jsonld.to_rdf(compacted, {**options, "format": "application/n-quads"})
    assert set(Graph().parse(data=back, format="nt")) == set(mine)
