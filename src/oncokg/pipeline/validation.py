"""Validation of the assembled graph: SHACL shapes and quality-check ("violation") queries.

The QC queries live in ontology/qc/*-violation.rq; each returns ?entity ?property ?value rows,
and any row is a violation, as in the ODK. Both run on the reasoned, materialized graph.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from pyoxigraph import QuerySolutions
from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import RDF

from oncokg.curation.ontology import parse_turtle
from oncokg.errors import OncoKGError
from oncokg.limits import read_text
from oncokg.project import Project
from oncokg.store.dataset import has_merged_default_graph
from oncokg.vocab.rdf import SH


@dataclass
class Violation:
    """One failed check: which check, on what, and what was wrong."""

    check: str
    entity: str
    property: str
    value: str


@dataclass
class ValidationReport:
    """The outcome of SHACL and QC, with what each check found."""

    shacl_conforms: bool = True
    qc_checks: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.shacl_conforms and not self.violations


def qc_queries(qc_dir: Path) -> dict[str, str]:
    """The QC queries by name (file stem without -violation)."""
    files = sorted(qc_dir.glob("*-violation.rq"))
    if not files:
        raise OncoKGError(f"{qc_dir}: no quality-check queries (*-violation.rq)")
    return {f.stem.removesuffix("-violation"): read_text(f, "quality-check query") for f in files}


def run_qc(store: pyoxigraph.Store, queries: dict[str, str]) -> list[Violation]:
    """Run every QC query on the store's merge of all graphs: its default graph when the build wrote
    the merge there, else oxigraph's union (a store loaded from a file)."""
    union = not has_merged_default_graph(store)
    violations = []
    for name, query in queries.items():
        try:
            rows = store.query(query, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise OncoKGError(f"QC query {name}: {str(exc).splitlines()[0]}") from None
        if not isinstance(rows, QuerySolutions):
            raise OncoKGError(f"QC query {name}: a check must be a SELECT of ?entity ?property ?value")
        for row in rows:
            violations.append(Violation(name, *(_text(row[v]) for v in ("entity", "property", "value"))))
    return violations


# SHACL Advanced Features (rules, custom targets, functions): pyshacl evaluates them only when asked, and
# asking costs a third of the validation time (2.6 -> 1.7 s on the real build), so it is asked only when
# the shapes use one.
_ADVANCED_FEATURES = (
    (None, SH.rule, None),
    (None, SH.target, None),
    *((None, RDF.type, kind) for kind in (SH.SPARQLFunction, SH.SPARQLTargetType, SH.SPARQLRule, SH.TripleRule)),
)


def run_shacl(data: Graph, shapes_path: Path) -> list[Violation]:
    """Validate the data graph against the SHACL shapes; one Violation per result."""
    shapes = parse_turtle(shapes_path)
    if not any(next(shapes.subjects(RDF.type, kind), None) for kind in (SH.NodeShape, SH.PropertyShape)):
        raise OncoKGError(f"{shapes_path}: declares no sh:NodeShape or sh:PropertyShape, so SHACL would check nothing")
    advanced = any(next(shapes.triples(pattern), None) for pattern in _ADVANCED_FEATURES)
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=advanced)
    if conforms:
        return []
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                "shacl:" + str(results.value(result, SH.sourceShape) or "shape").rsplit("/", 1)[-1],
                str(results.value(result, SH.focusNode)),
                str(results.value(result, SH.resultPath) or ""),
                str(results.value(result, SH.resultMessage) or ""),
            )
        )
    return violations


def validate_graph(store: pyoxigraph.Store, union: Graph, project: Project) -> ValidationReport:
    """SHACL on the union graph, then every QC query on the store."""
    report = ValidationReport()
    shacl = run_shacl(union, project.shapes_file)
    report.shacl_conforms = not shacl
    queries = qc_queries(project.qc_dir)
    report.qc_checks = sorted(queries)
    report.violations = shacl + run_qc(store, queries)
    return report


def _text(term) -> str:
    return "" if term is None else term.value
