"""Query commands: run catalogue queries and list the catalogue."""

from pathlib import Path
from typing import Optional

import typer

from ..errors import OncoKGError
from .app import RootOption, app, project


@app.command()
def query(
    name: str = typer.Argument(..., help="Catalogue query name (see `oncokg queries`)."),
    param: list[str] = typer.Option(None, "--param", help="KEY=VALUE; a value is a label, synonym, brand name or CURIE."),
    fmt: str = typer.Option("table", "--format", help="table, json, csv or tsv."),
    root: Optional[Path] = RootOption,
) -> None:
    """Run a catalogue query on the built graph."""
    from ..backends import EmbeddedBackend
    from ..catalog import get_query, load_catalog
    from ..formats import FORMATS, render
    from ..mappings import prefix_map
    from ..query import build_resolver, run_canned

    if fmt not in FORMATS:
        raise OncoKGError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise OncoKGError(f"--param {item!r}: expected KEY=VALUE")
        params[key.strip()] = value
    proj = project(root)
    canned = get_query(load_catalog(proj.queries_dir), name)
    backend = EmbeddedBackend.open(proj.build_dir)
    resolver = build_resolver(backend, prefix_map(proj.mappings_dir))
    typer.echo(render(run_canned(backend, canned, params, resolver), fmt))


@app.command()
def queries(root: Optional[Path] = RootOption) -> None:
    """List the catalogue queries with their parameters."""
    from ..catalog import load_catalog

    for q in load_catalog(project(root).queries_dir).values():
        params = " ".join(f"--param {p.name}={p.example!r}" + ("?" if p.optional else "") for p in q.parameters)
        typer.echo(f"{q.name}: {q.title}. {q.description}" + (f"\n    {params}" if params else ""))
