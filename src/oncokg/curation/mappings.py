"""The SSSOM mapping set (data/mappings/*.sssom.tsv) and the skos:*Match triples made from it.

Mappings are written once, in SSSOM; the graph's mapping triples are generated here. A mapping
whose confidence is below ASSERT_THRESHOLD (a 'likely' row of the reference list) is not asserted
as a plain triple: it appears only as an annotated owl:Axiom carrying its confidence, so a query
for ``?x skos:exactMatch ?y`` never presents it as certain.
"""

from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from oncokg.curation.yaml_io import parse_yaml
from oncokg.errors import OncoKGError
from oncokg.limits import read_commented_tsv
from oncokg.vocab.identifiers import Identifiers, load_identifiers
from oncokg.vocab.rdf import PREFIXES, SSSOM

ASSERT_THRESHOLD = 0.9
PREDICATES = {f"skos:{p}": SKOS[p] for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")}
CURIE_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")
REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification", "confidence")


@dataclass(frozen=True)
class Mapping:
    """One SSSOM row."""

    subject_id: str
    predicate_id: str
    object_id: str
    mapping_justification: str
    confidence: float
    subject_label: str = ""
    object_label: str = ""
    comment: str = ""


@dataclass
class MappingSet:
    """A parsed SSSOM/TSV file: its metadata block and rows."""

    path: Path
    metadata: dict
    mappings: list[Mapping]

    @property
    def identifiers(self) -> Identifiers:
        """The project's converter (data/mappings/prefixes.tsv beside the set), which decides every IRI."""
        return load_identifiers(self.path.parent)

    def check(self) -> None:
        """The set's curie_map says what the project's converter says, and every CURIE is valid for its prefix;
        the first problem is an error naming the file and row."""
        identifiers = self.identifiers
        for prefix, uri in (self.metadata.get("curie_map") or {}).items():
            expected = PREFIXES.get(prefix) or getattr(identifiers.prefixes.get(prefix), "uri_prefix", None)
            if expected is None:
                raise OncoKGError(f"{self.path}: curie_map: {prefix!r} is not in {identifiers.path.name}")
            if uri != expected:
                raise OncoKGError(
                    f"{self.path}: curie_map: {prefix} is {uri}, but {identifiers.path.name} says {expected}"
                )
        for n, mapping in enumerate(self.mappings, 2):
            for column in CURIE_COLUMNS:
                problem = identifiers.problem(getattr(mapping, column))
                if problem:
                    raise OncoKGError(f"{self.path}: row {n}: {column} {problem}")


def read_sssom(path: Path) -> MappingSet:
    """Read an SSSOM/TSV file; errors name the file and row."""
    table = read_commented_tsv(path, "mapping file")
    header = "\n".join(line[1:] for line in table.comments)
    metadata = parse_yaml(header, f"{path}: SSSOM metadata block") or {}
    if not isinstance(metadata, dict) or not isinstance(metadata.get("curie_map") or {}, dict):
        raise OncoKGError(f"{path}: the SSSOM metadata block is a mapping, and its curie_map maps prefixes to IRIs")
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise OncoKGError(f"{path}: missing SSSOM columns {missing}")
    rows = []
    for n, row in enumerate(table.rows, 2):
        try:
            confidence = float(row["confidence"])
        except ValueError:
            raise OncoKGError(f"{path}: row {n}: confidence {row['confidence']!r} is not a number") from None
        fields = {k: row.get(k) or "" for k in Mapping.__dataclass_fields__ if k != "confidence"}
        rows.append(Mapping(confidence=confidence, **fields))
    return MappingSet(path, metadata, rows)


def load_mapping_sets(mappings_dir: Path) -> list[MappingSet]:
    """Every *.sssom.tsv of the mappings folder, each checked against the project's converter."""
    sets = [read_sssom(path) for path in sorted(mappings_dir.glob("*.sssom.tsv"))]
    for mapping_set in sets:
        mapping_set.check()
    return sets


def mapping_graph(sets: list[MappingSet], entities: frozenset[str]) -> Graph:
    """skos:*Match triples (confident rows) and one annotated axiom per row (all rows)."""
    graph = Graph()
    for mapping_set in sets:
        identifiers = mapping_set.identifiers
        for n, m in enumerate(mapping_set.mappings, 2):
            where = f"{mapping_set.path}: row {n}"
            subject = identifiers.expand(m.subject_id, where)
            obj = identifiers.expand(m.object_id, where)
            if m.subject_id.split(":", 1)[-1] not in entities or not m.subject_id.startswith("oncokg:"):
                raise OncoKGError(f"{where}: subject {m.subject_id!r} is not an entity of the ontology")
            predicate = PREDICATES.get(m.predicate_id)
            if predicate is None:
                raise OncoKGError(f"{where}: predicate {m.predicate_id!r} is not one of {sorted(PREDICATES)}")
            if not 0 <= m.confidence <= 1:
                raise OncoKGError(f"{where}: confidence {m.confidence} is outside [0, 1]")
            if m.confidence >= ASSERT_THRESHOLD:
                graph.add((subject, predicate, obj))
            axiom = BNode()
            graph.add((axiom, RDF.type, OWL.Axiom))
            graph.add((axiom, OWL.annotatedSource, subject))
            graph.add((axiom, OWL.annotatedProperty, predicate))
            graph.add((axiom, OWL.annotatedTarget, obj))
            graph.add((axiom, SSSOM.confidence, Literal(m.confidence, datatype=XSD.double)))
            graph.add((axiom, SSSOM.mapping_justification, identifiers.expand(m.mapping_justification, where)))
            if m.object_label:
                graph.add((axiom, SSSOM.object_label, Literal(m.object_label)))
            if m.comment:
                graph.add((axiom, RDFS.comment, Literal(m.comment)))
    return graph


def prefix_map(mappings_dir: Path) -> dict[str, str]:
    """The project's prefix map: the external vocabularies' prefixes with the project's own on top."""
    return dict(load_identifiers(mappings_dir).converter.prefix_map)
