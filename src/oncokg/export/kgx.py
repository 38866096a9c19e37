"""The KGX export: Biolink-typed node and edge TSV files for Biolink/KGX pipelines (Translator and the like).

Nodes are the ontology's named individuals, each with the Biolink categories of its most specific
OncoKG classes; edges are the triples between them, with the Biolink predicate of their OncoKG
property (data/mappings/biolink.tsv) and per-edge provenance: the quotes as ``supporting_text``,
the source documents, ``knowledge_level`` and ``agent_type`` (curated assertion, or an entailment
of the reasoner), and ``infores:oncokg`` as the primary knowledge source.
"""

import csv
import uuid
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from ..errors import OncoKGError
from ..namespaces import BASE, INFERRED_GRAPH, ONCOKG
from .propertygraph import join
from .source import Built
from .types import Output

TABLE = "biolink.tsv"
INFORES = "infores:oncokg"
NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "provided_by", "iri")
EDGE_COLUMNS = (
    "id", "subject", "predicate", "object", "original_predicate", "knowledge_level", "agent_type",
    "primary_knowledge_source", "supporting_text", "supporting_documents",
)
ASSERTED = ("knowledge_assertion", "manual_agent")
ENTAILED = ("logical_entailment", "automated_agent")


@dataclass(frozen=True)
class BiolinkTable:
    """OncoKG class -> Biolink category; OncoKG property -> (Biolink predicate, inverse?)."""

    categories: dict[URIRef, str]
    predicates: dict[URIRef, tuple[str, bool]]


def read_table(path: Path) -> BiolinkTable:
    """Read the Biolink table; errors name the file and row."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    except FileNotFoundError:
        raise OncoKGError(f"{path}: Biolink table not found") from None
    categories: dict[URIRef, str] = {}
    predicates: dict[URIRef, tuple[str, bool]] = {}
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), 2):
        where = f"{path}: row {n}"
        oncokg_id, kind, biolink_id = row.get("oncokg_id") or "", row.get("kind"), row.get("biolink_id") or ""
        if not oncokg_id.startswith("oncokg:") or not biolink_id.startswith("biolink:"):
            raise OncoKGError(f"{where}: expected an oncokg: id and a biolink: id")
        term = ONCOKG[oncokg_id[len("oncokg:"):]]
        if kind == "category":
            categories[term] = biolink_id
        elif kind == "predicate" and row.get("direction") in ("forward", "inverse"):
            predicates[term] = (biolink_id, row["direction"] == "inverse")
        else:
            raise OncoKGError(f"{where}: kind must be category, or predicate with direction forward or inverse")
    return BiolinkTable(categories, predicates)


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
            curie = self.built.curie(node)
            xrefs = {self.built.curie(o) for o in self.graph.objects(node, SKOS.exactMatch)}
            rows.append({
                "id": curie,
                "category": join(self.categories(node), curie),
                "name": next(iter(self.texts(node, RDFS.label)), ""),
                "description": next(iter(self.texts(node, SKOS.definition)), ""),
                "synonym": join(self.texts(node, SKOS.altLabel, ONCOKG.brandName), f"{curie} synonym"),
                "xref": join(xrefs, f"{curie} xref"),
                "provided_by": INFORES,
                "iri": str(node),
            })
        return rows

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

    def edge_rows(self) -> list[dict[str, str]]:
        nodes = self.built.individuals
        symmetric = set(self.graph.subjects(RDF.type, OWL.SymmetricProperty))
        asserted: dict[tuple, set[tuple]] = {}
        entailed: dict[tuple, set[tuple]] = {}
        for s, p, o, g in self.built.dataset.quads((None, None, None, None)):
            if s not in nodes or o not in nodes or p == RDF.type or not str(p).startswith(BASE):
                continue
            if p not in self.table.predicates:
                raise OncoKGError(
                    f"no Biolink predicate for {self.built.curie(p)} (on {self.built.curie(s)} -> "
                    f"{self.built.curie(o)}); add a row to {TABLE}"
                )
            predicate, inverse = self.table.predicates[p]
            subject, obj = (o, s) if inverse else (s, o)
            if p in symmetric:
                subject, obj = sorted((subject, obj))
            (entailed if g == INFERRED_GRAPH else asserted).setdefault((subject, predicate, obj), set()).add((s, p, o))
        covered = set(asserted)
        rows = []
        evidence = self.evidence()
        for level, edges in ((ASSERTED, asserted), (ENTAILED, entailed)):
            for (subject, predicate, obj), triples in sorted(edges.items()):
                if level is ENTAILED and (subject, predicate, obj) in covered:
                    continue
                for s, p, o in sorted(triples):
                    rows.append(self.edge_row(subject, predicate, obj, p, level, evidence.get((s, p, o), [])))
        return rows

    def edge_row(self, subject, predicate: str, obj, original: URIRef, level: tuple, evidence: list) -> dict:
        curie = self.built.curie
        names = (curie(subject), predicate, curie(obj), curie(original))
        quotes = {clean(str(q)) for e in evidence for q in self.graph.objects(e, ONCOKG.quote)}
        documents = {str(d) for e in evidence for d in self.graph.objects(e, PROV.wasDerivedFrom)}
        return {
            "id": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "|".join(names))),
            "subject": names[0],
            "predicate": predicate,
            "object": names[2],
            "original_predicate": names[3],
            "knowledge_level": level[0],
            "agent_type": level[1],
            "primary_knowledge_source": INFORES,
            "supporting_text": join(quotes, f"quotes of {' '.join(names)}"),
            "supporting_documents": join(documents, " ".join(names)),
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
