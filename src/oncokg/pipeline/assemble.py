"""The build pipeline: read and check the inputs, assemble the dataset, reason, validate.

`build` (build.py) writes what this produces; `validate` runs it without writing anything.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCMITYPE, DCTERMS, OWL, RDF, RDFS
from rdflib.term import Node

from oncokg.curation.fact_rdf import FactGraphs
from oncokg.curation.facts import FactSet, load_facts
from oncokg.curation.mappings import load_mapping_sets, mapping_graph, prefix_map
from oncokg.curation.ontology import Vocabulary, load_ontology
from oncokg.curation.sources import Source, load_sources
from oncokg.limits import REASONER_TIMEOUT
from oncokg.pipeline.annotations import add_annotations
from oncokg.pipeline.hermit import HermitVerdict, reasoner_input, run_hermit
from oncokg.pipeline.validation import ValidationReport, validate_graph
from oncokg.project import Project
from oncokg.query.catalog import catalog_graph, load_catalog
from oncokg.store.dataset import merge_into_default_graph
from oncokg.vocab.obo import obo_annotations
from oncokg.vocab.rdf import (
    INFERRED_GRAPH,
    MAPPINGS_GRAPH,
    OBO_GRAPH,
    ONCOKG,
    ONTOLOGY_GRAPH,
    PLAIN_TEXT,
    QUERIES_GRAPH,
    QUERY,
    SOURCE,
    SOURCE_GRAPHS,
    SOURCES_GRAPH,
    SPARQL_PREFIXES,
    bind_prefixes,
    source_text,
)


@dataclass
class Inputs:
    """Everything the build reads, after the checks that need no reasoner."""

    project: Project
    ontology: Graph
    vocab: Vocabulary
    sources: dict[str, Source]
    facts: FactSet


def load_inputs(project: Project, fact_files: list[Path] | None = None) -> Inputs:
    """Read and check the ontology, the sources and the curated facts (all, or the given files)."""
    project.require_inputs()
    ontology = load_ontology(project.ontology_dir)
    vocab = Vocabulary.from_graph(ontology)
    sources = load_sources(project.sources_dir)
    facts = load_facts(project.facts_dir, sources, vocab, fact_files)
    return Inputs(project, ontology, vocab, sources, facts)


@dataclass
class Assembled:
    """The reasoned, validated dataset and what it took to make it."""

    dataset: Dataset
    hermit: HermitVerdict
    report: ValidationReport
    timings: dict[str, float] = field(default_factory=dict)
    overrides: int = 0  # facts the ConText guard questioned and a curator kept, with a reason


def source_metadata(sources: dict[str, Source]) -> Graph:
    """One oncokg:SourceDocument per source, with its short id, title, publisher, web address, author
    and review dates, and its text (a dcmitype:Text, `dcterms:hasFormat`) under its file name."""
    graph = Graph()
    for s in sources.values():
        node = SOURCE[s.id]
        graph.add((node, RDF.type, ONCOKG.SourceDocument))
        graph.add((node, DCTERMS.title, Literal(s.title)))
        graph.add((node, DCTERMS.identifier, Literal(s.id)))
        text = source_text(s.id)  # the text as received, the representation the evidence offsets count in
        graph.add((node, DCTERMS.hasFormat, text))
        graph.add((text, RDF.type, DCMITYPE.Text))
        graph.add((text, DCTERMS.isFormatOf, node))
        graph.add((text, DCTERMS.format, PLAIN_TEXT))
        graph.add((text, DCTERMS.identifier, Literal(s.file)))
        graph.add((node, DCTERMS.subject, Literal(s.subject)))
        graph.add((node, RDFS.comment, Literal(s.origin_note)))
        graph.add((node, ONCOKG.nonMedicalContent, Literal(s.non_medical)))
        if s.publisher:
            graph.add((node, DCTERMS.publisher, Literal(s.publisher)))
        if s.url:
            graph.add((node, RDFS.seeAlso, URIRef(s.url)))
        if s.author:
            graph.add((node, DCTERMS.creator, Literal(s.author)))
        if s.review_date:
            graph.add((node, ONCOKG.reviewDate, Literal(s.review_date)))
        if s.next_review_date:
            graph.add((node, ONCOKG.nextReviewDate, Literal(s.next_review_date)))
        for ref in s.references:
            graph.add((node, DCTERMS.references, Literal(ref)))
    return graph


def property_entailments(ontology: Graph, facts: Graph) -> Graph:
    """Triples entailed by the ontology's property axioms: sub-properties, inverses, symmetry, transitivity."""
    supers: dict[Node, set[Node]] = {}
    for p, q in ontology.subject_objects(RDFS.subPropertyOf):
        supers.setdefault(p, set()).add(q)
    inverse: dict[Node, set[Node]] = {}
    for p, q in ontology.subject_objects(OWL.inverseOf):
        inverse.setdefault(p, set()).add(q)
        inverse.setdefault(q, set()).add(p)
    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
    asserted = set(facts)
    known = set(asserted)
    frontier = set(asserted)
    while frontier:
        new: set[tuple[Node, Node, Node]] = set()
        for s, p, o in frontier:
            new.update((s, q, o) for q in supers.get(p, ()))
            new.update((o, q, s) for q in inverse.get(p, ()))
            if p in symmetric:
                new.add((o, p, s))
            if p in transitive:
                new.update((s, p, t[2]) for t in known if t[1] == p and t[0] == o)
                new.update((t[0], p, o) for t in known if t[1] == p and t[2] == s)
        frontier = new - known
        known |= frontier
    graph = Graph()
    for triple in known - asserted:
        graph.add(triple)
    return graph


def to_store(dataset: Dataset) -> pyoxigraph.Store:
    """Copy an rdflib dataset into an in-memory pyoxigraph store, with the merge as its default graph."""
    store = pyoxigraph.Store()
    store.load(dataset.serialize(format="nquads").encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    merge_into_default_graph(store)
    return store


def record_iri_columns(dataset: Dataset, store: pyoxigraph.Store, catalog: dict) -> None:
    """Run each catalogue query on its examples and record in graph/queries which columns hold
    IRIs, so that the query layer gives every answer the same label columns, rows or none."""
    from oncokg.query.catalog import IRI_COLUMN
    from oncokg.query.run import build_resolver, find_iri_columns
    from oncokg.store.embedded import EmbeddedBackend

    backend = EmbeddedBackend(store)
    queries = dataset.graph(QUERIES_GRAPH)
    for name, columns in find_iri_columns(backend, catalog, build_resolver(backend)).items():
        for column in columns:
            queries.add((QUERY[name], URIRef(IRI_COLUMN), Literal(column)))


def assemble(inputs: Inputs, timeout: float = REASONER_TIMEOUT) -> Assembled:
    """Ontology, mappings, sources and facts in named graphs; reasoned, materialized, validated."""
    timings: dict[str, float] = {}
    started = time.monotonic()
    dataset = Dataset()
    bind_prefixes(dataset)
    catalog = load_catalog(inputs.project.queries_dir)
    parts = {
        ONTOLOGY_GRAPH: inputs.ontology,
        MAPPINGS_GRAPH: mapping_graph(load_mapping_sets(inputs.project.mappings_dir), inputs.vocab.entities),
        OBO_GRAPH: obo_annotations(inputs.ontology),
        SOURCES_GRAPH: source_metadata(inputs.sources),
        QUERIES_GRAPH: catalog_graph(catalog, {**prefix_map(inputs.project.mappings_dir), **SPARQL_PREFIXES}),
    }
    for name, part in parts.items():
        named = dataset.graph(name)
        named += part
    FactGraphs(inputs.vocab, inputs.facts, inputs.sources).add_to(dataset)
    add_annotations(dataset, inputs.sources)
    timings["assemble"] = time.monotonic() - started

    facts = Graph()
    for graph in dataset.graphs():
        if str(graph.identifier).startswith(SOURCE_GRAPHS):
            facts += graph
    object_properties = {ONCOKG[p] for p in inputs.vocab.object_properties}
    hermit = run_hermit(reasoner_input(inputs.ontology, facts, object_properties), timeout)
    timings["reason"] = hermit.seconds
    inferred = dataset.graph(INFERRED_GRAPH)
    if hermit.consistent:
        for individual, cls in hermit.inferred_types:
            inferred.add((URIRef(individual), RDF.type, URIRef(cls)))
        asserted = Graph()
        asserted += facts
        asserted += inputs.ontology
        inferred += property_entailments(inputs.ontology, asserted)

    started = time.monotonic()
    store = to_store(dataset)
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    report = validate_graph(store, union, inputs.project) if hermit.consistent else ValidationReport()
    timings["validate"] = time.monotonic() - started
    if hermit.consistent and report.ok:
        record_iri_columns(dataset, store, catalog)
    return Assembled(dataset, hermit, report, timings, inputs.facts.overrides)
