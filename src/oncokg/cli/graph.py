"""Graph commands: build, validate, stats and the demo."""

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from oncokg.cli.app import app
from oncokg.cli.options import ReasonerTimeoutOption, RootOption, Where, find_project, store_options
from oncokg.disclaimer import DISCLAIMER

if TYPE_CHECKING:
    from oncokg.query.client import OncoKG


@app.command(rich_help_panel="Build")
def build(
    out: Path | None = typer.Option(None, "--out", help="Output folder (default: build/ of the project)."),
    timeout: float = ReasonerTimeoutOption,
    root: Path | None = RootOption,
) -> None:
    """Build the reasoned, validated graph: build/oncokg.trig, the reasoned ontology and the store.

    Example: oncokg build --reasoner-timeout 300
    """
    from oncokg.pipeline.build import build as run_build

    result = run_build(find_project(root), out, timeout)
    m = result.manifest
    typer.echo(
        f"built {result.out}: {m['stats']['quads']} quads in {m['stats']['named_graphs']} named graphs; "
        f"HermiT: consistent in {m['reasoner']['seconds']} s, {m['reasoner']['inferred_types']} inferred types; "
        f"SHACL and {len(m['validation']['qc_checks'])} QC checks passed"
    )


@app.command(rich_help_panel="Build")
def validate(
    timeout: float = ReasonerTimeoutOption,
    root: Path | None = RootOption,
) -> None:
    """Check consistency (HermiT), SHACL shapes and QC queries; exit 1 on any violation.

    Example: oncokg validate
    """
    from oncokg.pipeline import validate as validate_project

    assembled = validate_project(find_project(root), timeout)
    r, report = assembled.hermit, assembled.report
    typer.echo(f"ConText guard: every quote agrees with its fact; {assembled.overrides} kept by a curator's override")
    typer.echo(
        f"HermiT: {'consistent' if r.consistent else 'INCONSISTENT'} ({r.seconds} s)"
        + (f"; {r.message}" if r.message else "")
    )
    unsatisfiable = f": {', '.join(r.unsatisfiable)}" if r.unsatisfiable else ""
    typer.echo(f"HermiT: {len(r.unsatisfiable)} unsatisfiable classes{unsatisfiable}")
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


def _stats(kg: "OncoKG", where: Where) -> dict:
    """The counts of the local build as it recorded them, or of the store or endpoint counted now."""
    from oncokg.pipeline.stats import graph_stats, recorded_stats

    recorded = recorded_stats(find_project(where.root).build_dir) if where.selector is None else None
    return recorded if recorded is not None else graph_stats(kg.backend)


@app.command(rich_help_panel="Build")
@store_options
def stats(
    top: int = typer.Option(0, "--top", help="Show only the N largest classes and properties (0: all)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    *,
    where: Where,
) -> None:
    """Counts per class and per property of the built graph (or of any store or endpoint).

    Example: oncokg stats --top 5
    """
    from oncokg.errors import OncoKGError
    from oncokg.pipeline.status import build_status
    from oncokg.query.client import OncoKG

    if top < 0:
        raise OncoKGError(f"--top must be 0 (all) or a positive count (got {top})")
    result = _stats(OncoKG.open(where.selector, where.root, where.timeout), where)
    warning = build_status(find_project(where.root)).warning() if where.selector is None else None
    if warning:
        typer.echo(warning, err=True)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(f"{result['quads']} quads in {result['named_graphs']} named graphs")
    for section in ("facts_per_source", "classes", "properties"):
        typer.echo(f"\n{section.replace('_', ' ')}:")
        items = list(result[section].items())
        for name, n in items[:top] if top else items:
            typer.echo(f"  {n:>6}  {name}")


@app.command(rich_help_panel="Build")
def status(root: Path | None = RootOption) -> None:
    """Where the inputs and the build are, and whether the build is current; exit 1 if it is older than its inputs.

    Example: oncokg status
    """
    from oncokg.pipeline.status import build_status, read_manifest

    found = find_project(root)
    manifest = read_manifest(found.build_dir)
    current = build_status(found)
    typer.echo(f"inputs: {found.root}" if found.has_inputs else "inputs: none (a copy of a build)")
    typer.echo(f"build:  {found.build_dir} (oncokg {manifest.get('oncokg_version', '?')}, built {current.built_at})")
    if not found.has_inputs:
        typer.echo("no inputs here to compare the build with")
        return
    if not current.current:
        typer.echo(current.warning(), err=True)
        raise typer.Exit(1)
    typer.echo("the build is current")


DEMO_QUERIES: tuple[tuple[str, dict[str, str]], ...] = (
    ("drug-targets", {"drug": "Gleevec"}),
    ("adverse-effects", {"treatment": "Stivarga"}),
    ("sources", {}),
)


@app.command(rich_help_panel="Build")
@store_options
def demo(*, where: Where) -> None:
    """A short summary of the built graph (or of any store or endpoint) and a few sample catalogue answers.

    Example: oncokg demo --endpoint http://localhost:7878/query
    """
    from oncokg.query.client import OncoKG
    from oncokg.query.formats import render

    kg = OncoKG.open(where.selector, where.root, where.timeout)
    summary = _stats(kg, where)
    classes = summary["classes"]
    typer.echo(
        f"OncoKG: {summary['quads']} quads; {classes.get('Drug', 0)} drugs, {classes.get('Cancer', 0)} cancers, "
        f"{classes.get('AdverseEffect', 0)} adverse effects, {classes.get('TreatmentStep', 0)} treatment steps, "
        f"{classes.get('Evidence', 0)} evidence records from {len(summary['facts_per_source'])} sources"
    )
    for name, params in DEMO_QUERIES:
        args = " ".join(f"--param {k}={v}" for k, v in params.items())
        typer.echo(f"\n$ oncokg query {name} {args}".rstrip() + f"\n# {kg.catalog[name].title}")
        typer.echo(render(kg.query(name, params), "table"))
    typer.echo(f"\n{DISCLAIMER}")
