"""The Typer application and the options every command shares."""

from pathlib import Path
from typing import Optional

import typer

from ..project import Project

app = typer.Typer(
    help="OncoKG: an oncology knowledge graph with provenance. Not medical advice.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

RootOption = typer.Option(
    None, "--root", help="Project root (default: $ONCOKG_ROOT, the working directory or the installed checkout)."
)
TimeoutOption = typer.Option(300.0, "--reasoner-timeout", help="Seconds HermiT may run before it is stopped.")

DISCLAIMER = (
    "OncoKG restates patient-information documents (reviewed 2017-2019) with their sources; "
    "it is not medical advice."
)


def project(root: Optional[Path]) -> Project:
    """The project at --root, or found from the environment."""
    return Project.find(root)
