"""Query commands: catalogue queries, ad-hoc SPARQL, the catalogue listing, serving and pushing."""

import textwrap
from pathlib import Path

import typer

from oncokg.cli.app import app
from oncokg.cli.options import RegistryChoice, RootOption, Where, WideOption, check_format, find_project, store_options
from oncokg.errors import OncoKGError
from oncokg.limits import PUSH_TIMEOUT, SERVICE_BIND, SERVICE_TIMEOUT, SERVICE_WORKERS

FormatOption = typer.Option(
    "table",
    "--format",
    click_type=RegistryChoice("oncokg.query.formats"),
    help="table for people (fits $COLUMNS, a record per block when too wide); json rows of typed values; "
    "sparql-json the W3C SPARQL results.",
)
SparqlFormatOption = typer.Option(
    None,
    "--format",
    click_type=RegistryChoice("oncokg.query.formats", "FORMATS", *("turtle", "ntriples", "jsonld")),
    help="SELECT: table (default) or another of the query formats; ASK: table, json or sparql-json; "
    "CONSTRUCT/DESCRIBE: turtle (default), ntriples, jsonld.",
)


def _open(where: Where, allow_federation: tuple[str, ...] = ()):
    from oncokg.query.client import OncoKG

    return OncoKG.open(where.selector, where.root, where.timeout, allow_federation)


@app.command(rich_help_panel="Query")
@store_options
def query(
    name: str = typer.Argument(..., help="Catalogue query name (see `oncokg queries`)."),
    param: list[str] = typer.Option(
        None, "--param", help="KEY=VALUE; a value is a label, synonym, brand name or CURIE."
    ),
    fmt: str = FormatOption,
    wide: bool = WideOption,
    *,
    where: Where,
) -> None:
    """Run a catalogue query (embedded store by default, or any SPARQL endpoint).

    Example: oncokg query drug-targets --param drug=Gleevec --format json
    """
    from oncokg.query.formats import render
    from oncokg.query.run import parse_params

    params = parse_params(param or [])
    kg = _open(where)
    typer.echo(render(kg.query(name, params), fmt, wide=wide))
    for reading in kg.readings(name, params):  # a name read by a rule (not as a name of the graph) says so
        if reading["how"]:
            typer.echo(f"oncokg: {reading['said']} ({reading['field']})", err=True)


@app.command(rich_help_panel="Query")
@store_options
def sparql(
    text: str | None = typer.Argument(None, help="A SELECT, ASK, CONSTRUCT or DESCRIBE query (or use --file)."),
    file: Path | None = typer.Option(None, "--file", help="Read the query from a file."),
    fmt: str | None = SparqlFormatOption,
    wide: bool = WideOption,
    allow_federation: list[str] = typer.Option(
        None,
        "--allow-federation",
        metavar="HOST",
        help="Allow SERVICE clauses to this host (or HOST:PORT); repeatable. Off by default.",
    ),
    *,
    where: Where,
) -> None:
    """Run ad-hoc SPARQL (prefixes of `oncokg prefixes` declared); the default graph is the merge of all graphs, FROM names others.

    Example: oncokg sparql 'SELECT ?drug WHERE { ?drug a oncokg:Drug } LIMIT 3'
    """
    from oncokg.limits import read_text
    from oncokg.query.formats import FORMATS, GRAPH_FORMATS, render, render_boolean, render_graph
    from oncokg.vocab import SPARQL_PREFIXES

    if (text is None) == (file is None):
        raise OncoKGError("give a query or --file FILE, not both or neither")
    if file is not None:
        text = read_text(file, "the query file")
    answer = _open(where, tuple(allow_federation or ())).sparql(text)
    if isinstance(answer, bool):
        check_format(fmt or "table", ("table", "json", "sparql-json"))
        typer.echo(render_boolean(answer, fmt or "table"))
    elif isinstance(answer, bytes):
        check_format(fmt or "turtle", GRAPH_FORMATS)
        typer.echo(render_graph(answer, fmt or "turtle", SPARQL_PREFIXES))
    else:
        check_format(fmt or "table", FORMATS)
        typer.echo(render(answer, fmt or "table", wide=wide))


@app.command(rich_help_panel="Query")
def prefixes() -> None:
    """The prefixes `oncokg sparql` declares for you.

    Example: oncokg prefixes
    """
    from oncokg.vocab import SPARQL_PREFIXES

    width = max(map(len, SPARQL_PREFIXES))
    for prefix, iri in SPARQL_PREFIXES.items():
        typer.echo(f"PREFIX {prefix + ':':<{width + 1}} <{iri}>")


@app.command(rich_help_panel="Query")
@store_options
def queries(
    name: str | None = typer.Argument(None, help="One query: its description, parameters and SPARQL."),
    long: bool = typer.Option(False, "--long", help="Also each query's description and parameters, with examples."),
    *,
    where: Where,
) -> None:
    """List the catalogue queries of the build (or endpoint): name and title; --long or NAME for the rest.

    Example: oncokg queries drug-targets
    """
    from oncokg.query.tables import listing, terminal_width

    catalog = _open(where).catalog
    width = terminal_width()
    if name is not None:
        if name not in catalog:
            raise OncoKGError(f"unknown query {name!r}; known: {', '.join(catalog)}")
        typer.echo(_described(catalog[name], width) + "\n" + catalog[name].text.strip())
    elif long:
        typer.echo("\n\n".join(_described(q, width) for q in catalog.values()))
    else:
        typer.echo(listing([(q.name, q.title) for q in catalog.values()], width))
        typer.echo("(oncokg queries NAME, or --long for all: what each answers, with its parameters)")


def _described(q, width: int) -> str:
    """A query's name and title, then its description and each parameter with an example, wrapped."""
    lines = [textwrap.fill(f"{q.name}: {q.title}", width, subsequent_indent="    ")]
    lines.append(textwrap.fill(q.description, width, initial_indent="    ", subsequent_indent="    "))
    for p in q.parameters:
        usage = f"--param {p.name}={p.example!r}" + (" (optional)" if p.optional else "")
        lines.append(
            textwrap.fill(f"{usage}: {p.description}", width, initial_indent="    ", subsequent_indent="      ")
        )
    return "\n".join(lines)


@app.command(rich_help_panel="Query")
def serve(
    bind: str = typer.Option(SERVICE_BIND, "--bind", help="HOST:PORT to listen on (port 0: any free port)."),
    timeout: float = typer.Option(
        SERVICE_TIMEOUT, "--timeout", help="Seconds a query may run before it is stopped (503)."
    ),
    workers: int = typer.Option(SERVICE_WORKERS, "--workers", help="Query worker processes (queries run in parallel)."),
    allow_host: list[str] = typer.Option(
        [], "--allow-host", help="Also answer requests that name this host (repeatable; e.g. a proxy's name)."
    ),
    cors: list[str] = typer.Option(
        [], "--cors", help="Allow browser requests from this origin, with CORS (repeatable; * for any). Off by default."
    ),
    curate: bool = typer.Option(
        False,
        "--curate",
        help="Also serve the review page /curate/ID, which accepts and rejects drafts (writes data/).",
    ),
    root: Path | None = RootOption,
) -> None:
    """Serve the web service: the catalogue page at /, the JSON API (/docs), SPARQL at /query.

    Example: oncokg serve --bind 127.0.0.1:8000 --workers 2
    """
    from oncokg.web.server import serve as run_server

    run_server(root, bind, timeout, workers, allow_host, cors, curate)


@app.command(rich_help_panel="Export")
def push(
    endpoint: str = typer.Option(
        ..., "--endpoint", help="Graph Store Protocol URL, e.g. http://host:8890/sparql-graph-crud-auth."
    ),
    user: str | None = typer.Option(None, "--user", help="User name, if the endpoint needs one."),
    password: str | None = typer.Option(
        None, "--password", envvar="ONCOKG_PASSWORD", help="Password (or $ONCOKG_PASSWORD)."
    ),
    auth: str = typer.Option("digest", "--auth", help="digest or basic."),
    timeout: float = typer.Option(PUSH_TIMEOUT, "--timeout", help="Seconds each request may take."),
    update: str | None = typer.Option(
        None,
        "--update",
        help="The same store's SPARQL Update URL (Virtuoso: /sparql-auth, oxigraph: /update): "
        "load every graph under a staging name, then switch them all in one update.",
    ),
    root: Path | None = RootOption,
) -> None:
    """Load the built graph into a remote store, one HTTP PUT per named graph (SPARQL 1.1 GSP).

    Example: oncokg push --endpoint http://localhost:8890/sparql-graph-crud-auth --update http://localhost:8890/sparql-auth --user dba
    """
    from oncokg.store.push import push as run_push

    report = run_push(find_project(root).trig, endpoint, user, password, auth, timeout, update)
    how = ", staged and switched in one update" if report.staged else ""
    typer.echo(f"pushed {report.triples} triples in {len(report.graphs)} named graphs to {endpoint}{how}")
