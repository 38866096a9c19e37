"""`oncokg export`: the built graph in the formats other ontology and knowledge-graph tools read.

Every export reads the build (build/oncokg.trig) and the mapping sets, checks the mappings, and
writes its files into a temporary folder that is moved into place only when all are written.
"""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from oncokg.errors import OncoKGError
from oncokg.export.atomic import atomic_directory
from oncokg.export.built import Built, load_built
from oncokg.export.external import DEFAULT_TARGETS, external_view
from oncokg.export.graphml import graphml_outputs
from oncokg.export.kgx import kgx_outputs
from oncokg.export.neo4j import neo4j_outputs
from oncokg.export.obo import obo_outputs
from oncokg.export.owl import owl_outputs
from oncokg.export.rdf import dataset_outputs, graph_outputs
from oncokg.export.sssom import sssom_outputs, validate_mapping_sets
from oncokg.export.types import Format
from oncokg.project import Project

__all__ = ["DEFAULT_TARGETS", "FORMATS", "ExportResult", "Written", "export", "get_format"]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "turtle",
            "the whole graph (all named graphs merged) in one readable file, for any RDF tool",
            graph_outputs("turtle", "ttl"),
        ),
        Format(
            "ntriples",
            "the whole graph, one triple a line, for streaming, `grep` and diffs",
            graph_outputs("nt", "nt"),
        ),
        Format(
            "nquads",
            "every named graph (one per source, ontology, inferences, mappings, sources) for bulk loads into "
            "triple stores",
            dataset_outputs("nquads", "nq"),
        ),
        Format(
            "trig",
            "every named graph in a readable, quad-aware syntax",
            dataset_outputs("trig", "trig"),
        ),
        Format(
            "rdfxml",
            "the whole graph as RDF/XML, for tools that read nothing else",
            graph_outputs("xml", "rdf"),
        ),
        Format(
            "owl",
            "the ontology with its materialized inferences and mapping axioms (`oncokg.owl`, RDF/XML) for Protégé "
            "and other OWL tools",
            owl_outputs,
        ),
        Format(
            "obo",
            "the classes and entities as OBO 1.4 terms (`oncokg.obo`, written by pronto): each entity under its "
            "classes, with its definition (citing its source), synonyms and xrefs, for class-centric OBO tools "
            "(OAK's pronto adapter, pronto, obographs)",
            obo_outputs,
            external=False,
        ),
        Format(
            "jsonld",
            "every named graph as JSON-LD with a `@context` of the project prefixes, for web and JSON tooling",
            dataset_outputs("json-ld", "jsonld"),
        ),
        Format(
            "graphml",
            "a property graph (nodes with class labels and properties, typed edges) for networkx, Gephi, "
            "Cytoscape, yEd",
            graphml_outputs,
        ),
        Format(
            "neo4j",
            "node and relationship CSV files for Neo4j's bulk importer",
            neo4j_outputs,
        ),
        Format(
            "kgx",
            "Biolink-typed KGX TSV (`oncokg_nodes.tsv`, `oncokg_edges.tsv`) for Biolink/KGX pipelines",
            kgx_outputs,
        ),
        Format(
            "sssom",
            "the mapping set, validated and written by sssom-py, for SSSOM tools (sssom-py, OxO, Biomappings)",
            sssom_outputs,
            external=False,
        ),
    )
}


@dataclass(frozen=True)
class Written:
    """One file an export wrote: where, how large, and what it holds."""

    path: Path
    size: int
    summary: str


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote, where, how long it took, and how many entities the external view replaced per
    target prefix."""

    format: str
    out: Path
    files: list[Written]
    seconds: float
    substitutions: dict[str, int]


def get_format(name: str | None) -> Format:
    """The format of that name; the error lists them all."""
    if name not in FORMATS:
        given = "no --format given" if name is None else f"unknown format {name!r}"
        raise OncoKGError(f"{given}; formats: {', '.join(FORMATS)}")
    return FORMATS[name]


Progress = Callable[[str, int, int], None]


def export(
    project: Project,
    fmt: str,
    out: Path | None = None,
    *,
    as_external: bool = False,
    targets: list[str] | tuple[str, ...] = DEFAULT_TARGETS,
    progress: Progress | None = None,
    force: bool = False,
) -> ExportResult:
    """Write the build in one format into `out` (default build/export/).

    `progress(step, done, total)` is told each step. With `as_external`, entities are replaced by their
    exact matches in `targets` (see external.py). A file in `out` that an export did not write is
    refused, unless `force`.
    """
    started = time.monotonic()
    spec = get_format(fmt)
    if as_external and not spec.external:
        raise OncoKGError(f"--as-external does not apply to {fmt}: the mapping set is the link itself")
    out = Path(out) if out else project.export_dir
    report = progress or (lambda step, done, total: None)
    report("reading the build", 0, 1)
    built: Built = load_built(project)
    validate_mapping_sets(built)
    if as_external:
        built = external_view(built, targets)
    outputs = spec.outputs(built, "oncokg-external" if as_external else "oncokg")
    written = []
    with atomic_directory(out, [output.name for output in outputs], force) as tmp:
        for n, output in enumerate(outputs):
            report(f"writing {output.name}", n, len(outputs))
            try:
                summary = output.write(tmp / output.name)
            except OSError as exc:
                raise OncoKGError(f"cannot write {out.absolute() / output.name}: {exc.strerror or exc}") from None
            written.append(Written(out.absolute() / output.name, (tmp / output.name).stat().st_size, summary))
        report("moving into place", len(outputs), len(outputs))
    replaced = Counter(built.curie(iri).partition(":")[0] for iri in built.substitutions.values())
    seconds = round(time.monotonic() - started, 2)
    return ExportResult(fmt, out.absolute(), written, seconds, dict(sorted(replaced.items())))
