"""The KGX export: Biolink-typed node and edge TSV files for Biolink/KGX pipelines (Translator and the like).

Nodes are the ontology's named individuals, each with the Biolink categories of its most specific
OncoKG classes; edges are the triples between them, with the Biolink predicate of their OncoKG
property (data/mappings/biolink.tsv), and one edge per treatment or outcome statement, from its
treatment to its disease (or finding) or outcome, with the predicate and ``negated`` its stance or
outcome status has in the same table; its context (disease state, setting, purpose, condition) is in
``qualifiers``. A triple derived from a statement (``oncokg:derivedFrom``) is that statement's edge,
not a second one. Every edge carries provenance: the quotes as ``supporting_text``, the source
documents as ``publications``, the certainty as ``has_confidence_level``, ``knowledge_level`` and
``agent_type`` (curated assertion, or an entailment of the reasoner), and ``infores:oncokg`` as the
primary knowledge source. KGX keys an edge by subject, predicate and object, so edges that share
all three are written as one, listing every original predicate, stance and quote. CURIEs are spelt
as Biolink's prefix map spells them.
"""

import csv
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from oncokg.errors import OncoKGError
from oncokg.export.built import Built
from oncokg.export.propertygraph import join
from oncokg.export.types import Output
from oncokg.vocab.rdf import BASE, INFERRED_GRAPH, ONCOKG

TABLE = "biolink.tsv"
INFORES = "infores:oncokg"
NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "provided_by", "iri")
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "negated",
    "original_predicate",
    "stance",
    "qualifiers",
    "has_confidence_level",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "supporting_text",
    "publications",
)
PROJECT_COLUMNS = ("stance",)
STATEMENTS = {  # n-ary class -> (its status property, the property of its edge's object)
    ONCOKG.TreatmentStatement: (ONCOKG.stance, (ONCOKG.forDisease, ONCOKG.hasCondition)),
    ONCOKG.OutcomeStatement: (ONCOKG.outcomeStatus, (ONCOKG.hasOutcome,)),
}
CONTEXT = (ONCOKG.forDisease, ONCOKG.inDiseaseState, ONCOKG.inSetting, ONCOKG.forPurpose, ONCOKG.hasCondition)
ASSERTED = ("knowledge_assertion", "manual_agent")
ENTAILED = ("logical_entailment", "automated_agent")


@dataclass(frozen=True)
class BiolinkTable:
    """OncoKG class -> Biolink category; OncoKG property -> (Biolink predicate, inverse?, negated?); stance or
    outcome status -> (Biolink predicate, negated?)."""

    categories: dict[URIRef, str]
    predicates: dict[URIRef, tuple[str, bool, bool]]
    statuses: dict[URIRef, tuple[str, bool]]


def read_table(path: Path) -> BiolinkTable:
    """Read the Biolink table; errors name the file and row."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    except FileNotFoundError:
        raise OncoKGError(f"{path}: Biolink table not found") from None
    categories: dict[URIRef, str] = {}
    predicates: dict[URIRef, tuple[str, bool, bool]] = {}
    statuses: dict[URIRef, tuple[str, bool]] = {}
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), 2):
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
    def parents(self) -> dict[URIRef, set[URIRef]]:
        parents: dict[URIRef, set[URIRef]] = {}
        for c, d in self.graph.subject_objects(RDFS.subClassOf):
            if self.built.in_oncokg_namespace(c) and self.built.in_oncokg_namespace(d):
                parents.setdefault(c, set()).add(d)
        return parents

    def ancestors(self, cls: URIRef) -> set[URIRef]:
        """The class and all its named superclasses."""
        seen, todo = {cls}, [cls]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def categories(self, node: URIRef) -> list[str]:
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

    def texts(self, node: URIRef, *predicates: URIRef) -> list[str]:
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

    def evidence(self) -> dict[tuple, list[URIRef]]:
        """Evidence nodes by the (subject, predicate, object) they record; a derived triple has its statement's."""
        found: dict[tuple, list[URIRef]] = {}
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

    def edge_rows(self) -> list[dict[str, str]]:
        edges: dict[tuple, Edge] = {}
        evidence = self.evidence()
        for level, key, original, found in self.triple_edges(evidence):
            edges.setdefault(key, Edge(*key)).add(level, original, found, self)
        for level, key, statement, found in self.statement_edges():
            edges.setdefault(key, Edge(*key)).add(level, None, found, self, statement)
        return [edge.row(self) for _, edge in sorted(edges.items())]

    def triple_edges(self, evidence: dict):
        """(level, (subject, predicate, object, negated), property, evidence) for each triple between entities."""
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
                subject, obj = sorted((subject, obj))
            key = (subject, predicate, obj, negated)
            (entailed if g == INFERRED_GRAPH else asserted).setdefault(key, set()).add((s, p, o))
        for level, edges in ((ASSERTED, asserted), (ENTAILED, entailed)):
            for key, triples in sorted(edges.items()):
                if level is ENTAILED and key in asserted:
                    continue
                for s, p, o in sorted(triples):
                    yield level, key, p, evidence.get((s, p, o), [])

    def statement_edges(self):
        """(level, key, statement, evidence) for each treatment or outcome statement and each of its objects."""
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
                found = sorted(self.graph.objects(statement, ONCOKG.hasEvidence))
                objects = next(
                    (
                        sorted(self.graph.objects(statement, p))
                        for p in object_properties
                        if self.graph.value(statement, p) is not None
                    ),
                    [],
                )
                for treatment in sorted(self.graph.objects(statement, ONCOKG.aboutTreatment)):
                    for obj in objects:
                        yield ASSERTED, (treatment, predicate, obj, negated), statement, found


@dataclass
class Edge:
    """One KGX edge: every triple or statement with its subject, Biolink predicate and object, merged."""

    subject: URIRef
    predicate: str
    object: URIRef
    negated: bool
    levels: set = field(default_factory=set)
    originals: set = field(default_factory=set)
    stances: set = field(default_factory=set)
    qualifiers: set = field(default_factory=set)
    certainties: set = field(default_factory=set)
    quotes: set = field(default_factory=set)
    publications: set = field(default_factory=set)

    def add(self, level: tuple, original, evidence: list, kgx: "KgxGraph", statement=None) -> None:
        graph = kgx.graph
        self.levels.add(level)
        if original is not None:
            self.originals.add(kgx.built.curie(original))
        if statement is not None:
            for p in (ONCOKG.stance, ONCOKG.outcomeStatus):
                self.stances.update(kgx.built.curie(o) for o in graph.objects(statement, p))
            self.qualifiers.update(
                kgx.curie(o) for p in CONTEXT for o in graph.objects(statement, p) if o != self.object
            )
            self.certainties.update(kgx.curie(o) for o in graph.objects(statement, ONCOKG.certainty))
        for e in evidence:
            self.quotes.update(clean(str(q)) for q in graph.objects(e, ONCOKG.quote))
            self.publications.update(kgx.curie(d) for d in graph.objects(e, PROV.wasDerivedFrom))
            self.certainties.update(kgx.curie(c) for c in graph.objects(e, ONCOKG.certainty))

    def row(self, kgx: "KgxGraph") -> dict[str, str]:
        subject, obj = kgx.curie(self.subject), kgx.curie(self.object)
        names = " ".join((subject, self.predicate, obj))
        level = ASSERTED if ASSERTED in self.levels else ENTAILED
        return {
            "id": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{names} {self.negated}")),
            "subject": subject,
            "predicate": self.predicate,
            "object": obj,
            "negated": "true" if self.negated else "false",
            "original_predicate": join(self.originals, f"original predicates of {names}"),
            "stance": join(self.stances, f"stances of {names}"),
            "qualifiers": join(self.qualifiers, f"qualifiers of {names}"),
            "has_confidence_level": join(self.certainties, f"certainty of {names}"),
            "knowledge_level": level[0],
            "agent_type": level[1],
            "primary_knowledge_source": INFORES,
            "supporting_text": join(self.quotes, f"quotes of {names}"),
            "publications": join(self.publications, names),
        }


def write_tsv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, quotechar=None)
        writer.writeheader()
        writer.writerows(rows)


def kgx_outputs(built: Built, stem: str) -> list[Output]:
    """`{stem}_nodes.tsv` and `{stem}_edges.tsv`, the KGX TSV pair."""
    graph = KgxGraph(built, read_table(built.project.mappings_dir / TABLE))

    def nodes(path: Path) -> str:
        rows = graph.node_rows()
        write_tsv(path, NODE_COLUMNS, rows)
        return f"{len(rows)} nodes"

    def edges(path: Path) -> str:
        rows = graph.edge_rows()
        write_tsv(path, EDGE_COLUMNS, rows)
        return f"{len(rows)} edges ({sum(r['knowledge_level'] == ENTAILED[0] for r in rows)} entailed)"

    return [Output(f"{stem}_nodes.tsv", nodes), Output(f"{stem}_edges.tsv", edges)]
