"""Curated facts as RDF: each checked fact and its evidence in the named graph of its source.

Provenance is recorded with RDF reification plus PROV-O: one ``oncokg:Evidence`` node per
asserted triple and quote (``rdf:subject``/``rdf:predicate``/``rdf:object``), or linked from an
n-ary node with ``oncokg:hasEvidence``. What a statement node derives, and what it inherits from
its document's or section's scope, is asserted too, each with a record of where it came from.
Reading and checking the fact files is `oncokg.curation.facts`; this module only writes.
"""

from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from oncokg.curation.facts import Fact, FactSet, Quote, inherited
from oncokg.curation.ontology import Vocabulary
from oncokg.curation.sources import Source
from oncokg.curation.statements import STATEMENT_KINDS, derived_triples, status_of
from oncokg.vocab.rdf import DERIVATION, EVIDENCE, NODE, ONCOKG, SOURCE, source_graph


def reify(graph, record: URIRef, kind: URIRef, triple: tuple) -> URIRef:
    """A record of a triple (rdf:subject, rdf:predicate, rdf:object) typed `kind`."""
    graph.add((record, RDF.type, kind))
    graph.add((record, RDF.subject, triple[0]))
    graph.add((record, RDF.predicate, triple[1]))
    graph.add((record, RDF.object, triple[2]))
    return record


class FactGraphs:
    """Turns a checked FactSet into RDF quads: facts and evidence in one named graph per source."""

    def __init__(self, vocab: Vocabulary, facts: FactSet, sources: dict[str, Source]):
        self.vocab = vocab
        self.factset = facts
        self.sources = sources
        self.node_ids = {f.id for f in facts.facts if f.node is not None}

    def term(self, name: Any) -> URIRef:
        return NODE[name] if name in self.node_ids else ONCOKG[name]

    def value(self, predicate: str, value: Any):
        if predicate in self.vocab.object_properties:
            return self.term(value)
        datatype = self.vocab.datatype_properties[predicate]
        if datatype == XSD.string:
            return Literal(str(value))
        return Literal(str(value), datatype=datatype)

    def add_to(self, dataset: Dataset) -> None:
        for fact in self.factset.facts:
            graph = dataset.graph(source_graph(fact.source))
            if fact.node is not None:
                self.statement_node(graph, fact)
                continue
            n = 0
            for s, p, o in fact.triples:
                predicate = RDF.type if p == "a" else ONCOKG[p]
                obj = ONCOKG[o] if p == "a" else self.value(p, o)
                graph.add((self.term(s), predicate, obj))
                for quote in fact.quotes:
                    n += 1
                    evidence = self.evidence(graph, fact, quote, f"{fact.id}-{n}")
                    graph.add((evidence, RDF.subject, self.term(s)))
                    graph.add((evidence, RDF.predicate, predicate))
                    graph.add((evidence, RDF.object, obj))

    def statement_node(self, graph, fact: Fact) -> None:
        """An n-ary node; a statement also gets its certainty, its stance and what it derives."""
        node = dict(fact.node or {})
        subject = NODE[fact.id]
        kind = STATEMENT_KINDS.get(node["a"])
        if kind is not None:
            node[kind.status] = status_of(node)
            node["certainty"] = fact.certainty
        graph.add((subject, RDF.type, ONCOKG[node.pop("a")]))
        graph.add((subject, RDFS.label, Literal(fact.id, lang="en")))
        for key, value in node.items():
            for item in value if isinstance(value, list) else [value]:
                graph.add((subject, ONCOKG[key], self.value(key, item)))
        for n, quote in enumerate(fact.quotes, 1):
            evidence = self.evidence(graph, fact, quote, f"{fact.id}-{n}")
            graph.add((subject, ONCOKG.hasEvidence, evidence))
        self.scope(graph, fact, subject)
        scoped = {**(fact.node or {}), **inherited(fact, self.sources[fact.source])[1]}
        for n, (s, p, o) in enumerate(derived_triples(scoped, fact.certainty, self.vocab), 1):
            triple = (self.term(s), ONCOKG[p], self.term(o))
            graph.add(triple)
            record = reify(graph, DERIVATION[f"{fact.id}-{n}"], ONCOKG.Derivation, triple)
            graph.add((record, ONCOKG.derivedFrom, subject))
            graph.add((record, PROV.wasDerivedFrom, SOURCE[fact.source]))

    def scope(self, graph, fact: Fact, subject: URIRef) -> None:
        """The disease and states the statement inherits from its document or section, each with a record
        (a reified triple, oncokg:ScopeInheritance) naming the scope, which names its source and range."""
        scope, values = inherited(fact, self.sources[fact.source])
        if scope is None or not values:
            return
        node = NODE[f"scope-{scope.id}"]
        graph.add((node, RDF.type, ONCOKG.TextScope))
        graph.add((node, RDFS.label, Literal(scope.title, lang="en")))
        graph.add((node, PROV.wasDerivedFrom, SOURCE[fact.source]))
        graph.add((node, ONCOKG.scopeStart, Literal(scope.start)))
        graph.add((node, ONCOKG.scopeEnd, Literal(scope.end)))
        evidence = EVIDENCE[f"scope-{scope.id}"]
        graph.add((node, ONCOKG.hasEvidence, evidence))
        graph.add((evidence, RDF.type, ONCOKG.Evidence))
        graph.add((evidence, PROV.wasDerivedFrom, SOURCE[fact.source]))
        graph.add((evidence, ONCOKG.quote, Literal(scope.quote)))
        graph.add((evidence, ONCOKG.quoteStart, Literal(scope.at[0])))
        graph.add((evidence, ONCOKG.quoteEnd, Literal(scope.at[1])))
        graph.add((evidence, ONCOKG.certainty, ONCOKG.established))
        graph.add((evidence, ONCOKG.curationId, Literal(f"scope-{scope.id}")))
        source = self.sources[fact.source]
        if source.review_date is not None:
            graph.add((evidence, ONCOKG.sourceDate, Literal(source.review_date)))
        for key, names in scope.values.items():
            for name in names:
                graph.add((node, ONCOKG[key], self.term(name)))
        graph.add((subject, ONCOKG.inheritsScope, node))
        for key, names in values.items():
            for name in names:
                triple = (subject, ONCOKG[key], self.term(name))
                graph.add(triple)
                record = reify(graph, DERIVATION[f"{fact.id}-scope-{key}-{name}"], ONCOKG.ScopeInheritance, triple)
                graph.add((record, ONCOKG.fromScope, node))

    def evidence(self, graph, fact: Fact, quote: Quote, local: str) -> URIRef:
        evidence = EVIDENCE[local]
        source = self.sources[fact.source]
        graph.add((evidence, RDF.type, ONCOKG.Evidence))
        graph.add((evidence, PROV.wasDerivedFrom, SOURCE[fact.source]))
        graph.add((evidence, ONCOKG.quote, Literal(quote.text)))
        graph.add((evidence, ONCOKG.quoteStart, Literal(quote.start)))
        graph.add((evidence, ONCOKG.quoteEnd, Literal(quote.end)))
        graph.add((evidence, ONCOKG.certainty, ONCOKG[fact.certainty]))
        graph.add((evidence, ONCOKG.curationId, Literal(fact.id)))
        if source.review_date is not None:
            graph.add((evidence, ONCOKG.sourceDate, Literal(source.review_date)))
        for key, value in fact.qualifiers.items():
            graph.add((evidence, ONCOKG[key], self.value(key, value)))
        if fact.override is not None:
            graph.add((evidence, ONCOKG.curatorOverride, Literal(fact.override)))
        cues = fact.cues[fact.quotes.index(quote)] if fact.cues else ()
        for category in sorted({category for category, _ in cues}):
            graph.add((evidence, ONCOKG.contextCue, Literal(category)))
        return evidence
