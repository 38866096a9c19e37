"""The KGX export: Biolink-typed node and edge TSV files for Biolink/KGX pipelines (Translator and the like).

Nodes are the ontology's named individuals, each with the Biolink categories of its most specific
OncoKG classes. Edges:

- one edge per treatment or outcome statement (and per object it names), from its treatment to its
  disease (a pathway step's is its pathway's) or outcome, with the predicate and ``negated`` its
  stance or outcome status has in data/mappings/biolink.tsv; an edge's object is never a condition.
  The edge carries that statement's own context and nothing of another's: its id (``statement``),
  stance, usage frequency (``frequency_qualifier``), the disease of an outcome statement
  (``disease_context_qualifier``), disease states (and the document or section
  they are inherited from), setting, purpose, conditions, exceptions, what it is given with,
  durations, availability, certainty and quotes. Two statements with the same subject, predicate
  and object are two edges (kgx keeps both when it streams);
- one edge per other triple between entities and per distinct set of qualifiers its evidence gives
  (frequency, severity, riskHigherWhen, lessenedWhen), with the Biolink predicate of its OncoKG
  property and the weakest certainty of its evidence (never firmer than a source). A triple derived
  from a statement is that statement's edge, not a second one.

Single-valued Biolink slots hold one value. Every edge carries provenance: the quotes as
``supporting_text``, the source documents as ``publications`` (their IRIs: Biolink wants a URL or a registered
CURIE, and no registry knows OncoKG's ``source:`` prefix), ``knowledge_level`` and ``agent_type``
(curated assertion, or an entailment of the reasoner), and ``infores:oncokg`` as the primary
knowledge source. CURIEs are spelt as Biolink's prefix map spells them.
"""

import uuid
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from oncokg.errors import OncoKGError
from oncokg.export import kgx_offline
from oncokg.export.built import Built
from oncokg.export.types import Output, join
from oncokg.limits import read_commented_tsv
from oncokg.vocab.rdf import BASE, INFERRED_GRAPH, ONCOKG

TABLE = "biolink.tsv"
INFORES = "infores:oncokg"
NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "provided_by", "iri")
# the statement's context, each in a column of its own (OncoKG columns: Biolink has no slot for them)
CONTEXT = {
    "disease_state": ONCOKG.inDiseaseState,
    "setting": ONCOKG.inSetting,
    "purpose": ONCOKG.forPurpose,
    "condition": ONCOKG.hasCondition,
    "unless_condition": ONCOKG.unlessCondition,
    "after_failure_of": ONCOKG.afterFailureOf,
    "given_with": ONCOKG.givenWith,
    "minimum_duration": ONCOKG.minimumDuration,
    "duration_text": ONCOKG.durationText,
    "availability": ONCOKG.availability,
    "scope": ONCOKG.inheritsScope,
}
EVIDENCE_QUALIFIERS = {
    "proportion": ONCOKG.proportion,
    "severity": ONCOKG.severity,
    "risk_higher_when": ONCOKG.riskHigherWhen,
    "lessened_when": ONCOKG.lessenedWhen,
}
PROJECT_COLUMNS = ("stance", "statement", *CONTEXT, "entry", *EVIDENCE_QUALIFIERS)
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "negated",
    "original_predicate",
    "stance",
    "statement",
    "frequency_qualifier",
    "disease_context_qualifier",
    *CONTEXT,
    "entry",
    *EVIDENCE_QUALIFIERS,
    "has_confidence_level",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "supporting_text",
    "publications",
)
STATEMENTS = {  # n-ary class -> (its status property, the properties of its edge's object, in order)
    ONCOKG.TreatmentStatement: (ONCOKG.stance, (ONCOKG.forDisease,)),
    ONCOKG.OutcomeStatement: (ONCOKG.outcomeStatus, (ONCOKG.hasOutcome,)),
}
Edge = dict[str, str | bool]  # a KGX edge record: text cells, and `negated` a boolean as kgx writes it
WEAKEST_FIRST = ("unclear", "hedged", "established")
ASSERTED = ("knowledge_assertion", "manual_agent")
ENTAILED = ("logical_entailment", "automated_agent")


@dataclass(frozen=True)
class BiolinkTable:
    """OncoKG class -> Biolink category; OncoKG property -> (Biolink predicate, inverse?, negated?); stance or
    outcome status -> (Biolink predicate, negated?)."""

    categories: dict[Node, str]
    predicates: dict[Node, tuple[str, bool, bool]]
    statuses: dict[Node, tuple[str, bool]]


def read_table(path: Path) -> BiolinkTable:
    """Read the Biolink table; errors name the file and row."""
    categories: dict[Node, str] = {}
    predicates: dict[Node, tuple[str, bool, bool]] = {}
    statuses: dict[Node, tuple[str, bool]] = {}
    for n, row in enumerate(read_commented_tsv(path, "Biolink table").rows, 2):
        where = f"{path}: row {n}"
        oncokg_id, kind, biolink_id = row.get("oncokg_id") or "", row.get("kind"), row.get("biolink_id") or ""
        if not oncokg_id.startswith("oncokg:") or not biolink_id.startswith("biolink:"):
            raise OncoKGError(f"{where}: expected an oncokg: id and a biolink: id")
        term = ONCOKG[oncokg_id[len("oncokg:") :]]
        negated = row.get("negated") or ""
        if kind != "category" and negated not in ("true", "false"):
            raise OncoKGError(f"{where}: negated must be true or false")
        if kind == "category":
            categories[term] = biolink_id
        elif kind == "predicate" and row.get("direction") in ("forward", "inverse"):
            predicates[term] = (biolink_id, row["direction"] == "inverse", negated == "true")
        elif kind in ("stance", "outcome_status"):
            statuses[term] = (biolink_id, negated == "true")
        else:
            raise OncoKGError(
                f"{where}: kind must be category, stance, outcome_status, or predicate with direction "
                "forward or inverse"
            )
    return BiolinkTable(categories, predicates, statuses)


def clean(text: str) -> str:
    """One line of text: TSV cells hold no tabs or line breaks."""
    return " ".join(text.split())


class KgxGraph:
    """Nodes and edges of one build, computed once for both files."""

    def __init__(self, built: Built, table: BiolinkTable):
        self.built = built
        self.table = table
        self.graph = built.union()

    @cached_property
    def parents(self) -> dict[Node, set[Node]]:
        parents: dict[Node, set[Node]] = {}
        for c, d in self.graph.subject_objects(RDFS.subClassOf):
            if self.built.in_oncokg_namespace(c) and self.built.in_oncokg_namespace(d):
                parents.setdefault(c, set()).add(d)
        return parents

    def ancestors(self, cls: Node) -> set[Node]:
        """The class and all its named superclasses."""
        seen, todo = {cls}, [cls]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def categories(self, node: Node) -> list[str]:
        """The Biolink categories of the most specific mapped classes of a node."""
        types = [t for t in self.graph.objects(node, RDF.type) if self.built.in_oncokg_namespace(t)]
        mapped = {a for t in types for a in self.ancestors(t) if a in self.table.categories}
        specific = {m for m in mapped if not any(m != o and m in self.ancestors(o) for o in mapped)}
        if not specific:
            raise OncoKGError(
                f"no Biolink category for {self.built.curie(node)} (classes: "
                f"{', '.join(sorted(self.built.curie(t) for t in types)) or 'none'}); add a row to {TABLE}"
            )
        return sorted({self.table.categories[m] for m in specific})

    def texts(self, node: Node, *predicates: URIRef) -> list[str]:
        """The node's literal values for these predicates, each on one line, sorted."""
        values = (o for p in predicates for o in self.graph.objects(node, p))
        return sorted({clean(str(o)) for o in values if isinstance(o, Literal)})

    def node_rows(self) -> list[dict[str, str]]:
        rows = []
        for node in sorted(self.built.individuals):
            curie = self.curie(node)
            xrefs = {self.curie(o) for o in self.graph.objects(node, SKOS.exactMatch)}
            rows.append(
                {
                    "id": curie,
                    "category": join(self.categories(node), curie),
                    "name": next(iter(self.texts(node, RDFS.label)), ""),
                    "description": next(iter(self.texts(node, SKOS.definition)), ""),
                    "synonym": join(self.texts(node, SKOS.altLabel, ONCOKG.brandName), f"{curie} synonym"),
                    "xref": join(xrefs, f"{curie} xref"),
                    "provided_by": INFORES,
                    "iri": str(node),
                }
            )
        return rows

    def curie(self, iri) -> str:
        """The CURIE of an IRI, its prefix spelt as Biolink spells it."""
        return self.built.identifiers.biolink_curie(self.built.curie(iri))

    def evidence(self) -> dict[tuple, list[Node]]:
        """Evidence nodes by the (subject, predicate, object) they record; a derived triple has its statement's."""
        found: dict[tuple, list[Node]] = {}
        for e in self.graph.subjects(RDF.type, ONCOKG.Evidence):
            key = tuple(self.graph.value(e, p) for p in (RDF.subject, RDF.predicate, RDF.object))
            found.setdefault(key, []).append(e)
        for d in self.graph.subjects(RDF.type, ONCOKG.Derivation):
            key = tuple(self.graph.value(d, p) for p in (RDF.subject, RDF.predicate, RDF.object))
            for statement in self.graph.objects(d, ONCOKG.derivedFrom):
                found.setdefault(key, []).extend(self.graph.objects(statement, ONCOKG.hasEvidence))
        return found

    @cached_property
    def derived(self) -> set[tuple]:
        """The triples derived from a statement: their reification node names it with oncokg:derivedFrom."""
        return {
            tuple(self.graph.value(r, p) for p in (RDF.subject, RDF.predicate, RDF.object))
            for r in self.graph.subjects(ONCOKG.derivedFrom, None)
        }

    def edge_rows(self) -> list[Edge]:
        rows = [self.triple_row(level, key, original, found) for level, key, original, found in self.triple_edges()]
        rows += [self.statement_row(*edge) for edge in self.statement_edges()]
        return sorted(rows, key=lambda r: (r["subject"], r["predicate"], r["object"], r["statement"], r["id"]))

    def triple_edges(self):
        """(level, (subject, predicate, object, negated), property, evidence) for each triple between entities and
        each distinct set of qualifiers its evidence gives."""
        evidence = self.evidence()
        nodes = self.built.individuals
        symmetric = set(self.graph.subjects(RDF.type, OWL.SymmetricProperty))
        asserted: dict[tuple, set[tuple]] = {}
        entailed: dict[tuple, set[tuple]] = {}
        for s, p, o, g in self.built.dataset.quads((None, None, None, None)):
            if s not in nodes or o not in nodes or p == RDF.type or not str(p).startswith(BASE):
                continue
            if (s, p, o) in self.derived:
                continue
            if p not in self.table.predicates:
                raise OncoKGError(
                    f"no Biolink predicate for {self.built.curie(p)} (on {self.built.curie(s)} -> "
                    f"{self.built.curie(o)}); add a row to {TABLE}"
                )
            predicate, inverse, negated = self.table.predicates[p]
            subject, obj = (o, s) if inverse else (s, o)
            if p in symmetric:
                subject, obj = sorted((subject, obj), key=str)
            key = (subject, predicate, obj, negated)
            (entailed if g == INFERRED_GRAPH else asserted).setdefault(key, set()).add((s, p, o))
        for level, edges in ((ASSERTED, asserted), (ENTAILED, entailed)):
            for key, triples in sorted(edges.items()):
                if level is ENTAILED and key in asserted:
                    continue
                for s, p, o in sorted(triples):
                    groups: dict[tuple, list[Node]] = {}
                    for e in evidence.get((s, p, o), []):
                        groups.setdefault(self.qualifier_signature(e), []).append(e)
                    for found in groups.values() or [[]]:
                        yield level, key, p, found

    def qualifier_signature(self, e: Node) -> tuple:
        return tuple(
            tuple(sorted(str(v) for v in self.graph.objects(e, p)))
            for p in (ONCOKG.frequency, *EVIDENCE_QUALIFIERS.values())
        )

    def values(self, node: Node, predicate: URIRef) -> list[str]:
        """A node's values for a property: CURIEs of IRIs, literals as text."""
        return sorted(
            clean(str(o)) if isinstance(o, Literal) else self.curie(o) for o in self.graph.objects(node, predicate)
        )

    def one(self, values, what: str) -> str:
        """A single-valued slot: one value, or the weakest certainty of several."""
        values = sorted(set(values))
        if len(values) > 1 and all(v.split(":")[-1] in WEAKEST_FIRST for v in values):
            values = [min(values, key=lambda v: WEAKEST_FIRST.index(v.split(":")[-1]))]
        if len(values) > 1:
            raise OncoKGError(f"{what}: several values {values} for a single-valued slot")
        return values[0] if values else ""

    def provenance(self, found: list[Node], names: str) -> dict[str, str]:
        quotes = {clean(str(q)) for e in found for q in self.graph.objects(e, ONCOKG.quote)}
        documents = {str(d) for e in found for d in self.graph.objects(e, PROV.wasDerivedFrom)}
        return {"supporting_text": join(quotes, f"quotes of {names}"), "publications": join(documents, names)}

    def evidence_qualifiers(self, found: list[Node], names: str) -> dict[str, str]:
        """What the evidence qualifies (proportion, severity, risk higher when, lessened when), one column each."""
        return {
            column: join({v for e in found for v in self.values(e, p)}, f"{column} of {names}")
            for column, p in EVIDENCE_QUALIFIERS.items()
        }

    def triple_row(self, level: tuple, key: tuple, original: Node, found: list[Node]) -> Edge:
        subject, predicate, obj, negated = key
        names = " ".join((self.curie(subject), predicate, self.curie(obj)))
        qualifiers = self.evidence_qualifiers(found, names)
        frequency = self.one([v for e in found for v in self.values(e, ONCOKG.frequency)], f"frequency of {names}")
        certainty = self.one([v for e in found for v in self.values(e, ONCOKG.certainty)], f"certainty of {names}")
        signature = "|".join(sorted(f"{k}={v}" for k, v in qualifiers.items() if v)) + frequency
        return {
            **dict.fromkeys(EDGE_COLUMNS, ""),
            "id": "urn:uuid:"
            + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{names} {negated} {self.curie(original)} {signature}")),
            "subject": self.curie(subject),
            "predicate": predicate,
            "object": self.curie(obj),
            "negated": negated,
            "original_predicate": self.built.curie(original),
            "frequency_qualifier": frequency,
            **qualifiers,
            "has_confidence_level": certainty,
            "knowledge_level": level[0],
            "agent_type": level[1],
            "primary_knowledge_source": INFORES,
            **self.provenance(found, names),
        }

    def statement_edges(self):
        """(statement, treatment, predicate, object, negated) for each treatment or outcome statement and each
        object it names: its disease (a step's is its pathway's) or its outcome, never a condition."""
        for cls, (status_property, object_properties) in STATEMENTS.items():
            typed = {s for s, t in self.graph.subject_objects(RDF.type) if cls in self.ancestors(t)}
            for statement in sorted(typed):
                status = self.graph.value(statement, status_property)
                if status not in self.table.statuses:
                    raise OncoKGError(
                        f"{self.built.curie(statement)}: {self.built.curie(status_property)} "
                        f"{self.built.curie(status) if status else 'missing'} has no Biolink predicate; add a row to {TABLE}"
                    )
                predicate, negated = self.table.statuses[status]
                objects = sorted({o for p in object_properties for o in self.graph.objects(statement, p)})
                if not objects:
                    objects = sorted(
                        {
                            d
                            for pw in self.graph.objects(statement, ONCOKG.stepOf)
                            for d in self.graph.objects(pw, ONCOKG.forDisease)
                        }
                    )
                for treatment in sorted(self.graph.objects(statement, ONCOKG.aboutTreatment)):
                    for obj in objects:
                        yield statement, treatment, predicate, obj, negated

    def statement_row(self, statement: Node, treatment: Node, predicate: str, obj: Node, negated: bool) -> Edge:
        names = " ".join((self.curie(treatment), predicate, self.curie(obj)))
        found = sorted(self.graph.objects(statement, ONCOKG.hasEvidence), key=str)
        states = set(self.values(statement, ONCOKG.inDiseaseState))
        for pathway in self.graph.objects(statement, ONCOKG.stepOf):
            states.update(self.values(pathway, ONCOKG.inDiseaseState))
        context = {column: join(self.values(statement, p), f"{column} of {names}") for column, p in CONTEXT.items()}
        context["disease_state"] = join(states, f"states of {names}")
        entry = {
            self.curie(t)
            for tr in self.graph.subjects(ONCOKG.toStep, statement)
            for t in self.graph.objects(tr, ONCOKG.trigger)
        }
        stance = self.one(
            self.values(statement, ONCOKG.stance) + self.values(statement, ONCOKG.outcomeStatus), f"stance of {names}"
        )
        return {
            **dict.fromkeys(EDGE_COLUMNS, ""),
            "id": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{statement} {obj}")),
            "subject": self.curie(treatment),
            "predicate": predicate,
            "object": self.curie(obj),
            "negated": negated,
            "stance": stance,
            "statement": self.built.curie(statement),
            "frequency_qualifier": self.one(self.values(statement, ONCOKG.usageFrequency), f"frequency of {names}"),
            "disease_context_qualifier": self.one(
                [d for d in self.values(statement, ONCOKG.forDisease) if d != self.curie(obj)], f"disease of {names}"
            ),
            **context,
            "entry": join(entry, f"entry of {names}"),
            **self.evidence_qualifiers(found, names),
            "has_confidence_level": self.one(self.values(statement, ONCOKG.certainty), f"certainty of {names}"),
            "knowledge_level": ASSERTED[0],
            "agent_type": ASSERTED[1],
            "primary_knowledge_source": INFORES,
            **self.provenance(found, names),
        }


def write_kgx(stem: Path, nodes: list[dict[str, str]], edges: list[Edge]) -> None:
    """`{stem}_nodes.tsv` and `{stem}_edges.tsv`, written by kgx's own TSV sink (its column order, its list
    delimiter, its escaping), so the pair is what kgx itself would write from these records."""
    kgx = kgx_offline.kgx()
    sink = kgx.sink.TsvSink(
        owner=kgx.transformer.Transformer(),
        filename=str(stem),
        format="tsv",
        node_properties=NODE_COLUMNS,
        edge_properties=EDGE_COLUMNS,
    )
    try:
        for node in nodes:
            sink.write_node(node)
        for edge in edges:
            sink.write_edge(edge)
    finally:
        sink.finalize()


def kgx_outputs(built: Built, stem: str) -> list[Output]:
    """`{stem}_nodes.tsv` and `{stem}_edges.tsv`, the KGX TSV pair: kgx writes both at once, so the first
    output writes the pair and each says what its file holds."""
    graph = KgxGraph(built, read_table(built.mappings_dir / TABLE))
    summaries: dict[str, str] = {}

    def pair(path: Path, which: str) -> str:
        if not summaries:
            nodes, edges = graph.node_rows(), graph.edge_rows()
            write_kgx(path.parent / stem, nodes, edges)
            entailed = sum(r["knowledge_level"] == ENTAILED[0] for r in edges)
            summaries.update(nodes=f"{len(nodes)} nodes", edges=f"{len(edges)} edges ({entailed} entailed)")
        return summaries[which]

    return [
        Output(f"{stem}_nodes.tsv", lambda path: pair(path, "nodes")),
        Output(f"{stem}_edges.tsv", lambda path: pair(path, "edges")),
    ]
