"""The options several commands share, declared once; their defaults are the library's own constants."""

from pathlib import Path

import typer

from oncokg.errors import OncoKGError
from oncokg.limits import QUERY_TIMEOUT, REASONER_TIMEOUT
from oncokg.project import Project

RootOption = typer.Option(
    None, "--root", help="Project root (default: $ONCOKG_ROOT, the working directory or the installed checkout)."
)
ReasonerTimeoutOption = typer.Option(
    REASONER_TIMEOUT, "--reasoner-timeout", help="Seconds HermiT may run before it is stopped."
)
QueryTimeoutOption = typer.Option(QUERY_TIMEOUT, "--timeout", help="Seconds a query may run before it is stopped.")
StoreOption = typer.Option(
    None, "--store", help="Store selector: oxigraph (the built store, default), oxigraph:PATH or sparql:URL."
)
EndpointOption = typer.Option(None, "--endpoint", help="A SPARQL 1.1 query endpoint URL (same as --store sparql:URL).")
WideOption = typer.Option(
    False, "--wide", help="A table keeps one line per row however wide (else a record per block when it does not fit)."
)


def project(root: Path | None) -> Project:
    """The project at --root, or found from the environment."""
    return Project.find(root)


def store_selector(store: str | None, endpoint: str | None) -> str | None:
    """The one store selector that --store or --endpoint gives (never both)."""
    if store and endpoint:
        raise OncoKGError("give either --store or --endpoint, not both")
    return f"sparql:{endpoint}" if endpoint else store


def check_format(fmt: str, known: tuple[str, ...] | dict) -> None:
    """An unknown --format is a one-line error listing the known ones."""
    if fmt not in known:
        raise OncoKGError(f"unknown format {fmt!r}; known: {', '.join(known)}")
