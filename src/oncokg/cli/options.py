"""The options several commands share, declared once; their defaults are the library's own constants."""

import functools
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from typer._types import TyperChoice  # Typer's Choice (0.2x vendors Click; pinned <0.29 in pyproject)

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


@dataclass(frozen=True)
class Where:
    """The store options of a reading command: where its graph is, and how long a query may run."""

    store: str | None
    endpoint: str | None
    timeout: float
    root: Path | None

    def __post_init__(self) -> None:
        store_selector(self.store, self.endpoint)  # --store with --endpoint is refused before any work

    @property
    def selector(self) -> str | None:
        return store_selector(self.store, self.endpoint)


_WHERE_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation)
    for name, option, annotation in (
        ("store", StoreOption, str | None),
        ("endpoint", EndpointOption, str | None),
        ("timeout", QueryTimeoutOption, float),
        ("root", RootOption, Path | None),
    )
]


def store_options(command: Callable[..., None]) -> Callable[..., None]:
    """Gives a command --store, --endpoint, --timeout and --root, handed to it as one `where: Where`
    (the command declares `where` last, with no default)."""

    @functools.wraps(command)
    def with_where(*args: Any, store: str | None, endpoint: str | None, timeout: float, root: Path | None, **kw: Any):
        return command(*args, where=Where(store, endpoint, timeout, root), **kw)

    own = [p for p in inspect.signature(command).parameters.values() if p.name != "where"]
    with_where.__signature__ = inspect.Signature([*own, *_WHERE_PARAMETERS])  # type: ignore[attr-defined]
    return with_where


class RegistryChoice(TyperChoice):
    """A --format whose choices are the keys of a registry (`FORMATS`), imported only when the choices are
    needed (to check a value or show the help), so that declaring the option costs the command's start nothing."""

    def __init__(self, module: str, name: str = "FORMATS", *extra: str) -> None:
        self._where, self._extra = (module, name), extra
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        module, name = self._where
        return (*getattr(importlib.import_module(module), name), *self._extra)

    @choices.setter
    def choices(self, _: Any) -> None:
        """Click's constructor sets the choices; the registry is their one home."""


def find_project(root: Path | None) -> Project:
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
