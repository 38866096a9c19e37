"""Query commands: catalogue queries, ad-hoc SPARQL, the catalogue listing, serving and pushing."""

from pathlib import Path
from typing import Optional

import typer

from ..errors import OncoKGError
from .app import RootOption, app, project

StoreOption = typer.Option(
    None, "--store", help="Store selector: oxigraph (the built store, default), oxigraph:PATH or sparql:URL."
)
EndpointOption = typer.Option(None, "--endpoint", help="A SPARQL 1.1 query endpoint URL (same as --store sparql:URL).")
FormatOption = typer.Option("table", "--format", help="table, json, csv or tsv.")
TimeoutOption = typer.Option(60.0, "--timeout", help="Seconds a query may run.")


def _open(store: Optional[str], endpoint: Optional[str], root: Optional[Path], timeout: float,
          allow_federation: tuple[str, ...] = ()):
    from ..client import OncoKG

    if store and endpoint:
        raise OncoKGError("give either --store or --endpoint, not both")
    return OncoKG.open(f"sparql:{endpoint}" if endpoint else store, root, timeout, allow_federation)


def _check_format(fmt: str) -> None:
    from ..formats import FORMATS

    if fmt not in FORMATS:
        raise OncoKGError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


@app.command()
def query(
    name: str = typer.Argument(..., help="Catalogue query name (see `oncokg queries`)."),
    param: list[str] = typer.Option(None, "--param", help="KEY=VALUE; a value is a label, synonym, brand name or CURIE."),
    fmt: str = FormatOption,
    store: Optional[str] = StoreOption,
    endpoint: Optional[str] = EndpointOption,
    timeout: float = TimeoutOption,
    root: Optional[Path] = RootOption,
) -> None:
    """Run a catalogue query (embedded store by default, or any SPARQL endpoint)."""
    from ..formats import render

    _check_format(fmt)
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise OncoKGError(f"--param {item!r}: expected KEY=VALUE")
        params[key.strip()] = value
    typer.echo(render(_open(store, endpoint, root, timeout).query(name, params), fmt))


@app.command()
def sparql(
    text: Optional[str] = typer.Argument(None, help="A SELECT query (or use --file)."),
    file: Optional[Path] = typer.Option(None, "--file", help="Read the query from a file."),
    fmt: str = FormatOption,
    store: Optional[str] = StoreOption,
    endpoint: Optional[str] = EndpointOption,
    timeout: float = TimeoutOption,
    allow_federation: list[str] = typer.Option(
        None, "--allow-federation", metavar="HOST",
        help="Allow SERVICE clauses to this host (or HOST:PORT); repeatable. Off by default.",
    ),
    root: Optional[Path] = RootOption,
) -> None:
    """Run an ad-hoc SPARQL SELECT; the default graph is the union of all graphs."""
    from ..formats import render
    from ..limits import read_text

    _check_format(fmt)
    if (text is None) == (file is None):
        raise OncoKGError("give a query or --file FILE, not both or neither")
    if file is not None:
        text = read_text(file, "the query file")
    typer.echo(render(_open(store, endpoint, root, timeout, tuple(allow_federation or ())).sparql(text), fmt))


@app.command()
def queries(root: Optional[Path] = RootOption) -> None:
    """List the catalogue queries with their parameters."""
    from ..catalog import load_catalog

    for q in load_catalog(project(root).queries_dir).values():
        params = " ".join(f"--param {p.name}={p.example!r}" + (" (optional)" if p.optional else "") for p in q.parameters)
        typer.echo(f"{q.name}: {q.title}. {q.description}" + (f"\n    {params}" if params else ""))


@app.command()
def serve(
    bind: str = typer.Option("127.0.0.1:7878", "--bind", help="HOST:PORT to listen on."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds a query may run."),
    root: Optional[Path] = RootOption,
) -> None:
    """Serve the built store read-only with the oxigraph server: SPARQL at /query, YASGUI at /."""
    from ..serve import serve as run_server, serve_command

    build_dir = project(root).build_dir
    serve_command(build_dir, bind, timeout)
    typer.echo(f"serving {build_dir / 'store'} read-only at http://{bind}/ (SPARQL endpoint /query); Ctrl-C stops")
    run_server(build_dir, bind, timeout)


@app.command()
def push(
    endpoint: str = typer.Option(..., "--endpoint", help="Graph Store Protocol URL, e.g. http://host:8890/sparql-graph-crud-auth."),
    user: Optional[str] = typer.Option(None, "--user", help="User name, if the endpoint needs one."),
    password: Optional[str] = typer.Option(None, "--password", envvar="ONCOKG_PASSWORD", help="Password (or $ONCOKG_PASSWORD)."),
    auth: str = typer.Option("digest", "--auth", help="digest or basic."),
    root: Optional[Path] = RootOption,
) -> None:
    """Load the built graph into a remote store, one HTTP PUT per named graph (SPARQL 1.1 GSP)."""
    from ..build import TRIG
    from ..push import push as run_push

    report = run_push(project(root).build_dir / TRIG, endpoint, user, password, auth)
    typer.echo(f"pushed {report.triples} triples in {len(report.graphs)} named graphs to {endpoint}")
