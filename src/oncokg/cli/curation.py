"""Curation commands: find quote offsets, check fact files, report coverage."""

import json
from pathlib import Path

import typer

from oncokg.cli.app import app
from oncokg.cli.options import RootOption, find_project
from oncokg.errors import OncoKGError


@app.command(rich_help_panel="Curate")
def locate(
    source: str = typer.Argument(..., help="Source id (see data/sources/sources.yaml)."),
    quote: str = typer.Argument(..., help="Text to find, whitespace-normalised."),
    root: Path | None = RootOption,
) -> None:
    """Print the start and end offsets of a quote in a source, for curating facts.

    Example: oncokg locate acs-gist 'It targets both the KIT and PDGFRA proteins'
    """
    from oncokg.curation.coverage import nearest
    from oncokg.curation.provenance import locate_all
    from oncokg.curation.sources import load_sources

    sources = load_sources(find_project(root).sources_dir)
    if source not in sources:
        raise OncoKGError(f"unknown source {source!r}; known: {', '.join(sorted(sources))}")
    spans = locate_all(sources[source].text, quote)
    if not spans:
        text = sources[source].text
        near = nearest(text, quote)
        hint = f"; the nearest sentence, at {list(near)}: {' '.join(text[near[0] : near[1]].split())!r}" if near else ""
        raise OncoKGError(f"quote not found in {source} ({sources[source].file}){hint}")
    for start, end in spans:
        typer.echo(json.dumps([start, end]))


@app.command("check-facts", rich_help_panel="Curate")
def check_facts(
    files: list[Path] = typer.Argument(None, help="Fact files to check (default: all of data/facts)."),
    root: Path | None = RootOption,
) -> None:
    """Check fact files against the ontology and their sources (quotes, names, duplicates), and the mappings.

    Example: oncokg check-facts data/facts/acs-gist-targeted.yaml
    """
    from oncokg.curation.mappings import load_mapping_sets, mapping_graph
    from oncokg.pipeline.assemble import load_inputs

    found = find_project(root)
    inputs = load_inputs(found, list(files) if files else None)
    mapping_sets = load_mapping_sets(found.mappings_dir)
    mapping_graph(mapping_sets, inputs.vocab.entities)
    count = len(inputs.facts.facts)
    mappings = sum(len(m.mappings) for m in mapping_sets)
    typer.echo(f"ok: {count} facts, {len(inputs.facts.non_medical)} non-medical spans, {mappings} mappings checked")


@app.command(rich_help_panel="Curate")
def coverage(
    files: list[Path] = typer.Argument(None, help="Fact files to report on (default: all of data/facts)."),
    source: str | None = typer.Option(None, "--source", help="Only this source."),
    uncovered: bool = typer.Option(False, "--uncovered", help="Only the sentences with no fact and no mark."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    root: Path | None = RootOption,
) -> None:
    """List each sentence of each source with the facts drawn from it, or why it has none.

    A draft file of `oncokg curate draft` is read, not built: a sentence only its drafts quote is
    "drafted" until they are accepted or rejected.

    Example: oncokg coverage --source acs-gist --uncovered
    """
    from oncokg.curation import coverage as coverage_mod
    from oncokg.curation.facts import fact_paths
    from oncokg.pipeline.assemble import load_inputs

    found = find_project(root)
    fact_files, draft_files = coverage_mod.split_drafts(list(files) if files else fact_paths(found.facts_dir))
    if files and not fact_files:  # only draft files named: the curated facts are the folder's
        fact_files = coverage_mod.split_drafts(fact_paths(found.facts_dir))[0]
    inputs = load_inputs(found, fact_files)
    units = coverage_mod.coverage(inputs.sources, inputs.facts, coverage_mod.pending(draft_files, inputs.sources))
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
    if units:
        typer.echo("")
    elif uncovered:
        typer.echo(f"no uncovered sentence in {len({source} if source else inputs.sources)} source(s)")
    for src, counts in coverage_mod.summary(units).items():
        typer.echo(f"{src}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
