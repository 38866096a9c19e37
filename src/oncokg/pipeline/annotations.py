"""Evidence as W3C Web Annotations, so any annotation tool can highlight a quote on its source text.

Each ``oncokg:Evidence`` node is also an ``oa:Annotation`` whose target is its source document with
a state and two selectors. The state (``oa:TimeState``, one per source) names the text the selectors
count in as ``oa:cachedSource``: the source document's IRI is the work, which has no fetchable
representation of its own (the corpus gives no publisher URL), and the Web Annotation model (§4.2,
§4.3) makes a selector relative to one representation. The selectors are an ``oa:TextQuoteSelector`` (the exact text at the offsets, with CONTEXT characters
of prefix and suffix, more where a text repeats the passage, so that quote and context occur once
in the text, as the model asks) and an ``oa:TextPositionSelector`` (start and end, which, like the
Web Annotation model's, count Unicode code points, end exclusive). They are generated from the
evidence nodes and the source texts into one named graph per source, ``graph/annotations/<source>``
(outside what HermiT reasons over, and each small enough for one Graph Store PUT); the
``oncokg:quote`` properties stay as they are for the query catalogue.
"""

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from oncokg.curation.sources import Source
from oncokg.errors import OncoKGError
from oncokg.vocab.rdf import OA, ONCOKG, SOURCE, annotations_graph, source_state, source_text

CONTEXT = 32


def add_annotations(dataset: Dataset, sources: dict[str, Source]) -> None:
    """Add the Web Annotation triples of every evidence node to its source's annotations graph."""
    texts = {SOURCE[s.id]: s for s in sources.values()}
    for evidence, _, _, name in list(dataset.quads((None, RDF.type, ONCOKG.Evidence, None))):
        named = dataset.graph(name)
        start, end = (named.value(evidence, p) for p in (ONCOKG.quoteStart, ONCOKG.quoteEnd))
        document = named.value(evidence, PROV.wasDerivedFrom)
        source = texts.get(document) if isinstance(document, URIRef) else None
        if source is None or not isinstance(start, Literal) or not isinstance(end, Literal):
            raise OncoKGError(f"{evidence}: evidence without a known source document and quote offsets")
        graph = dataset.graph(annotations_graph(source.id))
        state = source_state(source.id)
        graph.add((state, RDF.type, OA.TimeState))
        graph.add((state, OA.cachedSource, source_text(source.id)))
        add_annotation(graph, URIRef(str(evidence)), URIRef(str(document)), source.text, int(start), int(end), state)


def add_annotation(
    graph: Graph, evidence: URIRef, document: URIRef, text: str, start: int, end: int, state: URIRef | None = None
) -> None:
    """Type the evidence as an annotation and add its target, its state (the text the selectors count in)
    and both selectors."""
    target, quote, position = BNode(), BNode(), BNode()
    graph.add((evidence, RDF.type, OA.Annotation))
    graph.add((evidence, OA.motivatedBy, OA.highlighting))
    graph.add((evidence, OA.hasTarget, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, document))
    if state is not None:
        graph.add((target, OA.hasState, state))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    width = context_width(text, start, end)
    graph.add((quote, OA.exact, Literal(text[start:end])))
    graph.add((quote, OA.prefix, Literal(text[max(0, start - width) : start])))
    graph.add((quote, OA.suffix, Literal(text[end : end + width])))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))


def context_width(text: str, start: int, end: int) -> int:
    """The smallest width from CONTEXT up (doubling) whose prefix, quote and suffix occur once in the text."""
    width = CONTEXT
    while True:
        passage = text[max(0, start - width) : end + width]
        if text.count(passage) == 1 or (start - width <= 0 and end + width >= len(text)):
            return width
        width *= 2
