"""The `oncokg` command: a thin layer over the library functions users import."""

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from . import coverage as coverage_mod
from .errors import OncoKGError
from .project import Project
from .provenance import locate_all

app = typer.Typer(
    help="OncoKG: an oncology knowledge graph with provenance. Not medical advice.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

RootOption = typer.Option(None, "--root", help="Project root (default: $ONCOKG_ROOT, the working directory or the installed checkout).")


def _project(root: Optional[Path]) -> Project:
    return Project.find(root)


@app.command()
def locate(
    source: str = typer.Argument(..., help="Source id (see data/sources/sources.yaml)."),
    quote: str = typer.Argument(..., help="Text to find, whitespace-normalised."),
    root: Optional[Path] = RootOption,
) -> None:
    """Print the start and end offsets of a quote in a source, for curating facts."""
    from .sources import load_sources

    sources = load_sources(_project(root).sources_dir)
    if source not in sources:
        raise OncoKGError(f"unknown source {source!r}; known: {', '.join(sorted(sources))}")
    spans = locate_all(sources[source].text, quote)
    if not spans:
        raise OncoKGError(f"quote not found in {source} ({sources[source].file})")
    for start, end in spans:
        typer.echo(json.dumps([start, end]))


@app.command("check-facts")
def check_facts(
    files: list[Path] = typer.Argument(None, help="Fact files to check (default: all of data/facts)."),
    root: Optional[Path] = RootOption,
) -> None:
    """Check fact files against the ontology and their sources (quotes, names, duplicates)."""
    from .pipeline import load_inputs

    inputs = load_inputs(_project(root), list(files) if files else None)
    count = len(inputs.facts.facts)
    typer.echo(f"ok: {count} facts, {len(inputs.facts.non_medical)} non-medical spans checked")


@app.command()
def coverage(
    files: list[Path] = typer.Argument(None, help="Fact files to report on (default: all of data/facts)."),
    source: Optional[str] = typer.Option(None, "--source", help="Only this source."),
    uncovered: bool = typer.Option(False, "--uncovered", help="Only the sentences with no fact and no mark."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    root: Optional[Path] = RootOption,
) -> None:
    """List each sentence of each source with the facts drawn from it, or why it has none."""
    from .pipeline import load_inputs

    inputs = load_inputs(_project(root), list(files) if files else None)
    units = coverage_mod.coverage(inputs.sources, inputs.facts)
    if source:
        if source not in inputs.sources:
            raise OncoKGError(f"unknown source {source!r}; known: {', '.join(sorted(inputs.sources))}")
        units = [u for u in units if u.source == source]
    if uncovered:
        units = [u for u in units if u.status == "uncovered"]
    if as_json:
        typer.echo(json.dumps([u.__dict__ for u in units], indent=1, ensure_ascii=False))
        return
    current = None
    for unit in units:
        if unit.source != current:
            current = unit.source
            typer.echo(f"\n== {current} ({inputs.sources[current].file})")
        detail = ", ".join(unit.facts) if unit.facts else unit.reason
        typer.echo(f"[{unit.start:>5}] {unit.status:<11} {unit.text[:90]!r}" + (f"  <- {detail}" if detail else ""))
    typer.echo("")
    for src, counts in coverage_mod.summary(units).items():
        typer.echo(f"{src}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


TimeoutOption = typer.Option(300.0, "--reasoner-timeout", help="Seconds HermiT may run before it is stopped.")


@app.command()
def build(
    out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default: build/ of the project)."),
    timeout: float = TimeoutOption,
    root: Optional[Path] = RootOption,
) -> None:
    """Build the reasoned, validated graph: build/oncokg.trig, the reasoned ontology and the store."""
    from .build import build as run_build

    result = run_build(_project(root), out, timeout)
    m = result.manifest
    typer.echo(
        f"built {result.out}: {m['stats']['quads']} quads in {m['stats']['named_graphs']} named graphs; "
        f"HermiT: consistent in {m['reasoner']['seconds']} s, {m['reasoner']['inferred_types']} inferred types; "
        f"SHACL and {len(m['validation']['qc_checks'])} QC checks passed"
    )


@app.command()
def validate(
    timeout: float = TimeoutOption,
    root: Optional[Path] = RootOption,
) -> None:
    """Check consistency (HermiT), SHACL shapes and QC queries; exit 1 on any violation."""
    from .pipeline import assemble, load_inputs

    assembled = assemble(load_inputs(_project(root)), timeout)
    r, report = assembled.reasoner, assembled.report
    typer.echo(f"HermiT: {'consistent' if r.consistent else 'INCONSISTENT'} ({r.seconds} s)"
               + (f"; {r.message}" if r.message else ""))
    typer.echo(f"HermiT: {len(r.unsatisfiable)} unsatisfiable classes" + (f": {', '.join(r.unsatisfiable)}" if r.unsatisfiable else ""))
    typer.echo(f"HermiT: {len(r.inferred_types)} inferred types")
    typer.echo(f"SHACL: {'conforms' if report.shacl_conforms else 'does not conform'}")
    failed = {v.check for v in report.violations}
    for name in report.qc_checks:
        count = sum(1 for v in report.violations if v.check == name)
        typer.echo(f"QC {name}: {'ok' if name not in failed else f'{count} violation(s)'}")
    for v in report.violations:
        typer.echo(f"  VIOLATION {v.check}: {v.entity} {v.property} {v.value}")
    if not (r.consistent and not r.unsatisfiable and report.ok):
        raise typer.Exit(1)
    typer.echo("valid")


@app.command()
def stats(
    top: int = typer.Option(0, "--top", help="Show only the N largest classes and properties (0: all)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    root: Optional[Path] = RootOption,
) -> None:
    """Counts per class and per property of the built graph."""
    from .stats import graph_stats
    from .store import open_store

    result = graph_stats(open_store(_project(root).build_dir))
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(f"{result['quads']} quads in {result['named_graphs']} named graphs")
    for section in ("facts_per_source", "classes", "properties"):
        typer.echo(f"\n{section.replace('_', ' ')}:")
        items = list(result[section].items())
        for name, n in items[:top] if top else items:
            typer.echo(f"  {n:>6}  {name}")


@app.command()
def query(
    name: str = typer.Argument(..., help="Catalogue query name (see `oncokg queries`)."),
    param: list[str] = typer.Option(None, "--param", help="KEY=VALUE; a value is a label, synonym, brand name or CURIE."),
    fmt: str = typer.Option("table", "--format", help="table, json, csv or tsv."),
    root: Optional[Path] = RootOption,
) -> None:
    """Run a catalogue query on the built graph."""
    from .backends import EmbeddedBackend
    from .catalog import get_query, load_catalog
    from .formats import FORMATS, render
    from .mappings import prefix_map
    from .query import build_resolver, run_canned

    if fmt not in FORMATS:
        raise OncoKGError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise OncoKGError(f"--param {item!r}: expected KEY=VALUE")
        params[key.strip()] = value
    project = _project(root)
    canned = get_query(load_catalog(project.queries_dir), name)
    backend = EmbeddedBackend.open(project.build_dir)
    resolver = build_resolver(backend, prefix_map(project.mappings_dir))
    typer.echo(render(run_canned(backend, canned, params, resolver), fmt))


@app.command()
def queries(root: Optional[Path] = RootOption) -> None:
    """List the catalogue queries with their parameters."""
    from .catalog import load_catalog

    for q in load_catalog(_project(root).queries_dir).values():
        params = " ".join(f"--param {p.name}={p.example!r}" + ("?" if p.optional else "") for p in q.parameters)
        typer.echo(f"{q.name}: {q.title}. {q.description}" + (f"\n    {params}" if params else ""))


DISCLAIMER = (
    "OncoKG restates patient-information documents (reviewed 2017-2019) with their sources; "
    "it is not medical advice."
)

DEMO_QUERIES = (("drug-targets", {"drug": "Gleevec"}), ("adverse-effects", {"treatment": "Stivarga"}), ("sources", {}))


@app.command()
def demo(root: Optional[Path] = RootOption) -> None:
    """A short summary of the built graph and a few sample answers from the query catalogue."""
    from .backends import EmbeddedBackend
    from .catalog import get_query, load_catalog
    from .formats import render
    from .mappings import prefix_map
    from .query import build_resolver, run_canned
    from .stats import graph_stats

    project = _project(root)
    backend = EmbeddedBackend.open(project.build_dir)
    summary = graph_stats(backend.store)
    classes = summary["classes"]
    typer.echo(
        f"OncoKG: {summary['quads']} quads; {classes.get('Drug', 0)} drugs, {classes.get('Cancer', 0)} cancers, "
        f"{classes.get('AdverseEffect', 0)} adverse effects, {classes.get('TreatmentStep', 0)} treatment steps, "
        f"{classes.get('Evidence', 0)} evidence records from {len(summary['facts_per_source'])} sources"
    )
    catalog = load_catalog(project.queries_dir)
    resolver = build_resolver(backend, prefix_map(project.mappings_dir))
    for name, params in DEMO_QUERIES:
        query = get_query(catalog, name)
        args = " ".join(f"--param {k}={v}" for k, v in params.items())
        typer.echo(f"\n$ oncokg query {name} {args}".rstrip() + f"\n# {query.title}")
        typer.echo(render(run_canned(backend, query, params, resolver), "table", max_width=50))
    typer.echo(f"\n{DISCLAIMER}")


def main() -> None:
    """Entry point: run the app; user errors become one line on stderr and exit status 1."""
    try:
        app()
    except OncoKGError as exc:
        typer.echo(f"oncokg: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("oncokg: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        if os.environ.get("ONCOKG_DEBUG"):
            raise
        typer.echo(f"oncokg: internal error: {type(exc).__name__}: {exc} (set ONCOKG_DEBUG=1 for a traceback)", err=True)
        sys.exit(2)
